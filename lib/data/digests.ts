import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/followup";
import { emailConfigured } from "@/lib/mail";
import { DigestSettingsInput } from "@/lib/validation/digests";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { dateString, FULL_VISIBILITY, toDate } from "./mappers";
import { clientSummaries, liveGrantOf } from "./grants";
import { requireUser } from "./session";
import { loadTimeline } from "./timeline";
import { CALENDAR_SELECT } from "./working-calendar";
import { localClock, todayIn } from "@/lib/time/zones";

/*
 * The e-mail digests' data: the user's opt-ins, who is owed a digest now, and the one row per
 * (user, kind, local day) in DigestDelivery whose unique key makes a digest go out once however
 * many workers run (docs/decisions/ "digest e-mails"). Every time here comes from the caller's
 * `now`, never the database clock, so the tick can be tested at any hour of any day.
 */

export type DigestKind = "daily" | "weekly_coach";
/** Digests go out from this local hour on their day: the morning. */
export const DIGEST_HOUR = 8;

/**
 * Whether this server sends digests: SMTP configured (lib/mail.ts) and a real Postgres server.
 * Not on the embedded database: see docs/decisions/ "digest e-mails".
 */
export type EmailAvailability = "on" | "not_configured" | "embedded_database";

export type DigestSettingsDTO = {
  /** Anything but "on": nothing is sent, and nothing can be turned on. */
  email: EmailAvailability;
  dailyDigest: boolean;
  weeklyCoachDigest: boolean;
  /** The viewer coaches someone (a live grant), so the weekly coach digest applies to them. */
  coaching: boolean;
  timeZone: string;
};

export async function getDigestSettings(): Promise<DigestSettingsDTO> {
  const viewer = await requireUser();
  const [user, clients] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { dailyDigest: true, weeklyCoachDigest: true } }),
    db.coachGrant.count({ where: liveGrantOf(viewer.id) }),
  ]);
  return { email: await emailAvailability(), ...user, coaching: clients > 0, timeZone: viewer.timeZone };
}

/** Turning a digest off always works; turning one on needs e-mail configured on this server. */
export async function updateDigestSettings(input: unknown): Promise<Pick<DigestSettingsDTO, "dailyDigest" | "weeklyCoachDigest">> {
  const viewer = await requireUser();
  const parsed = DigestSettingsInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  if ((parsed.data.dailyDigest || parsed.data.weeklyCoachDigest) && (await emailAvailability()) !== "on") {
    throw new AppError("unavailable", "E-mail is not configured on this server, so reminders cannot be turned on.");
  }
  return db.user.update({ where: { id: viewer.id }, data: parsed.data, select: { dailyDigest: true, weeklyCoachDigest: true } });
}

let embedded: Promise<boolean> | undefined;

/**
 * The embedded database (PGlite behind pglite-socket) runs every connection's statements in one
 * backend; statements from concurrent connections can interleave there ("unnamed prepared
 * statement does not exist", or one query's parameters bound to another's statement). A background
 * worker sending e-mail must not run on that: asked once per process.
 */
export function onEmbeddedDatabase(): Promise<boolean> {
  embedded ??= db.$queryRaw<{ version: string }[]>`SELECT version()`.then(
    ([row]) => /pglite/i.test(row?.version ?? ""),
    (error: unknown) => {
      embedded = undefined;
      throw error;
    },
  );
  return embedded;
}

export async function emailAvailability(): Promise<EmailAvailability> {
  if (!emailConfigured()) return "not_configured";
  return (await onEmbeddedDatabase()) ? "embedded_database" : "on";
}

/**
 * The local day a digest of `kind` is owed for at `now`, or null: the daily one from 08:00 every
 * day, the coach's weekly one from 08:00 on Monday. Only "today" ever counts: a day missed
 * altogether (every server down until midnight) is skipped, not sent late.
 */
export function digestDayAt(kind: DigestKind, timeZone: string, now: Date): string | null {
  const clock = localClock(timeZone, now);
  if (clock.hour < DIGEST_HOUR) return null;
  if (kind === "weekly_coach" && clock.weekday !== 1) return null;
  return clock.day;
}

export type DigestKey = { userId: string; kind: DigestKind; day: string };
/** `retry`: claimed before, never sent, and its lease has run out. */
export type DigestCandidate = DigestKey & { retry: boolean };

/**
 * Everyone owed a digest of `kind` at `now` and not yet sent it: opted-in users whose local
 * morning has come, without a row for their local today, or with an unsent row whose claim is
 * older than `leaseMs` (the worker that claimed it failed or died). Two queries, whatever the
 * number of users.
 */
