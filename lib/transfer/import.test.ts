import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { toCsv } from "./csv";
import { planImport, previewOf } from "./import";
import type { ExportedJob } from "./types";

const TODAY = "2026-03-20";
const csv = (rows: string[][]) => stringify(rows);

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the import to be refused");
}

describe("previewOf", () => {
  it("shows each column with a sample, each job with its rows and history, and which jobs have problems", () => {
    const content = csv([
      ["Company", "Role", "Date applied", "Status", "Status date", "Notes"],
      ["Acme", "Engineer", "2026-03-02", "Interviewing", "2026-03-10", ""],
      ["Globex", "Analyst", "2026-03-32", "", "", `  ${"x".repeat(80)}  `],
      ["Initech", "Tester", "2026-03-04", "Phone screen", "", ""],
    ]);
    const preview = previewOf({ content }, TODAY);
    expect(preview.columns).toEqual([
      { header: "Company", sample: "Acme", field: "company" },
      { header: "Role", sample: "Engineer", field: "role" },
      { header: "Date applied", sample: "2026-03-02", field: "appliedOn" },
      { header: "Status", sample: "Interviewing", field: "status" },
      { header: "Status date", sample: "2026-03-10", field: "statusDate" },
      // The first cell with something in it, trimmed and cut short.
      { header: "Notes", sample: "x".repeat(60), field: "notes" },
    ]);
    expect(preview).toMatchObject({
      rowCount: 3,
      jobCount: 3,
      entryCount: 3,
      problemCount: 1,
      problems: ["Row 3: Date applied '2026-03-32' is not a real date."],
      notices: ["Row 4: Status 'Phone screen' has no status date, so only the application is imported."],
    });
    expect(preview.sample).toEqual([
      { rows: "2", company: "Acme", role: "Engineer", appliedOn: "2026-03-02", history: "Applied 2026-03-02 · Interview 2026-03-10", ok: true },
      { rows: "3", company: "Globex", role: "Analyst", appliedOn: "", history: "", ok: false },
      { rows: "4", company: "Initech", role: "Tester", appliedOn: "2026-03-04", history: "Applied 2026-03-04", ok: true },
    ]);
  });

  it("counts a stage's follow-up as an entry, and shows a job's rows as a range", () => {
    const jobs: ExportedJob[] = [job([applied("2026-03-02", { on: "2026-03-12", channel: "email", note: "", early: false }), stage("heard_back", "2026-03-16")])];
    const preview = previewOf({ content: toCsv(jobs) }, TODAY);
    expect(preview).toMatchObject({ rowCount: 2, jobCount: 1, entryCount: 3 });
    expect(preview.sample[0]).toMatchObject({ rows: "2–3", history: "Applied 2026-03-02, followed up 2026-03-12 · Heard back 2026-03-16" });
  });

  it("shows the first 100 problems and counts them all", () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`Company ${i}`, "Role", "someday"]);
    const preview = previewOf({ content: csv([["Company", "Role", "Date applied"], ...rows]) }, TODAY);
    expect(preview.problemCount).toBe(150);
    expect(preview.problems).toHaveLength(100);
    expect(preview.problems.at(-1)).toBe("Row 101: Date applied 'someday' is not a date Callback can read: write it like 2026-03-31 or 31 March 2026.");
  });

  it("fingerprints the content, whatever the line endings or a byte order mark", () => {
    const content = "Company,Role,Date applied\nAcme,Engineer,2026-03-02\n";
    const { digest } = previewOf({ content }, TODAY);
    expect(digest).toMatch(/^[a-f0-9]{64}$/);
    expect(previewOf({ content: `\uFEFF${content.replace(/\n/g, "\r\n")}` }, TODAY).digest).toBe(digest);
    expect(previewOf({ content: content.replace("Acme", "Acne") }, TODAY).digest).not.toBe(digest);
  });
});

