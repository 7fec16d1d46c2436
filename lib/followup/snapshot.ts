import { planFollowUp, type FollowUpStatus, type Stage, type WorkingCalendar } from "./rules";

/*
 * A job's plan with "today" factored out, so a database can place thousands of jobs in
 * timeline sections with a WHERE clause instead of loading and planning each one:
 * - closed does not depend on today; otherwise the job is upcoming while its current stage
 *   (`stageOn`) is after today;
 * - then followed_up and answered (recorded outcomes are taken at face value), or phase
 *   "open": waiting until `opensOn`, due from it on.
 * statusOn(snapshotOf(stages), today) === planFollowUp({ stages, today }).status, for all
 * inputs (a property test holds it), with the same calendar. Bump RULES_VERSION whenever the
 * rules change, so stored snapshots are recomputed; a change of the owner's calendar clears
 * them instead (lib/data/working-calendar.ts, docs/decisions/017).
 */
export const RULES_VERSION = 1;

export type PlanPhase = "open" | "followed_up" | "answered" | "closed";
export type PlanSnapshot = { phase: PlanPhase; stageOn: string | null; opensOn: string | null; lastOn: string | null };

// Later than any date the product accepts (validation caps dates at 2100-12-31).
const FAR_FUTURE = "2200-01-01";

export function snapshotOf(stages: readonly Stage[], calendar?: WorkingCalendar | null): PlanSnapshot {
  const plan = planFollowUp({ stages, today: FAR_FUTURE, calendar });
  const lastOn = stages.reduce<string | null>((max, s) => (max === null || s.on > max ? s.on : max), null);
  const stageOn = plan.stage?.on ?? null;
  if (plan.status === "due") return { phase: "open", stageOn, opensOn: plan.opensOn ?? null, lastOn };
  if (plan.status === "followed_up" || plan.status === "answered" || plan.status === "closed") {
    return { phase: plan.status, stageOn, opensOn: null, lastOn };
  }
  // Unreachable with FAR_FUTURE beyond every accepted date; kept total for safety.
  return { phase: "open", stageOn, opensOn: plan.opensOn ?? null, lastOn };
}

export function statusOn(snapshot: PlanSnapshot, today: string): FollowUpStatus {
  // The engine's precedence: closed, then a stage still ahead, then the recorded outcome.
  if (snapshot.phase === "closed") return "closed";
  if (snapshot.stageOn !== null && snapshot.stageOn > today) return "upcoming";
  if (snapshot.phase !== "open") return snapshot.phase;
  return snapshot.opensOn !== null && snapshot.opensOn <= today ? "due" : "waiting";
}
