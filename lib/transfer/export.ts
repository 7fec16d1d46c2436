import { toCsv } from "./csv";
import type { ExportFormat } from "./format";
import type { ExportedJob } from "./types";

/** Bumped when the JSON export changes shape, so a reader can tell the versions apart. */
export const EXPORT_VERSION = 1;

export type ExportFile = { filename: string; contentType: string; body: string };

/**
 * The download: CSV (see ./csv.ts) or JSON (the same jobs, nested, with a version). Named after
 * the viewer's `today`; `now` is the moment the JSON says it was exported.
 */
export function exportFile(jobs: ExportedJob[], format: ExportFormat, today: string, now: Date): ExportFile {
  const name = `callback-jobs-${today}`;
  if (format === "json") {
    const body = JSON.stringify({ format: "callback-jobs", version: EXPORT_VERSION, exportedAt: now.toISOString(), jobs }, null, 2);
    return { filename: `${name}.json`, contentType: "application/json; charset=utf-8", body };
  }
  return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: toCsv(jobs) };
}
