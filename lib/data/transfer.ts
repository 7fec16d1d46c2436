import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import type { z } from "zod";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canLogFollowUp, type StageKind } from "@/lib/followup";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/validation/fields";
import {
  ENTRY_LABELS,
  EXPORT_COLUMNS,
  HISTORY_FIELDS,
  IMPORT_FIELDS,
  ImportInput,
  JOB_FIELDS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  SHEET_FIELDS,
  dateOrderOf,
  dateProblem,
  detectMapping,
  hasNumericDate,
  neutraliseCell,
  readDate,
  readEntry,
  readStatus,
  readYesNo,
  restoreCell,
  EntryText,
  type DateOrder,
  type ExportFormat,
  type ImportField,
} from "@/lib/transfer/format";
import { JobFields } from "@/lib/validation/jobs";
import { dateString, toDate } from "./mappers";
import { refreshPlans } from "./plans";
import { requireUser } from "./session";
import { todayIn } from "./today";

/*
 * Export and import of a user's jobs (issue 8).
 * - CSV export: one row per entry of a job's history (applied, interview, heard back...),
 *   the job's columns repeated on each, and a stage's one follow-up on that stage's own row
 *   (the format itself holds "one follow-up per stage"). Its headers are the importer's field
 *   names, so it imports back as it was. JSON export: the same, nested, with a version.
 * - CSV import: a spreadsheet or another tracker's export (one row per job: company, role,
 *   date applied, status) or Callback's own. Every row is read and checked before anything
 *   is written, then all of it is written in one transaction, or none of it.
 */

const EXPORT_VERSION = 1;

const exportInclude = { stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] } } satisfies Prisma.JobInclude;
type ExportRow = Prisma.JobGetPayload<{ include: typeof exportInclude }>;

export type ExportedFollowUp = { on: string; channel: "phone" | "email" | null; note: string; early: boolean };
export type ExportedStage = {
  kind: StageKind;
  on: string;
  time: string | null;
  withWhom: string | null;
  answerBy: string | null;
  /** Follow-ups only (one not tied to a stage, which the app itself never writes). */
  channel: "phone" | "email" | null;
  note: string;
  /** The one follow-up that spent this applied or interview stage. */
  followUp: ExportedFollowUp | null;
};
export type ExportedJob = {
  company: string;
  role: string;
  sourceUrl: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  notes: string;
  archived: boolean;
  createdAt: string;
  stages: ExportedStage[];
};

function toExportedJob(job: ExportRow): ExportedJob {
  const followUps = new Map(job.stages.filter((s) => s.forStageId).map((s) => [s.forStageId!, s]));
  const stages = job.stages
    .filter((s) => !s.forStageId)
    .map((s): ExportedStage => {
      const f = followUps.get(s.id);
      return {
        kind: s.kind,
        on: dateString(s.on),
        time: s.time,
        withWhom: s.withWhom,
        answerBy: s.answerBy ? dateString(s.answerBy) : null,
        channel: s.channel,
        note: s.note,
        followUp: f ? { on: dateString(f.on), channel: f.channel, note: f.note, early: f.early } : null,
      };
    });
  return {
    company: job.company,
    role: job.role,
    sourceUrl: job.sourceUrl,
    contactName: job.contactName,
    contactPhone: job.contactPhone,
    contactEmail: job.contactEmail,
    notes: job.notes,
    archived: job.archivedAt !== null,
    createdAt: job.createdAt.toISOString(),
    stages,
  };
}

