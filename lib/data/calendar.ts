import "server-only";
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventTransparency, type ICalCalendar } from "ical-generator";
import { db } from "@/lib/db";
import { addDays, formatDay, planFollowUp } from "@/lib/followup";
import { talkingPoints } from "@/lib/followup/copy";
import { FeedToken } from "@/lib/validation/calendar";
import { toDate, toStageDTO, type StageDTO } from "./mappers";
import { LIMITS, hit, isLimited } from "./rate-limit";
import { requireUser } from "./session";
import { hashToken, newToken } from "./tokens";
import { CALENDAR_SELECT, calendarForStages, type CalendarSettings } from "./working-calendar";
import { todayIn } from "@/lib/time/zones";

/** The feed as its owner sees it on /settings: whether one exists and since when, never the token. */
export type CalendarFeedDTO = { active: boolean; createdAt: string | null };

export type CalendarFeedResult =
  | { status: "ok"; body: string }
  | { status: "not_found" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/** How far back the feed reaches: calendar apps keep past events they have already seen. */
const FEED_PAST_DAYS = 30;

export async function getCalendarFeed(): Promise<CalendarFeedDTO> {
  const viewer = await requireUser();
  const row = await db.user.findUnique({ where: { id: viewer.id }, select: { feedTokenHash: true, feedCreatedAt: true } });
  const active = Boolean(row?.feedTokenHash);
  return { active, createdAt: active ? (row?.feedCreatedAt?.toISOString() ?? null) : null };
}

/**
 * Creates the viewer's feed, or replaces it: the new token's hash overwrites the old one, so
 * the old URL stops working at once. The raw token is returned this once and never stored.
 */
export async function createCalendarFeed(): Promise<{ token: string }> {
  const viewer = await requireUser();
  const token = newToken();
  await db.user.update({ where: { id: viewer.id }, data: { feedTokenHash: hashToken(token), feedCreatedAt: new Date() } });
  return { token };
}

/** Turns the feed off. Idempotent: a second click (another tab) is not an error. */
export async function revokeCalendarFeed(): Promise<void> {
  const viewer = await requireUser();
  await db.user.update({ where: { id: viewer.id }, data: { feedTokenHash: null, feedCreatedAt: null } });
}

/**
 * The iCalendar feed behind a token, checked against the database on every request.
 * Revoked, replaced, malformed and unknown tokens are all "not found". An address that has
 * guessed wrong too often is refused before its token is even looked at, so being limited
 * says nothing about whether a token is valid.
 */
export async function openCalendarFeed(token: unknown, clientAddress: string, now = new Date()): Promise<CalendarFeedResult> {
  const misses = LIMITS.calendarFeedMissesPerAddress;
  if (await isLimited(misses, clientAddress)) return { status: "rate_limited", retryAfterSeconds: misses.windowSeconds };
  const rate = await hit(LIMITS.calendarFeedPerAddress, clientAddress);
  if (!rate.allowed) return { status: "rate_limited", retryAfterSeconds: rate.retryAfterSeconds };
  const parsed = FeedToken.safeParse(token);
  const owner = parsed.success
    ? await db.user.findUnique({ where: { feedTokenHash: hashToken(parsed.data) }, select: { id: true, timeZone: true, ...CALENDAR_SELECT } })
    : null;
  if (!owner) {
    await hit(misses, clientAddress);
    return { status: "not_found" };
  }
  return { status: "ok", body: (await buildFeed(owner, now)).toString() };
}

type Owner = { id: string; timeZone: string } & CalendarSettings;

/**
 * One query for the jobs (and one for their stages) whatever their number: the owner's live
 * jobs with a stage recent enough to give an event in the feed's range. A window opens at
 * 7 days after its stage, or 1 day after the promised date, then on the owner's next business
 * day: a weekend, or a run of public holidays and days off (Christmas to New Year, a one-day
 * week), so a stage (or a promised date) 60 days before the range is a safe margin.
 */
async function buildFeed(owner: Owner, now: Date): Promise<ICalCalendar> {
  const today = todayIn(owner.timeZone, now);
  const from = addDays(today, -FEED_PAST_DAYS);
  const margin = toDate(addDays(from, -60));
  const jobs = await db.job.findMany({
    where: { userId: owner.id, archivedAt: null, stages: { some: { OR: [{ on: { gte: margin } }, { answerBy: { gte: margin } }] } } },
    select: { id: true, company: true, role: true, stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] } },
    orderBy: { createdAt: "asc" },
  });

  const calendar = ical({
    name: "Callback",
    description: "When to follow up on your job applications, and your interviews.",
    prodId: { company: "Callback", product: "Callback", language: "EN" },
    // A hint to calendar apps that honour it: look again every hour.
    ttl: 60 * 60,
  });
  const histories = jobs.map((job) => job.stages.map((s) => toStageDTO(s)));
  // The owner's working week and public holidays (issue 15): the call falls on a day people work.
  const workingCalendar = calendarForStages(owner, histories, today);
  for (const [i, job] of jobs.entries()) {
    const stages = histories[i]!;
    const plan = planFollowUp({ stages, today, calendar: workingCalendar });
    if (plan.status === "closed") continue;
    if ((plan.status === "waiting" || plan.status === "due") && plan.stage && plan.opensOn && plan.opensOn >= from) {
      // UIDs are the stage's: a calendar app updates the event (or drops it once the
      // follow-up is logged) instead of adding a second one.
      calendar.createEvent({
        id: `followup-${plan.stage.id}@callback`,
        allDay: true,
        start: toDate(plan.opensOn),
        end: toDate(addDays(plan.opensOn, 1)),
        summary: `Call ${job.company} about the ${job.role} role`,
        description: [plan.explanation, "", "What to say:", ...plan.talkingPoints.map((p) => `- ${p}`)].join("\n"),
        // A reminder, not a meeting: it does not mark the day as busy.
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    }
    for (const stage of stages) {
      if (stage.kind === "interview" && stage.on >= from) addInterview(calendar, job, stage, owner.timeZone, today);
    }
  }
  return calendar;
}

function addInterview(calendar: ICalCalendar, job: { company: string; role: string }, stage: StageDTO, timeZone: string, today: string) {
  const lines = [
    stage.withWhom ? `With ${stage.withWhom}.` : null,
    stage.answerBy ? `They said they would get back to you by ${formatDay(stage.answerBy, today)}.` : null,
    "",
    "If you have not heard back, Callback will tell you when to follow up. On that call:",
    ...talkingPoints("interview").map((p) => `- ${p}`),
  ].filter((l): l is string => l !== null);
  const common = { id: `interview-${stage.id}@callback`, summary: `Interview: ${job.company} — ${job.role}`, description: lines.join("\n").trim() };
  const time = stage.time?.match(/^(\d{2}):(\d{2})$/);
  if (!time) {
    calendar.createEvent({ ...common, allDay: true, start: toDate(stage.on), end: toDate(addDays(stage.on, 1)) });
    return;
  }
  // The time was entered as the job seeker's wall-clock time: the event carries their zone.
  const [year, month, day] = stage.on.split("-").map(Number) as [number, number, number];
  const start = new TZDate(year, month - 1, day, Number(time[1]), Number(time[2]), timeZone);
  calendar.createEvent({ ...common, start, end: new TZDate(start.getTime() + 60 * 60 * 1000, timeZone), timezone: timeZone });
}
