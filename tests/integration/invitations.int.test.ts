import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addComment } from "@/lib/data/comments";
import { onEmbeddedDatabase } from "@/lib/data/digests";
import {
  INVITATION_DAYS, acceptInvitation, declineInvitation, getClientJob, getClientTimeline, getInvitation, inviteCoach, listClients, listGrantsGiven, revokeGrant,
} from "@/lib/data/grants";
import { createJob } from "@/lib/data/jobs";
import { LIMITS } from "@/lib/data/rate-limit";
import { addDays } from "@/lib/followup/dates";
import { startSmtpCapture } from "./digest-smtp";
import { linkToken, newUser, refusal, signInAs, signOut, testAddress as address, uniqueEmail, useClaims } from "./helpers";

// Issue 12, finding 3: a coach invitation is bound to the secret of its link, never to the address
// it was sent to (addresses are not verified, so whoever registered the invited address first
// could take it). Every refusal leaves the database as it was.

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const randomToken = () => randomBytes(32).toString("base64url");
const GONE = "This invitation is no longer valid.";
const embedded = await onEmbeddedDatabase();

/** A signed-in job seeker with a job that has a contact and private notes, and an invitation sent to a fresh address. */
async function invited() {
  const seeker = await newUser({ name: "Sam Seeker" });
  await signInAs(seeker);
  const { id: jobId } = await createJob({
    company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(), -20), contactName: "Jane Contact", contactEmail: "jane@acme.example", notes: "PRIVATE salary hopes",
  });
  const email = uniqueEmail("invited-coach");
  const invitation = await inviteCoach({ email });
  return { seeker, jobId, email, invitation, token: linkToken(invitation) };
}

/** Every grant of the seeker's, every column. */
const grantsOf = (ownerId: string) => db.coachGrant.findMany({ where: { ownerId }, orderBy: { id: "asc" } });

describe("an address match alone", () => {
  it("gives whoever registers the invited address first nothing: no acceptance, no timeline, no job, no contacts", async () => {
    const { seeker, jobId, email, invitation, token } = await invited();
    const before = await grantsOf(seeker.id);

    const squatter = await newUser({ name: "Mallory", email });
    await signInAs(squatter);
    const attempts = [
      () => acceptInvitation({ grantId: invitation.id }, address()),
      () => acceptInvitation({ email }, address()),
      () => acceptInvitation({ token: invitation.id }, address()),
      () => acceptInvitation({ token: sha256(token) }, address()),
      () => acceptInvitation({ token: randomToken() }, address()),
      () => acceptInvitation({}, address()),
      () => declineInvitation({ grantId: invitation.id }, address()),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect([error.code, error.message]).toEqual(["not_found", GONE]);
    }
    expect(await getInvitation(randomToken(), address())).toBeNull();
    expect(await listClients()).toEqual([]);
    expect((await refusal(getClientTimeline(seeker.id))).code).toBe("not_found");
    expect((await refusal(getClientJob(seeker.id, jobId))).code).toBe("not_found");
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "Hi" }))).code).toBe("not_found");
    expect(await grantsOf(seeker.id)).toEqual(before);

    // The coach the link was meant for, with an address of their own, accepts it.
    const coach = await newUser({ name: "Carla Coach", email: uniqueEmail("carla-other-address") });
    await signInAs(coach);
    expect(await acceptInvitation({ token }, address())).toEqual({ clientId: seeker.id });
    const job = (await getClientJob(seeker.id, jobId)).job;
    expect([job.contactName, job.contactEmail, job.notes]).toEqual(["Jane Contact", "jane@acme.example", ""]);
    expect((await getClientTimeline(seeker.id)).ownerName).toBe("Sam Seeker");
    // Mallory still has nothing; the seeker sees who actually holds the grant.
    await signInAs(squatter);
    expect(await listClients()).toEqual([]);
    await signInAs(seeker);
    expect(await listGrantsGiven()).toEqual([
      expect.objectContaining({ coachEmail: email, coachName: "Carla Coach", coachAccountEmail: coach.email, status: "active" }),
    ]);
  });
});