export async function listDueDigests(kind: DigestKind, now: Date, leaseMs: number): Promise<DigestCandidate[]> {
  // Every zone's local date is within a day of the UTC date.
  const utcDay = dateString(now);
  const users = await db.user.findMany({
    where: kind === "daily" ? { dailyDigest: true } : { weeklyCoachDigest: true, grantsHeld: { some: { acceptedAt: { not: null }, revokedAt: null } } },
    select: {
      id: true,
      timeZone: true,
      digests: { where: { kind, day: { gte: toDate(addDays(utcDay, -1)), lte: toDate(addDays(utcDay, 1)) } }, select: { day: true, sentAt: true, createdAt: true } },
    },
    orderBy: { id: "asc" },
  });
  const candidates: DigestCandidate[] = [];
  for (const user of users) {
    let day: string | null;
    try {
      day = digestDayAt(kind, user.timeZone, now);
    } catch {
      continue; // a zone this Node does not know: nothing can be scheduled for it
    }
    if (!day) continue;
    const row = user.digests.find((d) => dateString(d.day) === day);
    if (!row) candidates.push({ userId: user.id, kind, day, retry: false });
    else if (!row.sentAt && row.createdAt.getTime() <= now.getTime() - leaseMs) candidates.push({ userId: user.id, kind, day, retry: true });
  }
  return candidates;
}

/**
 * Takes a digest for this worker: true for exactly one caller however many race. A new digest
 * is claimed by inserting its row (INSERT ... ON CONFLICT DO NOTHING: the unique key decides);
 * a retry by moving an unsent row's claim time forward, only if its lease has run out.
 */
export async function claimDigest(candidate: DigestCandidate, now: Date, leaseMs: number): Promise<boolean> {
  const { userId, kind, day } = candidate;
  if (!candidate.retry) {
    const { count } = await db.digestDelivery.createMany({ data: [{ userId, kind, day: toDate(day), createdAt: now }], skipDuplicates: true });
    return count === 1;
  }
  const { count } = await db.digestDelivery.updateMany({
    where: { userId, kind, day: toDate(day), sentAt: null, createdAt: { lte: new Date(now.getTime() - leaseMs) } },
    data: { createdAt: now },
  });
  return count === 1;
}

/**
 * The digest went out, or there was nothing to send: it is settled and never sent again.
 * A failed send leaves the row unsent; it is retried once its lease runs out.
 */
export async function settleDigest({ userId, kind, day }: DigestKey, now: Date): Promise<void> {
  await db.digestDelivery.updateMany({ where: { userId, kind, day: toDate(day), sentAt: null }, data: { sentAt: now } });
}

export type DigestJob = {
  id: string;
  company: string;
  role: string;
  headline: string;
  explanation: string;
  /** The day the follow-up window opened. */
  opensOn: string | null;
  talkingPoints: string[];
  contactName: string | null;
  contactPhone: string | null;
};
export type DailyDigest = { to: string; name: string; today: string; timeZone: string; jobs: DigestJob[]; /** All due jobs (`jobs` may list fewer). */ total: number };

/** What is due today for one user, or null when nothing is (or they turned the digest off). */
export async function loadDailyDigest(userId: string, now: Date): Promise<DailyDigest | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, timeZone: true, dailyDigest: true, ...CALENDAR_SELECT } });
  if (!user?.dailyDigest) return null;
  const timeline = await loadTimeline(userId, FULL_VISIBILITY, userId, now, { owner: user });
  if (timeline.counts.due === 0) return null;
  return {
    to: user.email,
    name: user.name,
    today: timeline.today,
    timeZone: user.timeZone,
    total: timeline.counts.due,
    // Private notes and comments stay in the app; the call needs the plan and whom to ring.
    jobs: timeline.sections.due.map((job) => ({
      id: job.id,
      company: job.company,
      role: job.role,
      headline: job.plan.headline,
      explanation: job.plan.explanation,
      opensOn: job.plan.opensOn ?? null,
      talkingPoints: job.plan.talkingPoints,
      contactName: job.contactName,
      contactPhone: job.contactPhone,
    })),
  };
}

export type CoachDigestClient = { id: string; name: string; due: number; waiting: number; followedUp: number };
export type CoachDigest = { to: string; name: string; weekOf: string; clients: CoachDigestClient[] };

/**
 * A coach's Monday summary: each client with a live grant and their counts, the same as /clients
 * shows (clientSummaries in lib/data/grants.ts), however many clients; null without any.
 */
export async function loadCoachDigest(coachId: string, now: Date): Promise<CoachDigest | null> {
  const coach = await db.user.findUnique({ where: { id: coachId }, select: { email: true, name: true, timeZone: true, weeklyCoachDigest: true } });
  if (!coach?.weeklyCoachDigest) return null;
  const summaries = await clientSummaries(coachId, now);
  if (summaries.length === 0) return null;
  const clients = summaries.map(({ id, name, due, waiting, followedUp }): CoachDigestClient => ({ id, name, due, waiting, followedUp }));
  return { to: coach.email, name: coach.name, weekOf: todayIn(coach.timeZone, now), clients };
}
