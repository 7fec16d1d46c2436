#!/usr/bin/env node
// `npm run drill:pool [-- --quick]`: beyond saturation the app must answer fast errors, not
// hang, and recover by itself. The production server runs with a tiny database pool
// (DATABASE_POOL_MAX=2) and a small in-flight cap (MAX_INFLIGHT=8); autocannon opens 200
// connections on the signed-in timeline for 10 s (--quick: 5 s). Passes when every answer is
// 200 or 503 (never a timeout or a socket error), the 503s carry Retry-After and their p99 is
// under a second, and once the load stops /api/health and a signed-in timeline answer 200
// within 5 s. Then a starved pool: the drill locks the "User" table (every request's session
// check reads it) for 6 s (--quick: 4 s) under light traffic; requests must fail within the
// pool's connection timeout (3 s) plus the statement timeout (5 s, both in lib/db.ts), never
// hang, and recover once the lock is gone. The full run last repeats the blast with shedding off
// (MAX_INFLIGHT=0), for comparison: reported, not judged.
// Options: --connections=N --duration=S --max-inflight=N --pool=N --skip-unshed
import autocannon from "autocannon";
import pg from "pg";
import { build, cleanupStack, flag, fmt, option, percentiles, seed, signInAll, sleep, startServer, throwawayDatabase } from "../lib/drill-app.mjs";

const quick = flag("quick");
const CONNECTIONS = Number(option("connections") ?? 200);
const DURATION = Number(option("duration") ?? (quick ? 5 : 10));
const MAX_INFLIGHT = option("max-inflight") ?? "8";
// PGlite (no DATABASE_URL) is driven through one connection: see scripts/start.mjs.
const POOL = option("pool") ?? (process.env.DATABASE_URL ? "2" : "1");
const UNSHED = !quick && !flag("skip-unshed");
const LOCK_S = quick ? 4 : 6;
// The starved pool's slowest failure: a wait for a connection (3 s) whose statement then waits
// out the statement timeout (5 s), plus rendering the error page.
const LIMITS = { shedP99Ms: 1_000, recoverMs: 5_000, timeoutS: 10, starvedMaxMs: 9_000 };

const log = (message) => console.log(`[drill:pool] ${message}`);
const cleanups = cleanupStack("drill:pool");
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** 200 connections of signed-in timeline reads; latencies by status, health polled alongside. */
async function blast(base, accounts) {
  const byStatus = {};
  let lastStatus = null;
  let retryAfterMissing = 0;
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: LIMITS.timeoutS,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: "/timeline", headers: { ...request.headers, cookie: pick(accounts).cookie } }),
        onResponse: (status, _body, _context, headers) => {
          lastStatus = status;
          if (status === 503 && !Object.keys(headers).some((k) => k.toLowerCase() === "retry-after")) retryAfterMissing++;
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, ms) => (byStatus[lastStatus] ??= []).push(ms));
  const health = [];
  const polling = (async () => {
    const end = Date.now() + DURATION * 1000;
    while (Date.now() < end - 500) {
      const started = performance.now();
      const status = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer().then(() => r.status), () => 0);
      health.push({ status, ms: performance.now() - started });
      await sleep(500);
    }
  })();
  const result = await instance;
  await polling;
  return { result, byStatus, retryAfterMissing, health };
}

/** After the load: how long until health and a signed-in timeline answer 200 again. */
async function recovery(base, account) {
  const started = Date.now();
  const until = async (url, headers = {}) => {
    while (Date.now() - started < 30_000) {
      const status = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer().then(() => r.status), () => 0);
      if (status === 200) return Date.now() - started;
      await sleep(100);
    }
    return null;
  };
  const healthMs = await until(`${base}/api/health`);
  const timelineMs = await until(`${base}/timeline`, { cookie: account.cookie });
  return { healthMs, timelineMs };
}