describe("a link that can no longer be accepted", () => {
  type Case = { name: string; spoil: (c: Awaited<ReturnType<typeof invited>>) => Promise<unknown>; as?: "seeker" };
  const cases: Case[] = [
    { name: "a wrong token", spoil: async () => {} },
    {
      name: "an expired link",
      spoil: ({ invitation }) => db.coachGrant.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    },
    {
      name: "a link already accepted (by another account)",
      spoil: async ({ token }) => {
        await signInAs(await newUser({ name: "First Coach" }));
        await acceptInvitation({ token }, address());
      },
    },
    {
      name: "a link already declined",
      spoil: async ({ token }) => {
        await signInAs(await newUser());
        await declineInvitation({ token }, address());
      },
    },
    {
      name: "a withdrawn invitation",
      spoil: async ({ seeker, invitation }) => {
        await signInAs(seeker);
        await revokeGrant({ grantId: invitation.id });
      },
    },
    {
      name: "a link sent again (the old one)",
      spoil: async ({ seeker, email }) => {
        await signInAs(seeker);
        await inviteCoach({ email });
      },
    },
    { name: "the seeker's own link", spoil: async () => {}, as: "seeker" },
  ];

  it.each(cases)("$name: refused with the one answer, and nothing changes", async ({ name, spoil, as }) => {
    const c = await invited();
    await spoil(c);
    const token = name === "a wrong token" ? randomToken() : c.token;
    const viewer = as === "seeker" ? c.seeker : await newUser({ name: "Late Coach" });
    await signInAs(viewer);
    const before = await grantsOf(c.seeker.id);
    if (as !== "seeker") expect(await getInvitation(token, address())).toBeNull();
    for (const attempt of [() => acceptInvitation({ token }, address()), () => declineInvitation({ token }, address())]) {
      const error = await refusal(attempt());
      expect([error.code, error.message, error.fieldErrors]).toEqual(["not_found", GONE, {}]);
    }
    expect(await grantsOf(c.seeker.id)).toEqual(before);
    expect(await db.coachGrant.count({ where: { coachId: viewer.id } })).toBe(0);
  });

  it("the seeker opening their own link is told it is theirs, and cannot accept or decline it", async () => {
    const { seeker, token } = await invited();
    expect(await getInvitation(token, address())).toMatchObject({ ownerName: "Sam Seeker", own: true, alreadyCoaching: false });
    const before = await grantsOf(seeker.id);
    expect((await refusal(acceptInvitation({ token }, address()))).message).toBe(GONE);
    expect(await grantsOf(seeker.id)).toEqual(before);
  });

  it("signed out, nothing is looked up or changed", async () => {
    const { seeker, token } = await invited();
    const before = await grantsOf(seeker.id);
    signOut();
    for (const attempt of [() => getInvitation(token, address()), () => acceptInvitation({ token }, address()), () => declineInvitation({ token }, address())]) {
      expect((await refusal(attempt())).code).toBe("unauthenticated");
    }
    expect(await grantsOf(seeker.id)).toEqual(before);
  });

  it("a coach who already has access keeps their grant and leaves the new link for someone else", async () => {
    const { seeker, token } = await invited();
    const coach = await newUser();
    await signInAs(coach);
    await acceptInvitation({ token }, address());
    await signInAs(seeker);
    const second = linkToken(await inviteCoach({ email: uniqueEmail("second-address") }));
    await signInAs(coach);
    expect(await getInvitation(second, address())).toMatchObject({ alreadyCoaching: true, own: false });
    const before = await grantsOf(seeker.id);
    expect((await refusal(acceptInvitation({ token: second }, address()))).code).toBe("conflict");
    expect(await grantsOf(seeker.id)).toEqual(before);
    expect((await listClients()).map((c) => c.id)).toEqual([seeker.id]);
  });
});

