#!/usr/bin/env node
// `npm start` (production build) and `npm run dev` (hot reload): the embedded Postgres
// unless DATABASE_URL is set, migrations applied, then Next on PORT (default 3000).
import { spawn } from "node:child_process";
import os from "node:os";
import { buildIfNeeded, buildServer, serverBundle } from "./lib/build.mjs";
import { ensureAuthSecret, migrate, resolveDatabase, root, serverEnv, serverNodeArgs } from "./lib/database.mjs";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const database = await resolveDatabase();
  let child;
  const finish = async (code) => {
    await database.stop().catch(() => {});
    process.exit(code);
  };
  // A process manager stopping `npm start` (or Ctrl-C): the server drains what is in flight and
  // stops its worker (server/shutdown.ts) while this waits for it; the database (embedded or
  // not) is let go only after, and `npm start` exits with the server's own code.
  const onSignal = (signal) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else if (!child) void finish(0);
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  try {
    const secret = ensureAuthSecret({ embedded: database.embedded });
    console.log(database.embedded ? `[callback] embedded Postgres (PGlite), data in .data/pglite` : "[callback] using DATABASE_URL");
    await migrate(database.url);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      // PGlite is one connection inside: its socket server can mix up the statements of
      // concurrent connections, so the app keeps one and queues the rest itself.
      DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? (database.embedded ? "1" : "10"),
    };
    // The app server (server/) is compiled in dev too: Node 20 does not run TypeScript.
    if (dev) await buildServer({ dev });
    else await buildIfNeeded();
    child = spawn(process.execPath, [...serverNodeArgs(), serverBundle({ dev }), ...(dev ? ["--dev"] : [])], {
      cwd: root,
      env: { ...env, ...serverEnv(), PORT: port, NODE_ENV: dev ? "development" : "production" },
      stdio: "inherit",
    });
    console.log(`[callback] serving at http://localhost:${port}`);
    child.on("exit", (code, signal) => void finish(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  } catch (error) {
    console.error(`[callback] could not start: ${error instanceof Error ? error.message : error}`);
    await finish(1);
  }
}

main();
