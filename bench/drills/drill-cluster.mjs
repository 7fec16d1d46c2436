#!/usr/bin/env node
// `npm run drill:cluster [-- --quick]`: three app servers of the production build behind nginx
// (deploy/nginx.conf, round robin) on one fresh Postgres database, driven by signed-in users.
// Proves, in order: migrations started by three servers at once apply once (the others wait);
// requests spread over every server; a change made through one server is seen at once through
// the others (no stale page cache); sign-out on one server, and "Sign out everywhere" and a
// password change on the settings page (in Chromium, through nginx), end the session on all;
// the 11th wrong password for an account is refused whichever server takes it; 50 concurrent
// follow-ups for one stage over all servers store exactly one; with every server running its
// digest worker (one SMTP sink for all), each user owed a digest gets exactly one; a rolling
// restart (SIGTERM, exit 0, start again, each server in turn) fails no request; a SIGKILL fails
// at most the requests in flight on that server, and afterwards every request succeeds, the
// consistency check is clean and more digest ticks send nothing twice.
// Needs DATABASE_URL (a Postgres server), nginx and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
// Ports 3400 (nginx) to 3403 (--port=N moves them).
import { chromium } from "@playwright/test";
import fs from "node:fs";
import pg from "pg";
import PgBoss from "pg-boss";
import { checkConsistency, printReport } from "../check-consistency.mjs";
import { signIn } from "../lib/bench-http.mjs";
import { appServer, sleep, startNginx, summarize, traffic } from "../lib/drill-cluster.mjs";
import { build, cleanupStack, dueJobs, flag, fmt, option, seed, seedToday, signInAll } from "../lib/drill-app.mjs";
import { startSmtpSink } from "../lib/smtp-sink.mjs";
import { migrate } from "../../scripts/lib/database.mjs";

const quick = flag("quick");
const PORT = Number(option("port") ?? 3400);
const CLIENTS = Number(option("clients") ?? (quick ? 6 : 12));
const LOAD_S = quick ? 6 : 20;
const USERS = quick ? 6 : 16;
// Accounts opted in to the daily digest, kept out of the traffic. Every account signs in from
// 127.0.0.1: the 50 password checks an address gets per quarter hour (LIMITS) bound them all.
const DIGEST_USERS = quick ? 4 : 6;
const SERVERS = 3;

const log = (message) => console.log(`[drill:cluster] ${message}`);
const cleanups = cleanupStack("drill:cluster");
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  return ok;
};
const report = [];

async function freshDatabase() {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error("needs DATABASE_URL (a Postgres server): the drill runs several servers on one database");
  const name = `callback_drill_cluster_${Date.now()}_${process.pid}`;
  const sql = async (text) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await sql(`CREATE DATABASE "${name}"`);
  cleanups.add(`drop the database ${name}`, () => sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, embedded: false };
}

async function query(url, text, params) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Three releases start at once on a new database: each runs the start script's migration step. */
async function migrationsAtOnce(database) {
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: SERVERS }, () => migrate(database.url)));
  const failed = results.filter((r) => r.status === "rejected");
  const rows = await query(database.url, `SELECT migration_name, count(*)::int AS n, bool_and(finished_at IS NOT NULL AND rolled_back_at IS NULL) AS ok FROM _prisma_migrations GROUP BY 1`);
  const once = rows.every((r) => r.n === 1 && r.ok);
  report.push(`Migrations, ${SERVERS} at once on a new database: ${SERVERS - failed.length}/${SERVERS} exited 0, ${rows.length} migrations applied ${once ? "once each" : "NOT once each"} (${fmt((Date.now() - started) / 1000, 1)} s)`);
  check(!failed.length, `migrations at once: ${failed.map((f) => f.reason.message).join("; ")}`);
  check(once && rows.length > 0, "migrations at once: not every migration applied exactly once");
}

/** The users' job ids and due jobs (the seeded plans, computed by signInAll's first timeline). */
async function withJobs(url, users) {
  const rows = await query(url, `SELECT id, "userId", "planPhase" = 'open' AND "planOpensOn" <= now()::date AS due FROM "Job" WHERE "userId" = ANY($1) AND "archivedAt" IS NULL ORDER BY id`, [users.map((u) => u.userId)]);
  return users.map((u) => ({ ...u, jobs: rows.filter((r) => r.userId === u.userId).map((r) => r.id), due: rows.filter((r) => r.userId === u.userId && r.due).map((r) => r.id) }));
}

