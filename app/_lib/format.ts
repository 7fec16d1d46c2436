import { headers } from "next/headers";

/** The reader's locale, from Accept-Language (dates are shown the way they write them). */
export async function getLocale(): Promise<string> {
  const header = (await headers()).get("accept-language") ?? "";
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length) return tag;
    } catch {
      // not a valid language tag: try the next one
    }
  }
  return "en-US";
}

// Building an Intl formatter costs far more than using one (it was the timeline's hottest
// function in a profile): keep one per locale and style for the life of the process.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** A calendar date (YYYY-MM-DD, already in the user's zone) in the reader's locale. */
export function formatDate(date: string, locale: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const key = `${locale}|${opts.weekday === false ? "" : "w"}|${opts.year ? "y" : ""}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      weekday: opts.weekday === false ? undefined : "short",
      day: "numeric",
      month: "short",
      year: opts.year ? "numeric" : undefined,
    });
    if (dateFormats.size < 500) dateFormats.set(key, format);
  }
  return format.format(Date.parse(`${date}T00:00:00Z`));
}

/** "today", "tomorrow", "in 3 days", "2 days ago", in the reader's language. */
export function relativeDay(date: string, today: string, locale: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    if (relativeFormats.size < 200) relativeFormats.set(locale, format);
  }
  return format.format(days, "day");
}
