"use client";

import { useState, useSyncExternalStore } from "react";
import { SearchableField } from "@/app/_components/searchable-field";
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
    <SearchableField
      name="timeZone"
      label="Time zone"
      listId="time-zone-names"
      suggestions={zones}
      value={value}
      onValueChange={setTyped}
      selectOnFocus
      errors={errors}
      hint="Type a city to search, e.g. Kolkata or Kyiv. Follow-up dates are worked out in this time zone."
    />
  );
}
