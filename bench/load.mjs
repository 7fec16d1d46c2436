#!/usr/bin/env node
// `npm run load [-- --quick]`: the production build on a throwaway database (DATABASE_URL's
// server, or an embedded PGlite), 50 seeded accounts of 30 jobs each, every one signed in over
// HTTP; then, for 20 s (--quick: 5 s), autocannon drives the signed-in timeline (a random
// account per request) mixed with POST /api/jobs/:id/follow-ups on jobs that are due. A job's
// first POST must answer 201 and every later one 409 (expected, counted apart). Anything else
// (another status, a timeout, a socket error) is an error: there must be none below saturation.
// Then the consistency check. Exits non-zero on any error or inconsistency.
// Options: --duration=S --users=N --jobs=N --connections=N (default 16, below MAX_INFLIGHT),
// --post-jobs=N (how many due jobs the POSTs aim at, default 25: each is hit several times).
// --sweep=8,16,32,64,128: instead, timeline reads only, with shedding off, at each number of
// connections in turn (10 s each unless --duration): the figures MAX_INFLIGHT is chosen from.
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { checkConsistency, printReport } from "./check-consistency.mjs";
import { build, cleanupStack, dueJobs, flag, fmt, option, percentiles, seed, signInAll, startServer, throwawayDatabase } from "./lib/drill-app.mjs";

const quick = flag("quick");
const DURATION = Number(option("duration") ?? (quick ? 5 : 20));
const USERS = Number(option("users") ?? (quick ? 20 : 50));
const JOBS = Number(option("jobs") ?? 30);
const CONNECTIONS = Number(option("connections") ?? 16);
const POST_JOBS = Number(option("post-jobs") ?? 25);
const WARMUP = quick ? 1 : 3; // seconds of timeline reads first, not counted (JIT, caches)
// Three timeline reads to one follow-up POST, per connection, round and round.
const MIX = ["get", "get", "get", "post"];
const SWEEP = option("sweep")?.split(",").map(Number);

