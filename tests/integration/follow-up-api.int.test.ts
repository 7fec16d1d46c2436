import pg from "pg";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/jobs/[jobId]/follow-ups/route";
import { createJob } from "@/lib/data/jobs";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { addDays } from "@/lib/followup/dates";
import { newUser, signInAs, signOut } from "./helpers";

// POST /api/jobs/[jobId]/follow-ups, called as Next calls it: a Request and its params.
const todayIn = (timeZone: string, now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);

function post(jobId: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`http://app.test/api/jobs/${jobId}/follow-ups`, {
    method: "POST",
    headers: { host: "app.test", "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ jobId }) });
}

async function call(jobId: string, body: unknown, headers?: Record<string, string>) {
  const res = await post(jobId, body, headers);
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

/** A user in a zone far from UTC, signed in, with a job applied two weeks ago (its follow-up is due). */
async function ownerWithDueJob(timeZone = "Pacific/Auckland") {
  const user = await newUser({ timeZone });
  await signInAs(user);
  const { id } = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(timeZone), -14) });
  return { user, jobId: id };
}

async function embeddedDatabase() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query("SELECT version()");
  await client.end();
  return /PGlite/.test(rows[0].version);
}

/** Everything stored about a job: its row (plan snapshot included) and its stages. */
const stored = (jobId: string) => db.job.findUnique({ where: { id: jobId }, include: { stages: { orderBy: { id: "asc" } } } });

const embedded = await embeddedDatabase();

describe("POST /api/jobs/[jobId]/follow-ups", () => {
  it("logs the follow-up dated today in the user's zone (201), then refuses a second one (409) and stores one row", async () => {
    const { user, jobId } = await ownerWithDueJob();

    const first = await call(jobId, { note: "Called the recruiter." });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ok: true, early: false });
    const rows = await db.stage.findMany({ where: { jobId, kind: "follow_up" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(first.json.id);
    expect(rows[0]!.on.toISOString().slice(0, 10)).toBe(todayIn(user.timeZone));
    expect(rows[0]).toMatchObject({ channel: "phone", note: "Called the recruiter." });

    const before = await stored(jobId);
    const second = await call(jobId, { channel: "email" });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ ok: false, error: "already_followed_up" });
    expect(second.json.message).toMatch(/already followed up/i);
    expect(await stored(jobId)).toEqual(before);
  });

  it("a replay with the same requestId answers the stored follow-up again instead of 409", async () => {
    const { jobId } = await ownerWithDueJob("Europe/London");
    const first = await call(jobId, { requestId: "api-replay-1" });
    const again = await call(jobId, { requestId: "api-replay-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(await db.stage.count({ where: { jobId, kind: "follow_up" } })).toBe(1);
  });

  it("another user's job is not found (404), an anonymous caller is unauthenticated (401), and neither changes anything", async () => {
    const { jobId } = await ownerWithDueJob();
    const before = await stored(jobId);

    const intruder = await newUser();
    await signInAs(intruder);
    const foreign = await call(jobId, {});
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ ok: false, error: "not_found" });

    signOut();
    const anonymous = await call(jobId, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ ok: false, error: "unauthenticated" });
    const anonymousDated = await call(jobId, { on: todayIn("Pacific/Auckland") });
    expect(anonymousDated.status).toBe(401);

    expect(await stored(jobId)).toEqual(before);
  });

  it("bad JSON, a non-object body and invalid fields are 400 with field errors; nothing is stored", async () => {
    const { jobId } = await ownerWithDueJob();
    const before = await stored(jobId);

    expect((await call(jobId, "{not json")).status).toBe(400);
    expect((await call(jobId, "[1,2]")).status).toBe(400);
    expect((await call(jobId, "null")).status).toBe(400);
    const fields = await call(jobId, { on: "2025-02-30", channel: "fax", note: 42 });
    expect(fields.status).toBe(400);
    expect(fields.json).toMatchObject({ ok: false, error: "invalid" });
    expect(Object.keys(fields.json.fieldErrors as object).sort()).toEqual(["channel", "note", "on"]);
    const future = await call(jobId, { on: addDays(todayIn("Pacific/Auckland"), 3) });
    expect(future.status).toBe(400);
    expect((future.json.fieldErrors as Record<string, string[]>).on?.length).toBeGreaterThan(0);

    expect(await stored(jobId)).toEqual(before);
  });

  it("refuses what a cross-site form or page could send (403): another content type, another Origin", async () => {
    const { jobId } = await ownerWithDueJob();
    const before = await stored(jobId);

    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect((await call(jobId, {}, { "content-type": type })).status).toBe(403);
    }
    expect((await call(jobId, {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await call(jobId, {}, { origin: "http://app.test.evil.example" })).status).toBe(403);
    expect((await call(jobId, {}, { origin: "null" })).status).toBe(403);
    expect(await stored(jobId)).toEqual(before);

    // The same origin (and a charset parameter) is fine.
    expect((await call(jobId, {}, { origin: "http://app.test", "content-type": "application/json; charset=utf-8" })).status).toBe(201);
  });

  // The embedded PGlite serves one session: a transaction held open there blocks every other
  // connection inside the database, so the pool never runs dry the way it does on a server.
  it.skipIf(embedded)("answers 503 with Retry-After when no database connection frees up in time, instead of hanging", async () => {
    const { jobId } = await ownerWithDueJob();
    // Hold every connection of this process's pool in an open transaction.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = 0;
    const holders = Array.from({ length: env().DATABASE_POOL_MAX }, () =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT 1`;
        holding++;
        await released;
      }, { maxWait: 10_000, timeout: 20_000 }),
    );
    try {
      await expect.poll(() => holding, { timeout: 10_000 }).toBe(env().DATABASE_POOL_MAX);
      const started = performance.now();
      const res = await call(jobId, {});
      const ms = performance.now() - started;
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.json).toMatchObject({ ok: false, error: "unavailable" });
      // The pool's connection timeout (3 s in lib/db.ts), not a hang.
      expect(ms).toBeLessThan(5_000);
    } finally {
      release();
      await Promise.all(holders);
    }
    expect(await db.stage.count({ where: { jobId, kind: "follow_up" } })).toBe(0);
    expect((await call(jobId, {})).status).toBe(201);
  });
});
