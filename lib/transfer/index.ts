/*
 * Import and export of a user's jobs (issue 8), as pure code: plain values in and out, no
 * database, no clock ("today" and "now" are parameters). lib/data/transfer.ts asks who is asking,
 * reads their jobs and writes an import in one transaction; everything else is here.
 *
 *   format.ts   the columns and their names, and the reading of one cell
 *   file.ts     the uploaded file and the form around it (size, UTF-8, fingerprint)
 *   csv.ts      CSV both ways: Callback's export, and reading any file into rows
 *   analyse.ts  the rows read into jobs to write, and every problem by its row
 *   import.ts   the preview, and the plan an import writes (or the refusal)
 *   export.ts   the download, CSV or JSON
 *   types.ts    the shapes passed between them
 *
 * The cut differs from the first proposal in three places: the file and form checks (parseInput,
 * the fingerprint, readImportFile) are file.ts rather than csv.ts, since none of them is CSV;
 * readChannel and JobColumns sit in format.ts beside the other cell readers; and the preview and
 * the import's refusals are import.ts, so lib/data keeps nothing but the viewer and the writes.
 */
export * from "./analyse";
export * from "./csv";
export * from "./export";
export * from "./file";
export * from "./format";
export * from "./import";
export type * from "./types";
