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

/** A calendar date (YYYY-MM-DD, already in the user's zone) in the reader's locale. */
export function formatDate(date: string, locale: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: opts.weekday === false ? undefined : "short",
    day: "numeric",
    month: "short",
    year: opts.year ? "numeric" : undefined,
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "today", "tomorrow", "in 3 days", "2 days ago", in the reader's language. */
export function relativeDay(date: string, today: string, locale: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day");
}
