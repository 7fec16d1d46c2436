#!/usr/bin/env node
// `npm run check:consistency`: read-only checks of what the database must hold whatever
// happened to the app (crashes, outages, concurrent requests). Prints every check with its
// count and exits 1 on any violation. Uses DATABASE_URL, else the embedded database.
// Also imported: checkConsistency() by `npm run load`, the drills and an integration test.
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

// Each check lists violating ids (the report names up to five). Per-job checks ({scope}) can be
// limited to some users' jobs; the others are global (foreign keys hold them: cheap to verify).
const CHECKS = [
  {
    name: "every follow-up points at an applied or interview stage of the same job",
    sql: `SELECT f.id FROM "Stage" f JOIN "Job" j ON j.id = f."jobId" LEFT JOIN "Stage" t ON t.id = f."forStageId"
          WHERE {scope} f.kind = 'follow_up' AND (t.id IS NULL OR t."jobId" <> f."jobId" OR t.kind NOT IN ('applied', 'interview'))`,
  },
  {
    name: "only follow-ups point at a stage",
    sql: `SELECT s.id FROM "Stage" s JOIN "Job" j ON j.id = s."jobId" WHERE {scope} s.kind <> 'follow_up' AND s."forStageId" IS NOT NULL`,
  },
  {
    name: "at most one follow-up per stage",
    sql: `SELECT s."forStageId" AS id FROM "Stage" s JOIN "Job" j ON j.id = s."jobId"
          WHERE {scope} s."forStageId" IS NOT NULL GROUP BY s."forStageId" HAVING count(*) > 1`,
  },
  {
    name: "every job has exactly one applied stage",
    sql: `SELECT j.id FROM "Job" j LEFT JOIN "Stage" s ON s."jobId" = j.id AND s.kind = 'applied' WHERE {scope} TRUE GROUP BY j.id HAVING count(s.id) <> 1`,
  },
  {
    name: "plan snapshot complete: a version has a known phase",
    sql: `SELECT j.id FROM "Job" j WHERE {scope} j."planVersion" IS NOT NULL
          AND (j."planPhase" IS NULL OR j."planPhase" NOT IN ('open', 'followed_up', 'answered', 'closed'))`,
  },
  { name: "no stage without its job", sql: `SELECT s.id FROM "Stage" s LEFT JOIN "Job" j ON j.id = s."jobId" WHERE j.id IS NULL` },
  { name: "no comment on a missing job", sql: `SELECT c.id FROM "Comment" c LEFT JOIN "Job" j ON j.id = c."jobId" WHERE j.id IS NULL` },
  { name: "no job without its owner", sql: `SELECT j.id FROM "Job" j LEFT JOIN "User" u ON u.id = j."userId" WHERE u.id IS NULL` },
];

const loadSnapshotRules = async () => {
  // The rules engine is TypeScript; tsx compiles it for this one import.
  const { tsImport } = await import("tsx/esm/api");
  return tsImport("../lib/followup/snapshot.ts", import.meta.url);
};

/**
 * Runs every check on `client` (a connected pg Client or Pool, possibly inside a transaction).
 * `userIds` limits the per-job checks to those users (tests share one database); `rules` is
 * lib/followup/snapshot (loaded through tsx when not given), with lib/followup/holidays'
 * publicHolidays if given (else loaded the same way once a user has a holiday region).
 * Returns { ok, checks: [{ name, violations, examples }], pendingSnapshots }.
 */
export async function checkConsistency(client, { userIds = null, rules = null } = {}) {
  const checks = [];
  for (const check of CHECKS) {
    const scoped = check.sql.includes("{scope}") && userIds !== null;
    const sql = check.sql.replace("{scope}", scoped ? `j."userId" = ANY($1::text[]) AND` : "");
    const { rows } = await client.query(sql, scoped ? [userIds] : []);
    checks.push({ name: check.name, violations: rows.length, examples: rows.slice(0, 5).map((r) => r.id) });
  }
  const snapshot = await checkSnapshots(client, { userIds, rules: rules ?? (await loadSnapshotRules()) });
  checks.push(snapshot.check);
  return { ok: checks.every((c) => c.violations === 0), checks, pendingSnapshots: snapshot.pending };
}