describe("two accepts at once", () => {
  /** Each call reads the session when it starts (the mocked getServerSession), so calls made in turn run as different accounts. */
  async function acceptAllAtOnce(token: string, count: number) {
    const coaches = await Promise.all(Array.from({ length: count }, (_, i) => newUser({ name: `Racer ${i}` })));
    const claims = [];
    for (const coach of coaches) claims.push(await signInAs(coach));
    const calls = claims.map((c) => {
      useClaims(c);
      return acceptInvitation({ token }, address());
    });
    return { coaches, results: await Promise.allSettled(calls) };
  }

  it("give exactly one coach, and the others the one refusal", async () => {
    const { seeker, invitation, token } = await invited();
    const { coaches, results } = await acceptAllAtOnce(token, 5);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).message).toBe(GONE);
    const grant = await db.coachGrant.findUniqueOrThrow({ where: { id: invitation.id } });
    const winner = coaches[results.findIndex((r) => r.status === "fulfilled")]!;
    expect([grant.coachId, grant.tokenHash, grant.revokedAt]).toEqual([winner.id, null, null]);
    expect(await db.coachGrant.count({ where: { ownerId: seeker.id, coachId: { not: null } } })).toBe(1);
  });

  it.skipIf(embedded)("held at the row lock together, Postgres re-checks the token and only the first gets the grant", async () => {
    const { invitation, token } = await invited();
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT 1 FROM "CoachGrant" WHERE id = $1 FOR UPDATE`, [invitation.id]);
      const racing = acceptAllAtOnce(token, 2);
      // Both UPDATEs reach the lock before it is released: a real race, not two calls in turn.
      // Both UPDATEs reach the lock before it is released: a real race, not two calls in turn.
      // (Inside a transaction pg_stat_activity is a snapshot: cleared before each look.)
      await vi.waitFor(async () => {
        await locker.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%CoachGrant%'`);
        expect(rows[0].n).toBe(2);
      }, { timeout: 15_000, interval: 50 });
      await locker.query("COMMIT");
      const { results } = await racing;
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    expect((await db.coachGrant.findUniqueOrThrow({ where: { id: invitation.id } })).tokenHash).toBeNull();
  });
});

