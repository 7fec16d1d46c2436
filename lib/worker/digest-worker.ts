import "server-only";
import { env } from "@/lib/env";
import pg from "pg";
import PgBoss from "pg-boss";
import { onEmbeddedDatabase } from "@/lib/data/digests";
import { appBaseUrl, mailSettings, smtpMailer, type Mailer } from "@/lib/mail";
import { runDigestTick, type TickReport } from "./digest-tick";

/*
 * The digest scheduler on pg-boss (a job queue in Postgres, schema "pgboss", created and
 * migrated by pg-boss itself, outside Prisma's migrations). Every app server runs one: the cron
 * schedule puts one tick job in the queue every five minutes whatever the number of servers,
 * one server's worker takes it, and the queue's singleton policy keeps ticks from overlapping.
 * None of that is what makes a digest go out once: the tick's claim on DigestDelivery is.
 */

export const DIGEST_QUEUE = "digest-tick";
export const DIGEST_CRON = "*/5 * * * *";

export type DigestWorkerOptions = {
  connectionString: string;
  mailer: Mailer;
  /** The app's public address, for the links in the e-mails. */
  baseUrl: string;
  /** Tests pin the clock; the app uses the real one. */
  now?: () => Date;
  /** Register the five-minute cron schedule (tests send tick jobs themselves). */
  schedule?: boolean;
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
};

export type DigestWorker = { boss: PgBoss; stop(): Promise<void> };

// Any number, the same on every server, not the migrations' (scripts/lib/database.mjs).
const QUEUE_SETUP_LOCK = 4_207_118_019;

/**
 * Runs `setup` while holding a Postgres advisory lock, so servers starting together set the
 * queue up one after another. pg-boss creating (or updating) its schema and queue from several
 * servers at once on a new database deadlocked in the cluster drill ("deadlock detected"), and
 * the server that lost ran without a worker until its next restart.
 */
async function oneAtATime<T>(connectionString: string, setup: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: "callback-digests-setup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    return await setup();
  } finally {
    // Closing the session releases the lock too; unlocking first frees it at once.
    await client.query("SELECT pg_advisory_unlock($1)", [QUEUE_SETUP_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

export async function startDigestWorker(options: DigestWorkerOptions): Promise<DigestWorker> {
  const { connectionString, mailer, baseUrl, now = () => new Date(), schedule = true, pollingIntervalSeconds = 15, log = console.log } = options;
  // Two connections are plenty for a job every five minutes; the app's pool stays the app's.
  const boss = new PgBoss({ connectionString, max: 2, application_name: "callback-digests" });
  boss.on("error", (error) => log(`[callback] digest queue: ${error.message}`));
  await oneAtATime(connectionString, async () => {
    await boss.start();
    // A tick that dies with its server blocks the next ones only until it expires.
    await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 10 * 60 });
    if (schedule) await boss.schedule(DIGEST_QUEUE, DIGEST_CRON);
  });
  await boss.work(DIGEST_QUEUE, { pollingIntervalSeconds }, async (): Promise<TickReport> => {
    const report = await runDigestTick({ now: now(), mailer, baseUrl, log });
    if (report.sent || report.failed) log(`[callback] digests: ${report.sent} sent, ${report.failed} failed (retried later), ${report.empty} with nothing to send`);
    return report;
  });
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      mailer.close();
    },
  };
}

const holder = globalThis as { __callbackDigestWorker?: Promise<DigestWorker | null> };

/**
 * Starts this server's digest worker when SMTP is configured (lib/mail.ts); otherwise says
 * why not, once. Called from instrumentation.ts when the Next server starts. Never throws and
 * never delays the server: the queue starts in the background.
 */
export function startDigestWorkerFromEnv(): void {
  if (holder.__callbackDigestWorker) return; // dev reloads call it again
  const settings = mailSettings();
  const connectionString = env().DATABASE_URL;
  if (!env().DIGEST_WORKER) return void console.log("[callback] e-mail digests: the worker is off on this server (DIGEST_WORKER=0)");
  if (!settings.ok) {
    const why = settings.reason === "unset" ? "SMTP is not configured (set SMTP_URL or SMTP_HOST)" : settings.message;
    return void console.log(`[callback] e-mail digests off: ${why}`);
  }
  if (!connectionString) return void console.log("[callback] e-mail digests off: DATABASE_URL is not set");
  const baseUrl = appBaseUrl();
  holder.__callbackDigestWorker = (async () => {
    if (await onEmbeddedDatabase()) {
      console.log("[callback] e-mail digests off: the embedded database cannot run the job queue safely; set DATABASE_URL to a Postgres server");
      return null;
    }
    const worker = await startDigestWorker({ connectionString, mailer: smtpMailer(settings.config), baseUrl });
    console.log(`[callback] e-mail digests on: through ${settings.config.server}, from ${settings.config.from}, checked every five minutes`);
    return worker;
  })().catch((error: unknown) => {
    console.error(`[callback] e-mail digests off: the job queue did not start: ${error instanceof Error ? error.message : error}`);
    return null;
  });
}

/**
 * Stops this server's digest worker, if it runs: no new tick is taken, the one running finishes
 * (pg-boss' graceful stop), then the mailer closes. Called by the app server's graceful shutdown
 * (server/shutdown.ts) before it closes the database pool.
 */
export async function stopDigestWorker(): Promise<void> {
  const worker = await holder.__callbackDigestWorker;
  holder.__callbackDigestWorker = Promise.resolve(null);
  await worker?.stop();
}
