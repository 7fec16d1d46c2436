#!/usr/bin/env node
// `npm run bench [-- --quick]`: the production build against a throwaway database (a fresh
// one on DATABASE_URL's server, dropped afterwards, or a throwaway embedded PGlite), seeded
// with accounts of 20, 200 and 2,000 jobs; times the signed-in timeline (and the Insights page,
// bench/insights-bench.mjs) with autocannon, both
// as served (page cache) and as rendered (cache skipped, every request a render),
// against two limits measured in the same run (a bare node:http server serving the same
// bytes, and /api/health), plus the rules engine and the server's peak memory.
// Prints figures next to their targets and writes bench/results/latest.json. A missed
// target is not a failure; a broken run (no server, a redirect, an error) exits non-zero.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { bin, root } from "../scripts/lib/database.mjs";
import { fetchPage, freePort, load, probe, signIn, waitUntilServing } from "./lib/bench-http.mjs";
import { sampleMemory, startAppServer, startChild } from "./lib/bench-process.mjs";
import { seedAccounts } from "./lib/bench-seed.mjs";
import { benchInsights, insightsReport, insightsTargets } from "./insights-bench.mjs";
import { actionId, navigation, routerState, seedCoach, serverAction } from "./lib/bench-journeys.mjs";
import { build, cleanupStack, percentiles, seedToday, throwawayDatabase } from "./lib/drill-app.mjs";

const quick = process.argv.includes("--quick");
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
// --sizes=20,200,2000 and --duration=10 override the defaults (for exploring, not for CI).
const SIZES = option("sizes")?.split(",").map(Number) ?? (quick ? [20, 200] : [20, 200, 2000]);
const CONNECTIONS = 10;
const DURATION = Number(option("duration") ?? (quick ? 2 : 10)); // seconds per measurement
const WARMUP = quick ? 0.5 : 2;
// The timeline whose HTML the bare server serves, and whose ratio to the limits is judged.
const LIMIT_SIZE = SIZES.includes(200) ? 200 : SIZES[Math.floor(SIZES.length / 2)];
if (!SIZES.length || SIZES.some((n) => !Number.isInteger(n) || n < 1) || !(DURATION > 0)) throw new Error("--sizes takes positive integers, --duration a positive number of seconds");

const TARGETS = { healthShare: 0.5, p99Ms: 100, plansPerSecond: 200_000, peakMb: 300, renderAloneMs: 12, renderHealthShare: 0.2 };
// A Link click to the timeline, as sent from the settings page (the layout is shared: only the page is sent).
const FROM_SETTINGS = routerState(["(app)", "settings"]);

const log = (message) => console.log(`[bench] ${message}`);
const started = Date.now();
const cleanups = cleanupStack("bench");

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function runRulesBench() {
  const plain = await runRulesBenchOnce("planFollowUp", []);
  // withCalendar: England's public holidays given (issue 15), held to the same target.
  return { ...plain, withCalendar: await runRulesBenchOnce("planFollowUp with a calendar", ["--calendar"]) };
}

function runRulesBenchOnce(label, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin("tsx"), [path.join("bench", "rules-bench.ts"), ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      const match = out.match(new RegExp(`${label}: ([\\d,]+) plans/s median, ([\\d,]+) best \\(([\\d,]+) jobs x (\\d+) rounds\\)`));
      if (code !== 0 || !match) return reject(new Error(`the rules benchmark failed (exit ${code}): ${out.trim()}`));
      const n = (s) => Number(s.replace(/,/g, ""));
      resolve({ plansPerSecond: n(match[1]), bestPlansPerSecond: n(match[2]), jobs: n(match[3]), rounds: n(match[4]) });
    });
  });
}

/**
 * A warm-up, then the measurement. A page so slow that the fixed window would see only a
 * few answers per connection (under three) gets a longer window and timeout, reported, rather
 * than a figure made of two requests.
 */
// What the run is loading now, for the memory sampler's "peak during".
let phase = "start";

