import { headers } from "next/headers";
import { BoundedCache } from "@/lib/time/bounded-cache";
import { negotiateLocale } from "@/lib/time/locale";

/** The reader's locale, from Accept-Language (dates are shown the way they write them). */
export async function getLocale(): Promise<string> {
  return negotiateLocale((await headers()).get("accept-language"));
}

// Building an Intl formatter costs far more than using one (it was the timeline's hottest
// function in a profile): keep one per locale and style. Locales are negotiated down to a few
// hundred (lib/time/locale.ts) and the caches are bounded all the same.
const dateFormats = new BoundedCache<string, Intl.DateTimeFormat>(256);
const relativeFormats = new BoundedCache<string, Intl.RelativeTimeFormat>(128);

/** A calendar date (YYYY-MM-DD, already in the user's zone) in the reader's locale. */
export function formatDate(date: string, locale: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const key = `${locale}|${opts.weekday === false ? "" : "w"}|${opts.year ? "y" : ""}`;
  const format = dateFormats.getOrCreate(key, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      weekday: opts.weekday === false ? undefined : "short",
      day: "numeric",
      month: "short",
      year: opts.year ? "numeric" : undefined,
    }),
  );
  return format.format(Date.parse(`${date}T00:00:00Z`));
}

/** "today", "tomorrow", "in 3 days", "2 days ago", in the reader's language. */
export function relativeDay(date: string, today: string, locale: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return relativeFormats.getOrCreate(locale, (l) => new Intl.RelativeTimeFormat(l, { numeric: "auto" })).format(days, "day");
}
