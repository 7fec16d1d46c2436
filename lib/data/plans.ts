import "server-only";
import { db } from "@/lib/db";
import { RULES_VERSION, snapshotOf, type StageKind } from "@/lib/followup";
import { calendarForStages, type CalendarSettings } from "./working-calendar";

type StageLine = { jobId: string; kind: StageKind; on: string; answerBy: string | null; ownerId: string } & CalendarSettings & { calendarVersion: number };
type History = { kind: StageKind; on: string; answerBy: string | null }[];

/**
 * Recomputes the stored plan snapshot of the given jobs from their stages, with their owner's
 * working calendar, in two statements whatever their number. Called after every write to a
 * job, and lazily for rows whose snapshot is missing or was made by older rules (seeded rows, a
 * rules change, a change of calendar).
 *
 * A snapshot is stored only if the owner's calendar did not change since it was computed: the
 * write locks the owner's row (FOR SHARE) and checks calendarVersion, so it either lands before a
 * concurrent change of calendar (which then clears it) or not at all (docs/decisions/017).
 */
export async function refreshPlans(jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  const lines = await db.$queryRaw<StageLine[]>`
    SELECT s."jobId", s.kind::text AS kind, to_char(s."on", 'YYYY-MM-DD') AS "on", to_char(s."answerBy", 'YYYY-MM-DD') AS "answerBy",
      u.id AS "ownerId", u.workdays, u."holidayRegion", u."calendarVersion"
    FROM "Stage" s JOIN "Job" j ON j.id = s."jobId" JOIN "User" u ON u.id = j."userId"
    WHERE s."jobId" = ANY(${jobIds})
    ORDER BY s."on", s."createdAt", s.id`;
  const byJob = new Map<string, History>();
  const owners = new Map<string, { settings: StageLine; jobs: string[] }>();
  for (const line of lines) {
    let list = byJob.get(line.jobId);
    if (!list) {
      byJob.set(line.jobId, (list = []));
      const owner = owners.get(line.ownerId) ?? { settings: line, jobs: [] };
      owner.jobs.push(line.jobId);
      owners.set(line.ownerId, owner);
    }
    list.push({ kind: line.kind, on: line.on, answerBy: line.answerBy });
  }
  const rows = [...owners.values()].flatMap(({ settings, jobs }) => {
    const histories = jobs.map((id) => byJob.get(id)!);
    const calendar = calendarForStages(settings, histories, histories[0]![0]!.on);
    return jobs.map((id, i) => ({ id, ownerId: settings.ownerId, calendarVersion: settings.calendarVersion, ...snapshotOf(histories[i]!, calendar) }));
  });
  if (rows.length === 0) return;
  await db.$executeRaw`
    WITH owner AS (
      SELECT id, "calendarVersion" FROM "User" WHERE id = ANY(${[...owners.keys()]}::text[]) FOR SHARE
    )
    UPDATE "Job" AS j SET
      "planVersion" = ${RULES_VERSION},
      "planPhase" = v.phase,
      "planStageOn" = v.stage_on::date,
      "planOpensOn" = v.opens_on::date,
      "planLastOn" = v.last_on::date
    FROM (
      SELECT * FROM unnest(
        ${rows.map((r) => r.id)}::text[],
        ${rows.map((r) => r.phase)}::text[],
        ${rows.map((r) => r.stageOn)}::text[],
        ${rows.map((r) => r.opensOn)}::text[],
        ${rows.map((r) => r.lastOn)}::text[],
        ${rows.map((r) => r.ownerId)}::text[],
        ${rows.map((r) => r.calendarVersion)}::int[]
      ) AS t(id, phase, stage_on, opens_on, last_on, owner_id, calendar_version)
    ) AS v, owner
    WHERE j.id = v.id AND j."userId" = v.owner_id AND owner.id = v.owner_id AND owner."calendarVersion" = v.calendar_version`;
}

/** Jobs of this owner whose snapshot is missing or stale: refreshed before the timeline reads them. */
export async function refreshStalePlans(ownerId: string): Promise<void> {
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Job" WHERE "userId" = ${ownerId} AND ("planVersion" IS NULL OR "planVersion" <> ${RULES_VERSION})`;
  if (stale.length) await refreshPlans(stale.map((r) => r.id));
}
