// Shared by `npm run bench`, `npm run load` and the drills: a clean-up stack that also runs on Ctrl-C, the
// production build (in NEXT_DIST_DIR when set), a throwaway database (as `npm run bench`:
// a fresh one on DATABASE_URL's server, or a throwaway embedded PGlite), seeded accounts,
// the real server (server/, built) on a free port, and signed-in cookies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { fetchPage, freePort, signIn, waitUntilServing } from "./bench-http.mjs";
import { startAppServer, startChild } from "./bench-process.mjs";
import { seedAccounts } from "./bench-seed.mjs";
import { buildIfNeeded } from "../../scripts/lib/build.mjs";
import { migrate, root } from "../../scripts/lib/database.mjs";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
export const flag = (name) => process.argv.includes(`--${name}`);

/** Clean-ups run last-in first-out, once, on success, failure, SIGINT and SIGTERM alike. */
export function cleanupStack(tag) {
  const steps = [];
  let running;
  const run = () =>
    (running ??= (async () => {
      while (steps.length) {
        const { name, fn } = steps.pop();
        try {
          await fn();
        } catch (error) {
          console.error(`[${tag}] could not ${name}: ${error.message}`);
          process.exitCode = 1;
        }
      }
    })());
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      console.error(`\n[${tag}] ${signal}: cleaning up`);
      await run();
      process.exit(130);
    });
  }
  return { add: (name, fn) => steps.push({ name, fn }), run };
}

/**
 * buildIfNeeded, then puts tsconfig.json back as it was: `next build` with another dist dir
 * adds that folder's types to "include", which nobody should commit by accident.
 */
export async function build() {
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  try {
    await buildIfNeeded();
  } finally {
    if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  }
}

/** The server DATABASE_URL names is this machine's Postgres on `port` (not PGlite, not another host). */
export function isLocalServer(url, port = "5432") {
  if (!url) return false;
  const parsed = new URL(url);
  return ["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname) && (parsed.port || "5432") === String(port);
}

/** A fresh, migrated database, dropped (or deleted) by the clean-up stack. */
export async function throwawayDatabase(cleanups, { prefix, serverOnly = false }) {
  const admin = process.env.DATABASE_URL;
  if (admin) {
    const name = `${prefix}_${Date.now()}_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    cleanups.add(`drop the database ${name}`, async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
    const url = new URL(admin);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return { url: url.toString(), name, embedded: false, label: `Postgres server, throwaway database ${name}` };
  }
  if (serverOnly) throw new Error("needs DATABASE_URL (a Postgres server)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-pglite-`));
  cleanups.add(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  const db = startChild(process.execPath, [path.join(root, "bench", "embedded-db.mjs"), dir], { cwd: root, ready: /^ready (\S+)/ });
  cleanups.add("stop the embedded database", () => db.stop(10_000));
  const [, url] = await Promise.race([db.ready, sleep(60_000).then(() => Promise.reject(new Error("the embedded database did not start")))]);
  await migrate(url);
  return { url, embedded: true, label: "embedded PGlite (throwaway, own process)" };
}

/** `count` accounts of `jobs` jobs each (bench-seed's realistic histories, zone America/New_York). */
export async function seed(url, { count, jobs }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await seedAccounts(client, Array.from({ length: count }, () => jobs));
  } finally {
    await client.end();
  }
}

// One per run: a server started again (same database) accepts the sessions of the first.
const SECRET = `drill-secret-${process.pid}-${Date.now()}-0123456789`;

/** The app server (server/, built) on a free loopback port, production mode; resolves once /api/health answers 200. */
export async function startServer(cleanups, database, env = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Every account signs in from 127.0.0.1, on a throwaway database.
  const server = startAppServer({ port, database, secret: SECRET, env: { RATE_LIMIT_SCALE: "100", ...env } });
  cleanups.add("stop the server", () => server.stop());
  try {
    await waitUntilServing(`${base}/api/health`, { alive: server.alive, timeoutMs: 60_000 });
  } catch (error) {
    throw new Error(`${error.message}\n--- server output ---\n${server.output()}`);
  }
  return { base, server };
}

/** Signs every account in over HTTP (a few at a time) and loads its timeline once. */
export async function signInAll(base, accounts, { concurrency = 4 } = {}) {
  const queue = [...accounts];
  const out = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let account = queue.shift(); account; account = queue.shift()) {
        const cookie = await signIn(base, account);
        // Also computes the stored plan snapshots of the seeded jobs (they start empty).
        await fetchPage(`${base}/timeline`, { cookie, mustContain: account.name });
        out.push({ ...account, cookie });
      }
    }),
  );
  return out;
}

/** Today (YYYY-MM-DD) in the seeded accounts' zone. */
export const seedToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());

/** Jobs whose follow-up is due today, per their stored plan snapshot (after signInAll). */
export async function dueJobs(url, accounts) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT id, "userId" FROM "Job"
       WHERE "userId" = ANY($1) AND "archivedAt" IS NULL AND "planPhase" = 'open'
         AND "planOpensOn" <= $2::date AND ("planStageOn" IS NULL OR "planStageOn" <= $2::date)`,
      [accounts.map((a) => a.userId), seedToday()],
    );
    const cookieOf = new Map(accounts.map((a) => [a.userId, a.cookie]));
    return rows.map((r) => ({ id: r.id, cookie: cookieOf.get(r.userId) }));
  } finally {
    await client.end();
  }
}

/** Nearest-rank percentiles of a list of milliseconds. */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.length ? sorted[sorted.length - 1] : null };
}

export const fmt = (n, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "n/a" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
