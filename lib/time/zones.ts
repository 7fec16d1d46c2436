import { TZDate } from "@date-fns/tz";
import { BoundedCache } from "./bounded-cache";

// The one time-zone module: what a day and an hour are where a user lives. Zones are validated
// IANA names (lib/validation/auth.ts); the formatter cache is bounded all the same.
const dayFormats = new BoundedCache<string, Intl.DateTimeFormat>(1024);

/**
 * Today's calendar date (YYYY-MM-DD) in an IANA time zone: what "today" means to that user. The
 * hottest date function (every signed-in request): one cached Intl formatter per zone, en-CA
 * because it writes YYYY-MM-DD.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayFormats.getOrCreate(timeZone, (tz) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })).format(now);
}

/** The instant `day` (YYYY-MM-DD) begins in `timeZone` (daylight-saving changes included, by @date-fns/tz). */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** The local calendar date, hour and weekday (0 = Sunday) at `now` in `timeZone`. */
export function localClock(timeZone: string, now: Date): { day: string; hour: number; weekday: number } {
  const local = new TZDate(now.getTime(), timeZone);
  // todayIn is the app's one definition of "today" (the timeline uses it): the digest must agree.
  return { day: todayIn(timeZone, now), hour: local.getHours(), weekday: local.getDay() };
}