describe("planImport", () => {
  const header = ["Company", "Role", "Date applied"];
  const good = (n: number) => [`Company ${n}`, "Role", "2026-03-02"];
  const bad = (n: number) => [`Company ${n}`, "", "2026-03-02"];

  it.each([
    [[good(1), bad(2)], "Nothing was imported: row 3 has a problem."],
    [[bad(1), good(2), bad(3)], "Nothing was imported: rows 2 and 4 have problems."],
    [[bad(1), bad(2), bad(3)], "Nothing was imported: rows 2, 3 and 4 have problems."],
    [Array.from({ length: 8 }, (_, i) => bad(i)), "Nothing was imported: rows 2, 3, 4, 5, 6 and 3 more have problems."],
  ])("refuses a file with problems, naming the rows: %#", (rows, message) => {
    const error = refusal(() => planImport({ content: csv([header, ...rows]) }, TODAY));
    expect(error.code).toBe("invalid");
    expect(error.message).toBe(message);
    expect(error.fieldErrors.rows).toContain(`Row ${rows.findIndex((r) => r[1] === "") + 2}: Role is required.`);
  });

  it("refuses a mapping without the required columns", () => {
    const error = refusal(() => planImport({ content: csv([header, good(1)]), mapping: ["company", "", "appliedOn"] }, TODAY));
    expect(error.message).toBe("Nothing was imported. Choose which column holds the role.");
    expect(error.fieldErrors).toEqual({ mapping: ["Choose which column holds the role."] });
  });

  it("refuses content other than the file previewed, and takes the same file with other line endings", () => {
    const content = csv([header, good(1)]);
    const { digest } = previewOf({ content }, TODAY);
    expect(refusal(() => planImport({ content: content.replace("Company 1", "Company 2"), digest }, TODAY)).code).toBe("conflict");
    expect(planImport({ content: content.replace(/\n/g, "\r\n"), digest, requestId: "abc-1" }, TODAY)).toMatchObject({ requestId: "abc-1", jobs: [{ company: "Company 1" }] });
  });

  it("refuses a form that is not the import form", () => {
    expect(refusal(() => planImport({ content: 42 }, TODAY)).message).toBe("Choose a CSV file.");
    expect(refusal(() => planImport({ content: "a", dateOrder: "ymd" }, TODAY)).message).toBe("The import form was not filled in as expected: upload the file again.");
  });

  it("Callback's export plans back exactly the jobs it was written from", () => {
    const jobs: ExportedJob[] = [
      {
        ...job([
          // Followed up the day after applying: early, as the rules would have said when it was logged.
          applied("2026-01-05", { on: "2026-01-06", channel: "email", note: "=1+1 sent a note", early: true }),
          { ...stage("interview", "2026-02-02"), time: "09:30", withWhom: "Dana, hiring manager", answerBy: "2026-02-06", note: "Went well" },
          stage("offer", "2026-02-20"),
        ]),
        company: "@Acme",
        sourceUrl: "https://acme.example/jobs/1",
        contactName: "-Jane",
        contactPhone: "+44 20 7946 0000",
        contactEmail: "jane@acme.example",
        notes: 'Two lines\nwith "quotes", and a comma',
        archived: true,
      },
      job([applied("2026-03-02", { on: "2026-03-12", channel: "phone", note: "", early: false })]),
    ];
    const plan = planImport({ content: toCsv(jobs) }, TODAY);
    expect(plan.jobs.map((p) => ({ company: p.company, role: p.role, archived: p.archived, ...p.details }))).toEqual(
      jobs.map((j) => ({
        company: j.company,
        role: j.role,
        archived: j.archived,
        sourceUrl: j.sourceUrl ?? undefined,
        contactName: j.contactName ?? undefined,
        contactPhone: j.contactPhone ?? undefined,
        contactEmail: j.contactEmail ?? undefined,
        notes: j.notes,
      })),
    );
    expect(plan.jobs.map((p) => p.stages.map(({ row: _row, ...s }) => s))).toEqual(jobs.map((j) => j.stages));
  });
});

function job(stages: ExportedJob["stages"]): ExportedJob {
  return { company: "Globex", role: "Analyst", sourceUrl: null, contactName: null, contactPhone: null, contactEmail: null, notes: "", archived: false, createdAt: "2026-01-01T00:00:00.000Z", stages };
}
function stage(kind: ExportedJob["stages"][number]["kind"], on: string): ExportedJob["stages"][number] {
  return { kind, on, time: null, withWhom: null, answerBy: null, channel: null, note: "", followUp: null };
}
function applied(on: string, followUp: ExportedJob["stages"][number]["followUp"]): ExportedJob["stages"][number] {
  return { ...stage("applied", on), followUp };
}
