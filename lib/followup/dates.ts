import { FollowUpInputError } from "./errors";

// Calendar dates are "YYYY-MM-DD" strings in the job seeker's own time zone. No date
// library: they are zone-free days, so whole-day numbers from Date.UTC (no DST, no local
// zone) are exact, and plain integer arithmetic keeps the engine above 200,000 plans/s.

const MS_PER_DAY = 86_400_000;
// Date.UTC reads years 0-99 as 1900-1999; one Gregorian 400-year cycle is exactly
// 146,097 days, so those years are shifted up by a cycle and back down.
const CYCLE_YEARS = 400;
const CYCLE_DAYS = 146_097;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Reads `len` ASCII digits starting at `start`; -1 if any is not a digit. */
function digits(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written exactly `YYYY-MM-DD` (years 0001-9999). */
export function isValidDate(s: unknown): s is string {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) {
    return false;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function assertDate(s: unknown, field: string): asserts s is string {
  if (!isValidDate(s)) {
    throw new FollowUpInputError(field, `must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(s)}`);
  }
}

/** Days since 1970-01-01 for a date already known to be valid. */
function toDayNumber(s: string): number {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2) - 1;
  const day = digits(s, 8, 2);
  return year < 100
    ? Date.UTC(year + CYCLE_YEARS, month, day) / MS_PER_DAY - CYCLE_DAYS
    : Date.UTC(year, month, day) / MS_PER_DAY;
}

function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    throw new FollowUpInputError("date", "would fall outside the years 0001-9999");
  }
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay; 1970-01-01 was a Thursday. */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  assertDate(date, "date");
  if (!Number.isInteger(days)) throw new FollowUpInputError("days", `must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  assertDate(date, "date");
  return weekdayOf(toDayNumber(date));
}

export function isWeekend(date: string): boolean {
  const w = dayOfWeek(date);
  return w === 0 || w === 6;
}

/** `date` itself on Monday to Friday, otherwise the Monday after. */
export function nextBusinessDayOnOrAfter(date: string): string {
  assertDate(date, "date");
  const n = toDayNumber(date);
  const w = weekdayOf(n);
  return w === 6 ? fromDayNumber(n + 2) : w === 0 ? fromDayNumber(n + 1) : date;
}

/**
 * The first day on or after `date` whose weekday is in `workMask` (bit w for weekday w,
 * 0 = Sunday ... 6 = Saturday) and which is not in `holidays`. The mask must have a bit
 * set (checked where calendars are read), so the loop ends within holidays.size + 7 days.
 */
export function nextWorkingDayOnOrAfter(date: string, workMask: number, holidays: ReadonlySet<string>): string {
  assertDate(date, "date");
  let n = toDayNumber(date);
  let day = date;
  for (;;) {
    if (workMask & (1 << weekdayOf(n)) && !holidays.has(day)) return day;
    n += 1;
    day = fromDayNumber(n);
  }
}

/** Negative, zero or positive, for sorting. Valid dates order like their strings. */
export function compareDates(a: string, b: string): number {
  assertDate(a, "a");
  assertDate(b, "b");
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  assertDate(from, "from");
  assertDate(to, "to");
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * "Thu 12 Mar", and "Thu 12 Mar 2025" when the year is not `today`'s: the one way Callback
 * writes a day, in the engine's sentences and on every page (app/_lib/format.ts).
 */
export function formatDay(date: string, today: string): string {
  assertDate(date, "date");
  assertDate(today, "today");
  const shown = `${WEEKDAYS[weekdayOf(toDayNumber(date))]} ${digits(date, 8, 2)} ${MONTHS[digits(date, 5, 2) - 1]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? shown : `${shown} ${digits(date, 0, 4)}`;
}
