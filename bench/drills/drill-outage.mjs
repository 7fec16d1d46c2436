#!/usr/bin/env node
// `npm run drill:outage [-- --yes]`: the database goes away under traffic and comes back; the
// app must fail fast while it is gone and recover by itself, without a restart. Needs this
// machine's Postgres server (DATABASE_URL on 127.0.0.1:5432): it STOPS THAT SERVER for about
// six seconds (pg_ctlcluster ... stop -m fast, then start), so every other program using it
// sees errors meanwhile; with other clients connected it asks for --yes. Postgres is started
// again in every case: a finally block, Ctrl-C, and a detached watchdog if the drill is killed.
// Steps: production build, throwaway database, 10 accounts signed in, steady light traffic
// (timeline reads, health every 200 ms, follow-up POSTs), 3 s, outage, 10 s more. Passes when
// nothing fails before the outage, health says 503 during it, everything succeeds again within
// 5 s of Postgres accepting connections, no request hangs, the server process is the same one,
// and the consistency check finds nothing. Failed POSTs are retried afterwards with their
// requestId, as a client would. --cluster=VERSION/NAME picks another local cluster (one of
// your own, to rehearse without disturbing anybody).
import pg from "pg";
import { checkConsistency, printReport } from "../check-consistency.mjs";
import { build, cleanupStack, dueJobs, flag, fmt, isLocalServer, option, seed, signInAll, sleep, startServer, throwawayDatabase } from "../lib/drill-app.mjs";
import { answers, ensureRunning, localCluster, otherClients, startCluster, stopCluster, watchdog } from "../lib/drill-postgres.mjs";

const BEFORE_MS = 3_000;
// Down for this long once the stop completes; the stop (~1 s) and pg_ctlcluster's start (it
// polls every 0.5 s: 1-2.5 s here) come on top, so the whole outage stays around 6 s.
const DOWN_MS = 3_500;
const AFTER_MS = 10_000;
const RECOVER_MS = 5_000;
const HANG_MS = 5_000; // a request still unanswered after this counts as a hang

const log = (message) => console.log(`[drill:outage] ${message}`);
const cleanups = cleanupStack("drill:outage");
const pick = (list) => list[Math.floor(Math.random() * list.length)];

function preconditions() {
  const url = process.env.DATABASE_URL;
  const cluster = localCluster(option("cluster"));
  const refuse = (why) => {
    throw new Error(
      `${why}\nThe outage drill stops and starts this machine's PostgreSQL server, so it needs DATABASE_URL pointing at it, e.g.\n` +
        `  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run drill:outage`,
    );
  };
  if (!url) refuse("DATABASE_URL is not set (the embedded PGlite database cannot be stopped and started like a server).");
  if (!cluster) refuse(`No local cluster ${option("cluster") ?? "main"} under /etc/postgresql.`);
  if (!isLocalServer(url, cluster.port)) refuse(`DATABASE_URL points at ${new URL(url).host}, not the local server on 127.0.0.1:${cluster.port}.`);
  return { url, cluster };
}

/** Steady light traffic until stop(): every answer with its start, end, kind and status (0: no answer). */
function traffic(base, accounts, due, t0) {
  const entries = [];
  const posts = [];
  let running = true;
  const now = () => performance.now() - t0;
  const request = async (kind, url, init = {}) => {
    const start = now();
    const status = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(HANG_MS) }).then(
      (r) => r.arrayBuffer().then(() => r.status),
      (error) => (error.name === "TimeoutError" ? -1 : 0),
    );
    entries.push({ kind, start, end: now(), status });
    return status;
  };
  const loop = async (everyMs, fn) => {
    while (running) {
      const next = performance.now() + everyMs;
      await fn();
      await sleep(Math.max(0, next - performance.now()));
    }
  };
  const queue = [...due];
  const post = async (job, requestId, kind = "post") =>
    request(kind, `${base}/api/jobs/${job.id}/follow-ups`, {
      method: "POST",
      headers: { cookie: job.cookie, "content-type": "application/json" },
      body: JSON.stringify({ channel: "phone", note: "Outage drill", requestId }),
    });
  const loops = [
    loop(200, () => request("health", `${base}/api/health`)),
    loop(100, () => request("timeline", `${base}/timeline`, { headers: { cookie: pick(accounts).cookie } })),
    loop(100, () => request("timeline", `${base}/timeline`, { headers: { cookie: pick(accounts).cookie } })),
    loop(300, async () => {
      const job = queue.shift();
      if (!job) return;
      const requestId = `outage-${job.id}`;
      posts.push({ job, requestId, status: await post(job, requestId) });
    }),
  ];
  return {
    log: entries,
    posts,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
    retry: (p) => post(p.job, p.requestId, "retry"),
  };
}