// As a browser loading a page: the page cache stores document requests only (Sec-Fetch-Dest).
const get = (url, cookie) => fetch(url, { redirect: "manual", headers: { "sec-fetch-dest": "document", ...(cookie ? { cookie } : {}) } }).then(async (r) => ({ status: r.status, body: await r.text(), headers: r.headers }));
const postFollowUp = (base, cookie, jobId, note) =>
  fetch(`${base}/api/jobs/${jobId}/follow-ups`, { method: "POST", redirect: "manual", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ channel: "phone", note }) }).then(async (r) => ({ status: r.status, server: r.headers.get("x-callback-server"), body: await r.text() }));

/** A follow-up logged through server 1 shows at once on servers 2 and 3, whose caches held the old page. */
async function freshness(servers, user, jobId) {
  const pages = [];
  // A first read may store plan snapshots (moving the page version): read until one is served stored.
  for (const s of servers) {
    let cache = null;
    for (let i = 0; i < 4 && cache !== "hit"; i++) cache = (await get(`${s.base}/timeline`, user.cookie)).headers.get("x-callback-page-cache");
    pages.push(cache);
  }
  const note = `Seen everywhere ${Date.now()}`;
  const made = await postFollowUp(servers[0].base, user.cookie, jobId, note);
  const after = [];
  for (const s of servers.slice(1)) {
    const timeline = await get(`${s.base}/timeline`, user.cookie);
    const job = await get(`${s.base}/jobs/${jobId}`, user.cookie);
    after.push({ id: s.id, cache: timeline.headers.get("x-callback-page-cache"), shows: job.status === 200 && job.body.includes(note) });
  }
  report.push(`Change through ${servers[0].id} (follow-up ${made.status}), timelines stored before on every server (${pages.join(", ")}): ${after.map((a) => `${a.id} timeline ${a.cache}, job page ${a.shows ? "shows it" : "DOES NOT show it"}`).join("; ")}`);
  check(made.status === 201, `freshness: the follow-up answered ${made.status}`);
  check(pages.every((p) => p === "hit"), `freshness: the timelines were not stored on every server first (${pages.join(", ")})`);
  check(after.every((a) => a.cache !== "hit" && a.shows), "freshness: a server showed a stale page after a change through another");
}

async function csrf(base, cookie) {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = await res.json();
  const jar = res.headers.getSetCookie().map((c) => c.split(";", 1)[0]);
  return { csrfToken, cookie: [cookie, ...jar].join("; ") };
}

const signedOut = (statuses) => statuses.every((s) => s === 307);

