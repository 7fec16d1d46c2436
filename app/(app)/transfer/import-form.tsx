"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Field, FormMessage, SelectField } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { newRequestId, useFormAction } from "@/app/_lib/use-form-action";
import type { ImportPreview } from "@/lib/transfer/types";
import { importAction, type ImportState } from "./actions";

type Option = { value: string; label: string };
type Upload = { name: string; content: string };

const DATE_ORDERS: Option[] = [
  { value: "", label: "Choose…" },
  { value: "mdy", label: "Month/day/year: 03/04/2026 is 4 March" },
  { value: "dmy", label: "Day/month/year: 03/04/2026 is 3 April" },
];

/**
 * Upload, preview, import. The preview's state stays small (no file in it: React sends the
 * previous state with each action); the page keeps the file's text and sends it back, and the
 * server reads and checks it again on every step.
 */
export function ImportForm({ fields, maxBytes }: { fields: Option[]; maxBytes: number }) {
  const { state, onSubmit, pending, errors } = useFormAction(importAction);
  const { preview } = state as ImportState;
  const [upload, setUpload] = useState<Upload | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  // Which file the preview is of: choosing another one hides it until that one is previewed.
  const picks = useRef(0);
  const [pick, setPick] = useState(0);
  const [previewedPick, setPreviewedPick] = useState(0);
  // Each new preview starts afresh (its selects, "changed"), even when it reads the same.
  const [shown, setShown] = useState({ preview, version: 0 });
  if (shown.preview !== preview) setShown({ preview, version: shown.version + 1 });

  function choose(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    const current = ++picks.current;
    setPick(current);
    setUpload(null);
    // Larger bodies are refused by the server before they reach the action: say so here.
    setTooLarge(file && file.size > maxBytes ? `This file is ${Math.ceil(file.size / 1000)} KB; the limit is ${maxBytes / 1000} KB. Split it into smaller files.` : null);
    if (file && file.size <= maxBytes) {
      void file.text().then((content) => {
        if (current === picks.current) setUpload({ name: file.name, content });
      });
    }
  }

  return (
    <div className="space-y-6">
      <FormMessage state={state} />
      {state.ok && state.data?.imported ? (
        <p>
          <Link href="/timeline" className="font-medium text-brand-700 underline">
            See them on your timeline
          </Link>
        </p>
      ) : null}
      {!state.ok && state.fieldErrors?.rows?.length ? <ProblemList title="Rows to fix" items={state.fieldErrors.rows} /> : null}
      <form
        onSubmit={(event) => {
          if (tooLarge) return event.preventDefault();
          setPreviewedPick(pick);
          onSubmit(event);
        }}
        noValidate
        className="space-y-4"
      >
        <Field
          label="CSV file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          onChange={choose}
          errors={tooLarge ? [tooLarge] : errors.file}
          hint={`Up to ${maxBytes / 1000} KB and 5,000 rows. Nothing is saved until you have seen the preview and chosen to import.`}
        />
        <SubmitButton pending={pending} pendingText="Reading…">
          Preview
        </SubmitButton>
      </form>
      {preview && upload && previewedPick === pick ? (
        <Preview
          key={shown.version}
          preview={preview}
          upload={upload}
          fields={fields}
          onSubmit={onSubmit}
          pending={pending}
        />
      ) : null}
    </div>
  );
}

