import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export type Limit = { name: string; max: number; windowSeconds: number };

// RATE_LIMIT_SCALE multiplies every maximum: the browser tests, which sign up many
// accounts from one address, raise it; production leaves it at 1.
const scale = env().RATE_LIMIT_SCALE;

// Fixed windows, counted in Postgres so every app server shares them. Why the password limits
// are shaped this way: docs/decisions/012-password-guessing-limits.md.
export const LIMITS = {
  // Every password check (sign-in, change password, delete account) counts against these three.
  // The owner's own address has a budget a stranger elsewhere cannot spend...
  signInPerAccountAddress: { name: "signin:acct-addr", max: 10 * scale, windowSeconds: 15 * 60 },
  // ...the account as a whole has a ceiling against guessing spread over many addresses; once it
  // is reached only addresses that signed in to the account before may try (rememberAddress).
  signInPerAccount: { name: "signin:acct", max: 100 * scale, windowSeconds: 15 * 60 },
  signInPerAddress: { name: "signin:addr", max: 50 * scale, windowSeconds: 15 * 60 },
  signUpPerAddress: { name: "signup:addr", max: 20 * scale, windowSeconds: 60 * 60 },
  shareTokenPerAddress: { name: "share:addr", max: 60 * scale, windowSeconds: 60 },
  shareTokenMissesPerAddress: { name: "share-miss:addr", max: 10 * scale, windowSeconds: 10 * 60 },
  // Calendar apps poll a feed every few minutes to hours, some (Google) from addresses many
  // users share: a roomier budget than a share link's, but wrong tokens are still capped.
  calendarFeedPerAddress: { name: "feed:addr", max: 120 * scale, windowSeconds: 60 },
  calendarFeedMissesPerAddress: { name: "feed-miss:addr", max: 20 * scale, windowSeconds: 10 * 60 },
  // Coach invitation links: opened and answered by a person, signed in, a few times at most.
  invitationTokenPerAddress: { name: "invite:addr", max: 30 * scale, windowSeconds: 60 },
  invitationTokenMissesPerAddress: { name: "invite-miss:addr", max: 10 * scale, windowSeconds: 10 * 60 },
} as const satisfies Record<string, Limit>;

/** How long a successful sign-in keeps its address trusted for the account (see LIMITS). */
export const KNOWN_ADDRESS = { name: "signin:known", maxAgeSeconds: 30 * 86_400 } as const;

/** A subject: one string, or parts such as [account, address]. */
export type Subject = string | readonly string[];

/**
 * The key of a counter. Each part is case-folded and NFKC-normalised (so "ＡＬＩＣＥ@x" and
 * "alice@x" share one counter); a part that is not short printable ASCII (a NUL byte, which
 * Postgres refuses in text, a control character, anything long) is stored as its SHA-256, so
 * no subject can make the write fail or grow the table's keys.
 */
export function keyOf(name: string, subject: Subject): string {
  const parts = (typeof subject === "string" ? [subject] : subject).map((raw) => {
    const part = raw.normalize("NFKC").toLowerCase();
    return /^[\x21-\x7e]{1,254}$/.test(part) && !part.includes("|") && !part.startsWith("#") ? part : `#${createHash("sha256").update(part).digest("base64url")}`;
  });
  return `${name}:${parts.join("|")}`;
}

/**
 * Counts one attempt against `limit` for `subject` and says whether it is allowed.
 * One atomic upsert: concurrent requests on several servers cannot overshoot.
 */
export async function hit(limit: Limit, subject: Subject): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const key = keyOf(limit.name, subject);
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
export async function isLimited(limit: Limit, subject: Subject): Promise<boolean> {
  const key = keyOf(limit.name, subject);
  const rows = await db.$queryRaw<{ count: number }[]>`
    SELECT "count" FROM "RateLimit" WHERE "key" = ${key} AND "windowStart" > now() - make_interval(secs => ${limit.windowSeconds})`;
  return (rows[0]?.count ?? 0) >= limit.max;
}

/** Marks `subject` as seen now (a successful sign-in from an address); read back with `seenWithin`. */
export async function remember(name: string, subject: Subject): Promise<void> {
  const key = keyOf(name, subject);
  await db.$executeRaw`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimit"."count" + 1, "windowStart" = now()`;
}

export async function seenWithin(name: string, subject: Subject, maxAgeSeconds: number): Promise<boolean> {
  const key = keyOf(name, subject);
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT "key" FROM "RateLimit" WHERE "key" = ${key} AND "windowStart" > now() - make_interval(secs => ${maxAgeSeconds})`;
  return rows.length > 0;
}

/** Drops the counter of `subject`, e.g. the sign-in attempts of an account that was deleted (the key holds its email). */
export async function forget(limit: Limit, subject: Subject): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: keyOf(limit.name, subject) } });
}

/** Drops every counter and mark whose first part is `account` (all its addresses included). */
export async function forgetAccount(account: string): Promise<void> {
  const names = [LIMITS.signInPerAccountAddress.name, LIMITS.signInPerAccount.name, KNOWN_ADDRESS.name];
  await db.rateLimit.deleteMany({
    where: { OR: names.flatMap((name) => [{ key: keyOf(name, account) }, { key: { startsWith: `${keyOf(name, account)}|` } }]) },
  });
}