/**
 * The stored plan snapshot of every job stamped with the current rules must equal what the
 * rules engine computes from its stages now: the timeline places jobs by it, so a stale one
 * (a write whose snapshot refresh never ran) shows a job in the wrong section. Jobs with no
 * or an old version are "pending": the timeline recomputes them on its next read.
 */
async function checkSnapshots(client, { userIds, rules }) {
  const { snapshotOf, RULES_VERSION } = rules;
  let holidays = null;
  const calendarOf = async ({ workdays, region }, stages) => {
    if (!region) return { workdays };
    holidays ??= rules.publicHolidays ? rules : (await import("tsx/esm/api")).tsImport("../lib/followup/holidays.ts", import.meta.url);
    const years = stages.flatMap((s) => [s.on, s.answerBy ?? s.on]).map((d) => Number(d.slice(0, 4)));
    return { workdays, holidays: (await holidays).publicHolidays(region, Math.min(...years), Math.max(...years) + 1) };
  };
  const name = "stored plan snapshots match the rules engine";
  const examples = [];
  let violations = 0;
  let pending = 0;
  let after = "";
  for (;;) {
    // With the owner's working calendar (issue 15, docs/decisions/017), as lib/data/plans.ts computes it.
    const { rows: jobs } = await client.query(
      `SELECT j.id, j."planVersion" AS version, j."planPhase" AS phase, j."planStageOn"::text AS "stageOn", j."planOpensOn"::text AS "opensOn",
         j."planLastOn"::text AS "lastOn", u.workdays, u."holidayRegion" AS region
       FROM "Job" j JOIN "User" u ON u.id = j."userId" WHERE j.id > $1 ${userIds ? `AND j."userId" = ANY($2::text[])` : ""} ORDER BY j.id LIMIT 2000`,
      userIds ? [after, userIds] : [after],
    );
    if (jobs.length === 0) break;
    after = jobs[jobs.length - 1].id;
    const current = jobs.filter((j) => j.version === RULES_VERSION);
    pending += jobs.length - current.length;
    const { rows: stages } = await client.query(
      `SELECT "jobId", kind::text, "on"::text AS "on", "answerBy"::text AS "answerBy" FROM "Stage"
       WHERE "jobId" = ANY($1::text[]) ORDER BY "on" ASC, "createdAt" ASC`,
      [current.map((j) => j.id)],
    );
    const byJob = new Map();
    for (const s of stages) byJob.set(s.jobId, [...(byJob.get(s.jobId) ?? []), s]);
    for (const job of current) {
      const list = (byJob.get(job.id) ?? []).map(({ kind, on, answerBy }) => ({ kind, on, answerBy }));
      if (list.length === 0) continue; // counted by "every job has exactly one applied stage"
      const want = snapshotOf(list, await calendarOf(job, list));
      const stale = ["phase", "stageOn", "opensOn", "lastOn"].some((k) => (want[k] ?? null) !== (job[k] ?? null));
      if (stale) {
        violations++;
        if (examples.length < 5) examples.push(job.id);
      }
    }
  }
  return { check: { name, violations, examples }, pending };
}

export function printReport(result, log = console.log) {
  for (const c of result.checks) {
    log(`  ${c.violations === 0 ? "✓" : "✗"} ${c.name}: ${c.violations} violation${c.violations === 1 ? "" : "s"}${c.examples.length ? ` (e.g. ${c.examples.join(", ")})` : ""}`);
  }
  if (result.pendingSnapshots) log(`  (${result.pendingSnapshots} jobs without a current plan snapshot: recomputed on their owner's next timeline read)`);
  log(result.ok ? "  consistent" : "  INCONSISTENT");
}

async function main() {
  const { resolveDatabase } = await import("../scripts/lib/database.mjs");
  const database = await resolveDatabase();
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    console.log(`[consistency] ${database.embedded ? "embedded database" : new URL(database.url).pathname.slice(1) || "DATABASE_URL"}`);
    const result = await checkConsistency(client);
    printReport(result);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  main().catch((error) => {
    console.error(`[consistency] failed: ${error.message}`);
    process.exit(2);
  });
}
