import { TZDate } from "@date-fns/tz";
import { formatDay } from "@/lib/followup";
import { todayIn } from "@/lib/time/zones";

/**
 * A calendar date (YYYY-MM-DD, already in the user's zone): "Mon 30 Nov", with the year when
 * it is not `today`'s. One style on every page and in the rules' own sentences (issue 14), so
 * a card's "Opens Tue 10 Mar" and its explanation's "the window opens on Tue 10 Mar" agree.
 */
export function formatDate(date: string, today: string): string {
  return formatDay(date, today);
}

/** A moment (an ISO timestamp) as a day in the user's zone, "Mon 30 Nov", with "at 14:05" if asked. */
export function formatInstant(iso: string, timeZone: string, opts: { time?: boolean } = {}): string {
  const at = new Date(iso);
  const shown = formatDay(todayIn(timeZone, at), todayIn(timeZone));
  if (!opts.time) return shown;
  const local = new TZDate(at.getTime(), timeZone);
  return `${shown} at ${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "today", "tomorrow", "in 3 days", "2 days ago". */
export function relativeDay(date: string, today: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return relative.format(days, "day");
}
