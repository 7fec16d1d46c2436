import "server-only";
import { z } from "zod";

/**
 * The one place that reads process.env: every variable the app and its server use, bounded and
 * defaulted here (documented in .env.example). Read once per process, lazily, so a build or a
 * test that needs none of it never fails on it. scripts/start.mjs fills DATABASE_URL and
 * NEXTAUTH_SECRET (embedded database, generated secret) before the server starts.
 */
const flag = z.enum(["0", "1", "true", "false", ""]).optional().transform((v) => v === "1" || v === "true");
// A typo or a fraction never lowers a limit: anything but a number ≥ 1 is 1.
const atLeastOne = z.string().optional().transform((v) => Math.max(1, Number(v ?? 1) || 1));
const text = z.string().trim().optional().transform((v) => v || undefined);

const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).catch("production"),
  DATABASE_URL: text,
  NEXTAUTH_SECRET: text,
  NEXTAUTH_URL: text,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // The app server (server/index.ts).
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  TRUST_PROXY: flag,
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(1_000_000),
  // 0 turns shedding off (the pool drill uses it to show what happens without it).
  MAX_INFLIGHT: z.coerce.number().int().min(0).max(100_000).default(64),
  // Above the handful a load balancer's probes need, and the 10 connections of the benchmark.
  HEALTH_MAX_INFLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
  // Sent as X-Callback-Server on every answer when set (which server of several answered).
  SERVER_ID: z.string().trim().max(64).regex(/^[\w.-]*$/).optional().transform((v) => v || undefined),
  // SIGTERM: how long in-flight requests get, then each later step (worker, database pool).
  SHUTDOWN_TIMEOUT_S: z.coerce.number().min(1).max(600).default(20),
  // Next's build folder (next.config.mjs's distDir): two checkouts can build side by side.
  NEXT_DIST_DIR: z.string().trim().regex(/^[\w./-]+$/).catch(".next").default(".next"),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4_096).catch(48).default(48),
  // Never in production: lets the benchmark read metrics and skip the page cache.
  CALLBACK_BENCH_METRICS: flag,
  // The browser tests sign up many accounts from one address: they raise every limit.
  RATE_LIMIT_SCALE: atLeastOne,
  DIGEST_WORKER: z.string().optional().transform((v) => v !== "0"),
  // Outgoing e-mail (lib/mail.ts reads these as it always did, from this object).
  SMTP_URL: text,
  SMTP_HOST: text,
  SMTP_PORT: text,
  SMTP_USER: text,
  SMTP_PASSWORD: text,
  SMTP_FROM: text,
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = Env.safeParse(process.env);
    if (!parsed.success) throw new Error(`Configuration error: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
    cached = parsed.data;
  }
  return cached;
}

/** Parsed again on every call: for values read rarely (sending an e-mail), which tests change as they run. */
export function freshEnv(): Env {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) throw new Error(`Configuration error: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const MISSING = {
  DATABASE_URL: "DATABASE_URL is not set: start the app with `npm start` or set it.",
  NEXTAUTH_SECRET: "NEXTAUTH_SECRET is missing or too short (at least 16 characters).",
};

/** A variable the app cannot run without: a clear error where it is first needed. */
export function required(name: keyof typeof MISSING): string {
  const value = env()[name];
  if (!value || (name === "NEXTAUTH_SECRET" && value.length < 16)) throw new Error(`Configuration error: ${MISSING[name]}`);
  return value;
}