/** The settings page in Chromium through the balancer, signed in as `account`: `act` submits one of its forms; says which server answered that POST (the server action). */
async function inSettings(browser, nginxBase, account, act) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${nginxBase}/signin`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/timeline$/, { timeout: 30_000 });
    await page.goto(`${nginxBase}/settings`);
    const action = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/settings" && Boolean(r.request().headers()["next-action"]), { timeout: 30_000 });
    await act(page);
    const answered = await action;
    return answered.headers()["x-callback-server"] ?? "an unnamed server";
  } finally {
    await context.close();
  }
}

/**
 * Sign-out on one server, then "Sign out everywhere" and a password change made through the
 * settings page (their server actions, in a browser, through nginx): each ends a session signed
 * in elsewhere on every server (a redirect to sign-in, 307).
 */
async function sessions(nginxBase, servers, account) {
  const onEvery = async (cookie) => (await Promise.all(servers.map((s) => get(`${s.base}/timeline`, cookie)))).map((a) => a.status);
  let cookie = await signIn(nginxBase, account);
  const before = await onEvery(cookie);
  const { csrfToken, cookie: withCsrf } = await csrf(servers[0].base, cookie);
  const out = await fetch(`${servers[0].base}/api/auth/signout`, { method: "POST", redirect: "manual", headers: { cookie: withCsrf, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, json: "true" }) });
  await out.arrayBuffer();
  const afterSignOut = await onEvery(cookie);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined), args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    // Another device's session, ended by the browser's "Sign out everywhere".
    cookie = await signIn(nginxBase, account);
    const again = await onEvery(cookie);
    const everywhereBy = await inSettings(browser, nginxBase, account, async (page) => {
      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.getByRole("status").filter({ hasText: "Signed out everywhere" }).waitFor({ timeout: 30_000 });
    });
    const afterEverywhere = await onEvery(cookie);

    // And by a password change.
    cookie = await signIn(nginxBase, account);
    const third = await onEvery(cookie);
    const newPassword = `${account.password}-changed`;
    const changedBy = await inSettings(browser, nginxBase, account, async (page) => {
      await page.getByLabel("Current password").fill(account.password);
      await page.getByLabel("New password").fill(newPassword);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor({ timeout: 30_000 });
    });
    const afterChange = await onEvery(cookie);
    const oldRefused = await signIn(nginxBase, account).then(() => false, () => true);
    const newWorks = await signIn(nginxBase, { ...account, password: newPassword }).then(() => true, () => false);

    report.push(`Sessions, answers of servers 1-3: signed in ${before.join("/")}, after sign-out on ${servers[0].id} ${afterSignOut.join("/")} (sign-out ${out.status})`);
    report.push(`  signed in again ${again.join("/")}, after "Sign out everywhere" in a browser (its action answered by ${everywhereBy}) ${afterEverywhere.join("/")}`);
    report.push(`  signed in again ${third.join("/")}, after a password change in a browser (answered by ${changedBy}) ${afterChange.join("/")}; the old password ${oldRefused ? "refused" : "STILL WORKS"}, the new one ${newWorks ? "signs in" : "DOES NOT sign in"}`);
    check([before, again, third].every((l) => l.every((s) => s === 200)), "sessions: a signed-in timeline did not answer 200 on every server");
    check(signedOut(afterSignOut), "sessions: a server still served a signed-out session");
    check(signedOut(afterEverywhere), "sessions: a server still served a session after sign-out-everywhere");
    check(signedOut(afterChange), "sessions: a server still served a session after a password change");
    check(oldRefused && newWorks, "sessions: after the password change the old password still worked or the new one did not");
  } finally {
    await browser.close();
  }
}

/** 11 wrong passwords for one account through the balancer: 10 checked, the 11th refused, on whichever server. */
async function rateLimit(nginxBase, account) {
  const outcomes = [];
  for (let i = 1; i <= 11; i++) {
    const res = await fetch(`${nginxBase}/api/auth/csrf`);
    const { csrfToken } = await res.json();
    const jar = res.headers.getSetCookie().map((c) => c.split(";", 1)[0]).join("; ");
    const attempt = await fetch(`${nginxBase}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, email: account.email, password: `wrong password ${i}`, json: "true" }),
    });
    const body = await attempt.text();
    const where = `${body} ${attempt.headers.get("location") ?? ""}`;
    outcomes.push({ server: attempt.headers.get("x-callback-server"), refused: where.includes("RateLimited") || attempt.status === 429, wrong: where.includes("CredentialsSignin") });
  }
  const servers = new Set(outcomes.map((o) => o.server));
  report.push(`Rate limit, 11 wrong passwords for one account over ${servers.size} servers: ${outcomes.filter((o) => o.wrong).length} checked and wrong, ${outcomes.filter((o) => o.refused).length} refused (the ${outcomes.findIndex((o) => o.refused) + 1}th, on ${outcomes.find((o) => o.refused)?.server})`);
  check(outcomes.slice(0, 10).every((o) => o.wrong && !o.refused) && outcomes[10].refused, "rate limit: the 11th wrong password was not the first refused");
  check(servers.size === SERVERS, "rate limit: the attempts did not reach every server");
}

/** 50 concurrent follow-ups for one stage through the balancer: one stored, the rest 409. */
async function concurrentFollowUps(nginxBase, database, user, jobId) {
  // Counted by this phase's note: a seeded history may hold a follow-up of the job's earlier stage.
  const answers = await Promise.all(Array.from({ length: 50 }, () => postFollowUp(nginxBase, user.cookie, jobId, "Fifty at once")));
  const [{ n }] = await query(database.url, `SELECT count(*)::int AS n FROM "Stage" WHERE "jobId" = $1 AND kind = 'follow_up' AND note = 'Fifty at once'`, [jobId]);
  const by = (key) => answers.reduce((m, a) => ({ ...m, [a[key]]: (m[a[key]] ?? 0) + 1 }), {});
  report.push(`50 concurrent follow-ups for one stage: answers ${Object.entries(by("status")).map(([s, c]) => `${s}×${c}`).join(" ")}, by server ${Object.entries(by("server")).map(([s, c]) => `${s}×${c}`).join(" ")}; rows stored: ${n}`);
  check(n === 1 && answers.filter((a) => a.status === 201).length === 1, `50 follow-ups: ${n} rows stored`);
  check(answers.every((a) => a.status === 201 || a.status === 409), "50 follow-ups: an answer other than 201 or 409");
  check(Object.keys(by("server")).length === SERVERS, "50 follow-ups: not spread over every server");
}