function toCsv(jobs: ExportedJob[]): string {
  const rows = jobs.flatMap((job, n) =>
    job.stages.map((s) => {
      const cells: Record<ImportField, string> = {
        job: String(n + 1),
        company: job.company,
        role: job.role,
        sourceUrl: job.sourceUrl ?? "",
        contactName: job.contactName ?? "",
        contactPhone: job.contactPhone ?? "",
        contactEmail: job.contactEmail ?? "",
        notes: job.notes,
        archived: job.archived ? "yes" : "",
        entry: ENTRY_LABELS[s.kind],
        entryDate: s.on,
        time: s.time ?? "",
        withWhom: s.withWhom ?? "",
        answerBy: s.answerBy ?? "",
        entryNote: s.note,
        followUpOn: s.followUp?.on ?? "",
        followUpChannel: s.followUp?.channel ?? s.channel ?? "",
        followUpNote: s.followUp?.note ?? "",
        appliedOn: "",
        status: "",
        statusDate: "",
      };
      return EXPORT_COLUMNS.map((f) => neutraliseCell(cells[f]));
    }),
  );
  // The byte order mark makes Excel read the file as UTF-8; the importer skips it.
  return stringify(rows, { bom: true, header: true, columns: EXPORT_COLUMNS.map((f) => IMPORT_FIELDS[f]), quoted: true });
}

/** Every job of the viewer's (archived ones too) as a file to download. */
export async function exportJobs(format: ExportFormat): Promise<{ filename: string; contentType: string; body: string }> {
  const viewer = await requireUser();
  const rows = await db.job.findMany({ where: { userId: viewer.id }, include: exportInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const jobs = rows.map(toExportedJob);
  const name = `callback-jobs-${todayIn(viewer.timeZone)}`;
  if (format === "json") {
    const body = JSON.stringify({ format: "callback-jobs", version: EXPORT_VERSION, exportedAt: new Date().toISOString(), jobs }, null, 2);
    return { filename: `${name}.json`, contentType: "application/json; charset=utf-8", body };
  }
  return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: toCsv(jobs) };
}

// ---------------------------------------------------------------------------------------
// Import

type Row = { row: number; cells: string[] };
type Problem = { row: number; message: string };
type Channel = "phone" | "email";
type PlannedStage = {
  row: number;
  kind: StageKind;
  on: string;
  time: string | null;
  withWhom: string | null;
  answerBy: string | null;
  channel: Channel | null;
  note: string;
  followUp: { on: string; channel: Channel; note: string; early: boolean } | null;
};
// The job's own columns, checked as the job form checks them (the date applied is an entry here).
const JobColumns = JobFields.omit({ appliedOn: true });
type JobDetails = Omit<z.infer<typeof JobColumns>, "company" | "role">;
type PlannedJob = {
  rows: number[];
  company: string;
  role: string;
  /** null when a column has a problem (nothing is written then). */
  details: JobDetails | null;
  archived: boolean;
  stages: PlannedStage[];
};

export type ImportPreview = {
  /** Fingerprint of the content read: the import step refuses any other. */
  digest: string;
  columns: { header: string; sample: string; field: ImportField | "" }[];
  dateOrder: DateOrder | "";
  /** The file has dates like 03/04/2026, so the user must say how to read them. */
  numericDates: boolean;
  mappingErrors: string[];
  /** "Row 7: ..." (the first 100), and how many in all. */
  problems: string[];
  problemCount: number;
  /** Read, but not all of it imported (e.g. an interview status without a date). */
  notices: string[];
  rowCount: number;
  jobCount: number;
  entryCount: number;
  /** The first jobs as they will be imported. */
  sample: { rows: string; company: string; role: string; appliedOn: string; history: string; ok: boolean }[];
};

/** The text of an uploaded file, refused when too large or not UTF-8 (what spreadsheets write as "CSV UTF-8"). */
export async function readImportFile(file: unknown): Promise<string> {
  if (!(file instanceof Blob) || file.size === 0) throw fileProblem("Choose a CSV file to import.");
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw fileProblem("This file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload that.");
  }
}

/** A problem with the file as a whole, shown beside the file field. */
const fileProblem = (message: string) => new AppError("invalid", message, { file: [message] });
const tooLarge = () => fileProblem(`The file is larger than ${MAX_IMPORT_BYTES / 1000} KB: split it into smaller files.`);