async function measure(url, { sequentialMs = 0, ...options }) {
  phase = options.label ?? url;
  const perConnectionRoundMs = sequentialMs * CONNECTIONS; // one server core, requests queue
  const duration = Math.min(quick ? 20 : 120, Math.max(DURATION, Math.ceil((3 * perConnectionRoundMs) / 1000)));
  const timeout = Math.max(30, Math.ceil((3 * perConnectionRoundMs) / 1000));
  // A slow page is warm after the probe's sequential requests; a warm-up cut short would
  // leave abandoned renders running into the measurement.
  if (perConnectionRoundMs < WARMUP * 1000) await load(url, { ...options, duration: WARMUP, warmup: true, label: `${options.label} (warm-up)` });
  return { ...(await load(url, { ...options, timeout, duration })), windowSeconds: duration };
}

/** The section of a rendered timeline holding the most jobs, from its headings: "Due now (62)". */
function largestSection(html) {
  const ids = { due: "due", "this-week": "this_week", upcoming: "upcoming", waiting: "waiting", "followed-up": "followed_up", answered: "answered", closed: "closed" };
  let best = null;
  for (const [, id, count] of html.matchAll(/<h2 id="section-([a-z-]+)"[^>]*>.*?\((?:<!-- -->)?(\d+)(?:<!-- -->)?\)/g)) {
    if (ids[id] && (!best || Number(count) > best.count)) best = { key: ids[id], count: Number(count) };
  }
  return best;
}

/**
 * The renders a user pays for besides the timeline's document load, on the account of
 * LIMIT_SIZE jobs: the job page and the coach's view of that client (a document load and a Link
 * click each), and a server action with its re-render (log a follow-up: each on another due
 * job, since a stage takes one follow-up). None of these is ever served from the page cache.
 */
async function measureJourneys({ base, database, owner, coach }) {
  const ownerCookie = await signIn(base, owner);
  const coachCookie = await signIn(base, coach);
  const bypass = { "x-callback-page-cache": "bypass" };
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let due;
  try {
    const { rows } = await client.query(
      `SELECT id FROM "Job" WHERE "userId" = $1 AND "archivedAt" IS NULL AND "planPhase" = 'open'
         AND "planOpensOn" <= $2::date AND ("planStageOn" IS NULL OR "planStageOn" <= $2::date) ORDER BY id`,
      [owner.userId, seedToday()],
    );
    due = rows.map((r) => r.id);
  } finally {
    await client.end();
  }
  if (due.length < 4) throw new Error(`the account of ${owner.jobs} jobs has ${due.length} due jobs: too few to time the follow-up action`);
  const pages = [
    { name: "job page", path: `/jobs/${due[0]}`, cookie: ownerCookie, mustContain: owner.name, from: routerState(["(app)", "timeline"]) },
    { name: "coach's view of the client", path: `/clients/${owner.userId}`, cookie: coachCookie, mustContain: owner.name, from: routerState(["(app)", "clients"]) },
  ];
  const rows = [];
  for (const page of pages) {
    for (const isNavigation of [false, true]) {
      const target = isNavigation ? await navigation(base, page.path, page.from) : { url: `${base}${page.path}`, headers: {} };
      const headers = { ...bypass, ...target.headers };
      const { body, headers: answer } = await fetchPage(target.url, { cookie: page.cookie, headers, mustContain: isNavigation ? undefined : page.mustContain });
      const type = answer.get("content-type") ?? "";
      if (isNavigation !== type.startsWith("text/x-component")) throw new Error(`${page.name}: answered ${type}`);
      const label = `${page.name} (${isNavigation ? "navigation" : "document"})`;
      const { sequentialMs, cache } = await probe(base, target.url, { cookie: page.cookie, headers, samples: 3 });
      if (cache.some((c) => c !== "none")) throw new Error(`${label}: the page cache said ${cache.join(", ")}`);
      const result = await measure(target.url, { cookie: page.cookie, headers, sequentialMs, connections: CONNECTIONS, label });
      rows.push({ name: label, bytes: body.length, sequentialMs, ...result });
      log(`${label}: ${fmt(sequentialMs, 1)} ms alone, ${fmt(result.requestsPerSecond, 1)} req/s, p99 ${result.latencyMs.p99} ms`);
    }
  }

  // Log a follow-up (jobs/actions.ts logFollowUpAction) from the job page: the answer carries the
  // job page re-rendered (the action redirects to it). Alone: three in a row; then the rest of the
  // due jobs (up to 100) ten at a time.
  const id = actionId(path.join(root, process.env.NEXT_DIST_DIR || ".next"), "logFollowUpAction");
  const logFollowUp = async (jobId) => {
    const { url, init } = await serverAction(base, {
      pathname: `/jobs/${jobId}`,
      id,
      from: routerState(["(app)", "jobs", ["jobId", jobId, "d"]]),
      fields: { jobId, requestId: crypto.randomUUID(), on: seedToday(), channel: "phone", note: "Benchmark call." },
    });
    const start = performance.now();
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: ownerCookie } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - start;
    if (res.status !== 200 || !String(res.headers.get("x-action-redirect")).startsWith(`/jobs/${jobId}?logged=`)) {
      throw new Error(`log follow-up on ${jobId}: ${res.status}, x-action-redirect ${res.headers.get("x-action-redirect")}: ${Buffer.from(body).toString().slice(0, 200)}`);
    }
    return { ms, bytes: body.byteLength };
  };
  phase = "log a follow-up (server action + re-render)";
  const alone = [];
  let bytes = 0;
  for (const jobId of due.slice(1, 4)) {
    const r = await logFollowUp(jobId);
    alone.push(r.ms);
    bytes = r.bytes;
  }
  const queue = due.slice(4, 104);
  const latencies = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONNECTIONS, queue.length) }, async () => {
      for (let jobId = queue.shift(); jobId; jobId = queue.shift()) latencies.push((await logFollowUp(jobId)).ms);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const spread = percentiles(latencies);
  alone.sort((a, b) => a - b);
  const action = {
    name: "log a follow-up (server action + re-render)",
    bytes,
    sequentialMs: alone[1],
    requests: latencies.length,
    seconds,
    requestsPerSecond: latencies.length ? latencies.length / seconds : null,
    latencyMs: { p50: spread.p50, p99: spread.p99, max: spread.max },
  };
  rows.push(action);
  log(`${action.name}: ${fmt(action.sequentialMs, 1)} ms alone, ${latencies.length} more at ${CONNECTIONS} at a time: p99 ${fmt(spread.p99, 1)} ms`);
  return rows;
}

