import "server-only";

import { BoundedCache } from "@/lib/time/bounded-cache";

// Zones are validated IANA names (a few hundred); bounded all the same.
const formats = new BoundedCache<string, Intl.DateTimeFormat>(1024);

/** Today's calendar date (YYYY-MM-DD) in an IANA time zone: what "today" means to that user. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD. One formatter per zone: building one is the costly part.
  return formats.getOrCreate(timeZone, (tz) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })).format(now);
}
