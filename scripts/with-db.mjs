#!/usr/bin/env node
// `node scripts/with-db.mjs <command> [args...]`, e.g. `npm run seed:demo`: runs a command
// against the app's database, migrated. That is DATABASE_URL when it is set, otherwise the
// embedded PGlite in .data/pglite: the running app's server if `npm start` is up (only one
// process may own the data folder), else one started here and stopped afterwards.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { bin, migrate, resolveDatabase, root } from "./lib/database.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/with-db.mjs <command> [args...]");
  process.exit(2);
}

async function main() {
  const database = await resolveDatabase();
  if (database.embedded) {
    console.log(`[with-db] embedded Postgres (PGlite), data in .data/pglite${database.reused ? " (the running app's server)" : ""}`);
  } else console.log("[with-db] using DATABASE_URL");
  let code = 1;
  try {
    await migrate(database.url);
    // A project binary (tsx, prisma...) is found without npx; anything else on the PATH.
    const local = bin(command);
    code = await new Promise((resolve, reject) => {
      const child = spawn(fs.existsSync(local) ? local : command, args, {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: "inherit",
      });
      const forward = (signal) => child.kill(signal);
      process.on("SIGINT", forward);
      process.on("SIGTERM", forward);
      child.on("error", reject);
      child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    });
  } catch (error) {
    console.error(`[with-db] ${error instanceof Error ? error.message : error}`);
  } finally {
    await database.stop().catch((error) => console.error(`[with-db] could not stop the embedded database: ${error.message}`));
  }
  process.exit(code);
}

main();