// ---- output ---------------------------------------------------------------------------------

const fmt = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? "n/a" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mark = (ok) => (ok === null ? "–" : ok ? "✓" : "✗");
const pad = (s, n) => String(s).padStart(n);
const percent = (r) => `${fmt(r * 100, 1)} %`;

function printReport(r) {
  const lines = [];
  lines.push("");
  lines.push(`Callback benchmark — ${r.mode}, ${r.database}`);
  lines.push(`${r.environment.node}, ${r.environment.cpus} CPUs (${r.environment.cpuModel}); autocannon ${CONNECTIONS} connections, ${DURATION} s per measurement, loopback`);
  lines.push("");
  lines.push("Timeline page (GET /timeline, signed in)");
  const header = `${pad("jobs", 6)} ${pad("req/s", 9)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("alone ms", 9)} ${pad("HTML bytes", 11)} ${pad("SQL/request", 12)}   p99 < ${TARGETS.p99Ms} ms`;
  const MODE_TITLES = {
    served: "served: the page as a browser asks for it again (page cache; rendered once after each change)",
    rendered: "rendered: every request renders it (cache skipped): what the first view after a change costs",
    navigation: "navigation: a Link click to it (an RSC request, rendered every time)",
  };
  for (const mode of Object.keys(MODE_TITLES)) {
    lines.push(`  ${MODE_TITLES[mode]}`);
    lines.push(header);
    for (const t of r.timeline.filter((row) => row.mode === mode)) {
      const longer = t.windowSeconds !== DURATION ? `   (slow page: measured over ${t.windowSeconds} s, ${fmt(t.requests)} answers)` : "";
      lines.push(
        `${pad(fmt(t.jobs), 6)} ${pad(fmt(t.requestsPerSecond, 1), 9)} ${pad(fmt(t.latencyMs.p50, 1), 8)} ${pad(fmt(t.latencyMs.p99, 1), 8)} ${pad(fmt(t.sequentialMs, 1), 9)} ${pad(fmt(t.htmlBytes), 11)} ${pad(t.sqlQueries ?? "n/a", 12)}   ${mark(t.latencyMs.p99 < TARGETS.p99Ms)}${longer}`,
      );
    }
  }
  lines.push(`  (alone: median of 3 sequential requests with nothing else running)`);
  lines.push("");
  lines.push(`Renders a user pays for, account of ${fmt(LIMIT_SIZE)} jobs (never from the page cache)   targets: alone ≤ ${TARGETS.renderAloneMs} ms, ≥ ${TARGETS.renderHealthShare * 100} % of /api/health, p99 < ${TARGETS.p99Ms} ms`);
  lines.push(`  ${"".padEnd(44)} ${pad("alone ms", 9)} ${pad("req/s", 9)} ${pad("of health", 10)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("bytes", 8)}`);
  for (const j of r.journeys) {
    const share = j.requestsPerSecond / r.limits.health.requestsPerSecond;
    lines.push(
      `  ${j.name.padEnd(44)} ${pad(`${fmt(j.sequentialMs, 1)} ${mark(j.sequentialMs <= TARGETS.renderAloneMs)}`, 9)} ${pad(fmt(j.requestsPerSecond, 1), 9)} ${pad(`${percent(share)} ${mark(share >= TARGETS.renderHealthShare)}`, 10)} ${pad(fmt(j.latencyMs.p50, 1), 8)} ${pad(`${fmt(j.latencyMs.p99, 1)} ${mark(j.latencyMs.p99 < TARGETS.p99Ms)}`, 8)} ${pad(fmt(j.bytes), 8)}`,
    );
  }
  lines.push(`  (the action: ${fmt(r.journeys.at(-1).requests)} follow-ups on distinct due jobs, ${CONNECTIONS} at a time; its req/s is over those)`);
  lines.push("");
  lines.push(`Limits, same run (timeline at ${fmt(LIMIT_SIZE)} jobs: served ${fmt(r.limits.timelineRequestsPerSecond, 1)} req/s, rendered ${fmt(r.limits.renderedRequestsPerSecond, 1)} req/s)`);
  lines.push(`  bare node:http, same ${fmt(r.limits.plain.htmlBytes)} bytes   ${pad(fmt(r.limits.plain.requestsPerSecond, 1), 9)} req/s   served timeline = ${percent(r.limits.ratioToPlain)} of it`);
  lines.push(
    `  /api/health (Next + SELECT 1)      ${pad(fmt(r.limits.health.requestsPerSecond, 1), 9)} req/s   served timeline = ${percent(r.limits.ratioToHealth)} of it, rendered ${percent(r.limits.renderedRatioToHealth)}`,
  );
  const floor = r.limits.pageFloor;
  lines.push(
    `  /signin, signed out (page floor)   ${pad(fmt(floor.requestsPerSecond, 1), 9)} req/s   ${percent(floor.requestsPerSecond / r.limits.health.requestsPerSecond)} of /api/health, ${fmt(floor.sequentialMs, 1)} ms alone, p99 ${fmt(floor.latencyMs.p99, 1)} ms, ${floor.sqlQueries ?? "?"} SQL`,
  );
  lines.push("  (the cheapest page Next renders here: no data, no SQL; no render above can be cheaper)");
  lines.push("");
  for (const mode of ["served", "rendered"]) {
    const g = r.costGrowth[mode];
    lines.push(`Cost growth      ${pad(mode, 8)}: p50 at ${fmt(g.largest)} jobs / p50 at ${fmt(g.smallest)} jobs = ${fmt(g.ratio, 2)}×`);
  }
  lines.push("");
  lines.push("Full history view (GET /timeline?section=<the largest section>: every job in it, rendered, alone)");
  lines.push(`${pad("jobs", 6)} ${pad("section", 12)} ${pad("shown", 6)} ${pad("alone ms", 9)} ${pad("HTML bytes", 11)}`);
  for (const v of r.fullView.rows) lines.push(`${pad(fmt(v.jobs), 6)} ${pad(v.section, 12)} ${pad(fmt(v.shown), 6)} ${pad(fmt(v.sequentialMs, 1), 9)} ${pad(fmt(v.htmlBytes), 11)}`);
  lines.push(`  growth: ${fmt(r.fullView.costRatio, 1)}× the time for ${fmt(r.fullView.shownRatio, 1)}× the jobs shown`);
  lines.push("");
  lines.push(...insightsReport(r.insights, { fmt, pad }));
  lines.push("");
  lines.push(`Rules engine     ${fmt(r.rules.plansPerSecond)} plans/s median, ${fmt(r.rules.bestPlansPerSecond)} best (${fmt(r.rules.jobs)} jobs × ${r.rules.rounds} rounds)`);
  lines.push(`  with a calendar ${fmt(r.rules.withCalendar.plansPerSecond)} plans/s median, ${fmt(r.rules.withCalendar.bestPlansPerSecond)} best (England's public holidays given)`);
  const biggest = [...r.memory.processes].sort((a, b) => b.peakRssMb - a.peakRssMb)[0];
  lines.push(
    `Server memory    peak ${fmt(r.memory.peakMb, 1)} MB resident (process tree of the server: ${r.memory.processes.length} process${r.memory.processes.length === 1 ? "" : "es"}; ` +
      `peak of summed VmRSS ${fmt(r.memory.peakTreeSumMb, 1)} MB, largest VmHWM ${fmt(biggest?.peakRssMb, 1)} MB)`,
  );
  if (r.memory.peakPhase) lines.push(`  the summed peak came during: ${r.memory.peakPhase}`);
  lines.push("");
  lines.push("Targets");
  for (const t of r.targets) lines.push(`  ${mark(t.ok)} ${t.name}: ${t.figure}`);
  lines.push("");
  lines.push(`Took ${fmt(r.elapsedSeconds, 1)} s. Results in bench/results/latest.json${quick ? " (quick run: figures prove the benchmark works, they are not judged)" : ""}.`);
  console.log(lines.join("\n"));
}

