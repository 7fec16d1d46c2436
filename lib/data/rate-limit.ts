import "server-only";
import { db } from "@/lib/db";

export type Limit = { name: string; max: number; windowSeconds: number };

// RATE_LIMIT_SCALE multiplies every maximum: the browser tests, which sign up many
// accounts from one address, raise it; production leaves it at 1.
const scale = Math.max(1, Number(process.env.RATE_LIMIT_SCALE ?? 1) || 1);

// Fixed windows, counted in Postgres so every app server shares them.
export const LIMITS = {
  signInPerAccount: { name: "signin:acct", max: 10 * scale, windowSeconds: 15 * 60 },
  signInPerAddress: { name: "signin:addr", max: 50 * scale, windowSeconds: 15 * 60 },
  signUpPerAddress: { name: "signup:addr", max: 20 * scale, windowSeconds: 60 * 60 },
  shareTokenPerAddress: { name: "share:addr", max: 60 * scale, windowSeconds: 60 },
  shareTokenMissesPerAddress: { name: "share-miss:addr", max: 10 * scale, windowSeconds: 10 * 60 },
  // Calendar apps poll a feed every few minutes to hours, some (Google) from addresses many
  // users share: a roomier budget than a share link's, but wrong tokens are still capped.
  calendarFeedPerAddress: { name: "feed:addr", max: 120 * scale, windowSeconds: 60 },
  calendarFeedMissesPerAddress: { name: "feed-miss:addr", max: 20 * scale, windowSeconds: 10 * 60 },
} as const satisfies Record<string, Limit>;

/**
 * Counts one attempt against `limit` for `subject` and says whether it is allowed.
 * One atomic upsert: concurrent requests on several servers cannot overshoot.
 */
export async function hit(limit: Limit, subject: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const key = `${limit.name}:${subject.toLowerCase().slice(0, 300)}`;
  const rows = await db.$queryRaw<{ count: number; age: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= now() - make_interval(secs => ${limit.windowSeconds}) THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= now() - make_interval(secs => ${limit.windowSeconds}) THEN now() ELSE "RateLimit"."windowStart" END
    RETURNING "count", EXTRACT(EPOCH FROM (now() - "windowStart"))::float8 AS "age"`;
  const row = rows[0]!;
  return { allowed: row.count <= limit.max, retryAfterSeconds: Math.max(1, Math.ceil(limit.windowSeconds - row.age)) };
}

/** Peeks without counting (e.g. to refuse before doing expensive work). */
export async function isLimited(limit: Limit, subject: string): Promise<boolean> {
  const key = `${limit.name}:${subject.toLowerCase().slice(0, 300)}`;
  const rows = await db.$queryRaw<{ count: number }[]>`
    SELECT "count" FROM "RateLimit" WHERE "key" = ${key} AND "windowStart" > now() - make_interval(secs => ${limit.windowSeconds})`;
  return (rows[0]?.count ?? 0) >= limit.max;
}

/** Drops the counter of `subject`, e.g. the sign-in attempts of an account that was deleted (the key holds its email). */
export async function forget(limit: Limit, subject: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: `${limit.name}:${subject.toLowerCase().slice(0, 300)}` } });
}
