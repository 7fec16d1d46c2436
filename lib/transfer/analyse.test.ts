import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { analyse, checkMapping, type Analysis } from "./analyse";
import { EXPORT_COLUMNS, IMPORT_FIELDS, type ImportField, type ImportInput } from "./format";

const TODAY = "2026-03-20";
const csv = (rows: string[][]) => stringify(rows);
const read = (content: string, request: Partial<ImportInput> = {}) => analyse(content, { content, requestId: undefined, ...request }, TODAY);
const messages = (a: Analysis) => a.problems.map((p) => `${p.row}: ${p.message}`);
const plan = (a: Analysis) => a.jobs.map((j) => [j.company, j.stages.map((s) => `${s.kind} ${s.on}${s.followUp ? ` +${s.followUp.on}` : ""}`)]);

/** A row of Callback's own export, by field. */
const entry = (cells: Partial<Record<ImportField, string>>) => EXPORT_COLUMNS.map((f) => cells[f] ?? "");
const HISTORY_HEADER = EXPORT_COLUMNS.map((f) => IMPORT_FIELDS[f]);

describe("checkMapping", () => {
  const header = ["A", "", "C", "D"];
  it.each<[(ImportField | "")[], string[]]>([
    [["company", "role", "appliedOn", ""], []],
    [["company", "role", "entry", "entryDate"], []],
    [
      ["company", "company", "appliedOn", ""],
      ["Company is chosen for 2 columns (“A”, column 2): choose it for one.", "Choose which column holds the role."],
    ],
    [["", "", "status", "notes"], ["Choose which column holds the company.", "Choose which column holds the role.", "Choose which column holds the date applied."]],
    [
      ["company", "role", "entry", "appliedOn"],
      ["A file with an Entry column (Callback’s own export) has its dates in Entry date: do not also read Date applied, Status or Status date."],
    ],
    [["company", "role", "appliedOn", "followUpOn"], ["Followed up on only make sense with an Entry column (Callback’s own export)."]],
  ])("%j", (mapping, errors) => {
    expect(checkMapping(mapping, header)).toEqual(errors);
  });
});

describe("analyse: columns and dates", () => {
  it("on the first preview, guesses the columns and suggests the date order a date shows", () => {
    const a = read(csv([["Employer", "Job Title", "Date applied", "Location"], ["Acme", "Engineer", "03/02/2026", "Leeds"], ["Globex", "Analyst", "13/02/2026", ""]]));
    expect(a.mapping).toEqual(["company", "role", "appliedOn", ""]);
    expect(a).toMatchObject({ dateOrder: "dmy", numericDates: true, mappingErrors: [], problems: [] });
    expect(plan(a)).toEqual([
      ["Acme", ["applied 2026-02-03"]],
      ["Globex", ["applied 2026-02-13"]],
    ]);
    // 2026-04-03 is after today: read day/month, the first row is in the future.
    expect(messages(read(csv([["Company", "Role", "Date applied"], ["Acme", "Engineer", "03/04/2026"], ["Globex", "Analyst", "13/02/2026"]])))).toEqual([
      "2: Date applied 2026-04-03 is in the future.",
    ]);
  });

  it("reads numeric dates only in the order the user chose once they have mapped the columns", () => {
    const content = csv([["Company", "Role", "Date applied"], ["Acme", "Engineer", "03/04/2026"], ["Globex", "Analyst", "02/13/2026"]]);
    expect(read(content)).toMatchObject({ dateOrder: "mdy", problems: [] });
    const mapped = read(content, { mapping: ["company", "role", "appliedOn"] });
    expect(mapped.dateOrder).toBe("");
    expect(messages(mapped)).toEqual([
      "2: Date applied '03/04/2026' could be read two ways: choose whether dates like 03/04/2026 are month/day or day/month.",
      "3: Date applied '02/13/2026' could be read two ways: choose whether dates like 03/04/2026 are month/day or day/month.",
    ]);
    const dmy = read(content, { mapping: ["company", "role", "appliedOn"], dateOrder: "dmy" });
    expect(messages(dmy)).toEqual(["2: Date applied 2026-04-03 is in the future.", "3: Date applied '02/13/2026' is not a real date."]);
  });

  it("with ISO dates only, suggests no order and does not ask for one", () => {
    expect(read(csv([["Company", "Role", "Date applied"], ["Acme", "Engineer", "2026-03-02"]]))).toMatchObject({ dateOrder: "", numericDates: false });
  });

  it("reads a semicolon-separated file as Excel writes it in some locales", () => {
    const a = read("Company;Role;Date applied\nAcme;Engineer, Backend;2026-03-02\n");
    expect(a.jobs.map((j) => [j.company, j.role])).toEqual([["Acme", "Engineer, Backend"]]);
  });

  it("stops at mapping problems, before any row is read", () => {
    const a = read(csv([["Company", "Date applied"], ["", "yesterday"]]));
    expect(a.mappingErrors).toEqual(["Choose which column holds the role."]);
    expect(a).toMatchObject({ problems: [], jobs: [] });
  });

  it("refuses a mapping for other columns than the file has", () => {
    const content = csv([["Company", "Role", "Date applied"], ["Acme", "Engineer", "2026-03-02"]]);
    expect(() => read(content, { mapping: ["company", "role"] })).toThrow(AppError);
    expect(() => read(content, { mapping: ["company", "role"] })).toThrow("The file’s columns are not the ones previewed: upload it again.");
  });
});