/** Locks "User" for LOCK_S seconds while 12 clients read their timeline in a loop. */
async function starve(base, database, accounts) {
  const lock = new pg.Client({ connectionString: database.url });
  await lock.connect();
  const answers = [];
  try {
    await lock.query("BEGIN");
    await lock.query(`LOCK TABLE "User" IN ACCESS EXCLUSIVE MODE`);
    const end = Date.now() + LOCK_S * 1000;
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        while (Date.now() < end) {
          const started = performance.now();
          const status = await fetch(`${base}/timeline`, { headers: { cookie: accounts[i % accounts.length].cookie }, redirect: "manual", signal: AbortSignal.timeout(LIMITS.timeoutS * 1000) }).then(
            (r) => r.arrayBuffer().then(() => r.status),
            () => 0,
          );
          answers.push({ status, ms: performance.now() - started });
        }
      }),
    );
  } finally {
    await lock.query("ROLLBACK").catch(() => {});
    await lock.end();
  }
  const byStatus = {};
  for (const a of answers) (byStatus[a.status] ??= []).push(a.ms);
  return { byStatus, max: Math.max(...answers.map((a) => a.ms)), hung: byStatus[0]?.length ?? 0 };
}

/** The starved-pool phase: its lines go to `report`, its failures to `failures`. */
async function starvedPool(base, database, signedIn, report, failures) {
  const starved = await starve(base, database, signedIn);
  const starvedBack = await recovery(base, signedIn[0]);
  report.push(`Starved pool ("User" locked ${LOCK_S} s, 12 clients, pool ${POOL}, MAX_INFLIGHT=${MAX_INFLIGHT}): slowest answer ${fmt(starved.max)} ms, ${starved.hung} client timeouts`);
  for (const [status, list] of Object.entries(starved.byStatus).sort()) {
    const p = percentiles(list);
    report.push(`    ${status}: ${list.length}   p50 ${fmt(p.p50)} ms   max ${fmt(p.max)} ms`);
  }
  report.push(`    after the lock: health 200 after ${fmt(starvedBack.healthMs)} ms, signed-in timeline 200 after ${fmt(starvedBack.timelineMs)} ms`);
  if (starved.hung || starved.max > LIMITS.starvedMaxMs) failures.push(`starved pool: slowest answer ${Math.round(starved.max)} ms, ${starved.hung} hung (limit ${LIMITS.starvedMaxMs} ms)`);
  if (starvedBack.timelineMs === null || starvedBack.timelineMs > LIMITS.recoverMs) failures.push("starved pool: no recovery within 5 s of the lock's end");
}