describe("the link's secret", () => {
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
    vi.unstubAllEnvs();
  });

  it(`is 256 random bits, stored only as its SHA-256 with a ${INVITATION_DAYS}-day expiry, never listed or logged`, async () => {
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      spies.push(vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))));
    }
    const sentAt = Date.now();
    const { seeker, invitation, token } = await invited();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db.coachGrant.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).toBe(sha256(token));
    const days = (row.expiresAt!.getTime() - sentAt) / 86_400_000;
    expect(days).toBeGreaterThan(INVITATION_DAYS - 0.01);
    expect(days).toBeLessThan(INVITATION_DAYS + 0.01);
    const [elsewhere] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM "CoachGrant" g WHERE row_to_json(g)::text LIKE ${`%${token}%`})
           + (SELECT count(*) FROM "User" u WHERE row_to_json(u)::text LIKE ${`%${token}%`})
           + (SELECT count(*) FROM "RateLimit" r WHERE row_to_json(r)::text LIKE ${`%${token}%`}) AS n`;
    expect(Number(elsewhere!.n)).toBe(0);
    const listed = JSON.stringify(await listGrantsGiven());
    expect(listed).not.toContain(token);
    expect(listed).not.toContain(row.tokenHash);

    await signInAs(await newUser());
    expect(JSON.stringify(await getInvitation(token, address()))).not.toMatch(new RegExp(`${token}|${row.tokenHash}|${invitation.id}`));
    await acceptInvitation({ token }, address());
    await signInAs(seeker);
    expect(logged.join("\n")).not.toContain(token);
  });

  it("two invitations never share a token", async () => {
    await signInAs(await newUser());
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add(linkToken(await inviteCoach({ email: uniqueEmail(`coach-${i}`) })));
    expect(tokens.size).toBe(20);
  });

  describe("by e-mail", () => {
    let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
    beforeAll(async () => {
      smtp = await startSmtpCapture();
    });
    afterAll(() => smtp.close());

    it("goes to the invited address when SMTP is configured, as a link that works, and is still returned once", async () => {
      vi.stubEnv("SMTP_URL", smtp.url);
      vi.stubEnv("NEXTAUTH_URL", "https://callback.example/");
      const { seeker, email, invitation, token } = await invited();
      expect(invitation).toMatchObject({ status: "sent", emailed: true });
      const [mail, ...more] = smtp.to(email);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe("Sam Seeker invites you to follow their job search on Callback");
      expect(mail!.text).toContain(`https://callback.example/invitations/${token}`);
      expect(mail!.text).toContain(`for ${INVITATION_DAYS} days`);
      expect(mail!.html).toContain(`href="https://callback.example/invitations/${token}"`);
      expect(mail!.text).toContain(seeker.email);

      // Sent again: a second e-mail, with the new link.
      await signInAs(seeker);
      const again = linkToken(await inviteCoach({ email }));
      expect(smtp.to(email).map((m) => m.text.includes(again))).toEqual([false, true]);
    });

    it("a failed send still makes the invitation, whose link is shown to the seeker to pass on", async () => {
      vi.stubEnv("SMTP_URL", smtp.url);
      for (const method of ["error", "log"] as const) spies.push(vi.spyOn(console, method).mockImplementation(() => {}));
      const email = uniqueEmail("unreachable");
      smtp.reject(email);
      await signInAs(await newUser());
      const invitation = await inviteCoach({ email });
      expect(invitation).toMatchObject({ status: "sent", emailed: false });
      await signInAs(await newUser());
      expect(await getInvitation(linkToken(invitation), address())).not.toBeNull();
    });

    it("without SMTP nothing is sent and the link is returned", async () => {
      vi.stubEnv("SMTP_URL", "");
      vi.stubEnv("SMTP_HOST", "");
      const count = smtp.received.length;
      const { invitation } = await invited();
      expect(invitation).toMatchObject({ status: "sent", emailed: false });
      expect(smtp.received.length).toBe(count);
    });
  });
});

describe("guessing invitation links", () => {
  it(`after ${LIMITS.invitationTokenMissesPerAddress.max} misses an address is refused, even with the right link, which stays untouched`, async () => {
    const { seeker, token } = await invited();
    await signInAs(await newUser());
    const guesser = address();
    for (let i = 0; i < LIMITS.invitationTokenMissesPerAddress.max; i++) {
      if (i % 2) expect(await getInvitation(randomToken(), guesser)).toBeNull();
      else expect((await refusal(acceptInvitation({ token: randomToken() }, guesser))).message).toBe(GONE);
    }
    const before = await grantsOf(seeker.id);
    expect(await getInvitation(token, guesser)).toBeNull();
    expect((await refusal(acceptInvitation({ token }, guesser))).message).toBe(GONE);
    expect(await grantsOf(seeker.id)).toEqual(before);
    // Another address is not affected.
    expect(await acceptInvitation({ token }, address())).toEqual({ clientId: seeker.id });
  });

  it(`caps opening links at ${LIMITS.invitationTokenPerAddress.max} a minute per address`, async () => {
    const { token } = await invited();
    await signInAs(await newUser());
    const reader = address();
    for (let i = 0; i < LIMITS.invitationTokenPerAddress.max; i++) expect(await getInvitation(token, reader)).not.toBeNull();
    expect(await getInvitation(token, reader)).toBeNull();
  });
});

