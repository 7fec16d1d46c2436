import { createHash, randomBytes, randomUUID } from "node:crypto";
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/calendar/[token]/route";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/app/(app)/settings/actions";
import { createCalendarFeed, getCalendarFeed, revokeCalendarFeed } from "@/lib/data/calendar";
import { addStage, archiveJob, createJob, logFollowUp } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { LIMITS } from "@/lib/data/rate-limit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addDays, nextBusinessDayOnOrAfter } from "@/lib/followup/dates";
import { newUser, signInAs, signOut } from "./helpers";

// GET /api/calendar/<token>.ics, called as Next calls it: a Request and its params. Each test
// has its own client address, so the per-address limits of one do not reach another.

const todayIn = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const newAddress = () => `test-${randomUUID()}`;

function get(tokenParam: string, address: string) {
  const request = new Request(`http://app.test/api/calendar/${tokenParam}`, { headers: { "x-callback-client-ip": address } });
  return GET(request, { params: Promise.resolve({ token: tokenParam }) });
}

async function fetchFeed(token: string, address = newAddress()) {
  const res = await get(`${token}.ics`, address);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The feed's events by UID, parsed back by an independent iCalendar parser. */
function eventsOf(text: string): Map<string, VEvent> {
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is VEvent => c.type === "VEVENT");
  return new Map(events.map((e) => [e.uid, e]));
}

// node-ical reads a DATE value as local midnight of the machine running it.
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const wallClock = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(d)
    .replace(",", "");

const windowOpens = (appliedOn: string) => nextBusinessDayOnOrAfter(addDays(appliedOn, 7));

/** A job seeker in New York with one of each kind of job; signed in as them afterwards. */
async function seeker() {
  const timeZone = "America/New_York";
  const user = await newUser({ name: "Sam Seeker", timeZone });
  await signInAs(user);
  const today = todayIn(timeZone);
  const job = async (company: string, role: string, appliedOn: string) => (await createJob({ company, role, appliedOn })).id;
  const stageIdOf = async (jobId: string, kind: "applied" | "interview") =>
    (await db.stage.findFirstOrThrow({ where: { jobId, kind }, orderBy: { on: "desc" } })).id;

  const due = await job("Acme", "Product Designer", addDays(today, -10));
  const waiting = await job("Initech", "Engineer", addDays(today, -2));
  const interview = await job("Globex", "Analyst", addDays(today, -20));
  await addStage({ jobId: interview, kind: "interview", on: addDays(today, 9), time: "14:30", withWhom: "Jane Doe" });
  const allDayInterview = await job("Umbrella", "Researcher", addDays(today, -20));
  await addStage({ jobId: allDayInterview, kind: "interview", on: addDays(today, 12) });
  const archived = await job("Archived Co", "Clerk", addDays(today, -10));
  await archiveJob({ jobId: archived });
  const closed = await job("Closed Co", "Clerk", addDays(today, -25));
  await addStage({ jobId: closed, kind: "interview", on: addDays(today, -15) });
  await addStage({ jobId: closed, kind: "rejected", on: addDays(today, -5) });
  const followedUp = await job("Called Co", "Clerk", addDays(today, -10));
  await logFollowUp({ jobId: followedUp, on: today });
  await job("Long Ago Co", "Clerk", addDays(today, -120));

  return {
    user, today, timeZone,
    ids: {
      due: await stageIdOf(due, "applied"),
      waiting: await stageIdOf(waiting, "applied"),
      interview: await stageIdOf(interview, "interview"),
      allDayInterview: await stageIdOf(allDayInterview, "interview"),
    },
  };
}

