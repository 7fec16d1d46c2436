"use client";

import { useState, useSyncExternalStore } from "react";
import { currentZoneName } from "@/lib/time/zone-names";

const subscribe = () => () => {};
const browserZone = () => currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * The time zone, searchable: a text field with the zones as suggestions (a combobox to assistive
 * technology); typing "Kolkata" narrows the list. It defaults to the browser's zone (the server
 * cannot know it); the server resolves what was typed, a city alone included (lib/time/zone-names.ts).
 */
export function TimeZoneField({ zones, defaultValue, errors }: { zones: string[]; defaultValue?: string; errors?: string[] }) {
  // The server renders UTC; after hydration the browser's own zone is the default.
  const browser = useSyncExternalStore(subscribe, browserZone, () => null);
  const [typed, setTyped] = useState<string | null>(defaultValue ? currentZoneName(defaultValue) : null);
  const value = typed ?? (browser && zones.includes(browser) ? browser : "UTC");
  return (
    <div>
      <label htmlFor="field-timeZone" className="field-label">
        Time zone
      </label>
      <input
        id="field-timeZone"
        name="timeZone"
        className="field-input"
        list="time-zone-names"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setTyped(e.target.value)}
        onFocus={(e) => e.target.select()}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "field-timeZone-hint field-timeZone-error" : "field-timeZone-hint"}
      />
      <datalist id="time-zone-names">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id="field-timeZone-hint" className="field-hint">
        Type a city to search, e.g. Kolkata or Kyiv. Follow-up dates are worked out in this time zone.
      </p>
      {errors?.length ? (
        <p id="field-timeZone-error" className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