// lib/worker/digest-worker.ts (TypeScript: the drill cannot import it).
const DIGEST_QUEUE = "digest-tick";

/**
 * A zone where it is now 09:00 to 20:00 on the seeded accounts' day (their histories are dated
 * from it): a daily digest is owed from 08:00 local (lib/data/digests.ts). New York when it is
 * daytime there, else a whole-hour zone east of it.
 */
function daytimeZone() {
  const now = new Date();
  const zones = ["America/New_York", ...Array.from({ length: 27 }, (_, i) => 14 - i).map((h) => (h === 0 ? "Etc/GMT" : `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`))];
  const zone = zones.find((timeZone) => {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" }).format(now));
    return day === seedToday() && hour >= 9 && hour <= 20;
  });
  if (!zone) throw new Error("no zone is in its daytime on the seeded day");
  return zone;
}

/** Digest users opted in, in a zone whose morning has come, signed in once (their plans computed): who is owed a digest. */
async function digestUsers(database, nginxBase, accounts) {
  const zone = daytimeZone();
  await query(database.url, `UPDATE "User" SET "dailyDigest" = true, "timeZone" = $2 WHERE id = ANY($1)`, [accounts.map((a) => a.userId), zone]);
  const signedIn = await signInAll(nginxBase, accounts, { concurrency: 2 });
  const due = await dueJobs(database.url, signedIn);
  const owed = signedIn.filter((a) => due.some((d) => d.cookie === a.cookie));
  if (!owed.length) throw new Error("no digest user has a follow-up due today");
  return { zone, users: signedIn, owed };
}

/** Puts `count` tick jobs in the digest queue, as the workers' five-minute schedule does, and waits until the workers have run them all. */
async function digestTicks(database, count) {
  const boss = new PgBoss({ connectionString: database.url, max: 1, supervise: false, schedule: false, migrate: false });
  boss.on("error", () => {});
  await boss.start();
  try {
    const ids = [];
    for (let i = 0; i < count; i++) ids.push(await boss.send(DIGEST_QUEUE, {}));
    const until = Date.now() + 120_000;
    for (;;) {
      const states = await Promise.all(ids.map(async (id) => (await boss.getJobById(DIGEST_QUEUE, id, { includeArchive: true }))?.state ?? "gone"));
      if (states.every((s) => s === "completed" || s === "failed" || s === "gone") || Date.now() > until) return states;
      await sleep(250);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true });
  }
}

/** Messages per digest user at the SMTP sink and their DigestDelivery rows: exactly one each for the owed, none for the rest. */
async function digestLedger(database, sink, digest) {
  const counts = sink.perRecipient();
  const rows = await query(database.url, `SELECT "userId", count(*)::int AS n, count("sentAt")::int AS sent FROM "DigestDelivery" WHERE kind = 'daily' GROUP BY 1`);
  const owedIds = new Set(digest.owed.map((u) => u.userId));
  const mails = digest.owed.map((u) => counts.get(u.email.toLowerCase()) ?? 0);
  const others = [...counts.entries()].filter(([to]) => !digest.owed.some((u) => u.email.toLowerCase() === to));
  const owedRows = rows.filter((r) => owedIds.has(r.userId));
  return {
    messages: sink.received.length,
    exactlyOnce: mails.every((n) => n === 1),
    twice: mails.filter((n) => n > 1).length,
    missing: mails.filter((n) => n === 0).length,
    strangers: others.length,
    rowsOk: owedRows.length === owedIds.size && owedRows.every((r) => r.n === 1 && r.sent === 1),
    rows: rows.reduce((n, r) => n + r.n, 0),
  };
}

function digestReport(label, ledger, digest) {
  report.push(`${label}: ${ledger.messages} messages at the SMTP sink for ${digest.owed.length} users owed one: ${ledger.exactlyOnce ? "each exactly one" : `${ledger.twice} twice or more, ${ledger.missing} missing`}, ${ledger.strangers} to anyone else; DigestDelivery ${ledger.rows} rows, ${ledger.rowsOk ? "one sent row per owed user" : "NOT one sent row per owed user"}`);
  check(ledger.exactlyOnce && ledger.strangers === 0, `${label}: not exactly one digest per owed user (${ledger.twice} twice, ${ledger.missing} missing, ${ledger.strangers} to others)`);
  check(ledger.rowsOk, `${label}: DigestDelivery does not hold one sent row per owed user`);
}

