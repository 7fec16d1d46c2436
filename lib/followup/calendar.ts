import { addDays, dayOfWeek, isValidDate, nextBusinessDayOnOrAfter, nextWorkingDayOnOrAfter } from "./dates";
import { FollowUpInputError } from "./errors";

/*
 * The job seeker's working calendar (issue 15): the column's advice is a phone call to people
 * at work, so a window opens on a business day, a workday that is not a holiday. Without a
 * calendar, or with Monday to Friday and no holidays, every result is exactly the engine's
 * Monday-to-Friday one (a property test holds it).
 */

/** ISO weekday numbers, 1 = Monday ... 7 = Sunday. */
export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

export interface WorkingCalendar {
  /** ISO weekdays the job seeker's employers work, 1 = Monday ... 7 = Sunday; default Monday to Friday. */
  workdays?: readonly number[];
  /** `YYYY-MM-DD` days on which nobody is at work (public holidays). */
  holidays?: readonly string[];
  /** Where the holidays come from, for the words only: "public holidays in England". */
  regionName?: string;
}

/** A calendar checked and turned into a weekday mask and a set, once per call. */
export interface CompiledCalendar {
  /** Bit w set when weekday w (0 = Sunday ... 6 = Saturday) is a workday. */
  workMask: number;
  holidays: ReadonlySet<string>;
  /** Monday to Friday: weekends need no word, as without a calendar. */
  standardWeek: boolean;
  regionName?: string;
}

const STANDARD_MASK = 0b0111110;
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/**
 * Checks a calendar and compiles it; null when it changes nothing (no calendar, or Monday to
 * Friday without holidays), so the engine takes its plain path. Throws FollowUpInputError
 * for an empty week, a weekday outside 1-7 or an impossible holiday.
 */
export function compileCalendar(calendar: WorkingCalendar | undefined | null): CompiledCalendar | null {
  if (calendar === undefined || calendar === null) return null;
  if (typeof calendar !== "object") {
    throw new FollowUpInputError("calendar", "must be an object with workdays and holidays");
  }
  // A calendar is a value (its fields are readonly): the data layer passes one object for every
  // job of a page, so it is checked and compiled once, not once per plan (the 200,000 plans/s).
  const known = compiled.get(calendar);
  if (known !== undefined) return known;
  const result = compile(calendar);
  compiled.set(calendar, result);
  return result;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar | null>();

function compile(calendar: WorkingCalendar): CompiledCalendar | null {
  let workMask = STANDARD_MASK;
  const { workdays, holidays, regionName } = calendar;
  if (workdays !== undefined) {
    if (!Array.isArray(workdays) || workdays.length === 0) {
      throw new FollowUpInputError("calendar.workdays", "must list at least one working day (1 = Monday ... 7 = Sunday)");
    }
    workMask = 0;
    for (let i = 0; i < workdays.length; i++) {
      const d: unknown = workdays[i];
      if (typeof d !== "number" || !Number.isInteger(d) || d < 1 || d > 7) {
        throw new FollowUpInputError(`calendar.workdays[${i}]`, `must be a whole number from 1 (Monday) to 7 (Sunday), got ${JSON.stringify(d)}`);
      }
      workMask |= 1 << (d % 7);
    }
  }
  if (holidays !== undefined && !Array.isArray(holidays)) {
    throw new FollowUpInputError("calendar.holidays", "must be a list of dates written YYYY-MM-DD");
  }
  const count = holidays?.length ?? 0;
  if (workMask === STANDARD_MASK && count === 0) return null;
  const set = new Set<string>();
  for (let i = 0; i < count; i++) {
    const h: unknown = holidays![i];
    if (!isValidDate(h)) {
      throw new FollowUpInputError(`calendar.holidays[${i}]`, `must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(h)}`);
    }
    set.add(h);
  }
  return { workMask, holidays: set, standardWeek: workMask === STANDARD_MASK, ...(regionName ? { regionName } : {}) };
}

/** The first business day on or after `date`: Monday to Friday without a calendar. */
export function firstBusinessDay(date: string, calendar: CompiledCalendar | null): string {
  return calendar ? nextWorkingDayOnOrAfter(date, calendar.workMask, calendar.holidays) : nextBusinessDayOnOrAfter(date);
}

/** What the calendar did to a window: the holidays and the days off it stepped over. */
export interface CalendarMove {
  /** Holidays on workdays between the rule's day and the window, in date order. */
  holidays: string[];
  /** Non-working weekdays stepped over (not holidays), by name, once each, in order; empty for a Monday-to-Friday week. */
  daysOff: string[];
  regionName?: string;
}

/**
 * Why the window opens on `opensOn` rather than on `from`, the day the rule names; null when
 * only a Monday-to-Friday weekend (or nothing) lay between, as the engine has always said.
 */
export function calendarMove(from: string, opensOn: string, calendar: CompiledCalendar | null): CalendarMove | null {
  if (!calendar || from === opensOn) return null;
  // Monday to Friday and the plain weekend rule's day: only a weekend lay between (the usual case, kept fast).
  if (calendar.standardWeek && opensOn === nextBusinessDayOnOrAfter(from)) return null;
  const holidays: string[] = [];
  const daysOff: string[] = [];
  for (let day = from; day < opensOn; day = addDays(day, 1)) {
    const w = dayOfWeek(day);
    // A holiday on a day off moved nothing (Boxing Day on a Saturday): only workdays are named.
    if (calendar.workMask & (1 << w)) holidays.push(day);
    else if (!calendar.standardWeek && !daysOff.includes(DAY_NAMES[w]!)) daysOff.push(DAY_NAMES[w]!);
  }
  if (holidays.length === 0 && daysOff.length === 0) return null;
  return { holidays, daysOff, ...(calendar.regionName ? { regionName: calendar.regionName } : {}) };
}