/** What the user sees in the preview. Reads and checks everything; writes nothing. */
export async function previewImport(input: unknown): Promise<ImportPreview> {
  const viewer = await requireUser();
  const { content, request } = parseInput(input);
  const analysis = analyse(content, request, todayIn(viewer.timeZone));
  const problems = analysis.problems.map(format);
  const bad = new Set(analysis.problems.map((p) => p.row));
  return {
    digest: digestOf(content),
    columns: analysis.header.map((header, i) => ({
      header,
      sample: (analysis.rows.find((r) => r.cells[i]?.trim())?.cells[i] ?? "").trim().slice(0, 60),
      field: analysis.mapping[i] ?? "",
    })),
    dateOrder: analysis.dateOrder,
    numericDates: analysis.numericDates,
    mappingErrors: analysis.mappingErrors,
    problems: problems.slice(0, 100),
    problemCount: problems.length,
    notices: analysis.notices.map(format).slice(0, 20),
    rowCount: analysis.rows.length,
    jobCount: analysis.jobs.length,
    entryCount: analysis.jobs.reduce((n, j) => n + j.stages.length + j.stages.filter((s) => s.followUp).length, 0),
    sample: analysis.jobs.slice(0, 10).map((job) => ({
      rows: job.rows.length > 1 ? `${job.rows[0]}–${job.rows.at(-1)}` : String(job.rows[0]),
      company: job.company,
      role: job.role,
      appliedOn: job.stages.find((s) => s.kind === "applied")?.on ?? "",
      history: job.stages
        .map((s) => `${ENTRY_LABELS[s.kind]} ${s.on}${s.followUp ? `, followed up ${s.followUp.on}` : ""}`)
        .join(" · "),
      ok: job.rows.every((r) => !bad.has(r)),
    })),
  };
}

/**
 * Re-reads and re-checks the file (never the preview's values), then writes every job in one
 * transaction: a file with any problem imports nothing, and the error names the rows. A replay
 * of the same request (a double click) imports nothing more and reports the first import.
 */
export async function importJobs(input: unknown): Promise<{ imported: number }> {
  const viewer = await requireUser();
  const { content, request } = parseInput(input);
  if (request.digest && request.digest !== digestOf(content)) {
    throw new AppError("conflict", "This is not the file you previewed: preview it again before importing.");
  }
  const analysis = analyse(content, request, todayIn(viewer.timeZone));
  if (analysis.mappingErrors.length) {
    throw new AppError("invalid", `Nothing was imported. ${analysis.mappingErrors.join(" ")}`, { mapping: analysis.mappingErrors });
  }
  if (analysis.problems.length) {
    const rows = [...new Set(analysis.problems.map((p) => p.row))];
    const named = rows.length > 5 ? `${rows.slice(0, 5).join(", ")} and ${rows.length - 5} more` : rows.join(", ").replace(/, (\d+)$/, " and $1");
    throw new AppError("invalid", `Nothing was imported: ${rows.length === 1 ? `row ${named} has a problem` : `rows ${named} have problems`}.`, {
      rows: analysis.problems.map(format),
    });
  }

  const now = new Date();
  // createdAt follows the file's order, which breaks ties between entries dated the same day.
  let tick = now.getTime();
  const next = () => new Date(tick++);
  const prefix = request.requestId ? `import-${request.requestId}-` : null;
  const jobs: Prisma.JobCreateManyInput[] = [];
  const stages: Prisma.StageCreateManyInput[] = [];
  const followUps: Prisma.StageCreateManyInput[] = [];
  analysis.jobs.forEach((job, n) => {
    const jobId = newId();
    jobs.push({
      id: jobId,
      userId: viewer.id,
      company: job.company,
      role: job.role,
      ...job.details,
      archivedAt: job.archived ? now : null,
      requestId: prefix ? `${prefix}${n}` : null,
      createdAt: next(),
    });
    for (const s of job.stages) {
      const stageId = newId();
      const { on, time, withWhom, answerBy, channel, note, kind } = s;
      stages.push({ id: stageId, jobId, kind, on: toDate(on), time, withWhom, answerBy: answerBy ? toDate(answerBy) : null, channel, note, createdAt: next() });
      const f = s.followUp;
      if (f) followUps.push({ id: newId(), jobId, kind: "follow_up", on: toDate(f.on), channel: f.channel, note: f.note, early: f.early, forStageId: stageId, createdAt: next() });
    }
  });
  try {
    // Follow-ups after the stages they point at: createMany may be split into several statements.
    await db.$transaction([db.job.createMany({ data: jobs }), db.stage.createMany({ data: stages }), db.stage.createMany({ data: followUps })]);
  } catch (error) {
    if (prefix && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const imported = await db.job.count({ where: { userId: viewer.id, requestId: { startsWith: prefix } } });
      if (imported > 0) return { imported };
    }
    throw error;
  }
  await refreshPlans(jobs.map((j) => j.id!));
  return { imported: jobs.length };
}