function describe(label, records) {
  const s = summarize(records);
  const errors = Object.entries(s.errors).map(([k, c]) => `${k}×${c}`).join(", ") || "none";
  const per = Object.entries(s.perServer).sort().map(([k, c]) => `${k} ${c}`).join(", ");
  report.push(`${label}: ${s.requests} requests, ${s.failed} failed (${errors}); p50 ${fmt(s.latency.p50)} ms, p99 ${fmt(s.latency.p99)} ms; per server: ${per}`);
  return s;
}

/** When traffic first got an answer from server `id` asked after `since`, or null by `timeoutMs`. */
async function backInRotation(records, id, since, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (let seen = 0; Date.now() < until; await sleep(100)) {
    for (; seen < records.length; seen++) if (records[seen].server === id && records[seen].at >= since && !records[seen].error) return records[seen].end;
  }
  return null;
}

async function rollingRestart(nginxBase, servers, users) {
  const load = traffic(nginxBase, users, { clients: CLIENTS });
  await sleep(1_000);
  const codes = [];
  const rejoined = [];
  const started = Date.now();
  for (const s of servers) {
    codes.push(await s.terminate());
    const up = Date.now();
    await s.start();
    // Only one server out of rotation at a time: nginx marked the stopped one as failed for
    // fail_timeout (5 s), so the next is stopped once this one answers through nginx again.
    // Stopping the next sooner leaves nginx with no server it will try: every request a 502.
    const back = await backInRotation(load.records, s.id, up, 30_000);
    rejoined.push(back === null ? "never" : `${fmt((back - up) / 1000, 1)} s`);
    if (back === null) break;
  }
  const records = await load.stop();
  const s = describe(`Rolling restart (${fmt((Date.now() - started) / 1000, 1)} s, exit codes ${codes.join("/")}, back in rotation after ${rejoined.join("/")})`, records);
  check(!rejoined.includes("never"), "rolling restart: a restarted server never answered through nginx again");
  check(codes.every((c) => c === 0), `rolling restart: a server exited with ${codes.join("/")} on SIGTERM`);
  check(s.failed === 0, `rolling restart: ${s.failed} failed requests`);
  return s;
}

