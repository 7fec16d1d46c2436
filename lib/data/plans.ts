import "server-only";
import { db } from "@/lib/db";
import { RULES_VERSION, snapshotOf } from "@/lib/followup";
import { dateString } from "./mappers";

/**
 * Recomputes the stored plan snapshot of the given jobs from their stages, in two queries
 * whatever their number. Called after every write to a job, and lazily for rows whose
 * snapshot is missing or was made by older rules (seeded rows, a rules change).
 */
export async function refreshPlans(jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  const stages = await db.stage.findMany({
    where: { jobId: { in: jobIds } },
    orderBy: [{ on: "asc" }, { createdAt: "asc" }],
    select: { jobId: true, kind: true, on: true, answerBy: true },
  });
  const byJob = new Map<string, { kind: (typeof stages)[number]["kind"]; on: string; answerBy: string | null }[]>();
  for (const s of stages) {
    const list = byJob.get(s.jobId) ?? [];
    list.push({ kind: s.kind, on: dateString(s.on), answerBy: s.answerBy ? dateString(s.answerBy) : null });
    byJob.set(s.jobId, list);
  }
  const rows = jobIds.flatMap((id) => {
    const list = byJob.get(id);
    if (!list?.length) return [];
    const snap = snapshotOf(list);
    return [{ id, ...snap }];
  });
  if (rows.length === 0) return;
  await db.$executeRaw`
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
        ${rows.map((r) => r.lastOn)}::text[]
      ) AS t(id, phase, stage_on, opens_on, last_on)
    ) AS v
    WHERE j.id = v.id`;
}

/** Jobs of this owner whose snapshot is missing or stale: refreshed before the timeline reads them. */
export async function refreshStalePlans(ownerId: string): Promise<void> {
  const stale = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Job" WHERE "userId" = ${ownerId} AND ("planVersion" IS NULL OR "planVersion" <> ${RULES_VERSION})`;
  if (stale.length) await refreshPlans(stale.map((r) => r.id));
}

