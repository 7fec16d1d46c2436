import Holidays from "date-holidays";
import { FollowUpInputError } from "./errors";

/*
 * Public holidays by region (issue 15), from date-holidays: its rules and data ship with the
 * package (computation only, no I/O), kept up by many contributors per country. Only its
 * "public" type counts: bank, school, optional and observance days are days people work.
 * A region code is an ISO 3166 country, optionally with date-holidays' subdivision:
 * "US", "FR", "GB-ENG", "DE-BY".
 */

const REGION = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;

export interface HolidayRegion {
  /** "GB-ENG" */
  code: string;
  /** "England" */
  name: string;
  /** "England, United Kingdom (GB-ENG)": what the settings field shows and accepts. */
  label: string;
}

let catalogue: Map<string, HolidayRegion> | undefined;

/** Every region date-holidays knows (countries and their subdivisions), by code. Built once. */
function regions(): Map<string, HolidayRegion> {
  if (catalogue) return catalogue;
  const hd = new Holidays();
  const list = new Map<string, HolidayRegion>();
  const countries = hd.getCountries("en");
  for (const [country, countryName] of Object.entries(countries).sort((a, b) => a[1].localeCompare(b[1], "en"))) {
    list.set(country, { code: country, name: countryName, label: `${countryName} (${country})` });
    const states = hd.getStates(country, "en") ?? {};
    for (const [state, stateName] of Object.entries(states).sort((a, b) => a[1].localeCompare(b[1], "en"))) {
      const code = `${country}-${state}`;
      list.set(code, { code, name: stateName, label: `${stateName}, ${countryName} (${code})` });
    }
  }
  catalogue = list;
  return list;
}

/** Countries and their regions for the settings picker, countries in name order, each followed by its regions. */
export function holidayRegions(): HolidayRegion[] {
  return [...regions().values()];
}

function known(region: string): HolidayRegion {
  const found = typeof region === "string" && REGION.test(region) ? regions().get(region) : undefined;
  if (!found) {
    throw new FollowUpInputError("region", `must be a country or region Callback knows the public holidays of, such as "GB-ENG", "US" or "DE-BY"; got ${JSON.stringify(region)}`);
  }
  return found;
}

/** "England" for "GB-ENG", "France" for "FR". Throws FollowUpInputError for an unknown code. */
export function regionName(region: string): string {
  return known(region).name;
}

/**
 * A region's code from what a person typed: the code itself ("gb-eng"), a label from the
 * list, or a name that only one region has ("England"). Null when nothing or several match.
 */
export function resolveHolidayRegion(typed: string): string | null {
  const text = typed.trim().toLowerCase();
  if (!text) return null;
  const all = regions();
  const byCode = all.get(text.toUpperCase());
  if (byCode) return byCode.code;
  const matches = [...all.values()].filter((r) => r.label.toLowerCase() === text || r.name.toLowerCase() === text);
  return matches.length === 1 ? matches[0]!.code : null;
}

/**
 * Time zone -> country, from date-holidays' own data: the browser's zone suggests a country
 * in the settings (a suggestion the person accepts, never a silent choice).
 */
let zoneCountries: Record<string, string> | undefined;
export function countryByTimeZone(): Record<string, string> {
  if (zoneCountries) return zoneCountries;
  const map: Record<string, string> = {};
  for (const r of regions().values()) {
    if (r.code.includes("-")) continue;
    for (const zone of new Holidays(r.code).getTimezones() ?? []) map[zone] ??= r.code;
  }
  zoneCountries = map;
  return map;
}

/**
 * The public holidays of `region` from 1 January `fromYear` to 31 December `toYear`, as sorted,
 * distinct `YYYY-MM-DD` days, substitute days included (England's Mon 28 Dec 2026 for Boxing
 * Day). Throws FollowUpInputError for an unknown region or a bad range of years.
 */
export function publicHolidays(region: string, fromYear: number, toYear: number): string[] {
  const { code } = known(region);
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 1 || toYear > 9999 || fromYear > toYear) {
    throw new FollowUpInputError("years", `must be whole years with fromYear <= toYear, got ${fromYear} to ${toYear}`);
  }
  const [country, state] = code.split("-") as [string, string | undefined];
  const hd = state ? new Holidays(country, state, { types: ["public"] }) : new Holidays(country, { types: ["public"] });
  const days = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of hd.getHolidays(year)) {
      // "2026-12-28 00:00:00" (some add an offset): the local calendar day is its first ten characters.
      if (h.type === "public") days.add(h.date.slice(0, 10));
    }
  }
  return [...days].sort();
}
