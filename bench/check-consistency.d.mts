// Types for bench/check-consistency.mjs, which the integration tests import.
export type ConsistencyCheck = { name: string; violations: number; examples: string[] };
export type ConsistencyResult = { ok: boolean; checks: ConsistencyCheck[]; pendingSnapshots: number };
type Queryable = { query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
// A method (not a function property), so lib/followup/snapshot's stricter Stage type fits.
type SnapshotRules = {
  snapshotOf(stages: readonly { kind: string; on: string; answerBy?: string | null }[], calendar?: { workdays?: readonly number[]; holidays?: readonly string[] }): object;
  RULES_VERSION: number;
  publicHolidays?(region: string, fromYear: number, toYear: number): string[];
};

export function checkConsistency(client: Queryable, options?: { userIds?: string[] | null; rules?: SnapshotRules | null }): Promise<ConsistencyResult>;
export function printReport(result: ConsistencyResult, log?: (line: string) => void): void;