function describe(label, { result, byStatus, retryAfterMissing, health }) {
  const total = Object.values(byStatus).reduce((n, list) => n + list.length, 0);
  const lines = [`${label}: ${fmt(total)} answers in ${fmt(result.duration, 1)} s (${fmt(total / result.duration, 1)}/s), ${result.timeouts} timeouts, ${result.errors - result.timeouts} socket errors`];
  for (const [status, list] of Object.entries(byStatus).sort()) {
    const p = percentiles(list);
    lines.push(`    ${status}: ${fmt(list.length)} (${fmt((100 * list.length) / total, 1)} %)   p50 ${fmt(p.p50)} ms   p99 ${fmt(p.p99)} ms   max ${fmt(p.max)} ms`);
  }
  if (retryAfterMissing) lines.push(`    503 without Retry-After: ${retryAfterMissing}`);
  const hp = percentiles(health.map((h) => h.ms));
  const hs = Object.entries(health.reduce((m, h) => ({ ...m, [h.status]: (m[h.status] ?? 0) + 1 }), {}));
  lines.push(`    /api/health polled alongside: ${hs.map(([s, c]) => `${s}×${c}`).join(" ")}   p99 ${fmt(hp.p99)} ms`);
  return { total, lines };
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  log(`${quick ? "quick" : "full"} drill: pool ${POOL}, MAX_INFLIGHT ${MAX_INFLIGHT}, ${CONNECTIONS} connections for ${DURATION} s`);
  await build();
  const database = await throwawayDatabase(cleanups, { prefix: "callback_drill_pool" });
  log(`database: ${database.label}`);
  const accounts = await seed(database.url, { count: 10, jobs: 30 });
  const failures = [];
  const report = [];

  const shed = await startServer(cleanups, database, { DATABASE_POOL_MAX: POOL, MAX_INFLIGHT });
  const signedIn = await signInAll(shed.base, accounts, { concurrency: 2 });
  log(`server pid ${shed.server.pid}, ${signedIn.length} accounts signed in; blasting`);
  const run = await blast(shed.base, signedIn);
  const back = await recovery(shed.base, signedIn[0]);
  const { total, lines } = describe(`With shedding (MAX_INFLIGHT=${MAX_INFLIGHT})`, run);
  report.push(...lines, `    after the load: health 200 after ${fmt(back.healthMs)} ms, signed-in timeline 200 after ${fmt(back.timelineMs)} ms`);
  const shedMs = percentiles(run.byStatus[503] ?? []);
  const others = Object.keys(run.byStatus).filter((s) => s !== "200" && s !== "503");
  if (run.result.timeouts || run.result.errors) failures.push(`${run.result.errors} socket errors/timeouts (a hang or a dropped connection)`);
  if (others.length) failures.push(`answers other than 200 and 503: ${others.map((s) => `${s}×${run.byStatus[s].length}`).join(", ")}`);
  if (!shedMs.n) failures.push("no 503 at all: the blast did not go beyond saturation");
  if (shedMs.n && shedMs.p99 >= LIMITS.shedP99Ms) failures.push(`503 p99 ${shedMs.p99} ms (limit ${LIMITS.shedP99Ms} ms)`);
  if (run.retryAfterMissing) failures.push(`${run.retryAfterMissing} 503s without Retry-After`);
  if (!run.byStatus[200]?.length) failures.push("no 200 during the blast: nothing useful got through");
  if (back.healthMs === null || back.healthMs > LIMITS.recoverMs) failures.push(`health not 200 within ${LIMITS.recoverMs} ms after the load`);
  if (back.timelineMs === null || back.timelineMs > LIMITS.recoverMs) failures.push(`signed-in timeline not 200 within ${LIMITS.recoverMs} ms after the load`);
  const shedShare = shedMs.n / total;

  if (database.embedded) {
    // PGlite serves every connection in one session: a lock taken on one holds for all.
    report.push("Starved pool: skipped on the embedded database (one session for every connection: a lock cannot starve the others)");
  } else await starvedPool(shed.base, database, signedIn, report, failures);
  if (!shed.server.alive()) failures.push("the server exited");
  await shed.server.stop();

  if (UNSHED) {
    // The same blast with the cap off, for comparison (reported, not judged): every request is
    // admitted and they queue, for the pool and above all for the one event loop rendering them.
    const open = await startServer(cleanups, database, { DATABASE_POOL_MAX: POOL, MAX_INFLIGHT: "0" });
    log(`shedding off: server pid ${open.server.pid}; blasting`);
    const unshed = await blast(open.base, signedIn);
    const again = await recovery(open.base, signedIn[0]);
    report.push(...describe("Without shedding (MAX_INFLIGHT=0)", unshed).lines);
    report.push(`    after the load: health 200 after ${fmt(again.healthMs)} ms, signed-in timeline 200 after ${fmt(again.timelineMs)} ms`);
    await open.server.stop();
  }

  console.log(["", `Pool exhaustion drill — ${database.label}, pool ${POOL}, ${CONNECTIONS} connections × ${DURATION} s`, ...report].join("\n"));
  console.log(`\n503 share with shedding: ${fmt(100 * shedShare, 1)} %, their p99 ${fmt(shedMs.p99)} ms (limit ${LIMITS.shedP99Ms} ms)`);
  if (failures.length) throw new Error(failures.join("; "));
  console.log("OK");
}

try {
  await main();
} catch (error) {
  console.error(`\n[drill:pool] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
