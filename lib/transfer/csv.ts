import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { fileProblem } from "./file";
import { ENTRY_LABELS, EXPORT_COLUMNS, IMPORT_FIELDS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, neutraliseCell, restoreCell, type ImportField } from "./format";
import type { ExportedJob, Row } from "./types";

/*
 * Callback's CSV both ways. The export has one row per entry of a job's history (applied,
 * interview, heard back...), the job's columns repeated on each, and a stage's one follow-up on
 * that stage's own row (the format itself holds "one follow-up per stage"). Its headers are the
 * importer's field names, so it imports back as it was.
 */

export function toCsv(jobs: ExportedJob[]): string {
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

/** The delimiter that splits the header row most: Excel writes ";" (or tab) in some locales. */
export function delimiterOf(content: string): string {
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

/** The header and the non-blank rows, or a problem with the file as a whole. */
export function readCsv(content: string): { header: string[]; rows: Row[] } {
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
