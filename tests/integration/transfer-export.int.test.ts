import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/export/route";
import { addStage, archiveJob, createJob, logFollowUp } from "@/lib/data/jobs";
import { exportJobs, importJobs, previewImport } from "@/lib/data/transfer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/followup/dates";
import { EXPORT_COLUMNS, IMPORT_FIELDS, type ExportedJob } from "@/lib/transfer";
import { newUser, signInAs, signOut } from "./helpers";

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

/** GET /api/export as Next calls it. */
async function download(format?: string) {
  const res = await GET(new Request(`http://app.test/api/export${format === undefined ? "" : `?format=${format}`}`));
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const csvRows = (body: string) => parse(body, { bom: true }) as string[][];
const withoutCreatedAt = (jobs: ExportedJob[]) => jobs.map(({ createdAt: _createdAt, ...job }) => job);
const jsonJobs = async () => (JSON.parse((await exportJobs("json")).body) as { jobs: ExportedJob[] }).jobs;
const plans = (userId: string) =>
  db.job.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { planVersion: true, planPhase: true, planStageOn: true, planOpensOn: true, planLastOn: true, archivedAt: true },
  });

// Text a spreadsheet would run as a formula, in every kind of cell it can reach.
const FORMULAS = {
  company: '=HYPERLINK("http://evil.example","Click me")',
  role: "@SUM(A1:A9)",
  contactName: "-Jane",
  contactPhone: "+44 20 7946 0000",
  followUpNote: "=1+1 emailed the recruiter",
};

/** A user with every kind of entry: follow-ups on time and early, an interview, an answer, a rejection, an archived job. */
async function ownerWithHistory() {
  const today = todayIn();
  const owner = await newUser({ name: "Exporter" });
  await signInAs(owner);
  const rich = await createJob({
    company: FORMULAS.company,
    role: FORMULAS.role,
    appliedOn: addDays(today, -40),
    sourceUrl: "https://acme.example/jobs/1",
    contactName: FORMULAS.contactName,
    contactPhone: FORMULAS.contactPhone,
    contactEmail: "jane@acme.example",
    notes: 'Line one\nLine two, with "quotes"; and a comma',
  });
  await logFollowUp({ jobId: rich.id, on: addDays(today, -30), channel: "email", note: FORMULAS.followUpNote });
  await addStage({ jobId: rich.id, kind: "interview", on: addDays(today, -20), time: "14:30", withWhom: "Dana, hiring manager", answerBy: addDays(today, -15), note: "Went well" });
  await logFollowUp({ jobId: rich.id, on: addDays(today, -16), note: "A day early" });
  await addStage({ jobId: rich.id, kind: "heard_back", on: addDays(today, -10), note: "Second round next week" });
  const rejected = await createJob({ company: "Globex", role: "Analyst", appliedOn: addDays(today, -12) });
  await addStage({ jobId: rejected.id, kind: "rejected", on: addDays(today, -5) });
  const archived = await createJob({ company: "Initech", role: "Designer", appliedOn: addDays(today, -3) });
  await archiveJob({ jobId: archived.id });
  await createJob({ company: "Umbrella", role: "Tester", appliedOn: today });
  return owner;
}

