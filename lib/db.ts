import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env, required } from "@/lib/env";

// One client (and one pg pool) per process, kept on globalThis: this module runs twice in the
// app's process (in Next's bundle, and in the app server's bundle for the page cache's session
// check, server/), and again on every dev hot reload; whichever copy runs first opens the pool,
// the others use it. Only lib/data imports this module.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool; sqlQueries?: { count: number } };

/** Every SQL statement this process sends, counted (tests and benchmarks read deltas). */
export const sqlQueries = (globalForDb.sqlQueries ??= { count: 0 });

function create() {
  const pool = new pg.Pool({
    connectionString: required("DATABASE_URL"),
    max: env().DATABASE_POOL_MAX,
    // Fail fast when the pool is exhausted or the server is down, instead of hanging:
    // the caller maps this to a 503 with a retry hint.
    connectionTimeoutMillis: 3_000,
    // A statement stuck behind a lock (or on a wedged server) would hold its connection and its
    // request for as long as that lasts; the app's queries take milliseconds, so after 5 s the
    // server cancels it and the request fails instead of hanging (bench/drills/drill-pool.mjs).
    statement_timeout: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped connection (e.g. the server restarting) must not crash the process; the
  // pool discards that client and opens a new one on the next query.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      sqlQueries.count++;
      return query(...args);
    }) as typeof client.query;
  });
  globalForDb.pool = pool;
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/**
 * Closes this process's client and its pool (graceful shutdown, server/shutdown.ts), so Postgres
 * sees the connections end instead of dropped. A query after it opens a new pool.
 */
export async function closeDatabase(): Promise<void> {
  const { prisma, pool } = globalForDb;
  globalForDb.prisma = undefined;
  globalForDb.pool = undefined;
  await prisma?.$disconnect();
  if (pool && !pool.ended) await pool.end();
}

/**
 * One read statement on the same pool, without Prisma's client: for the statements every request
 * sends (the session check). Prisma's $queryRaw costs ~0.8 ms of CPU per statement over pg's
 * ~0.2 ms, and several ms of wall time on a busy machine (README, Performance). Parameters are
 * bound ($1, $2…); results come as pg parses them (text, int4; bigint as a string).
 */
export async function readRows<T>(text: string, values: unknown[]): Promise<T[]> {
  globalForDb.prisma ??= create();
  return (await globalForDb.pool!.query(text, values)).rows as T[];
}

// Created on first use, so importing this module (e.g. while `next build` collects
// routes) needs no configuration.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = (globalForDb.prisma ??= create());
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