const newId = () => randomUUID().replaceAll("-", "");
const format = (p: Problem) => `Row ${p.row}: ${p.message}`;
// Line endings and a byte order mark are not content: the browser may change them between
// the preview and the import (a form sends CRLF), and the fingerprint must not.
const normalise = (content: string) => content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
const digestOf = (content: string) => createHash("sha256").update(content).digest("hex");

function parseInput(input: unknown): { content: string; request: ImportInput } {
  const parsed = ImportInput.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    throw new AppError("invalid", errors.content?.[0] ?? "The import form was not filled in as expected: upload the file again.", errors);
  }
  const content = normalise(parsed.data.content);
  if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) throw tooLarge();
  return { content, request: parsed.data };
}

/** The delimiter that splits the header row most: Excel writes ";" (or tab) in some locales. */
function delimiterOf(content: string): string {
  let best = { delimiter: ",", width: 0 };
  for (const delimiter of [",", ";", "\t"]) {
    try {
      const width = (parse(content, { delimiter, to_line: 1, relax_quotes: true, relax_column_count: true }) as string[][])[0]?.length ?? 0;
      if (width > best.width) best = { delimiter, width };
    } catch {
      // not this one
    }
  }
  return best.delimiter;
}

function readCsv(content: string): { header: string[]; rows: Row[] } {
  let records: string[][];
  try {
    records = parse(content, { delimiter: delimiterOf(content), relax_quotes: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? ` (near line ${error.lines})` : "";
    const why = error.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted cell is never closed" : "it could not be read as comma-separated values";
    throw fileProblem(`This file is not valid CSV: ${why}${line}.`);
  }
  const [header = [], ...rest] = records;
  if (!header.some((h) => h.trim())) throw fileProblem("The file is empty: its first row should name the columns (Company, Role, Date applied…).");
  if (header.length > MAX_IMPORT_COLUMNS) throw fileProblem(`The file has ${header.length} columns; Callback reads at most ${MAX_IMPORT_COLUMNS}.`);
  // Row numbers as a spreadsheet shows them: the header is row 1, a blank row still counts.
  const rows = rest.map((cells, i) => ({ row: i + 2, cells: cells.map(restoreCell) })).filter((r) => r.cells.some((c) => c.trim()));
  if (rows.length === 0) throw fileProblem("The file has a header row but no rows below it.");
  // Blank rows count too, up to a point: the page sends the file back with CRLF line endings,
  // and a file of mostly blank lines would grow past the server's body cap.
  if (rows.length > MAX_IMPORT_ROWS || rest.length > 2 * MAX_IMPORT_ROWS) {
    throw fileProblem(`The file has ${rest.length.toLocaleString("en")} rows; Callback imports at most ${MAX_IMPORT_ROWS.toLocaleString("en")} at a time: split it into smaller files.`);
  }
  return { header: header.map((h) => h.trim()), rows };
}

/** null when empty, undefined when neither phone nor email. */
function readChannel(raw: string): Channel | null | undefined {
  const s = raw.toLowerCase();
  return s === "" ? null : s === "phone" || s === "email" ? s : undefined;
}

const DATE_FIELDS: ImportField[] = ["appliedOn", "statusDate", "entryDate", "answerBy", "followUpOn"];

function checkMapping(mapping: (ImportField | "")[], header: string[]): string[] {
  const errors: string[] = [];
  const name = (i: number) => (header[i] ? `“${header[i]}”` : `column ${i + 1}`);
  const mapped = (f: ImportField) => mapping.includes(f);
  for (const field of new Set(mapping)) {
    const columns = mapping.flatMap((f, i) => (f === field ? [i] : []));
    if (field && columns.length > 1) errors.push(`${IMPORT_FIELDS[field]} is chosen for ${columns.length} columns (${columns.map(name).join(", ")}): choose it for one.`);
  }
  for (const f of ["company", "role"] as const) if (!mapped(f)) errors.push(`Choose which column holds the ${IMPORT_FIELDS[f].toLowerCase()}.`);
  const history = mapped("entry");
  if (!history && !mapped("appliedOn")) errors.push("Choose which column holds the date applied.");
  if (history && SHEET_FIELDS.some(mapped)) {
    errors.push("A file with an Entry column (Callback’s own export) has its dates in Entry date: do not also read Date applied, Status or Status date.");
  }
  if (!history && HISTORY_FIELDS.some(mapped)) {
    errors.push(`${HISTORY_FIELDS.filter(mapped).map((f) => IMPORT_FIELDS[f]).join(", ")} only make sense with an Entry column (Callback’s own export).`);
  }
  return errors;
}

type Analysis = {
  header: string[];
  rows: Row[];
  mapping: (ImportField | "")[];
  dateOrder: DateOrder | "";
  numericDates: boolean;
  mappingErrors: string[];
  problems: Problem[];
  notices: Problem[];
  jobs: PlannedJob[];
};

/** Reads every row of the file into jobs to write, and every problem with its row number. */
function analyse(content: string, request: ImportInput, today: string): Analysis {
  const { header, rows } = readCsv(content);
  const mapping = request.mapping ?? detectMapping(header);
  if (mapping.length !== header.length) throw new AppError("invalid", "The file’s columns are not the ones previewed: upload it again.");
  const cell = (r: Row, f: ImportField) => {
    const i = mapping.indexOf(f);
    return i < 0 ? "" : (r.cells[i] ?? "").trim();
  };
  const dates = rows.flatMap((r) => DATE_FIELDS.map((f) => cell(r, f)));
  // The first preview suggests the order when a date shows it (13/03/2026); later steps use the user's choice.
  const dateOrder = request.mapping ? (request.dateOrder ?? "") : dateOrderOf(dates);
  const result: Analysis = {
    header,
    rows,
    mapping,
    dateOrder,
    numericDates: dates.some(hasNumericDate),
    mappingErrors: checkMapping(mapping, header),
    problems: [],
    notices: [],
    jobs: [],
  };
  if (result.mappingErrors.length) return result;

  const seen = new Set<string>();
  const fail = (row: number, message: string) => {
    // Zod may say the same thing twice about one cell ("Company is required.").
    if (seen.has(`${row}|${message}`)) return;
    seen.add(`${row}|${message}`);
    result.problems.push({ row, message });
  };
  for (const r of rows) if (r.cells.slice(header.length).some((c) => c.trim())) fail(r.row, "This row has more cells than the header row has columns.");

  /** A valid date, null when empty and optional, undefined when unreadable (a problem is recorded). */
  const date = (r: Row, f: ImportField, required: boolean): string | null | undefined => {
    const raw = cell(r, f);
    if (!raw) {
      if (required) fail(r.row, `${IMPORT_FIELDS[f]} is required.`);
      return required ? undefined : null;
    }
    const reading = readDate(raw, dateOrder);
    if (reading.ok) return reading.date;
    fail(r.row, dateProblem(IMPORT_FIELDS[f], raw, reading.problem));
    return undefined;
  };
  const stage = (row: number, kind: StageKind, on: string): PlannedStage => ({
    row, kind, on, time: null, withWhom: null, answerBy: null, channel: null, note: "", followUp: null,
  });

  /** A spreadsheet row: the application, and what its status says happened next. */
  const readSheetRow = (r: Row): PlannedStage[] => {
    const appliedOn = date(r, "appliedOn", true);
    if (!appliedOn) return [];
    if (appliedOn > today) fail(r.row, `Date applied ${appliedOn} is in the future.`);
    const stages = [stage(r.row, "applied", appliedOn)];
    const status = cell(r, "status");
    const outcome = readStatus(status);
    if (outcome === undefined || outcome === "not_applied") {
      fail(
        r.row,
        outcome
          ? `Status '${status}' means you have not applied yet: leave the row out, or read the Status column as “Don’t import”.`
          : `Status '${status}' is not one Callback knows: change it to one listed on this page, or read the Status column as “Don’t import”.`,
      );
      return stages;
    }
    if (outcome === "applied") return stages;
    const statusOn = date(r, "statusDate", false);
    if (statusOn === undefined) return stages;
    // An interview with no date cannot be followed up on: the application stands alone.
    if (outcome === "interview" && statusOn === null) {
      result.notices.push({ row: r.row, message: `Status '${status}' has no status date, so only the application is imported.` });
      return stages;
    }
    const on = statusOn ?? appliedOn;
    if (on < appliedOn) fail(r.row, `Status date ${on} is before the date applied (${appliedOn}).`);
    else if (outcome !== "interview" && on > today) fail(r.row, `Status date ${on} is in the future.`);
    stages.push(stage(r.row, outcome, on));
    return stages;
  };

  /** Rows of Callback's export: one entry each, a stage's follow-up on its row. */
  const readHistory = (group: Row[], job: string): PlannedStage[] => {
    const stages: PlannedStage[] = [];
    const loose: { row: number; on: string; channel: Channel; note: string }[] = [];
    for (const r of group) {
      const raw = cell(r, "entry");
      const kind = readEntry(raw);
      const on = date(r, "entryDate", true);
      const answerBy = date(r, "answerBy", false);
      const followUpOn = date(r, "followUpOn", false);
      const channel = readChannel(cell(r, "followUpChannel"));
      const text = EntryText.safeParse({ time: cell(r, "time"), withWhom: cell(r, "withWhom"), entryNote: cell(r, "entryNote"), followUpNote: cell(r, "followUpNote") });
      if (!kind) fail(r.row, raw ? `Entry '${raw}' is not one of ${Object.values(ENTRY_LABELS).join(", ")}.` : "Entry is required.");
      if (channel === undefined) fail(r.row, `Follow-up by '${cell(r, "followUpChannel")}' should be phone or email.`);
      if (!text.success) for (const issue of text.error.issues) fail(r.row, issue.message);
      if (!kind || !on || answerBy === undefined || followUpOn === undefined || channel === undefined || !text.success) continue;
      const { time, withWhom, entryNote, followUpNote } = text.data;
      if (kind === "follow_up") {
        loose.push({ row: r.row, on, channel: channel ?? "phone", note: entryNote });
        continue;
      }
      if (answerBy && kind !== "interview") fail(r.row, "Only an interview has an answer-by date.");
      else if (answerBy && answerBy < on) fail(r.row, `Answer by ${answerBy} is before the interview (${on}).`);
      const hasFollowUp = followUpOn !== null || channel !== null || followUpNote !== "";
      if (hasFollowUp && kind !== "applied" && kind !== "interview") fail(r.row, "Only an application or an interview can have a follow-up.");
      else if (hasFollowUp && !followUpOn) fail(r.row, "Followed up on is required when the row has a follow-up.");
      const followUp = followUpOn ? { on: followUpOn, channel: channel ?? "phone", note: followUpNote, early: false } : null;
      stages.push({ ...stage(r.row, kind, on), time, withWhom, answerBy, note: entryNote, followUp });
    }

    const applied = stages.filter((s) => s.kind === "applied");
    if (applied.length === 0 && stages.length === group.length) fail(group[0]!.row, `${job} has no Applied entry: every job starts with one.`);
    for (const second of applied.slice(1)) fail(second.row, `${job} already has an Applied entry (row ${applied[0]!.row}).`);
    const appliedOn = applied[0]?.on;
    // A follow-up row of its own goes to the stage it would be logged against (as canLogFollowUp picks it).
    for (const f of loose) {
      const target = stages.filter((s) => (s.kind === "applied" || s.kind === "interview") && s.on <= f.on).at(-1);
      if (!target) fail(f.row, `This follow-up on ${f.on} comes before the application or interview it would follow up.`);
      else if (target.followUp) fail(f.row, `The ${ENTRY_LABELS[target.kind].toLowerCase()} of ${target.on} already has its one follow-up.`);
      else target.followUp = { on: f.on, channel: f.channel, note: f.note, early: false };
    }
    for (const s of stages) {
      if (s.kind === "applied" && s.on > today) fail(s.row, `Date applied ${s.on} is in the future.`);
      if (s.kind !== "applied" && appliedOn && s.on < appliedOn) fail(s.row, `${ENTRY_LABELS[s.kind]} on ${s.on} is before the date applied (${appliedOn}).`);
      else if (s.kind !== "applied" && s.kind !== "interview" && s.on > today) fail(s.row, `${ENTRY_LABELS[s.kind]} on ${s.on} is in the future.`);
      const f = s.followUp;
      if (!f) continue;
      if (f.on > today) fail(s.row, `Followed up on ${f.on} is in the future.`);
      else if (f.on < s.on) fail(s.row, `Followed up on ${f.on} is before the ${ENTRY_LABELS[s.kind].toLowerCase()} it follows up (${s.on}).`);
      else {
        // "Early" as it was when logged: against this stage's own window, whatever came later.
        const verdict = canLogFollowUp({ stages: [{ kind: s.kind, on: s.on, answerBy: s.answerBy }], on: f.on, today: f.on });
        f.early = verdict.ok && verdict.early;
      }
    }
    return stages;
  };

  const history = mapping.includes("entry");
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = history && cell(r, "job") ? `Job number ${cell(r, "job")}` : `The job on row ${r.row}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  for (const [key, group] of groups) {
    const first = group[0]!;
    // The job's columns come from its first row; later rows may repeat them or leave them empty.
    for (const r of group.slice(1)) {
      for (const f of JOB_FIELDS) {
        const value = cell(r, f);
        if (value && value !== cell(first, f)) fail(r.row, `${IMPORT_FIELDS[f]} differs from row ${first.row}, where ${key.toLowerCase()} starts.`);
      }
    }
    const archived = readYesNo(cell(first, "archived"));
    if (archived === undefined) fail(first.row, `Archived '${cell(first, "archived")}' should be yes or no.`);
    const columns = JobColumns.safeParse(Object.fromEntries(JOB_FIELDS.map((f) => [f, cell(first, f)])));
    if (!columns.success) {
      for (const issue of columns.error.issues) {
        const label = IMPORT_FIELDS[String(issue.path[0]) as ImportField] ?? "";
        fail(first.row, issue.message.toLowerCase().includes(label.toLowerCase()) ? issue.message : `${label}: ${issue.message}`);
      }
    }
    const { company, role, ...details } = columns.success ? columns.data : { company: cell(first, "company"), role: cell(first, "role") };
    result.jobs.push({
      rows: group.map((r) => r.row),
      company,
      role,
      details: columns.success ? (details as JobDetails) : null,
      archived: archived ?? false,
      stages: history ? readHistory(group, key) : readSheetRow(first),
    });
  }
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}
