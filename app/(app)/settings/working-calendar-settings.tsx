"use client";

import { useState, useSyncExternalStore } from "react";
import { FormMessage } from "@/app/_components/field";
import { SearchableField } from "@/app/_components/searchable-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { updateWorkingCalendarAction } from "./working-calendar-actions";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export type WorkingCalendarSettingsProps = {
  workdays: number[];
  holidayRegion: string | null;
  regions: { code: string; label: string }[];
  /** Time zone -> country code, to suggest a country from the browser's zone. */
  zoneCountries: Record<string, string>;
};

/**
 * Working week and holidays (issue 15). The region is searchable like the time zone (a text
 * field with the regions as suggestions); the browser's time zone only ever *suggests* a
 * country, with a button: nothing is chosen for the person.
 */
export function WorkingCalendarSettings({ workdays, holidayRegion, regions, zoneCountries }: WorkingCalendarSettingsProps) {
  const { state, onSubmit, pending, errors } = useFormAction(updateWorkingCalendarAction);
  const labelOf = (code: string | null) => (code ? (regions.find((r) => r.code === code)?.label ?? code) : "");
  const saved = state.ok && state.data ? { days: state.data.workdays!.split(",").map(Number), region: state.data.holidayRegion || null } : { days: workdays, region: holidayRegion };
  const [typed, setTyped] = useState<string | null>(null);
  const [savedRegion, setSavedRegion] = useState(saved.region);
  if (savedRegion !== saved.region) {
    // A save changed the stored region: the field shows it (a reset would not touch typed state).
    setSavedRegion(saved.region);
    setTyped(null);
  }
  const value = typed ?? labelOf(saved.region);
  // The server renders without a zone; after hydration the browser's zone may suggest a country.
  const zone = useSyncExternalStore(subscribe, browserZone, () => null);
  const suggested = zone ? zoneCountries[zone] : undefined;
  const suggestion = suggested && !value.trim() ? regions.find((r) => r.code === suggested) : undefined;
  const daysError = errors.workdays?.length ? "field-workdays-error" : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="working-calendar-heading">
      <h2 id="working-calendar-heading" className="text-lg font-semibold">
        Working week and holidays
      </h2>
      <p className="text-sm text-slate-700">
        Callback suggests a follow-up call on a day people are at work: one of your working days that is not a public holiday where you
        are looking for work.
      </p>
      <FormMessage state={state} />
      <fieldset aria-describedby={daysError} aria-invalid={daysError ? true : undefined}>
        <legend className="field-label">Working days</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
          {DAYS.map((day, i) => (
            <label key={`${day}-${saved.days.join()}`} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="workdays" value={i + 1} className="size-4" defaultChecked={saved.days.includes(i + 1)} />
              {day}
            </label>
          ))}
        </div>
        {daysError ? (
          <p id="field-workdays-error" className="field-error">
            {errors.workdays!.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SearchableField
        name="holidayRegion"
        label={
          <>
            Public holidays of <span className="font-normal text-slate-500">(optional)</span>
          </>
        }
        listId="holiday-regions"
        suggestions={regions.map((r) => r.label)}
        value={value}
        onValueChange={setTyped}
        errors={errors.holidayRegion}
        hint="A country or region: type to search, e.g. England, France or Bayern. Leave it empty for no public holidays."
        describedBy={suggestion ? ["field-holidayRegion-suggestion"] : []}
      >
        {suggestion ? (
          <p id="field-holidayRegion-suggestion" className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            Your time zone suggests {suggestion.label}.
            <button type="button" className="btn-secondary" onClick={() => setTyped(suggestion.label)}>
              Use {suggestion.label}
            </button>
          </p>
        ) : null}
      </SearchableField>
      <SubmitButton pending={pending} pendingText="Saving…">
        Save working week and holidays
      </SubmitButton>
    </form>
  );
}
