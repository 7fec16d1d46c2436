import { addDays, dayOfWeek } from "@/lib/followup";

/** The periods a page offers: the last 30 or 90 days (today included), or everything. */
export const PERIODS = ["30", "90", "all"] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = "90";
export const PERIOD_LABELS: Record<Period, string> = { "30": "Last 30 days", "90": "Last 90 days", all: "All time" };

export const isPeriod = (value: unknown): value is Period => typeof value === "string" && (PERIODS as readonly string[]).includes(value);

/** A query parameter read as a period: anything else is the default. */
export const periodOf = (value: unknown): Period => (isPeriod(value) ? value : DEFAULT_PERIOD);

/**
 * The first day of the period in the job seeker's calendar: "last 30 days" is today and the 29
 * days before it. Null for all time.
 */
export function periodStart(period: Period, today: string): string | null {
  return period === "all" ? null : addDays(today, -(Number(period) - 1));
}

/** The Monday of the week `day` falls in (weeks run Monday to Sunday, as ISO 8601 has them). */
export const weekOf = (day: string): string => addDays(day, -((dayOfWeek(day) + 6) % 7));
