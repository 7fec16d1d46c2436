import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_WORKDAYS, type Stage, type WorkingCalendar } from "@/lib/followup";
import { countryByTimeZone, holidayRegions, publicHolidays, regionName, type HolidayRegion } from "@/lib/followup/holidays";
import { BoundedCache } from "@/lib/time/bounded-cache";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { WorkingCalendarInput } from "@/lib/validation/working-calendar";
import { requireUser } from "./session";

/*
 * The job seeker's working calendar (issue 15, docs/decisions/017): stored on the User row as
 * `workdays` and `holidayRegion`; every plan of their jobs, whoever reads it (they, their coach,
 * a link, the feed, a digest), is made with it, never with the reader's.
 */

/** What a User row holds of the calendar: select it with CALENDAR_SELECT. */
export type CalendarSettings = { workdays: number[]; holidayRegion: string | null };
export const CALENDAR_SELECT = { workdays: true, holidayRegion: true } as const;
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = { workdays: [...DEFAULT_WORKDAYS], holidayRegion: null };

// Keyed by region and year (a few hundred regions, a few years each are ever asked for): date-holidays
// takes some milliseconds per region and year, a page asks for the same ones again and again.
const holidayYears = new BoundedCache<string, string[]>(2_000);
// One calendar object per settings and span of years: the engine compiles each object once.
const calendars = new BoundedCache<string, WorkingCalendar>(1_000);

/**
 * The calendar to plan with, for stages dated within `fromYear`..`toYear`: the weekdays and the
 * region's public holidays of those years and the next (a window opens after its stage).
 */
export function calendarFor(settings: CalendarSettings, fromYear: number, toYear: number): WorkingCalendar {
  const region = settings.holidayRegion;
  const key = `${settings.workdays.join(",")}|${region ?? ""}|${fromYear}|${toYear}`;
  return calendars.getOrCreate(key, () => {
    const holidays: string[] = [];
    if (region) {
      for (let year = fromYear; year <= toYear + 1; year++) {
        holidays.push(...holidayYears.getOrCreate(`${region}|${year}`, () => publicHolidays(region, year, year)));
      }
    }
    return { workdays: settings.workdays, holidays, ...(region ? { regionName: regionName(region) } : {}) };
  });
}

/** The calendar for these job histories (the years their stages span), or for `today`'s year when there are none. */
export function calendarForStages(settings: CalendarSettings, histories: readonly (readonly Stage[])[], today: string): WorkingCalendar {
  let from = Number(today.slice(0, 4));
  let to = from;
  for (const stages of histories) {
    for (const s of stages) {
      const year = Number(s.on.slice(0, 4));
      if (year < from) from = year;
      const last = Number((s.answerBy ?? s.on).slice(0, 4));
      if (last > to) to = last;
    }
  }
  return calendarFor(settings, from, to);
}

export type WorkingCalendarSettingsDTO = CalendarSettings & {
  regions: HolidayRegion[];
  /** Time zone -> country code: the browser's zone suggests a country (the person accepts it or not). */
  zoneCountries: Record<string, string>;
};

/** The signed-in user's calendar settings, with the regions to choose from. */
export async function getWorkingCalendarSettings(): Promise<WorkingCalendarSettingsDTO> {
  const viewer = await requireUser();
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: CALENDAR_SELECT });
  return { ...user, regions: holidayRegions(), zoneCountries: countryByTimeZone() };
}

/**
 * Saves the signed-in user's working week and holiday region. In one transaction, and only
 * when something changed: the row (its trigger moves the page version), calendarVersion (so
 * a plan computed with the old calendar is not stored: lib/data/plans.ts) and every stored plan
 * snapshot of their jobs cleared (recomputed on the next read).
 */
export async function updateWorkingCalendar(input: unknown): Promise<CalendarSettings> {
  const viewer = await requireUser();
  const parsed = WorkingCalendarInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const next = parsed.data;
  return db.$transaction(async (tx) => {
    // Locks the row: two saves at once are applied one after the other.
    const [current] = await tx.$queryRaw<CalendarSettings[]>`
      SELECT "workdays", "holidayRegion" FROM "User" WHERE id = ${viewer.id} FOR UPDATE`;
    if (!current) throw new AppError("unauthenticated", "Please sign in again.");
    if (current.holidayRegion === next.holidayRegion && current.workdays.join() === next.workdays.join()) return current;
    await tx.user.update({ where: { id: viewer.id }, data: { ...next, calendarVersion: { increment: 1 } } });
    await tx.job.updateMany({ where: { userId: viewer.id }, data: { planVersion: null } });
    return next;
  });
}
