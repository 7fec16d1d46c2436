import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importAction } from "@/app/(app)/transfer/actions";
import { initialState } from "@/app/_lib/action-state";
import { importJobs, previewImport } from "@/lib/data/transfer";
import { listTimeline } from "@/lib/data/timeline";
import { db, sqlQueries } from "@/lib/db";
import { addDays } from "@/lib/followup/dates";
import { RULES_VERSION } from "@/lib/followup/snapshot";
import { newUser, refusal, signInAs, signOut } from "./helpers";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures", name), "utf8");
const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

async function signedIn(timeZone = "Europe/London") {
  const user = await newUser({ timeZone });
  await signInAs(user);
  return user;
}

/** Everything a user owns, as stored, in a stable order. */
const stored = (userId: string) =>
  db.job.findMany({ where: { userId }, include: { stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] } }, orderBy: { createdAt: "asc" } });

const kinds = (job: { stages: { kind: string; on: Date }[] }) => job.stages.map((s) => `${s.kind} ${s.on.toISOString().slice(0, 10)}`);

afterEach(() => vi.restoreAllMocks());

describe("importing a spreadsheet", () => {
  it("a 500-row file imports in one transaction: 500 jobs, their stages, and plans the timeline places", async () => {
    const user = await signedIn();
    const today = todayIn();
    const statuses = ["Applied", "Rejected", "Interviewing", "Offer", "Withdrawn"];
    const rows = Array.from({ length: 500 }, (_, i) => {
      const applied = addDays(today, -60 - (i % 200));
      return [`Company ${i}`, `Role ${i}`, applied, statuses[i % 5]!, i % 5 === 2 ? addDays(applied, 10) : "", `https://example.com/jobs/${i}`];
    });
    const content = stringify([["Company", "Title", "Date applied", "Status", "Status date", "URL"], ...rows]);

    const preview = await previewImport({ content });
    expect(preview).toMatchObject({ rowCount: 500, jobCount: 500, problemCount: 0, mappingErrors: [] });
    expect(preview.columns.map((c) => c.field)).toEqual(["company", "role", "appliedOn", "status", "statusDate", "sourceUrl"]);
    expect(await db.job.count({ where: { userId: user.id } }), "the preview writes nothing").toBe(0);

    const before = sqlQueries.count;
    expect(await importJobs({ content, digest: preview.digest })).toEqual({ imported: 500 });
    // A few createMany statements in one transaction, then the plans in two queries: the count
    // of SQL statements does not grow with the rows, and every stage has the same inserting
    // transaction id (xmin).
    expect(sqlQueries.count - before).toBeLessThan(15);
    const [{ transactions }] = await db.$queryRaw<[{ transactions: number }]>`
      SELECT count(DISTINCT s.xmin::text)::int AS transactions FROM "Stage" s JOIN "Job" j ON j.id = s."jobId" WHERE j."userId" = ${user.id}`;
    expect(transactions).toBe(1);

    const jobs = await stored(user.id);
    expect(jobs).toHaveLength(500);
    const byCompany = new Map(jobs.map((j) => [j.company, j]));
    for (const i of [0, 1, 2, 3, 4, 499]) {
      const [company, role, applied, , statusOn, url] = rows[i]!;
      const job = byCompany.get(company!)!;
      expect(job).toMatchObject({ role, sourceUrl: url, archivedAt: null, planVersion: RULES_VERSION });
      const expected = {
        0: [`applied ${applied}`],
        1: [`applied ${applied}`, `rejected ${applied}`],
        2: [`applied ${applied}`, `interview ${statusOn}`],
        3: [`applied ${applied}`, `offer ${applied}`],
        4: [`applied ${applied}`, `withdrawn ${applied}`],
      }[i % 5];
      expect(kinds(job)).toEqual(expected);
    }
    expect(jobs.every((j) => j.planVersion === RULES_VERSION && j.planPhase !== null)).toBe(true);
    expect(jobs.filter((j) => j.planPhase === "closed")).toHaveLength(300);

    const timeline = await listTimeline();
    expect(timeline.total).toBe(500);
    expect(timeline.counts.closed).toBe(300);
    expect(timeline.counts.due).toBe(200);
  });

  it("a file with one bad row imports nothing, and the error names the row", async () => {
    const user = await signedIn();
    const content = fixture("bad-row.csv");

    const preview = await previewImport({ content });
    expect(preview.problems).toEqual(["Row 7: Date applied '2026-13-40' is not a real date."]);
    expect(preview.sample.map((s) => s.ok)).toEqual([true, true, true, true, true, false, true]);

    const error = await refusal(importJobs({ content, digest: preview.digest }));
    expect(error.code).toBe("invalid");
    expect(error.message).toBe("Nothing was imported: row 7 has a problem.");
    expect(error.fieldErrors.rows).toEqual(["Row 7: Date applied '2026-13-40' is not a real date."]);
    expect(await db.job.count({ where: { userId: user.id } })).toBe(0);
  });

  it("every problem is named by its spreadsheet row, and none of the good rows are written", async () => {
    const user = await signedIn();
    const today = todayIn();
    const content = stringify([
      ["Company", "Role", "Date applied", "Status", "Link"],
      ["Acme", "Engineer", addDays(today, -10), "Applied", ""],
      ["", "Analyst", addDays(today, -10), "", ""],
      [],
      ["Globex", "Designer", addDays(today, 3), "", ""],
      ["Initech", "Tester", addDays(today, -10), "Wishlist", ""],
      ["Hooli", "Manager", addDays(today, -10), "Maybe", ""],
      ["Soylent", "Chemist", "03/04/2025", "", "not a link"],
      ["Umbrella", "Lead", addDays(today, -10), "Rejected", ""],
    ]);
    const error = await refusal(importJobs({ content }));
    // The blank line is row 4: rows are numbered as the spreadsheet numbers them.
    expect(error.message).toBe("Nothing was imported: rows 3, 5, 6, 7 and 8 have problems.");
    expect(error.fieldErrors.rows).toEqual([
      "Row 3: Company is required.",
      `Row 5: Date applied ${addDays(today, 3)} is in the future.`,
      "Row 6: Status 'Wishlist' means you have not applied yet: leave the row out, or read the Status column as “Don’t import”.",
      "Row 7: Status 'Maybe' is not one Callback knows: change it to one listed on this page, or read the Status column as “Don’t import”.",
      "Row 8: Link: Enter a full web address starting with https://",
      "Row 8: Date applied '03/04/2025' could be read two ways: choose whether dates like 03/04/2026 are month/day or day/month.",
    ]);
    expect(await db.job.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a file that is too long, not CSV, or empty is refused as a whole, before any row is read", async () => {
    const user = await signedIn();
    const row = ["Acme", "Engineer", "2025-03-03"];
    const cases: [string, string][] = [
      [stringify([["Company", "Role", "Date applied"], ...Array.from({ length: 5001 }, () => row)]), "The file has 5,001 rows; Callback imports at most 5,000 at a time: split it into smaller files."],
      ['Company,Role,Date applied\nAcme,"Engineer,2025-03-03\n', "This file is not valid CSV: a quoted cell is never closed (near line 2)."],
      ["\n\n", "The file is empty: its first row should name the columns (Company, Role, Date applied…)."],
      ["Company,Role,Date applied\n,,\n", "The file has a header row but no rows below it."],
    ];
    for (const [content, message] of cases) {
      for (const attempt of [previewImport, importJobs]) {
        const error = await refusal(attempt({ content }));
        expect(error.message).toBe(message);
        expect(error.fieldErrors.file).toEqual([message]);
      }
    }
    expect(await db.job.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a failure inside the transaction rolls back the jobs already inserted", async () => {
    const user = await signedIn();
    const createMany = db.stage.createMany.bind(db.stage);
    // The stages' insert fails in the database (a job that does not exist), after the jobs' insert ran.
    vi.spyOn(db.stage, "createMany").mockImplementationOnce(() =>
      createMany({ data: [{ jobId: "no-such-job", kind: "applied", on: new Date("2025-01-01T00:00:00Z") }] }),
    );
    await expect(importJobs({ content: fixture("spreadsheet.csv") })).rejects.toThrow();
    expect(await db.job.count({ where: { userId: user.id } })).toBe(0);
  });

  it("reads a generic spreadsheet: columns, quoted and multi-line cells, statuses", async () => {
    const user = await signedIn();
    const content = fixture("spreadsheet.csv");
    const preview = await previewImport({ content });
    expect(preview.columns.map((c) => [c.header, c.field])).toEqual([
      ["Company", "company"],
      ["Position", "role"],
      ["Applied on", "appliedOn"],
      ["Status", "status"],
      ["Link", "sourceUrl"],
      ["Contact", "contactName"],
      ["Notes", "notes"],
    ]);
    expect(preview.notices).toEqual(["Row 4: Status 'Interviewing' has no status date, so only the application is imported."]);
    expect(await importJobs({ content, digest: preview.digest })).toEqual({ imported: 4 });

    const jobs = await stored(user.id);
    expect(jobs.map((j) => [j.company, j.role, kinds(j)])).toEqual([
      ["Acme Robotics", "Product Designer", ["applied 2025-03-03"]],
      ["Globex", "Frontend Engineer", ["applied 2025-03-10", "rejected 2025-03-10"]],
      ["Initech", "Data Analyst", ["applied 2025-04-01"]],
      ["Umbrella", "QA Lead", ["applied 2025-04-15"]],
    ]);
    expect(jobs[0]).toMatchObject({
      sourceUrl: "https://jobs.example.com/acme/123",
      contactName: "Jane Doe",
      notes: 'Referred by Sam; ask about the team, and "hybrid" days',
    });
    expect(jobs[2]!.notes).toBe("Two lines\nof notes");
  });

  it("reads a tracker's export (Company, Job Title, Date Applied, Status): statuses and status dates become stages", async () => {
    const user = await signedIn();
    const content = fixture("tracker.csv");
    const preview = await previewImport({ content });
    expect(preview.columns.map((c) => c.field)).toEqual(["company", "role", "appliedOn", "status", "statusDate", "", "sourceUrl"]);
    expect(preview.problems).toEqual([]);
    await importJobs({ content, digest: preview.digest });
    const jobs = await stored(user.id);
    expect(jobs.map((j) => [j.company, kinds(j)])).toEqual([
      ["Hooli", ["applied 2025-03-03", "interview 2025-03-20"]],
      ["Pied Piper", ["applied 2025-03-04", "offer 2025-04-02"]],
      ["Vandelay Industries", ["applied 2025-02-14", "withdrawn 2025-02-14"]],
      ["Soylent", ["applied 2025-01-20", "rejected 2025-02-01"]],
      ["Massive Dynamic", ["applied 2025-05-05"]],
    ]);
  });

  it("dates like 03/04/2025 are refused until the user says how to read them, then read that way", async () => {
    const user = await signedIn();
    const content = fixture("slashed-dates.csv");
    const preview = await previewImport({ content });
    expect(preview).toMatchObject({ numericDates: true, dateOrder: "", problemCount: 2 });
    const mapping = preview.columns.map((c) => c.field);

    const again = await previewImport({ content, mapping, dateOrder: "dmy" });
    expect(again.problemCount).toBe(0);
    expect(again.sample.map((s) => s.appliedOn)).toEqual(["2025-04-03", "2025-06-05"]);
    await importJobs({ content, mapping, dateOrder: "dmy", digest: again.digest });
    expect((await stored(user.id)).map(kinds)).toEqual([["applied 2025-04-03"], ["applied 2025-06-05"]]);
  });

  it("the user's mapping is used, and a mapping without the required columns is refused", async () => {
    const user = await signedIn();
    const content = stringify([
      ["Employer", "What", "When", "Comments"],
      ["Acme", "Engineer", "2025-03-03", "Found on a forum"],
    ]);
    const guessed = await previewImport({ content });
    expect(guessed.columns.map((c) => c.field)).toEqual(["company", "", "", "notes"]);
    expect(guessed.mappingErrors).toEqual(["Choose which column holds the role.", "Choose which column holds the date applied."]);

    const twice = await refusal(importJobs({ content, mapping: ["company", "company", "appliedOn", ""] }));
    expect(twice.message).toContain("Company is chosen for 2 columns (“Employer”, “What”)");

    await importJobs({ content, mapping: ["company", "role", "appliedOn", ""] });
    const [job] = await stored(user.id);
    expect(job).toMatchObject({ company: "Acme", role: "Engineer", notes: "" });
  });

  it("the import refuses content other than the previewed file, and a replayed import writes nothing more", async () => {
    const user = await signedIn();
    const content = fixture("spreadsheet.csv");
    const preview = await previewImport({ content });

    const changed = await refusal(importJobs({ content: content.replace("Globex", "Globex Corp"), digest: preview.digest }));
    expect(changed.code).toBe("conflict");
    expect(await db.job.count({ where: { userId: user.id } })).toBe(0);

    // CRLF line endings (as a browser sends a form) are the same file.
    const input = { content: content.replace(/\n/g, "\r\n"), digest: preview.digest, requestId: "import-replay-1" };
    expect(await importJobs(input)).toEqual({ imported: 4 });
    expect(await importJobs(input)).toEqual({ imported: 4 });
    expect(await db.job.count({ where: { userId: user.id } })).toBe(4);
  });

  it("through the server action: the uploaded file is previewed, then the page's copy of it is imported", async () => {
    const user = await signedIn();
    const upload = new FormData();
    upload.set("file", new File([fixture("tracker.csv")], "tracker.csv", { type: "text/csv" }));
    const previewed = await importAction(initialState, upload);
    expect(previewed.ok).toBe(true);
    const preview = previewed.preview!;
    expect(preview.jobCount).toBe(5);

    const confirm = new FormData();
    confirm.set("step", "import");
    confirm.set("content", fixture("tracker.csv"));
    confirm.set("digest", preview.digest);
    confirm.set("requestId", "action-import-1");
    preview.columns.forEach((c, i) => confirm.set(`column-${i}`, c.field));
    confirm.set("dateOrder", preview.dateOrder);
    expect(await importAction(previewed, confirm)).toMatchObject({ ok: true, message: "Imported 5 jobs." });
    expect(await db.job.count({ where: { userId: user.id } })).toBe(5);

    const latin1 = new FormData();
    latin1.set("file", new File([Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a])], "latin1.csv"));
    const refused = await importAction(initialState, latin1);
    expect(refused).toMatchObject({ ok: false, fieldErrors: { file: [expect.stringMatching(/not UTF-8/)] } });
  });

  it("an anonymous visitor can neither preview nor import", async () => {
    signOut();
    const content = fixture("spreadsheet.csv");
    expect((await refusal(previewImport({ content }))).code).toBe("unauthenticated");
    expect((await refusal(importJobs({ content }))).code).toBe("unauthenticated");
    const form = new FormData();
    form.set("content", content);
    form.set("step", "import");
    expect(await importAction(initialState, form)).toMatchObject({ ok: false, message: "Please sign in again." });
  });
});
