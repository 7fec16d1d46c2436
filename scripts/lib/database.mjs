// Database bootstrap shared by `npm start`, `npm run dev`, `npm test` and the scripts:
// use DATABASE_URL when it is set, otherwise serve an embedded Postgres (PGlite) over a
// local TCP socket so the same `pg` driver and migrations work with no server installed.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

// A .env file in the project root configures every script like the shell would; variables
// already set in the environment win.
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
export const dataDir = path.join(root, ".data");
const portFile = path.join(dataDir, "pglite.port");

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts PGlite on 127.0.0.1 and returns { url, stop }.
 * `dir` is where the data lives (`.data/pglite` for the app: it survives restarts).
 * Only one process may own a PGlite data folder, so a second caller reuses the
 * running server recorded in `.data/pglite.port` instead of opening the folder again.
 */
export async function startEmbedded({ dir = path.join(dataDir, "pglite"), port = 0, shared = true } = {}) {
  if (shared && fs.existsSync(portFile)) {
    const known = Number(fs.readFileSync(portFile, "utf8"));
    if (known && (await portAnswers(known))) {
      return { url: `postgresql://postgres@127.0.0.1:${known}/postgres`, stop: async () => {}, reused: true };
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 32 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  if (shared) fs.writeFileSync(portFile, String(actualPort));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (shared && fs.existsSync(portFile) && fs.readFileSync(portFile, "utf8") === String(actualPort)) fs.rmSync(portFile);
    await server.stop();
    await db.close();
  };
  return { url: `postgresql://postgres@127.0.0.1:${actualPort}/postgres`, stop, reused: false };
}

/** The auth secret: from the environment, else generated once and kept beside the embedded data. */
export function ensureAuthSecret({ embedded }) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (process.env.NODE_ENV === "production" && !embedded) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. In production with a real DATABASE_URL every app server needs the same secret: " +
        "generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

export function run(cmd, args, { env = process.env, stdio = "inherit" } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

export const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Any fixed number, apart from Prisma's own (72707369).
const MIGRATION_LOCK = 4_207_118_018;

/**
 * `prisma migrate deploy`, one process at a time per database: several app servers starting at
 * once on a new release queue here, one applies the migrations and the others then find none
 * pending. Prisma takes an advisory lock of its own but gives up after 10 s (measured: one of
 * three concurrent runs failed), so ours waits without a limit. Not on the embedded database
 * (DATABASE_URL unset): one session for every connection, and one process owns it anyway.
 */
export async function migrate(url) {
  const deploy = () => run(bin("prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
  if (!process.env.DATABASE_URL) return deploy();
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await deploy();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

/** Resolves the database for this process: the configured one, or the embedded one. */
export async function resolveDatabase(options = {}) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, embedded: false };
  const embedded = await startEmbedded(options);
  return { ...embedded, embedded: true };
}

/**
 * Node flags for the app server, the same wherever it is started (npm start, tests, bench,
 * drills). The heap cap keeps a busy server's resident memory under ~400 MB: without it V8
 * grows the heap to gigabytes before collecting (measured: 678 MB at 10 connections). The
 * young generation at 8 MB per semi-space instead of V8's 16: 10–15 MB less resident memory
 * at the same CPU per request (measured alternately, README Performance).
 */
const SERVER_NODE_FLAGS = "--max-semi-space-size=8";
export const serverNodeArgs = () => [`--max-old-space-size=${Number(process.env.SERVER_HEAP_MB ?? 320) || 320}`, SERVER_NODE_FLAGS];

/**
 * Environment for the app server's process, wherever it is started (as serverNodeArgs): glibc's
 * malloc keeps at most two arenas. By default it makes one per thread (the libuv pool compresses,
 * hashes passwords, reads files) and each keeps what it freed: ~15 MB less resident memory under
 * the benchmark's load with two (measured, README Performance). Other C libraries ignore it.
 */
export const serverEnv = () => ({ MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" });