describe("invitations made before links (migration 20261201000000_invitation_tokens)", () => {
  const MIGRATION = "20261201000000_invitation_tokens";

  it("expires every pending invitation and leaves accepted and removed grants as they were", async () => {
    // The migrations up to this one, in a schema of their own inside a transaction that is
    // rolled back: rows of the old shape, then this migration's SQL, as `migrate deploy` runs it.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const schema = `migration_test_${randomUUID().replaceAll("-", "")}`;
    try {
      await client.query("BEGIN");
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      const folders = fs.readdirSync(path.join("prisma", "migrations")).filter((f) => /^\d{14}_/.test(f)).sort();
      expect(folders).toContain(MIGRATION);
      for (const folder of folders.slice(0, folders.indexOf(MIGRATION))) {
        await client.query(fs.readFileSync(path.join("prisma", "migrations", folder, "migration.sql"), "utf8"));
      }
      await client.query(`
        INSERT INTO "User" (id, email, name, "passwordHash", "timeZone", "updatedAt") VALUES
          ('owner', 'owner@example.test', 'Owner', 'x', 'UTC', now()), ('coach', 'coach@example.test', 'Coach', 'x', 'UTC', now());
        INSERT INTO "CoachGrant" (id, "ownerId", "coachEmail", "coachId", "acceptedAt", "revokedAt") VALUES
          ('live', 'owner', 'coach@example.test', 'coach', now(), NULL),
          ('pending', 'owner', 'pending@example.test', NULL, NULL, NULL),
          ('removed', 'owner', 'removed@example.test', 'coach', now(), now()),
          ('withdrawn', 'owner', 'withdrawn@example.test', NULL, NULL, now())`);
      const versionBefore = (await client.query(`SELECT "pageVersion" FROM "User" WHERE id = 'coach'`)).rows[0].pageVersion;
      await client.query(fs.readFileSync(path.join("prisma", "migrations", MIGRATION, "migration.sql"), "utf8"));

      // expiresAt is TIMESTAMP(3): the migration's "now" is rounded to the millisecond, maybe up.
      const { rows } = await client.query(`SELECT id, "tokenHash", "expiresAt" <= now() + interval '1 millisecond' AS expired, "acceptedAt" IS NOT NULL AS accepted, "revokedAt" IS NOT NULL AS revoked, "coachId" FROM "CoachGrant" ORDER BY id`);
      expect(rows).toEqual([
        { id: "live", tokenHash: null, expired: null, accepted: true, revoked: false, coachId: "coach" },
        { id: "pending", tokenHash: null, expired: true, accepted: false, revoked: false, coachId: null },
        { id: "removed", tokenHash: null, expired: null, accepted: true, revoked: true, coachId: "coach" },
        { id: "withdrawn", tokenHash: null, expired: null, accepted: false, revoked: true, coachId: null },
      ]);
      // The replaced trigger still moves the owner's and the coach's page versions when a grant changes.
      await client.query(`UPDATE "CoachGrant" SET "revokedAt" = now() WHERE id = 'live'`);
      expect((await client.query(`SELECT "pageVersion" FROM "User" WHERE id = 'coach'`)).rows[0].pageVersion).toBeGreaterThan(versionBefore);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    }
  });

  it("an invitation without a link cannot be accepted; its seeker sees it expired and sends it again", async () => {
    const seeker = await newUser({ name: "Old Seeker" });
    const email = uniqueEmail("old-invite");
    // As the migration leaves it.
    const old = await db.coachGrant.create({ data: { ownerId: seeker.id, coachEmail: email, expiresAt: new Date(Date.now() - 1000) } });
    const holder = await newUser({ email });
    await signInAs(holder);
    const before = await grantsOf(seeker.id);
    for (const input of [{ grantId: old.id }, { token: randomToken() }, { token: "" }, { token: null }]) {
      expect((await refusal(acceptInvitation(input, address()))).message).toBe(GONE);
    }
    expect(await grantsOf(seeker.id)).toEqual(before);

    await signInAs(seeker);
    expect(await listGrantsGiven()).toEqual([expect.objectContaining({ id: old.id, coachEmail: email, status: "expired" })]);
    const again = await inviteCoach({ email });
    expect(again).toMatchObject({ id: old.id, status: "sent" });
    expect(await listGrantsGiven()).toEqual([expect.objectContaining({ id: old.id, status: "pending" })]);
    await signInAs(holder);
    expect(await acceptInvitation({ token: linkToken(again) }, address())).toEqual({ clientId: seeker.id });
  });
});