const log = (message) => console.log(`[load] ${message}`);
const cleanups = cleanupStack("load");
const pick = (list) => list[Math.floor(Math.random() * list.length)];

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  log(`${quick ? "quick" : "full"} run: ${USERS} accounts × ${JOBS} jobs, ${CONNECTIONS} connections for ${DURATION} s`);
  await build();
  const database = await throwawayDatabase(cleanups, { prefix: "callback_load" });
  log(`database: ${database.label}`);
  const accounts = await seed(database.url, { count: USERS, jobs: JOBS });
  const { base, server } = await startServer(cleanups, database, SWEEP ? { MAX_INFLIGHT: "0" } : {});
  log(`server pid ${server.pid} on ${base}`);
  const signInStart = Date.now();
  const signedIn = await signInAll(base, accounts);
  log(`${signedIn.length} accounts signed in over HTTP in ${fmt((Date.now() - signInStart) / 1000, 1)} s`);
  const allDue = await dueJobs(database.url, signedIn);
  if (allDue.length === 0) throw new Error("no job is due: the seed should have made some");
  const due = allDue.sort(() => Math.random() - 0.5).slice(0, POST_JOBS);
  log(`${allDue.length} jobs due for a follow-up; the POSTs aim at ${due.length} of them`);
  const warm = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: WARMUP,
    requests: [{ setupRequest: (request) => ({ ...request, path: "/timeline", headers: { ...request.headers, cookie: pick(signedIn).cookie } }) }],
  });
  log(`warm-up: ${warm["2xx"]} timeline reads in ${WARMUP} s`);
  if (SWEEP) return sweep(base, signedIn);

  // Per request kind: status counts and latencies. onResponse (which knows the kind) runs just
  // before autocannon's "response" event (which knows the latency), on the same client.
  const tally = { get: { statuses: {}, ms: [] }, post: { statuses: {}, ms: [] } };
  const created = new Map(); // job id -> 201s
  let lastKind = null;
  const requests = MIX.map((kind) => ({
    method: kind === "get" ? "GET" : "POST",
    setupRequest: (request, context) => {
      if (kind === "get") {
        return { ...request, path: "/timeline", headers: { ...request.headers, cookie: pick(signedIn).cookie } };
      }
      const job = pick(due);
      context.jobId = job.id;
      const headers = { ...request.headers, cookie: job.cookie, "content-type": "application/json" };
      return { ...request, path: `/api/jobs/${job.id}/follow-ups`, headers, body: JSON.stringify({ channel: "email", note: "Load test" }) };
    },
    onResponse: (status, _body, context) => {
      lastKind = kind;
      tally[kind].statuses[status] = (tally[kind].statuses[status] ?? 0) + 1;
      if (kind === "post" && status === 201) created.set(context.jobId, (created.get(context.jobId) ?? 0) + 1);
    },
  }));
  const instance = autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, timeout: 10, requests });
  instance.on("response", (_client, _status, _bytes, ms) => lastKind && tally[lastKind].ms.push(ms));
  const result = await instance;

  const count = (kind, test) => Object.entries(tally[kind].statuses).reduce((n, [s, c]) => n + (test(Number(s)) ? c : 0), 0);
  const answered = count("get", () => true) + count("post", () => true);
  const expected409 = count("post", (s) => s === 409);
  const unexpected = count("get", (s) => s !== 200) + count("post", (s) => s !== 201 && s !== 409);
  const doubles = [...created.values()].filter((n) => n > 1).length;
  const errors = unexpected + result.errors + doubles; // autocannon's errors include its timeouts

  // What the database holds must be what the answers said: one follow-up per 201.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let consistency;
  let stored;
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Stage" WHERE kind = 'follow_up' AND note = 'Load test'`);
    stored = rows[0].n;
    consistency = await checkConsistency(client);
  } finally {
    await client.end();
  }
  if (!server.alive()) throw new Error(`the server exited during the run:\n${server.output()}`);

  const all = percentiles([...tally.get.ms, ...tally.post.ms]);
  const get = percentiles(tally.get.ms);
  const post = percentiles(tally.post.ms);
  const statuses = (kind) => Object.entries(tally[kind].statuses).map(([s, c]) => `${s}×${c}`).join(" ");
  const lines = [
    "",
    `Callback load test — ${database.label}`,
    `${USERS} accounts × ${JOBS} jobs, ${allDue.length} due (${due.length} targeted); ${CONNECTIONS} connections, ${fmt(result.duration, 1)} s, mix ${MIX.join("/")}`,
    "",
    `  all          ${fmt(answered / result.duration, 1)} req/s   p50 ${fmt(all.p50)} ms   p99 ${fmt(all.p99)} ms   max ${fmt(all.max)} ms`,
    `  GET timeline ${fmt(tally.get.ms.length / result.duration, 1)} req/s   p50 ${fmt(get.p50)} ms   p99 ${fmt(get.p99)} ms   (${statuses("get")})`,
    `  POST follow  ${fmt(tally.post.ms.length / result.duration, 1)} req/s   p50 ${fmt(post.p50)} ms   p99 ${fmt(post.p99)} ms   (${statuses("post")})`,
    `  follow-ups   ${created.size} created (201), ${expected409} refused as already followed up (409, expected), ${stored} stored`,
    `  errors       ${errors} (unexpected statuses ${unexpected}, socket errors/timeouts ${result.errors}/${result.timeouts}, jobs with two 201s ${doubles})`,
    "",
    "Consistency",
  ];
  console.log(lines.join("\n"));
  printReport(consistency);
  const failures = [];
  if (errors > 0) failures.push(`${errors} errors`);
  if (stored !== created.size) failures.push(`${created.size} follow-ups answered 201 but ${stored} are stored`);
  if (!consistency.ok) failures.push("the database is inconsistent");
  if (answered === 0) failures.push("no answers at all");
  if (failures.length) throw new Error(failures.join("; "));
  console.log("\nOK");
}

/** Throughput and latency of the timeline as concurrency grows, with nothing shed. */
async function sweep(base, signedIn) {
  const duration = Number(option("duration") ?? 10);
  const rows = [];
  for (const connections of SWEEP) {
    const r = await autocannon({
      url: base,
      connections,
      duration,
      timeout: 30,
      requests: [{ setupRequest: (request) => ({ ...request, path: "/timeline", headers: { ...request.headers, cookie: pick(signedIn).cookie } }) }],
    });
    rows.push({ connections, rps: r["2xx"] / r.duration, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors });
    log(`${connections} connections: ${fmt(r["2xx"] / r.duration, 1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
  }
  console.log(`\nTimeline, shedding off (MAX_INFLIGHT=0), ${duration} s per step; load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  console.log("connections    req/s   p50 ms   p99 ms   errors");
  for (const r of rows) console.log(`${String(r.connections).padStart(11)} ${fmt(r.rps, 1).padStart(8)} ${fmt(r.p50).padStart(8)} ${fmt(r.p99).padStart(8)} ${String(r.bad).padStart(8)}`);
  const best = Math.max(...rows.map((r) => r.rps));
  console.log(`\nPeak ${fmt(best, 1)} req/s. Requests in flight beyond about peak × the wait you accept (e.g. ${fmt(best, 0)} for 1 s) only queue: that is where MAX_INFLIGHT belongs.`);
}

try {
  await main();
} catch (error) {
  console.error(`\n[load] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
