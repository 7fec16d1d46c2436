import "server-only";

const formats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (YYYY-MM-DD) in an IANA time zone: what "today" means to that user. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. One formatter per zone: building one is the costly part.
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  return format.format(now);
}
