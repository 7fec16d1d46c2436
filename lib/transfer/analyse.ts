import { AppError } from "@/lib/errors";
import { canLogFollowUp, type Stage, type StageKind, type WorkingCalendar } from "@/lib/followup";
import { readCsv } from "./csv";
import {
  ENTRY_LABELS,
  HISTORY_FIELDS,
  IMPORT_FIELDS,
  JOB_FIELDS,
  JobColumns,
  SHEET_FIELDS,
  dateOrderOf,
  dateProblem,
  detectMapping,
  hasNumericDate,
  readChannel,
  readDate,
  readEntry,
  readStatus,
  readYesNo,
  EntryText,
  type Channel,
  type DateOrder,
  type ImportField,
  type ImportInput,
} from "./format";
import type { JobDetails, PlannedJob, PlannedStage, Problem, Row } from "./types";

/*
 * A CSV import read and checked, writing nothing: a spreadsheet or another tracker's export
 * (one row per job: company, role, date applied, status) or Callback's own (one row per entry).
 * Every row is read and every problem recorded with its row number, so that the import can
 * write all of it or none of it.
 */

export const DATE_FIELDS: ImportField[] = ["appliedOn", "statusDate", "entryDate", "answerBy", "followUpOn"];

/** Why the columns cannot be read as mapped (a field chosen twice, a required one missing...); empty when they can. */
export function checkMapping(mapping: (ImportField | "")[], header: string[]): string[] {
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

export type Analysis = {
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

/** The job seeker's working calendar for a stage (issue 15): an imported follow-up is "early" against their own window. */
export type CalendarOf = (stages: readonly Stage[]) => WorkingCalendar | null;

/** Reads every row of the file into jobs to write, and every problem with its row number. */
export function analyse(content: string, request: ImportInput, today: string, calendarOf: CalendarOf = () => null): Analysis {
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
      const byProblem = !answerBy ? "" : kind !== "interview" ? "Only an interview has an answer-by date." : answerBy < on ? `Answer by ${answerBy} is before the interview (${on}).` : "";
      if (byProblem) fail(r.row, byProblem);
      const hasFollowUp = followUpOn !== null || channel !== null || followUpNote !== "";
      if (hasFollowUp && kind !== "applied" && kind !== "interview") fail(r.row, "Only an application or an interview can have a follow-up.");
      else if (hasFollowUp && !followUpOn) fail(r.row, "Followed up on is required when the row has a follow-up.");
      const followUp = followUpOn ? { on: followUpOn, channel: channel ?? "phone", note: followUpNote, early: false } : null;
      // A refused answer-by date stays out of the plan (nothing is written then): canLogFollowUp below would throw on it.
      stages.push({ ...stage(r.row, kind, on), time, withWhom, answerBy: byProblem ? null : answerBy, note: entryNote, followUp });
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
        const own = [{ kind: s.kind, on: s.on, answerBy: s.answerBy }];
        const verdict = canLogFollowUp({ stages: own, on: f.on, today: f.on, calendar: calendarOf(own) });
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