describe("analyse: a spreadsheet, one row per job", () => {
  it("plans a stage for what each status says happened next", () => {
    const a = read(
      csv([
        ["Company", "Role", "Date applied", "Status", "Status date", "Link", "Contact email"],
        ["Acme", "Engineer", "2026-03-02", "", "", "https://acme.example/jobs/1", "jane@acme.example"],
        ["Globex", "Analyst", "2026-03-03", "Interviewing", "2026-03-25", "", ""],
        ["Initech", "Tester", "2026-03-04", "Not selected", "", "", ""],
        ["Hooli", "Designer", "2026-03-05", "Offer", "2026-03-18", "", ""],
        ["Umbrella", "Lead", "2026-03-06", "Interview", "", "", ""],
      ]),
    );
    expect(a.problems).toEqual([]);
    expect(plan(a)).toEqual([
      ["Acme", ["applied 2026-03-02"]],
      // An interview may be booked ahead; a rejection on no date is on the day applied.
      ["Globex", ["applied 2026-03-03", "interview 2026-03-25"]],
      ["Initech", ["applied 2026-03-04", "rejected 2026-03-04"]],
      ["Hooli", ["applied 2026-03-05", "offer 2026-03-18"]],
      ["Umbrella", ["applied 2026-03-06"]],
    ]);
    expect(a.notices).toEqual([{ row: 6, message: "Status 'Interview' has no status date, so only the application is imported." }]);
    expect(a.jobs[0]).toMatchObject({
      rows: [2],
      archived: false,
      details: { sourceUrl: "https://acme.example/jobs/1", contactEmail: "jane@acme.example", notes: "" },
    });
  });

  it("names every problem once, by its row, in row order", () => {
    const a = read(
      csv([
        ["Company", "Role", "Date applied", "Status", "Status date", "Link", "Extra"],
        ["Acme", "Engineer", "2026-03-25", "", "", "", ""],
        ["Globex", "Analyst", "2026-03-03", "Rejected", "2026-03-01", "", ""],
        ["Initech", "Tester", "2026-03-04", "Offer", "2026-03-22", "ftp://x", "surplus", "beyond the header"],
        ["", "Designer", "2026-03-05", "Wishlist", "", "", ""],
        ["Hooli", "Lead", "", "Maybe", "", "", ""],
      ]),
      { mapping: ["company", "role", "appliedOn", "status", "statusDate", "sourceUrl", ""] },
    );
    expect(messages(a)).toEqual([
      "2: Date applied 2026-03-25 is in the future.",
      "3: Status date 2026-03-01 is before the date applied (2026-03-03).",
      "4: This row has more cells than the header row has columns.",
      "4: Link: Enter a full web address starting with https://",
      "4: Status date 2026-03-22 is in the future.",
      "5: Company is required.",
      "5: Status 'Wishlist' means you have not applied yet: leave the row out, or read the Status column as “Don’t import”.",
      "6: Date applied is required.",
    ]);
    // The job with a bad column is still planned, without its details, so the preview can show it.
    expect(a.jobs.find((j) => j.company === "Initech")).toMatchObject({ details: null });
  });
});