function Preview({ preview, upload, fields, onSubmit, pending }: { preview: ImportPreview; upload: Upload; fields: Option[]; onSubmit: (event: React.FormEvent<HTMLFormElement>) => void; pending: boolean }) {
  // Changing a column's reading makes the preview out of date: import only what was previewed.
  const [changed, setChanged] = useState(false);
  const [requestId] = useState(newRequestId);
  const blocked = preview.mappingErrors.length > 0 || preview.problemCount > 0 || preview.jobCount === 0;
  const columnName = (header: string, i: number) => header || `Column ${i + 1}`;
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  return (
    <section aria-labelledby="preview-heading" className="space-y-5 border-t border-slate-200 pt-5">
      <h3 id="preview-heading" className="text-lg font-semibold">
        Preview of {upload.name}
      </h3>
      <p role="status" className="text-sm text-slate-700">
        {plural(preview.rowCount, "row", "rows")} read: {plural(preview.jobCount, "job", "jobs")} with {plural(preview.entryCount, "history entry", "history entries")}.{" "}
        {blocked ? "Nothing can be imported until every problem below is fixed." : "Nothing is saved until you import."}
      </p>

      <form onSubmit={onSubmit} onChange={() => setChanged(true)} noValidate className="space-y-4">
        <input type="hidden" name="content" value={upload.content} />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="pb-2 text-left font-semibold text-slate-800">How each column is read</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Column in your file</th>
                <th scope="col" className="py-1 pr-3 font-medium">First value</th>
                <th scope="col" className="py-1 font-medium">Read as</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns.map((c, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-medium">{columnName(c.header, i)}</th>
                  <td className="max-w-48 truncate py-1 pr-3 text-slate-600">{c.sample}</td>
                  <td className="py-1">
                    <label htmlFor={`column-${i}`} className="sr-only">{`${columnName(c.header, i)} column`}</label>
                    <select id={`column-${i}`} name={`column-${i}`} defaultValue={c.field} className="field-input mt-0">
                      <option value="">Don’t import</option>
                      {fields.map((f) => (
                        <option key={f.value} value={f.value}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {preview.numericDates || preview.dateOrder ? (
          <SelectField label="Dates like 03/04/2026 are" name="dateOrder" defaultValue={preview.dateOrder} options={DATE_ORDERS} />
        ) : null}
        <SubmitButton className="btn-secondary" pending={pending} pendingText="Updating…">
          Update preview
        </SubmitButton>
      </form>

      {preview.mappingErrors.length ? <ProblemList title="Choose the columns again" items={preview.mappingErrors} /> : null}
      {preview.problemCount ? (
        <ProblemList
          title={`${plural(preview.problemCount, "problem", "problems")} to fix`}
          items={preview.problems}
          more={preview.problemCount - preview.problems.length}
        />
      ) : null}
      {preview.notices.length ? (
        <div className="space-y-1 text-sm">
          <h4 className="font-semibold">Good to know</h4>
          <ul className="list-disc space-y-1 pl-5 text-slate-700">
            {preview.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.sample.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="pb-2 text-left font-semibold text-slate-800">
              {preview.jobCount > preview.sample.length ? `The first ${preview.sample.length} jobs, as they will be imported` : "The jobs, as they will be imported"}
            </caption>
            <thead className="text-slate-600">
              <tr>
                {["Row", "Company", "Role", "Date applied", "History", "Check"].map((h) => (
                  <th key={h} scope="col" className="py-1 pr-3 font-medium">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((job) => (
                <tr key={job.rows} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">{job.rows}</td>
                  <td className="py-1 pr-3">{job.company}</td>
                  <td className="py-1 pr-3">{job.role}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{job.appliedOn}</td>
                  <td className="py-1 pr-3">{job.history}</td>
                  <td className={job.ok ? "py-1 text-green-800" : "py-1 font-medium text-red-700"}>{job.ok ? "Ready" : "Problem"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {blocked ? (
        <p className="text-sm text-slate-700">Fix the file and preview it again, or change how a column is read. A file with any problem imports nothing.</p>
      ) : changed ? (
        <p className="text-sm text-slate-700">You changed how a column is read: update the preview, then import.</p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-2">
          <input type="hidden" name="step" value="import" />
          <input type="hidden" name="content" value={upload.content} />
          <input type="hidden" name="digest" value={preview.digest} />
          <input type="hidden" name="requestId" value={requestId} />
          {preview.columns.map((c, i) => (
            <input key={i} type="hidden" name={`column-${i}`} value={c.field} />
          ))}
          <input type="hidden" name="dateOrder" value={preview.dateOrder} />
          <SubmitButton pending={pending} pendingText="Importing…">
            {`Import ${plural(preview.jobCount, "job", "jobs")}`}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

function ProblemList({ title, items, more = 0 }: { title: string; items: string[]; more?: number }) {
  return (
    <div className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-800">
      <h4 className="font-semibold">{title}</h4>
      <ul className="list-disc space-y-1 pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      {more > 0 ? <p>…and {more.toLocaleString("en")} more.</p> : null}
    </div>
  );
}
