import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage, StageKind } from "@/lib/followup";
import { computeInsights, periodOf, periodStart, type InsightJob, type Insights, type Period } from "@/lib/insights";
import { todayIn } from "@/lib/time/zones";
import { requireClient } from "./grants";
import { requireUser } from "./session";
import { openLink } from "./shares";
import { CALENDAR_SELECT, calendarForStages, type CalendarSettings } from "./working-calendar";

// The Insights page (issue 16): who may see whose figures, and the one statement that reads the
// stages they are counted from. Every definition is in lib/insights.

/** What an Insights page shows: whose figures, on which day, over which period. */
export type InsightsView = { ownerName: string; today: string; period: Period; insights: Insights };

type Owner = { id: string; name: string; timeZone: string } & CalendarSettings;

/**
 * One statement whatever the number of jobs: every stage of the owner's jobs that touch the
 * period (a job whose last stage is before it counts in no figure), as one JSON document, so
 * 2,000 jobs are one row to read and one JSON.parse. Callers have decided the viewer may see
 * them; `archived` is the owner's alone (coaches and links never see archived jobs, not even
 * as a count).
 */
async function loadInsights(owner: Owner, period: Period, { archived }: { archived: boolean }, now: Date): Promise<InsightsView> {
  const today = todayIn(owner.timeZone, now);
  const from = periodStart(period, today);
  const rows = await db.$queryRaw<{ jobs: string }[]>`
    SELECT coalesce(json_agg(json_build_array(j.archived, j.stages)), '[]')::text AS jobs
    FROM (
      SELECT j."archivedAt" IS NOT NULL AS archived,
        json_agg(json_build_array(s.kind, s."on", s."answerBy") ORDER BY s."on", s."createdAt", s.id) AS stages
      FROM "Job" j JOIN "Stage" s ON s."jobId" = j.id
      WHERE j."userId" = ${owner.id} ${archived ? Prisma.empty : Prisma.sql`AND j."archivedAt" IS NULL`}
      GROUP BY j.id
      ${from === null ? Prisma.empty : Prisma.sql`HAVING max(s."on") >= ${from}::date`}
    ) j`;
  const parsed = JSON.parse(rows[0]?.jobs ?? "[]") as [boolean, [StageKind, string, string | null][]][];
  const jobs = parsed.map(
    ([isArchived, stages]): InsightJob => ({ archived: isArchived, stages: stages.map(([kind, on, answerBy]): Stage => ({ kind, on, answerBy })) }),
  );
  // "Window opened" on the job seeker's own business days (issue 15), whoever reads the figures.
  const calendar = calendarForStages(owner, jobs.map((j) => j.stages), today);
  return { ownerName: owner.name, today, period, insights: computeInsights({ jobs, today, period, calendar }) };
}

/** The signed-in job seeker's own figures. */
export async function getInsights(period: unknown, now = new Date()): Promise<InsightsView> {
  const viewer = await requireUser();
  return loadInsights(viewer, periodOf(period), { archived: true }, now);
}

/** A client's figures, for a coach with a live grant; anyone else: "not found". */
export async function getClientInsights(clientId: unknown, period: unknown, now = new Date()): Promise<InsightsView> {
  const viewer = await requireUser();
  const ownerId = await requireClient(viewer, clientId);
  const owner = await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { id: true, name: true, timeZone: true, ...CALENDAR_SELECT } });
  return loadInsights(owner, periodOf(period), { archived: false }, now);
}

/**
 * The figures behind a share link whose owner ticked "show insights", or null: an inactive link
 * and a link without the tick are the same "no such page" (and neither counts a visit).
 */
export async function openSharedInsights(token: unknown, clientAddress: string, period: unknown, now = new Date()): Promise<InsightsView | null> {
  const link = await openLink(token, clientAddress, { insights: true });
  if (!link) return null;
  const owner = await db.user.findUniqueOrThrow({ where: { id: link.ownerId }, select: { id: true, name: true, timeZone: true, ...CALENDAR_SELECT } });
  return loadInsights(owner, periodOf(period), { archived: false }, now);
}