// ---- the run --------------------------------------------------------------------------------

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  log(`${quick ? "quick" : "full"} run: ${SIZES.join(", ")} jobs, ${DURATION} s per measurement`);
  await build(); // buildIfNeeded, leaving tsconfig.json as it was

  const database = await throwawayDatabase(cleanups, { prefix: "callback_bench" });
  log(`database: ${database.label}`);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let accounts, coach;
  try {
    const seedStart = Date.now();
    accounts = await seedAccounts(client, SIZES);
    coach = await seedCoach(client, accounts.find((a) => a.jobs === LIMIT_SIZE));
    const stages = accounts.reduce((n, a) => n + a.stages, 0);
    log(`seeded ${accounts.length} accounts, ${fmt(SIZES.reduce((a, b) => a + b, 0))} jobs, ${fmt(stages)} stages in ${Date.now() - seedStart} ms`);
  } finally {
    await client.end();
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startAppServer({
    port,
    database,
    secret: `bench-secret-${process.pid}-${Date.now()}-0123456789`,
    // Lets the server expose its SQL statement counter (see probe() in bench/lib/bench-http.mjs).
    env: { CALLBACK_BENCH_METRICS: "1" },
  });
  const memory = sampleMemory(server.pid, 200, { phase: () => phase });
  let memoryResult;
  cleanups.add("stop the Next server", () => server.stop());
  cleanups.add("stop the memory sampler", () => (memoryResult ??= memory.stop()));
  const serverStart = Date.now();
  try {
    await waitUntilServing(`${base}/api/health`, { alive: server.alive, timeoutMs: 60_000 });
  } catch (error) {
    throw new Error(`${error.message}\n--- server output ---\n${server.output()}`);
  }
  log(`server answering on ${base} after ${Date.now() - serverStart} ms`);

  // The guard the measurement relies on: without a session the page must not answer 200.
  const signedOut = await fetchPage(`${base}/timeline`).then(
    () => null,
    (error) => error.message,
  );
  if (signedOut === null) throw new Error("GET /timeline answered 200 without a session: the benchmark would not time a signed-in page");
  log(`signed out, ${signedOut.replace(/^GET \S+ /, "/timeline ")}`);

  // Each size twice: "served" is the page as a browser asks for it again (from the page cache,
  // server/page-cache.ts; rendered once after each change), "rendered" asks the server to
  // skip the store (a bench-only header), so every request pays for a render: what the first
  // view after each change costs.
  const MODES = [
    // As a browser opens a page (Fetch Metadata): the only request the page cache answers.
    { mode: "served", headers: { "sec-fetch-dest": "document" }, expect: "hit" },
    { mode: "rendered", headers: { "x-callback-page-cache": "bypass" }, expect: "none" },
    // A Link click: an RSC request, never from the store; what a user pays on every navigation.
    // Sent as the browser's fetch() sends it, without the bypass: the store must leave it alone.
    { mode: "navigation", headers: { "sec-fetch-dest": "empty" }, expect: "none", navigation: true },
  ];
  const timeline = [];
  const fullView = [];
  let limitHtml;
  for (const account of accounts) {
    const cookie = await signIn(base, account);
    const url = `${base}/timeline`;
    const { body } = await fetchPage(url, { cookie, headers: { "sec-fetch-dest": "document" }, mustContain: account.name });
    if (account.jobs === LIMIT_SIZE) limitHtml = body;
    for (const { mode, headers: modeHeaders, expect, navigation: isNavigation } of MODES) {
      // The RSC payload of a navigation carries the page, not the shared layout with the user's name.
      const target = isNavigation ? await navigation(base, "/timeline", FROM_SETTINGS) : { url, headers: {} };
      const headers = { ...modeHeaders, ...target.headers };
      const mustContain = isNavigation ? "Your timeline" : account.name;
      const { sqlQueries, sequentialMs, cache } = await probe(base, target.url, { cookie, headers, mustContain });
      // The label must be true: every "served" sample came from the store, no "rendered" one did.
      if (cache.some((c) => c !== expect)) throw new Error(`/timeline at ${account.jobs} jobs (${mode}): the page cache said ${cache.join(", ")}, expected ${expect} every time`);
      const result = await measure(target.url, { cookie, headers, sequentialMs, connections: CONNECTIONS, label: `/timeline at ${account.jobs} jobs (${mode})` });
      // The page must still be the signed-in timeline after the load (no session lost on the way);
      // queued behind any render the load abandoned, it also lets the server drain before the next one.
      const after = await fetchPage(target.url, { cookie, headers, mustContain });
      timeline.push({ mode, jobs: account.jobs, stages: account.stages, htmlBytes: isNavigation ? after.body.length : body.length, sqlQueries, sequentialMs, ...result });
      log(`/timeline at ${account.jobs} jobs, ${mode}: ${fmt(result.requestsPerSecond, 1)} req/s, p99 ${result.latencyMs.p99} ms`);
    }
    // The full history view: the account's largest section expanded (every job in it), rendered,
    // timed alone (sequential requests): its cost must grow no worse than the jobs it shows.
    const largest = largestSection(body.toString("utf8"));
    if (!largest) throw new Error(`/timeline at ${account.jobs} jobs: no section with a count found in the page`);
    const sectionUrl = `${url}?section=${largest.key}`;
    phase = `/timeline?section=${largest.key} at ${account.jobs} jobs (alone)`;
    const bypass = MODES.find((m) => m.mode === "rendered").headers;
    const { body: sectionBody } = await fetchPage(sectionUrl, { cookie, headers: bypass, mustContain: account.name });
    const { sequentialMs } = await probe(base, sectionUrl, { cookie, headers: bypass, mustContain: account.name, samples: 5 });
    fullView.push({ jobs: account.jobs, section: largest.key, shown: largest.count, htmlBytes: sectionBody.length, sequentialMs });
    log(`/timeline?section=${largest.key} at ${account.jobs} jobs (${largest.count} shown): ${fmt(sequentialMs, 1)} ms alone`);
  }

  // The Insights page (bench/insights-bench.mjs): rendered every time, at every size.
  const insights = await benchInsights({ base, accounts, connections: CONNECTIONS, signIn, fetchPage, probe, measure, log });
  const journeys = await measureJourneys({ base, database, owner: accounts.find((a) => a.jobs === LIMIT_SIZE), coach });

  const health = await measure(`${base}/api/health`, { connections: CONNECTIONS, label: "/api/health" });
  log(`/api/health: ${fmt(health.requestsPerSecond, 1)} req/s`);
  // The floor of any page on this stack: the sign-in form, signed out (a 13 KB page with no data,
  // no SQL, rendered per request like every page). No page of the app can be cheaper than it.
  const floorProbe = await probe(base, `${base}/signin`, { mustContain: "Sign in", samples: 5 });
  const floor = { ...(await measure(`${base}/signin`, { connections: CONNECTIONS, label: "/signin (page floor)", sequentialMs: floorProbe.sequentialMs })), sequentialMs: floorProbe.sequentialMs, sqlQueries: floorProbe.sqlQueries };
  log(`/signin (page floor): ${fmt(floor.sequentialMs, 1)} ms alone, ${fmt(floor.requestsPerSecond, 1)} req/s, p99 ${floor.latencyMs.p99} ms`);

  const htmlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "callback-bench-html-")), "timeline.html");
  cleanups.add("remove the saved HTML", () => fs.rmSync(path.dirname(htmlFile), { recursive: true, force: true }));
  fs.writeFileSync(htmlFile, limitHtml);
  const plainPort = await freePort();
  const plain = startChild(process.execPath, [path.join(root, "bench", "plain-server.mjs"), htmlFile, String(plainPort)], { cwd: root, ready: /^ready / });
  cleanups.add("stop the bare HTTP server", () => plain.stop());
  await withTimeout(plain.ready, 10_000, "the bare HTTP server did not start");
  const plainResult = await measure(`http://127.0.0.1:${plainPort}/`, { connections: CONNECTIONS, label: "bare node:http" });
  log(`bare node:http: ${fmt(plainResult.requestsPerSecond, 1)} req/s`);
  await plain.stop();

  if (!server.alive()) throw new Error(`the Next server exited during the run:\n${server.output()}`);
  memoryResult = memory.stop();

  const rules = await runRulesBench();
  log(`rules engine: ${fmt(rules.plansPerSecond)} plans/s, ${fmt(rules.withCalendar.plansPerSecond)} with a calendar`);

  const at = (jobs, mode) => timeline.find((t) => t.jobs === jobs && t.mode === mode);
  const limitTimeline = at(LIMIT_SIZE, "served");
  const limitRendered = at(LIMIT_SIZE, "rendered");
  const growth = (mode) => {
    const rows = timeline.filter((t) => t.mode === mode);
    return { smallest: rows[0].jobs, largest: rows.at(-1).jobs, ratio: rows.at(-1).latencyMs.p50 / rows[0].latencyMs.p50 };
  };
  const sqlCounts = (mode) => timeline.filter((t) => t.mode === mode).map((t) => t.sqlQueries);
  const sqlKnown = timeline.every((t) => typeof t.sqlQueries === "number");
  const ratioToHealth = limitTimeline.requestsPerSecond / health.requestsPerSecond;
  const worstP99 = Math.max(...timeline.filter((t) => t.mode === "served").map((t) => t.latencyMs.p99));
  const results = {
    when: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    database: database.label,
    environment: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim() ?? "?", platform: `${os.platform()} ${os.release()}` },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, sizes: SIZES },
    timeline,
    insights,
    limits: {
      timelineJobs: LIMIT_SIZE,
      timelineRequestsPerSecond: limitTimeline.requestsPerSecond,
      renderedRequestsPerSecond: limitRendered.requestsPerSecond,
      plain: { htmlBytes: limitHtml.length, ...plainResult },
      health,
      pageFloor: floor,
      ratioToPlain: limitTimeline.requestsPerSecond / plainResult.requestsPerSecond,
      ratioToHealth,
      renderedRatioToHealth: limitRendered.requestsPerSecond / health.requestsPerSecond,
    },
    costGrowth: { served: growth("served"), rendered: growth("rendered") },
    fullView: {
      rows: fullView,
      // How much more the largest account's view costs than the smallest's, next to how many more jobs it shows.
      costRatio: fullView.at(-1).sequentialMs / fullView[0].sequentialMs,
      shownRatio: fullView.at(-1).shown / fullView[0].shown,
    },
    rules,
    journeys,
    memory: memoryResult,
    targets: [
      ...[
        { name: `rendered timeline at ${LIMIT_SIZE} jobs`, row: limitRendered },
        { name: `client-side navigation to the timeline at ${LIMIT_SIZE} jobs`, row: at(LIMIT_SIZE, "navigation") },
        ...journeys.filter((j) => !j.name.startsWith("log a follow-up")).map((j) => ({ name: j.name, row: j })),
      ].map(({ name, row }) => {
        const share = row.requestsPerSecond / health.requestsPerSecond;
        return {
          name: `${name}: alone ≤ ${TARGETS.renderAloneMs} ms, ≥ ${TARGETS.renderHealthShare * 100} % of /api/health, p99 < ${TARGETS.p99Ms} ms`,
          ok: row.sequentialMs <= TARGETS.renderAloneMs && share >= TARGETS.renderHealthShare && row.latencyMs.p99 < TARGETS.p99Ms,
          figure: `${fmt(row.sequentialMs, 1)} ms alone, ${percent(share)}, p99 ${fmt(row.latencyMs.p99, 1)} ms`,
        };
      }),
      { name: `timeline at ${LIMIT_SIZE} jobs ≥ ${TARGETS.healthShare * 100} % of /api/health throughput`, ok: ratioToHealth >= TARGETS.healthShare, figure: percent(ratioToHealth) },
      {
        name: `p99 < ${TARGETS.p99Ms} ms at ${CONNECTIONS} connections, every size (served)`,
        ok: worstP99 < TARGETS.p99Ms,
        figure: timeline.filter((t) => t.mode === "served").map((t) => `${fmt(t.jobs)} jobs ${fmt(t.latencyMs.p99, 1)} ms`).join(", "),
      },
      {
        name: "constant SQL queries per timeline request across sizes",
        ok: sqlKnown ? MODES.every(({ mode }) => new Set(sqlCounts(mode)).size === 1) : null,
        figure: sqlKnown ? MODES.map(({ mode }) => `${mode} ${sqlCounts(mode).join(", ")}`).join("; ") : "n/a (the server does not expose its counter: no x-callback-sql-queries header, no /api/bench/metrics)",
      },
      {
        name: "full history view (largest section expanded) grows no worse than linearly",
        ok: fullView.at(-1).sequentialMs / fullView[0].sequentialMs <= fullView.at(-1).shown / fullView[0].shown,
        figure: `${fmt(fullView.at(-1).sequentialMs / fullView[0].sequentialMs, 1)}× the time for ${fmt(fullView.at(-1).shown / fullView[0].shown, 1)}× the jobs`,
      },
      ...insightsTargets(insights, { p99Ms: TARGETS.p99Ms, fmt }),
      { name: `rules engine ≥ ${fmt(TARGETS.plansPerSecond)} plans/s`, ok: rules.plansPerSecond >= TARGETS.plansPerSecond, figure: `${fmt(rules.plansPerSecond)} plans/s` },
      {
        name: `rules engine with a calendar (England's holidays) ≥ ${fmt(TARGETS.plansPerSecond)} plans/s`,
        ok: rules.withCalendar.plansPerSecond >= TARGETS.plansPerSecond,
        figure: `${fmt(rules.withCalendar.plansPerSecond)} plans/s`,
      },
      { name: `server peak memory < ${TARGETS.peakMb} MB`, ok: memoryResult.peakMb < TARGETS.peakMb, figure: `${fmt(memoryResult.peakMb, 1)} MB` },
    ],
  };
  results.elapsedSeconds = (Date.now() - started) / 1000;

  const outDir = path.join(root, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `timeline-${LIMIT_SIZE}.html`), limitHtml); // to see where the bytes go
  fs.writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
}

try {
  await main();
} catch (error) {
  console.error(`\n[bench] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}

// The phone's view (bench/lighthouse.mjs): its own server and database, after this run's are
// gone. Full runs only (or --lighthouse): Lighthouse takes ~20 s a page and fetches itself once.
if (process.exitCode !== 1 && (!quick || process.argv.includes("--lighthouse"))) {
  const { main: lighthouse } = await import("./lighthouse.mjs");
  try {
    await lighthouse();
  } catch (error) {
    console.error(`\n[bench] Lighthouse failed: ${error.message}`);
    process.exitCode = 1;
  }
}
