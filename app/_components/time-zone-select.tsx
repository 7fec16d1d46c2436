"use client";

import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A time-zone picker that defaults to the browser's zone (the server cannot know it). */
export function TimeZoneSelect({ zones, defaultValue, errors }: { zones: string[]; defaultValue?: string; errors?: string[] }) {
  // The server renders UTC; after hydration the browser's own zone is the default.
  const browser = useSyncExternalStore(subscribe, browserZone, () => null);
  const [chosen, setValue] = useState<string | null>(defaultValue ?? null);
  const value = chosen ?? (browser && zones.includes(browser) ? browser : "UTC");
  return (
    <div>
      <label htmlFor="field-timeZone" className="field-label">
        Time zone
      </label>
      <select
        id="field-timeZone"
        name="timeZone"
        className="field-input"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "field-timeZone-error field-timeZone-hint" : "field-timeZone-hint"}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      <p id="field-timeZone-hint" className="field-hint">
        Follow-up dates are worked out in this time zone.
      </p>
      {errors?.length ? (
        <p id="field-timeZone-error" className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

