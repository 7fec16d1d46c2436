import { AppError } from "@/lib/errors";
import { analyse, type Analysis, type CalendarOf } from "./analyse";
import { digestOf, parseInput } from "./file";
import { ENTRY_LABELS } from "./format";
import type { ImportPreview, PlannedJob, Problem } from "./types";

// The two steps of an import as the page takes them: a preview that reads and checks
// everything, then the import, which re-reads and re-checks the file (never the preview's values).

export const formatProblem = (p: Problem) => `Row ${p.row}: ${p.message}`;

/** What the user sees in the preview, for the import form's `input` read on `today`. */
export function previewOf(input: unknown, today: string, calendarOf?: CalendarOf): ImportPreview {
  const { content, request } = parseInput(input);
  const analysis = analyse(content, request, today, calendarOf);
  const problems = analysis.problems.map(formatProblem);
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
    notices: analysis.notices.map(formatProblem).slice(0, 20),
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

/** A file with any problem imports nothing: the refusal names the rows. */
function refuse(analysis: Analysis): void {
  if (analysis.mappingErrors.length) {
    throw new AppError("invalid", `Nothing was imported. ${analysis.mappingErrors.join(" ")}`, { mapping: analysis.mappingErrors });
  }
  if (analysis.problems.length) {
    const rows = [...new Set(analysis.problems.map((p) => p.row))];
    const named = rows.length > 5 ? `${rows.slice(0, 5).join(", ")} and ${rows.length - 5} more` : rows.join(", ").replace(/, (\d+)$/, " and $1");
    throw new AppError("invalid", `Nothing was imported: ${rows.length === 1 ? `row ${named} has a problem` : `rows ${named} have problems`}.`, {
      rows: analysis.problems.map(formatProblem),
    });
  }
}

/**
 * The jobs to write for the import form's `input` read on `today`, every one of them checked;
 * throws when there is anything wrong, or when the content is not the file previewed.
 */
export function planImport(input: unknown, today: string, calendarOf?: CalendarOf): { jobs: PlannedJob[]; requestId: string | undefined } {
  const { content, request } = parseInput(input);
  if (request.digest && request.digest !== digestOf(content)) {
    throw new AppError("conflict", "This is not the file you previewed: preview it again before importing.");
  }
  const analysis = analyse(content, request, today, calendarOf);
  refuse(analysis);
  return { jobs: analysis.jobs, requestId: request.requestId };
}
