#!/usr/bin/env node
// `npm test`: type check, lint, unit tests, integration tests against a fresh Postgres
// database, browser tests against the production build, then a quick overload drill and a quick cluster drill
// (three servers behind nginx). With DATABASE_URL set it
// creates (and drops) a throwaway database on that server; without it, a throwaway
// embedded PGlite instance.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./lib/build.mjs";
import { bin, migrate, run, startEmbedded } from "./lib/database.mjs";

const step = (name) => console.log(`\n[test] ${name}`);
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (name) => only.length === 0 || only.includes(name);

async function freshDatabase() {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    const name = `callback_test_${Date.now()}_${process.pid}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const c = new pg.Client({ connectionString: admin.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callback-test-pglite-"));
  const embedded = await startEmbedded({ dir, shared: false });
  return { url: embedded.url, stop: async () => { await embedded.stop(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (wants("typecheck")) {
    step("type check");
    await run(bin("next"), ["typegen"]);
    await run(bin("tsc"), ["--noEmit"]);
  }
  if (wants("lint")) {
    step("lint");
    await run(bin("eslint"), [".", "--max-warnings=0"]);
  }
  if (wants("unit")) {
    step("unit tests");
    await run(bin("vitest"), ["run", "--project", "unit"]);
  }
  if (!wants("integration") && !wants("e2e") && !wants("drill")) return;

  step(process.env.DATABASE_URL ? "fresh database on the configured Postgres server" : "fresh embedded Postgres (PGlite)");
  const database = await freshDatabase();
  try {
    await migrate(database.url);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "test-secret-for-the-test-run-only-0123456789",
      // One connection on PGlite (see scripts/start.mjs).
      DATABASE_POOL_MAX: process.env.DATABASE_URL ? "10" : "1",
    };
    if (wants("integration")) {
      step("integration tests (real Postgres)");
      await run(bin("vitest"), ["run", "--project", "integration"], { env });
    }
    if (wants("e2e")) {
      step("production build");
      await buildIfNeeded();
      step("browser tests (Playwright, Chromium)");
      await run(bin("playwright"), ["test"], { env });
    }
  } finally {
    await database.stop().catch((e) => console.error("[test] could not drop the test database:", e.message));
  }
  if (wants("drill")) {
    // Beyond saturation the server sheds load with fast 503s and recovers (its own database).
    step("overload drill (quick)");
    await run(process.execPath, ["bench/drills/drill-pool.mjs", "--quick"]);
    // Three servers behind nginx on one database (needs a Postgres server and nginx).
    if (process.env.DATABASE_URL) {
      step("cluster drill (quick)");
      await run(process.execPath, ["bench/drills/drill-cluster.mjs", "--quick"]);
    } else console.log("[test] cluster drill skipped: it needs DATABASE_URL (a Postgres server)");
  }
}

main().catch((error) => {
  console.error(`\n[test] failed: ${error.message}`);
  process.exit(1);
});
