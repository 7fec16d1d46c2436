import type { ReactNode } from "react";

type SearchableFieldProps = {
  name: string;
  label: ReactNode;
  /** The datalist's id (a page may hold several searchable fields). */
  listId: string;
  /** What the browser suggests as the person types; each value is unique. */
  suggestions: readonly string[];
  value: string;
  onValueChange: (value: string) => void;
  hint: ReactNode;
  errors?: string[];
  /** Select what is there on focus, so typing replaces a default rather than appending to it. */
  selectOnFocus?: boolean;
  /** Ids of notes the caller renders as children (between the hint and the error) that describe the field. */
  describedBy?: string[];
  children?: ReactNode;
};

/**
 * A text field with suggestions (a combobox to assistive technology): the time zone and the
 * holiday region. The owner keeps the value and the server resolves what was typed; this is only
 * the markup, with the hint, notes and error tied to the input. Used from client components only
 * (it takes an onChange).
 */
export function SearchableField({ name, label, listId, suggestions, value, onValueChange, hint, errors, selectOnFocus, describedBy = [], children }: SearchableFieldProps) {
  const fieldId = `field-${name}`;
  const hasErrors = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={fieldId} className="field-label">
        {label}
      </label>
      <input
        id={fieldId}
        name={name}
        className="field-input"
        list={listId}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        onFocus={selectOnFocus ? (e) => e.target.select() : undefined}
        aria-invalid={hasErrors ? true : undefined}
        aria-describedby={[`${fieldId}-hint`, ...describedBy, hasErrors ? `${fieldId}-error` : null].filter(Boolean).join(" ")}
      />
      <datalist id={listId}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
      <p id={`${fieldId}-hint`} className="field-hint">
        {hint}
      </p>
      {children}
      {errors?.length ? (
        <p id={`${fieldId}-error`} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