describe("the calendar feed", () => {
  it("has one all-day event per open follow-up window and one per interview, parses back, and keeps its UIDs", async () => {
    const { today, timeZone, ids } = await seeker();
    const { token } = await createCalendarFeed();

    const first = await fetchFeed(token);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(first.headers.get("cache-control")).toMatch(/private/);
    expect(first.headers.get("cache-control")).toMatch(/no-store/);
    expect(first.headers.get("x-robots-tag")).toMatch(/noindex/);
    expect(first.text.startsWith("BEGIN:VCALENDAR")).toBe(true);

    const events = eventsOf(first.text);
    expect([...events.keys()].sort()).toEqual(
      [`followup-${ids.due}@callback`, `followup-${ids.waiting}@callback`, `interview-${ids.interview}@callback`, `interview-${ids.allDayInterview}@callback`].sort(),
    );

    const due = events.get(`followup-${ids.due}@callback`)!;
    expect(due.summary).toBe("Call Acme about the Product Designer role");
    expect(due.datetype).toBe("date");
    expect(localDay(due.start)).toBe(windowOpens(addDays(today, -10)));
    expect(due.description).toContain("The recruiter’s column says:");
    expect(due.description).toContain("Say why you’re interested in the role.");
    expect(due.transparency).toBe("TRANSPARENT");

    const waiting = events.get(`followup-${ids.waiting}@callback`)!;
    expect(waiting.summary).toBe("Call Initech about the Engineer role");
    expect(localDay(waiting.start)).toBe(windowOpens(addDays(today, -2)));

    // 14:30 where the job seeker lives, whatever the zone of the server or of this test.
    const timed = events.get(`interview-${ids.interview}@callback`)!;
    expect(timed.summary).toBe("Interview: Globex — Analyst");
    expect(timed.datetype).toBe("date-time");
    expect(first.text).toContain(`DTSTART;TZID=America/New_York:${addDays(today, 9).replaceAll("-", "")}T143000`);
    expect(wallClock(timed.start, timeZone)).toBe(`${addDays(today, 9)} 14:30`);
    expect(timed.end.getTime() - timed.start.getTime()).toBe(60 * 60 * 1000);
    expect(timed.description).toContain("With Jane Doe.");
    expect(timed.description).toContain("Say that you’re still very interested in the role.");

    const allDay = events.get(`interview-${ids.allDayInterview}@callback`)!;
    expect(allDay.summary).toBe("Interview: Umbrella — Researcher");
    expect(allDay.datetype).toBe("date");
    expect(localDay(allDay.start)).toBe(addDays(today, 12));

    // Archived, closed, followed-up and long-past jobs give no events.
    for (const company of ["Archived Co", "Closed Co", "Called Co", "Long Ago Co"]) expect(first.text).not.toContain(company);

    // A second fetch: the same events under the same UIDs, so calendar apps update, not duplicate.
    const second = eventsOf((await fetchFeed(token)).text);
    expect([...second.keys()].sort()).toEqual([...events.keys()].sort());
    for (const [uid, event] of second) {
      expect(event.summary).toBe(events.get(uid)!.summary);
      expect(event.start.getTime()).toBe(events.get(uid)!.start.getTime());
    }
  });

  it("takes a constant number of queries, however many jobs", async () => {
    const user = await newUser();
    await signInAs(user);
    const today = todayIn(user.timeZone);
    const { token } = await createCalendarFeed();
    const addJob = async (i: number) => {
      const { id } = await createJob({ company: `Company ${i}`, role: "Role", appliedOn: addDays(today, -(i % 20)) });
      if (i % 3 === 0) await addStage({ jobId: id, kind: "interview", on: addDays(today, i % 5), time: "09:15" });
    };
    await addJob(0);
    const small = await countSqlQueries(() => fetchFeed(token));
    for (let i = 1; i < 40; i++) await addJob(i);
    const large = await countSqlQueries(() => fetchFeed(token));
    expect(eventsOf(large.result.text).size).toBeGreaterThan(eventsOf(small.result.text).size + 30);
    expect(large.queries).toBe(small.queries);
    // The two rate limits, the token, the jobs and their stages.
    expect(small.queries).toBeLessThanOrEqual(6);
  });

  it("shows only its owner's data", async () => {
    const a = await newUser({ name: "Alice" });
    const b = await newUser({ name: "Bob" });
    const today = todayIn("Europe/London");
    await signInAs(a);
    await createJob({ company: "Alice Corp", role: "Alice Role", appliedOn: addDays(today, -3) });
    const { token: tokenA } = await createCalendarFeed();
    await signInAs(b);
    await createJob({ company: "Bob Corp", role: "Bob Role", appliedOn: addDays(today, -3) });
    const { token: tokenB } = await createCalendarFeed();

    const feedA = (await fetchFeed(tokenA)).text;
    const feedB = (await fetchFeed(tokenB)).text;
    expect(feedA).toContain("Alice Corp");
    expect(feedA).not.toContain("Bob Corp");
    expect(feedB).toContain("Bob Corp");
    expect(feedB).not.toContain("Alice Corp");
  });

  it("a replaced or revoked token is not found at once, like an unknown or malformed one", async () => {
    const user = await newUser();
    await signInAs(user);
    await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(user.timeZone), -3) });

    const { token: old } = await createCalendarFeed();
    expect((await fetchFeed(old)).status).toBe(200);
    const { token: fresh } = await createCalendarFeed();
    expect(fresh).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain("Acme");
    expect((await fetchFeed(fresh)).status).toBe(200);
    // The bare token works too; the .ics is for calendar apps that look at the extension.
    expect((await get(fresh, newAddress())).status).toBe(200);

    await revokeCalendarFeed();
    expect((await fetchFeed(fresh)).status).toBe(404);
    expect(await getCalendarFeed()).toEqual({ active: false, createdAt: null });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { feedTokenHash: true, feedCreatedAt: true } });
    expect(stored).toEqual({ feedTokenHash: null, feedCreatedAt: null });

    expect((await fetchFeed(randomBytes(32).toString("base64url"))).status).toBe(404);
    for (const bad of ["", "short", "x".repeat(44), "../../etc/passwd", `${fresh}%00`]) {
      expect((await get(bad, newAddress())).status).toBe(404);
    }
  });

  it("stores only the SHA-256 of the token: the raw token appears nowhere in the database", async () => {
    const user = await newUser();
    await signInAs(user);
    const before = Date.now();
    const { token } = await createCalendarFeed();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { feedTokenHash: true, feedCreatedAt: true } });
    expect(row.feedTokenHash).toBe(sha256(token));
    expect(row.feedCreatedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const feed = await getCalendarFeed();
    expect(feed).toEqual({ active: true, createdAt: row.feedCreatedAt!.toISOString() });
    expect(JSON.stringify(feed)).not.toContain(token);

    await fetchFeed(token);
    const tables = await db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((t) => t.table_name)).toContain("User");
    for (const { table_name } of tables) {
      const hits = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1`, `%${token}%`);
      expect(hits[0]!.n, `the token in table ${table_name}`).toBe(0);
    }
  });

  it("the settings actions show the URL once and need a signed-in user; anonymous callers change nothing", async () => {
    const user = await newUser();
    await signInAs(user);
    const created = await createCalendarFeedAction();
    expect(created.ok).toBe(true);
    const path = created.data!.path!;
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await get(path.split("/").at(-1)!, newAddress())).status).toBe(200);

    signOut();
    const stored = () => db.user.findUniqueOrThrow({ where: { id: user.id }, select: { feedTokenHash: true, feedCreatedAt: true } });
    const before = await stored();
    for (const call of [createCalendarFeed, revokeCalendarFeed, getCalendarFeed]) {
      await expect(call()).rejects.toSatisfy((e) => e instanceof AppError && e.code === "unauthenticated");
    }
    expect(await createCalendarFeedAction()).toMatchObject({ ok: false });
    expect(await revokeCalendarFeedAction()).toMatchObject({ ok: false });
    expect(await stored()).toEqual(before);

    await signInAs(user);
    expect(await revokeCalendarFeedAction()).toMatchObject({ ok: true });
    expect((await get(path.split("/").at(-1)!, newAddress())).status).toBe(404);
  });

  it("an address that guessed wrong too often is refused (429) even with a valid token; other addresses are not", async () => {
    const user = await newUser();
    await signInAs(user);
    const { token } = await createCalendarFeed();
    const guesser = newAddress();
    for (let i = 0; i < LIMITS.calendarFeedMissesPerAddress.max; i++) {
      expect((await fetchFeed(randomBytes(32).toString("base64url"), guesser)).status).toBe(404);
    }
    const refused = await fetchFeed(token, guesser);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.text).not.toContain("VCALENDAR");
    expect((await fetchFeed(token, newAddress())).status).toBe(200);
  });
});