async function main() {
  const { url, cluster } = preconditions();
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!(await answers(url))) throw new Error("Postgres does not answer now: not starting an outage drill on a server that is already down.");
  await build();
  const database = await throwawayDatabase(cleanups, { prefix: "callback_drill_outage", serverOnly: true });
  const others = await otherClients(url, database.name);
  if (others.length) {
    const who = others.map((o) => `${o.datname ?? "?"} (${o.n})`).join(", ");
    if (!flag("yes")) throw new Error(`other programs are connected to this Postgres server: ${who}. They will see errors for ~6 s. Run again with --yes to go ahead.`);
    log(`other clients connected (${who}): going ahead (--yes)`);
  }
  log(`database: ${database.label}; cluster ${cluster.version}/${cluster.cluster}`);
  const accounts = await seed(database.url, { count: 10, jobs: 30 });
  const { base, server } = await startServer(cleanups, database);
  const pid = server.pid;
  const signedIn = await signInAll(base, accounts);
  const due = await dueJobs(database.url, signedIn);
  log(`server pid ${pid} on ${base}; ${signedIn.length} accounts signed in, ${due.length} due jobs`);

  const t0 = performance.now();
  const at = () => performance.now() - t0;
  const load = traffic(base, signedIn, due.sort(() => Math.random() - 0.5), t0);
  cleanups.add("stop the traffic", () => load.stop());
  const marks = {};
  await sleep(BEFORE_MS);

  // From here on Postgres is started again whatever happens.
  const guard = watchdog(cluster, Math.ceil((DOWN_MS + 30_000) / 1000));
  cleanups.add("start Postgres again", async () => {
    await ensureRunning(cluster, url);
    guard.cancel();
  });
  // Who else is affected, for the record (they may have connected since the check above).
  const affected = await otherClients(url, database.name);
  if (affected.length) log(`connected to this server right now, and about to see errors: ${affected.map((o) => `${o.datname ?? "?"} (${o.n})`).join(", ")}`);
  if (affected.length && !flag("yes")) throw new Error("other programs connected meanwhile; not stopping Postgres without --yes");
  marks.stopAt = at();
  log(`stopping Postgres (pg_ctlcluster ${cluster.version} ${cluster.cluster} stop -m fast) at ${fmt(marks.stopAt)} ms`);
  try {
    await stopCluster(cluster);
    marks.stoppedAt = at();
    await sleep(DOWN_MS);
  } finally {
    marks.startAt = at();
    await startCluster(cluster).catch((error) => log(`start failed (${error.message}); the clean-up retries`));
    marks.startedAt = at();
    await ensureRunning(cluster, url);
    guard.cancel();
  }
  for (let i = 0; i < 100 && !(await answers(url)); i++) await sleep(50);
  marks.readyAt = at();
  log(`Postgres accepts connections again at ${fmt(marks.readyAt)} ms (down ${fmt(marks.readyAt - marks.stopAt)} ms)`);
  await sleep(AFTER_MS);
  await load.stop();
  marks.endAt = at();

  // Failed follow-ups, retried with their requestId once the app is back (as a client would).
  const failed = load.posts.filter((p) => p.status !== 201);
  const retried = await Promise.all(failed.map(async (p) => ({ ...p, retry: await load.retry(p) })));

  // Windows: "during" is any request overlapping [stop, ready]; "after" started after ready.
  const window = (r) => (r.end < marks.stopAt ? "before" : r.start > marks.readyAt ? "after" : "during");
  const ok = (r) => (r.kind === "post" ? r.status === 201 || r.status === 409 : r.status === 200);
  const rows = {};
  for (const r of load.log.filter((r) => r.kind !== "retry")) {
    const row = (rows[`${r.kind} ${window(r)}`] ??= { n: 0, errors: 0, statuses: {}, ms: 0 });
    row.n++;
    if (!ok(r)) row.errors++;
    row.statuses[r.status] = (row.statuses[r.status] ?? 0) + 1;
    row.ms = Math.max(row.ms, r.end - r.start);
  }
  const after = load.log.filter((r) => r.kind !== "retry" && window(r) === "after");
  const lastFailure = Math.max(marks.readyAt, ...after.filter((r) => !ok(r)).map((r) => r.end));
  const firstHealthy = after.find((r) => r.kind === "health" && r.status === 200);
  const recoveredMs = lastFailure - marks.readyAt;
  const hung = load.log.filter((r) => r.status === -1);
  const healthDuring = load.log.filter((r) => r.kind === "health" && window(r) === "during");

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let consistency;
  let perJob;
  try {
    consistency = await checkConsistency(client);
    const { rows: counts } = await client.query(
      `SELECT "jobId", count(*)::int AS n FROM "Stage" WHERE kind = 'follow_up' AND note = 'Outage drill' GROUP BY "jobId"`,
    );
    perJob = new Map(counts.map((c) => [c.jobId, c.n]));
  } finally {
    await client.end();
  }
  const answered201 = load.posts.filter((p) => p.status === 201 || retried.find((r) => r.requestId === p.requestId)?.retry === 201);
  const missing = answered201.filter((p) => perJob.get(p.job.id) !== 1);

  const lines = [
    "",
    `Database outage drill — ${database.label}`,
    `Postgres stop called at ${fmt(marks.stopAt)} ms, stopped at ${fmt(marks.stoppedAt)} ms, start called at ${fmt(marks.startAt)} ms, started at ${fmt(marks.startedAt)} ms, accepting connections at ${fmt(marks.readyAt)} ms; traffic ended at ${fmt(marks.endAt)} ms`,
    `Outage (stop called → accepting connections): ${fmt(marks.readyAt - marks.stopAt)} ms`,
    "",
    "  requests            n   errors   slowest   statuses",
  ];
  for (const kind of ["timeline", "health", "post"]) {
    for (const w of ["before", "during", "after"]) {
      const row = rows[`${kind} ${w}`];
      if (row) lines.push(`  ${`${kind} ${w}`.padEnd(16)} ${String(row.n).padStart(5)} ${String(row.errors).padStart(8)} ${`${fmt(row.ms)} ms`.padStart(9)}   ${Object.entries(row.statuses).map(([s, c]) => `${s === "0" ? "no answer" : s === "-1" ? "hung" : s}×${c}`).join(" ")}`);
    }
  }
  lines.push(
    "",
    `Recovery: first health 200 ${firstHealthy ? `${fmt(firstHealthy.end - marks.readyAt)} ms` : "never"} after Postgres accepted connections; last failed request ended ${fmt(recoveredMs)} ms after it (limit ${RECOVER_MS} ms)`,
    `Server process: pid ${pid} before, ${server.alive() ? `pid ${server.pid}, still running (no restart)` : "EXITED"}`,
    `Follow-ups: ${load.posts.length} POSTed, ${load.posts.filter((p) => p.status === 201).length} created at once, ${failed.length} failed and retried with their requestId → ${Object.entries(retried.reduce((m, r) => ({ ...m, [r.retry]: (m[r.retry] ?? 0) + 1 }), {})).map(([s, c]) => `${s}×${c}`).join(" ") || "none"}; ${missing.length} answered 201 without exactly one stored follow-up`,
    "",
    "Consistency",
  );
  console.log(lines.join("\n"));
  printReport(consistency);

  const failures = [];
  const errorsIn = (w) => Object.entries(rows).filter(([k]) => k.endsWith(w)).reduce((n, [, r]) => n + r.errors, 0);
  if (errorsIn("before")) failures.push(`${errorsIn("before")} errors before the outage`);
  if (!healthDuring.some((r) => r.status === 503)) failures.push("health never answered 503 during the outage");
  if (!firstHealthy) failures.push("health never answered 200 after the outage");
  if (recoveredMs > RECOVER_MS) failures.push(`errors until ${fmt(recoveredMs)} ms after Postgres was back (limit ${RECOVER_MS} ms)`);
  if (hung.length) failures.push(`${hung.length} requests hung (no answer within ${HANG_MS} ms)`);
  if (!server.alive() || server.pid !== pid) failures.push("the server process did not survive");
  if (retried.some((r) => r.retry !== 201 && r.retry !== 409)) failures.push("a retried follow-up failed after recovery");
  if (missing.length) failures.push(`${missing.length} follow-ups answered 201 are not stored exactly once`);
  if (!consistency.ok) failures.push("the database is inconsistent");
  if (failures.length) throw new Error(failures.join("; "));
  console.log("\nOK");
}

try {
  await main();
} catch (error) {
  console.error(`\n[drill:outage] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
