import type { Metadata } from "next";
import { pageViewer } from "@/app/_lib/page-auth";
import { HISTORY_FIELDS, IMPORT_FIELDS, IMPORT_FIELD_KEYS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, STATUS_WORDS, type StatusOutcome } from "@/lib/transfer";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import & export" };

const OUTCOMES: Record<StatusOutcome, string> = {
  applied: "Just the application.",
  interview: "An interview on the status date. Without a status date, just the application.",
  heard_back: "Heard back, on the status date (or the date applied).",
  offer: "An offer, on the status date (or the date applied): the job is closed.",
  rejected: "A rejection, on the status date (or the date applied): the job is closed.",
  withdrawn: "Withdrawn, on the status date (or the date applied): the job is closed.",
  not_applied: "Refused: you have not applied yet, so there is nothing to follow up.",
};

const historyField = new Set<string>(HISTORY_FIELDS);
const FIELD_OPTIONS = IMPORT_FIELD_KEYS.map((f) => ({ value: f, label: historyField.has(f) ? `${IMPORT_FIELDS[f]} (Callback export)` : IMPORT_FIELDS[f] }));

export default async function TransferPage() {
  await pageViewer();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Import &amp; export</h1>

      <section aria-labelledby="export-heading" className="card space-y-3">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export
        </h2>
        <p className="text-slate-700">Everything you have entered: every job, archived ones too, with its whole history and follow-ups.</p>
        <ul className="space-y-3">
          <li className="flex flex-wrap items-center gap-3">
            {/* A plain link: a file download, not a page to prefetch. */}
            <a href="/api/export?format=csv" download className="btn-secondary">
              Download CSV
            </a>
            <span className="text-sm text-slate-700">For a spreadsheet, and to import again: one row per entry (application, interview, answer…), the job’s columns repeated on each, and a follow-up on the row of the stage it followed up.</span>
          </li>
          <li className="flex flex-wrap items-center gap-3">
            <a href="/api/export?format=json" download className="btn-secondary">
              Download JSON
            </a>
            <span className="text-sm text-slate-700">For programs: jobs with their stages and follow-ups, dates as YYYY-MM-DD, and a version number.</span>
          </li>
        </ul>
        <p className="text-sm text-slate-600">
          Cells that a spreadsheet would run as a formula (starting with = + - or @) are written with an apostrophe in front; Callback removes it when you import the file.
        </p>
      </section>

      <section aria-labelledby="import-heading" className="card space-y-4">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import from a CSV file
        </h2>
        <p className="text-slate-700">
          From a spreadsheet, another job tracker’s export, or Callback’s own CSV export. You see how each column is read and which rows have a problem
          before anything is saved. It is all or nothing: if any row has a problem, nothing is imported.
        </p>
        <ImportForm fields={FIELD_OPTIONS} maxBytes={MAX_IMPORT_BYTES} />
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer font-medium text-slate-900">What Callback reads</summary>
          <div className="mt-3 space-y-3">
            <p>
              <strong>One row per job</strong> (a spreadsheet, Huntr, Teal…): Company; Role (or Title, Job Title, Position); Date applied (or Applied on,
              Date); and if you have them Status, Status date, Link (or URL), Contact name, Contact phone, Contact email, Notes. Other columns are left out;
              you can change how any column is read in the preview.
            </p>
            <p>
              <strong>Callback’s CSV export</strong>: one row per entry of a job’s history, grouped by Job number, each applied or interview row with its
              follow-up.
            </p>
            <p>
              <strong>Dates</strong>: 2026-03-31, 31 March 2026 or Mar 31, 2026. For dates like 03/04/2026 you choose in the preview whether they are
              month/day or day/month. Years need four digits. A date applied in the future is refused, as in the form.
            </p>
            <p>
              <strong>Size</strong>: up to {MAX_IMPORT_BYTES / 1000} KB (the server accepts nothing bigger) and {MAX_IMPORT_ROWS.toLocaleString("en")} rows,
              saved as CSV in UTF-8 (“CSV UTF-8” in Excel). Row numbers in messages are the spreadsheet’s: the header is row 1.
            </p>
            <table className="w-full text-left">
              <caption className="pb-2 text-left font-semibold text-slate-900">How a status is read</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-1 font-medium">Imported as</th>
                </tr>
              </thead>
              <tbody>
                {STATUS_WORDS.map(({ outcome, words }) => (
                  <tr key={outcome} className="border-t border-slate-100 align-top">
                    <td className="py-1 pr-3">{words.join(", ")}</td>
                    <td className="py-1">{OUTCOMES[outcome]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>Statuses are compared without case or punctuation. Any other status is a problem to fix, or read the Status column as “Don’t import”.</p>
          </div>
        </details>
      </section>
    </div>
  );
}
