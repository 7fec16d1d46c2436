import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { delimiterOf, readCsv, toCsv } from "./csv";
import { EXPORT_COLUMNS, IMPORT_FIELDS } from "./format";
import type { ExportedJob } from "./types";

/** The AppError `run` throws, with the message shown beside the file field. */
function fileError(run: () => unknown): { message: string; file: string[] | undefined } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { message: (error as AppError).message, file: (error as AppError).fieldErrors.file };
  }
  throw new Error("expected a problem with the file");
}

describe("delimiterOf", () => {
  it.each([
    ["Company,Role,Date applied\nAcme,Engineer,2026-03-02\n", ","],
    ["Company;Role;Date applied\nAcme;Engineer;2026-03-02\n", ";"],
    ["Company\tRole\tDate applied\nAcme\tEngineer\t2026-03-02\n", "\t"],
    // Commas inside a quoted header cell do not make it comma-separated.
    ['"Company, Inc.";Role;Date applied\n', ";"],
    ["Company\n", ","],
  ])("%j is split by %j", (content, delimiter) => {
    expect(delimiterOf(content)).toBe(delimiter);
  });
});

describe("readCsv", () => {
  it("numbers rows as a spreadsheet does, skipping blank ones, and trims the header", () => {
    const { header, rows } = readCsv(" Company ;Role\nAcme;Engineer\n\n;\nGlobex;Analyst\n");
    expect(header).toEqual(["Company", "Role"]);
    expect(rows).toEqual([
      { row: 2, cells: ["Acme", "Engineer"] },
      { row: 5, cells: ["Globex", "Analyst"] },
    ]);
  });

  it("takes one apostrophe off a cell the export neutralised, and keeps quoted line breaks", () => {
    const { rows } = readCsv("Company,Notes\n'=HYPERLINK(1),\"Two lines\nof notes\"\n");
    expect(rows[0]!.cells).toEqual(["=HYPERLINK(1)", "Two lines\nof notes"]);
  });

  it.each([
    ["\n\n", "The file is empty: its first row should name the columns (Company, Role, Date applied…)."],
    ["Company,Role\n,\n\n", "The file has a header row but no rows below it."],
    ['Company,Role\nAcme,"Engineer\n', "This file is not valid CSV: a quoted cell is never closed (near line 2)."],
    [`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(",")}\n`, "The file has 101 columns; Callback reads at most 100."],
    [`Company\n${"Acme\n".repeat(5001)}`, "The file has 5,001 rows; Callback imports at most 5,000 at a time: split it into smaller files."],
    // Mostly blank lines count too: they would grow past the body cap once sent back with CRLF.
    [`Company\nAcme\n${"\n".repeat(10_000)}`, "The file has 10,001 rows; Callback imports at most 5,000 at a time: split it into smaller files."],
  ])("refuses %#", (content, message) => {
    expect(fileError(() => readCsv(content))).toEqual({ message, file: [message] });
  });
});

describe("toCsv", () => {
  const job = (over: Partial<ExportedJob>): ExportedJob => ({
    company: "Acme",
    role: "Engineer",
    sourceUrl: null,
    contactName: null,
    contactPhone: null,
    contactEmail: null,
    notes: "",
    archived: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    stages: [],
    ...over,
  });
  const entry = { time: null, withWhom: null, answerBy: null, channel: null, note: "", followUp: null } as const;

  it("writes one row per entry under the importer's headers, the follow-up on its stage's row, formulas neutralised", () => {
    const body = toCsv([
      job({
        company: "=cmd()",
        archived: true,
        stages: [
          { ...entry, kind: "applied", on: "2026-03-02", followUp: { on: "2026-03-10", channel: "email", note: "+1 nudge", early: false } },
          { ...entry, kind: "interview", on: "2026-03-12", time: "14:30" },
        ],
      }),
      job({ company: "Globex", stages: [{ ...entry, kind: "rejected", on: "2026-03-05" }] }),
    ]);
    expect(body.startsWith("\uFEFF")).toBe(true);
    const { header, rows } = readCsv(body.slice(1));
    expect(header).toEqual(EXPORT_COLUMNS.map((f) => IMPORT_FIELDS[f]));
    const at = (r: number, f: (typeof EXPORT_COLUMNS)[number]) => rows[r]!.cells[EXPORT_COLUMNS.indexOf(f)];
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect([at(0, "job"), at(1, "job"), at(2, "job")]).toEqual(["1", "1", "2"]);
    expect([at(0, "entry"), at(1, "entry"), at(2, "entry")]).toEqual(["Applied", "Interview", "Rejected"]);
    expect([at(0, "followUpOn"), at(0, "followUpChannel"), at(0, "followUpNote")]).toEqual(["2026-03-10", "email", "+1 nudge"]);
    expect([at(1, "followUpOn"), at(1, "time")]).toEqual(["", "14:30"]);
    expect([at(0, "company"), at(0, "archived"), at(2, "archived")]).toEqual(["=cmd()", "yes", ""]);
    // As a spreadsheet would see it: the formula is text behind an apostrophe.
    expect(body).toContain(`"'=cmd()"`);
    expect(body).toContain(`"'+1 nudge"`);
  });

  it("writes only the header for a user without jobs", () => {
    expect(toCsv([]).trim().split("\n")).toHaveLength(1);
  });
});