describe("analyse: Callback's own export, one row per entry", () => {
  it("groups the rows by job number and puts each follow-up on the stage it follows up", () => {
    const a = read(
      csv([
        HISTORY_HEADER,
        entry({ job: "1", company: "Acme", role: "Engineer", archived: "yes", entry: "Applied", entryDate: "2026-03-02", followUpOn: "2026-03-03", followUpChannel: "email" }),
        entry({ job: "1", entry: "Interview", entryDate: "2026-03-10", time: "14:30", withWhom: "Dana", answerBy: "2026-03-12" }),
        // A follow-up row of its own goes to the latest application or interview before it.
        entry({ job: "1", entry: "follow_up", entryDate: "2026-03-16", entryNote: "Chased Dana" }),
        entry({ job: "2", company: "Globex", role: "Analyst", entry: "Applied", entryDate: "2026-01-05", followUpOn: "2026-02-16", followUpNote: "Called" }),
        entry({ job: "2", company: "Globex", entry: "Rejected", entryDate: "2026-02-20" }),
      ]),
    );
    expect(a.problems).toEqual([]);
    expect(a.jobs.map((j) => [j.company, j.rows, j.archived])).toEqual([
      ["Acme", [2, 3, 4], true],
      ["Globex", [5, 6], false],
    ]);
    expect(plan(a)).toEqual([
      ["Acme", ["applied 2026-03-02 +2026-03-03", "interview 2026-03-10 +2026-03-16"]],
      ["Globex", ["applied 2026-01-05 +2026-02-16", "rejected 2026-02-20"]],
    ]);
    const [acme, globex] = a.jobs;
    expect(acme!.stages[0]!.followUp).toEqual({ on: "2026-03-03", channel: "email", note: "", early: true });
    expect(acme!.stages[1]).toMatchObject({ time: "14:30", withWhom: "Dana", answerBy: "2026-03-12" });
    expect(acme!.stages[1]!.followUp).toMatchObject({ on: "2026-03-16", channel: "phone", note: "Chased Dana" });
    expect(globex!.stages[0]!.followUp).toEqual({ on: "2026-02-16", channel: "phone", note: "Called", early: false });
  });

  it("refuses a history Callback would never have written", () => {
    const a = read(
      csv([
        HISTORY_HEADER,
        entry({ job: "1", company: "Acme", role: "Engineer", entry: "Applied", entryDate: "2026-03-02" }),
        entry({ job: "1", company: "Acme Ltd", entry: "Applied", entryDate: "2026-03-04" }),
        entry({ job: "1", entry: "Offer", entryDate: "2026-03-01", followUpOn: "2026-03-05" }),
        entry({ job: "2", company: "Globex", role: "Analyst", entry: "Phone call", entryDate: "2026-03-02", followUpChannel: "fax" }),
        entry({ job: "3", company: "Initech", role: "Tester", entry: "Follow-up", entryDate: "2026-03-01" }),
        entry({ job: "3", entry: "Applied", entryDate: "2026-03-02", followUpOn: "2026-03-03" }),
        entry({ job: "3", entry: "Follow-up", entryDate: "2026-03-04" }),
      ]),
    );
    expect(messages(a)).toEqual([
      "3: Company differs from row 2, where job number 1 starts.",
      "3: Job number 1 already has an Applied entry (row 2).",
      "4: Only an application or an interview can have a follow-up.",
      "4: Offer on 2026-03-01 is before the date applied (2026-03-02).",
      "5: Entry 'Phone call' is not one of Applied, Interview, Follow-up, Heard back, Offer, Rejected, Withdrawn.",
      "5: Follow-up by 'fax' should be phone or email.",
      "6: This follow-up on 2026-03-01 comes before the application or interview it would follow up.",
      // Sic: the label lower-cased ("applied"), as the importer has always written it.
      "8: The applied of 2026-03-02 already has its one follow-up.",
    ]);
  });

  it("an answer-by date where the rules allow none is a problem with its row, also on a stage with a follow-up", () => {
    const a = read(
      csv([
        HISTORY_HEADER,
        entry({ job: "1", company: "Acme", role: "Engineer", entry: "Applied", entryDate: "2026-03-02", answerBy: "2026-03-09", followUpOn: "2026-03-12" }),
        entry({ job: "1", entry: "Interview", entryDate: "2026-03-13", answerBy: "2026-03-11", followUpOn: "2026-03-16" }),
      ]),
    );
    expect(messages(a)).toEqual(["2: Only an interview has an answer-by date.", "3: Answer by 2026-03-11 is before the interview (2026-03-13)."]);
  });

  it("a job whose rows all read but none is Applied is refused on its first row", () => {
    const a = read(csv([HISTORY_HEADER, entry({ job: "1", company: "Acme", role: "Engineer", entry: "Interview", entryDate: "2026-03-02" })]));
    expect(messages(a)).toEqual(["2: Job number 1 has no Applied entry: every job starts with one."]);
  });

  it("rows without a job number are a job each", () => {
    const a = read(
      csv([
        HISTORY_HEADER,
        entry({ company: "Acme", role: "Engineer", entry: "Applied", entryDate: "2026-03-02" }),
        entry({ company: "Globex", role: "Analyst", entry: "Applied", entryDate: "2026-03-03" }),
      ]),
    );
    expect(a.jobs.map((j) => j.rows)).toEqual([[2], [3]]);
  });
});