async function kill(nginxBase, servers, users) {
  const victim = servers[1];
  const load = traffic(nginxBase, users, { clients: CLIENTS });
  await sleep(2_000);
  const at = Date.now();
  const inflight = load.records.length; // answers so far; what is in flight is at most one per client
  await victim.kill();
  await sleep(3_000);
  await victim.start();
  const back = Date.now();
  // Past nginx's fail_timeout (5 s), after which it tries the server again.
  await sleep(quick ? 6_000 : 8_000);
  const records = await load.stop();
  const during = records.filter((r) => r.end >= at && r.at <= back);
  const after = records.filter((r) => r.at > back);
  const d = describe(`SIGKILL of ${victim.id} under load (${CLIENTS} clients)`, during);
  const a = describe(`  after it came back`, after);
  check(d.failed <= CLIENTS, `kill: ${d.failed} failed requests, more than the ${CLIENTS} that can be in flight`);
  check(a.failed === 0, `kill: ${a.failed} failed requests after the server came back`);
  check((a.perServer[victim.id] ?? 0) > 0, `kill: nginx sent nothing to ${victim.id} once it was back`);
  check(inflight > 0, "kill: no traffic before the kill");
  return { during: d, after: a };
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  log(`${quick ? "quick" : "full"} drill: ${SERVERS} app servers behind nginx on ${PORT}, ${USERS} users, ${CLIENTS} clients`);
  await build();
  const database = await freshDatabase();
  log(`database ${database.name}: migrating from ${SERVERS} processes at once`);
  await migrationsAtOnce(database);
  const accounts = await seed(database.url, { count: USERS + 2 + DIGEST_USERS, jobs: 12 });
  const [sessionAccount, limitAccount, ...rest] = accounts;
  const browsing = rest.slice(0, USERS);
  const sink = await startSmtpSink();
  cleanups.add("stop the SMTP sink", () => sink.close());

  const secret = `drill-cluster-${process.pid}-${Date.now()}-0123456789`;
  const nginxBase = `http://127.0.0.1:${PORT}`;
  // Every server runs its digest worker, all sending to the one SMTP sink.
  const env = { TRUST_PROXY: "1", NEXTAUTH_URL: nginxBase, RATE_LIMIT_SCALE: "1", DATABASE_POOL_MAX: "5", DIGEST_WORKER: "1", SMTP_URL: sink.url, SHUTDOWN_TIMEOUT_S: "15" };
  const servers = Array.from({ length: SERVERS }, (_, i) => appServer(cleanups, { id: `app-${i + 1}`, port: PORT + 1 + i, database, secret, env, note: /\[callback\] (e-mail digests|digests:)/ }));
  await Promise.all(servers.map((s) => s.start()));
  const { nginx } = await startNginx(cleanups, { port: PORT, upstreams: servers.map((s) => s.port) });
  log(`servers ${servers.map((s) => `${s.id} pid ${s.process.pid}`).join(", ")}; nginx pid ${nginx.pid}`);
  const workersOn = () => servers.filter((s) => s.noted.some((l) => l.includes("e-mail digests on"))).length;
  for (const until = Date.now() + 30_000; workersOn() < SERVERS && Date.now() < until; ) await sleep(200);

  const users = await withJobs(database.url, await signInAll(nginxBase, browsing, { concurrency: 3 }));
  // Two due jobs kept out of the traffic: one for the freshness check, one for the fifty follow-ups.
  const owner = users.find((u) => u.due.length >= 2);
  if (!owner) throw new Error("no seeded user has two due jobs");
  const [freshJob, fiftyJob] = owner.due.splice(0, 2);
  const digest = await digestUsers(database, nginxBase, rest.slice(USERS));

  // The digest ticks run on the workers while the next phases go on.
  const tickStarted = Date.now();
  const ticking = digestTicks(database, SERVERS);
  const load = traffic(nginxBase, users, { clients: CLIENTS });
  await sleep(LOAD_S * 1_000);
  const steady = describe(`Steady load through nginx (${LOAD_S} s, ${CLIENTS} clients)`, await load.stop());
  check(steady.failed === 0, `steady load: ${steady.failed} failed requests`);
  check(Object.keys(steady.perServer).length === SERVERS && Object.values(steady.perServer).every((n) => n >= steady.requests / SERVERS / 2), "steady load: requests did not spread over every server");

  await freshness(servers, owner, freshJob);
  await sessions(nginxBase, servers, sessionAccount);
  await rateLimit(nginxBase, limitAccount);
  await concurrentFollowUps(nginxBase, database, owner, fiftyJob);

  const ticks = await ticking;
  const on = workersOn();
  const senders = servers.map((s) => `${s.id} ${s.noted.filter((l) => /digests: [1-9]\d* sent/.test(l)).length}`).join(", ");
  report.push(`Digests: worker on ${on}/${SERVERS} servers; ${ticks.length} tick jobs put in the queue at once, ${ticks.filter((t) => t === "completed").length} completed within ${fmt((Date.now() - tickStarted) / 1000, 0)} s; ticks that sent mail per server: ${senders}; users in ${digest.zone}`);
  check(on === SERVERS, `digests: the worker runs on ${on} of ${SERVERS} servers (${servers.map((s) => `${s.id}: ${s.noted[0] ?? "said nothing"}`).join("; ")})`);
  check(ticks.every((t) => t === "completed"), `digests: tick jobs ended ${ticks.join(", ")}`);
  digestReport("  Digests with every worker running", await digestLedger(database, sink, digest), digest);

  const rolling = await rollingRestart(nginxBase, servers, users);
  const killed = await kill(nginxBase, servers, users);
  // The workers of the servers started again: more ticks send nothing twice.
  const more = await digestTicks(database, SERVERS);
  check(more.every((t) => t === "completed"), `digests after the restarts: tick jobs ended ${more.join(", ")}`);
  digestReport(`Digests after the rolling restart and the kill (${more.filter((t) => t === "completed").length}/${more.length} more ticks completed)`, await digestLedger(database, sink, digest), digest);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  let consistency;
  try {
    consistency = await checkConsistency(client);
  } finally {
    await client.end();
  }
  check(consistency.ok, "the consistency check found violations");

  console.log(["", `Cluster drill — ${SERVERS} app servers (production build) behind nginx round robin, Postgres ${database.name}`, ...report.map((l) => `  ${l}`)].join("\n"));
  console.log(`\nFailed requests: rolling restart ${rolling.failed}, SIGKILL ${killed.during.failed} (at most ${CLIENTS} in flight), after recovery ${killed.after.failed}`);
  printReport(consistency);
  if (failures.length) throw new Error(failures.join("; "));
  console.log("OK");
}

try {
  await main();
} catch (error) {
  console.error(`\n[drill:cluster] failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await cleanups.run();
}
