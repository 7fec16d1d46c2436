import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose error is tied to it (aria-invalid + aria-describedby) for screen readers. */
export function Field({ label, name, errors, hint, id, ...input }: FieldProps) {
  const fieldId = id ?? `field-${name}`;
  const errorId = `${fieldId}-error`;
  const hintId = `${fieldId}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={fieldId} className="field-label">
        {label}
        {input.required ? null : <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <input id={fieldId} name={name} className="field-input" aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? <p id={hintId} className="field-hint">{hint}</p> : null}
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string } }) {
  if (!state.message) return null;
  return (
    <div role={state.ok ? "status" : "alert"} className={state.ok ? "rounded-md bg-green-50 p-3 text-sm text-green-800" : "rounded-md bg-red-50 p-3 text-sm text-red-800"}>
      {state.message}
    </div>
  );
}

type TextAreaProps = { label: string; name: string; errors?: string[]; hint?: ReactNode } & React.TextareaHTMLAttributes<HTMLTextAreaElement>;

export function TextArea({ label, name, errors, hint, id, ...rest }: TextAreaProps) {
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, errors?.length ? `${fieldId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={fieldId} className="field-label">
        {label}
        {rest.required ? null : <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <textarea id={fieldId} name={name} rows={3} className="field-input" aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...rest} />
      {hint ? <p id={`${fieldId}-hint`} className="field-hint">{hint}</p> : null}
      {errors?.length ? <p id={`${fieldId}-error`} className="field-error">{errors.join(" ")}</p> : null}
    </div>
  );
}

type SelectProps = { label: string; name: string; errors?: string[]; options: { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>;

export function SelectField({ label, name, errors, options, id, ...rest }: SelectProps) {
  const fieldId = id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={fieldId} className="field-label">
        {label}
      </label>
      <select id={fieldId} name={name} className="field-input" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? `${fieldId}-error` : undefined} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errors?.length ? <p id={`${fieldId}-error`} className="field-error">{errors.join(" ")}</p> : null}
    </div>
  );
}