describe("export", () => {
  it("CSV and JSON downloads: attachment, never cached, the user's jobs with their history", async () => {
    await ownerWithHistory();
    const today = todayIn();

    const csv = await download("csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="callback-jobs-${today}.csv"`);
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = csvRows(csv.body);
    expect(header).toEqual(EXPORT_COLUMNS.map((f) => IMPORT_FIELDS[f]));
    const column = (name: string) => header!.indexOf(name);
    // One row per entry; follow-ups on the row of the stage they spent.
    expect(rows.map((r) => [r[column("Job number")], r[column("Entry")], r[column("Entry date")], r[column("Followed up on")]])).toEqual([
      ["1", "Applied", addDays(today, -40), addDays(today, -30)],
      ["1", "Interview", addDays(today, -20), addDays(today, -16)],
      ["1", "Heard back", addDays(today, -10), ""],
      ["2", "Applied", addDays(today, -12), ""],
      ["2", "Rejected", addDays(today, -5), ""],
      ["3", "Applied", addDays(today, -3), ""],
      ["4", "Applied", today, ""],
    ]);
    expect(rows[2]![column("Archived")]).toBe("");
    expect(rows[5]![column("Archived")]).toBe("yes");
    expect(rows[1]![column("Answer by")]).toBe(addDays(today, -15));

    const json = await download("json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("content-disposition")).toBe(`attachment; filename="callback-jobs-${today}.json"`);
    expect(json.headers.get("cache-control")).toBe("no-store");
    const data = JSON.parse(json.body) as { format: string; version: number; exportedAt: string; jobs: ExportedJob[] };
    expect(data).toMatchObject({ format: "callback-jobs", version: 1 });
    expect(Date.parse(data.exportedAt)).not.toBeNaN();
    expect(data.jobs).toHaveLength(4);
    expect(data.jobs[0]!.stages).toEqual([
      { kind: "applied", on: addDays(today, -40), time: null, withWhom: null, answerBy: null, channel: null, note: "", followUp: { on: addDays(today, -30), channel: "email", note: FORMULAS.followUpNote, early: false } },
      { kind: "interview", on: addDays(today, -20), time: "14:30", withWhom: "Dana, hiring manager", answerBy: addDays(today, -15), channel: null, note: "Went well", followUp: { on: addDays(today, -16), channel: "phone", note: "A day early", early: true } },
      { kind: "heard_back", on: addDays(today, -10), time: null, withWhom: null, answerBy: null, channel: null, note: "Second round next week", followUp: null },
    ]);
    expect(data.jobs.map((j) => [j.company, j.archived])).toEqual([[FORMULAS.company, false], ["Globex", false], ["Initech", true], ["Umbrella", false]]);
    expect(await download()).toMatchObject({ status: 200, body: csv.body });
  });

  it("CSV cells a spreadsheet would run as formulas get a leading apostrophe (OWASP CSV injection)", async () => {
    await ownerWithHistory();
    const [header, ...rows] = csvRows((await download("csv")).body);
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c)), "no cell starts a formula").toEqual([]);
    const first = rows[0]!;
    const at = (field: keyof typeof FORMULAS) => first[header!.indexOf(IMPORT_FIELDS[field])];
    for (const field of Object.keys(FORMULAS) as (keyof typeof FORMULAS)[]) expect(at(field)).toBe(`'${FORMULAS[field]}`);
    expect(first[header!.indexOf("Notes")]).toBe('Line one\nLine two, with "quotes"; and a comma');
  });

  it("export then import round-trips the jobs for another user: company, role, dates, stages, follow-ups, plans", async () => {
    const owner = await ownerWithHistory();
    const exported = await jsonJobs();
    const csv = (await exportJobs("csv")).body;

    const other = await newUser({ name: "Importer" });
    await signInAs(other);
    const preview = await previewImport({ content: csv });
    expect(preview.columns.map((c) => c.field)).toEqual(EXPORT_COLUMNS);
    expect(preview).toMatchObject({ problems: [], mappingErrors: [], jobCount: 4, rowCount: 7, entryCount: 9 });
    expect(await importJobs({ content: csv, digest: preview.digest })).toEqual({ imported: 4 });

    expect(withoutCreatedAt(await jsonJobs())).toEqual(withoutCreatedAt(exported));
    const [mine, theirs] = await Promise.all([plans(other.id), plans(owner.id)]);
    expect(mine.map(({ archivedAt, ...plan }) => ({ ...plan, archived: archivedAt !== null }))).toEqual(
      theirs.map(({ archivedAt, ...plan }) => ({ ...plan, archived: archivedAt !== null })),
    );
    // And again: the re-export imports back to the same thing.
    expect((await exportJobs("csv")).body).toBe(csv);
  });

  it("another user's jobs are never exported", async () => {
    const owner = await ownerWithHistory();
    const ownerJobs = await db.job.findMany({ where: { userId: owner.id }, select: { company: true } });
    const intruder = await newUser({ name: "Someone else" });
    await signInAs(intruder);
    await createJob({ company: "Intruder Inc", role: "Own role", appliedOn: addDays(todayIn(), -2) });

    for (const format of ["csv", "json"]) {
      const { status, body } = await download(format);
      expect(status).toBe(200);
      expect(body).toContain("Intruder Inc");
      for (const { company } of ownerJobs) expect(body).not.toContain(format === "csv" ? company.replaceAll('"', '""') : JSON.stringify(company).slice(1, -1));
      expect(body).not.toContain("Globex");
    }
    const [, ...rows] = csvRows((await download("csv")).body);
    expect(rows).toHaveLength(1);
  });

  it("an anonymous visitor gets 401 and no data; an unknown format is 400", async () => {
    await ownerWithHistory();
    signOut();
    for (const format of ["csv", "json"]) {
      const res = await download(format);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-disposition")).toBeNull();
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: "unauthenticated", message: "Please sign in again." });
    }
    const error = await exportJobs("csv").then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unauthenticated");

    const owner = await newUser();
    await signInAs(owner);
    expect((await download("xlsx")).status).toBe(400);
  });
});
