import pg from "pg";
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { updateWorkingCalendarAction } from "@/app/(app)/settings/working-calendar-actions";
import { POST } from "@/app/api/jobs/[jobId]/follow-ups/route";
import { createCalendarFeed, openCalendarFeed } from "@/lib/data/calendar";
import { loadDailyDigest } from "@/lib/data/digests";
import { acceptInvitation, clientSummaries, getClientJob, getClientTimeline, inviteCoach } from "@/lib/data/grants";
import { getJob } from "@/lib/data/jobs";
import { refreshPlans } from "@/lib/data/plans";
import { createShareLink, openSharedJob, openSharedTimeline } from "@/lib/data/shares";
import { listTimeline } from "@/lib/data/timeline";
import { getWorkingCalendarSettings, updateWorkingCalendar } from "@/lib/data/working-calendar";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { linkToken, newUser, signInAs, signOut, testAddress } from "./helpers";

// Issue 15: the job seeker's working week and public holidays, wherever their jobs are planned.
// The example: applied Fri 18 Dec 2026 in England. Monday to Friday, the window opens Fri 25 Dec
// (Christmas Day); with England's holidays (25 Dec, and Mon 28 Dec for Boxing Day) on Tue 29 Dec.
// Jobs are written with fixed dates straight to the database (the forms refuse a future date),
// and "now" is passed to the functions that take it.

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const at = (s: string) => new Date(s);

async function jobOn(userId: string, company: string, stages: { kind: "applied" | "interview"; on: string; answerBy?: string }[]) {
  return db.job.create({
    data: { userId, company, role: "Engineer", stages: { create: stages.map((s) => ({ kind: s.kind, on: day(s.on), answerBy: s.answerBy ? day(s.answerBy) : null })) } },
    select: { id: true },
  });
}

const userRow = (id: string) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { workdays: true, holidayRegion: true, calendarVersion: true, pageVersion: true } });
const planVersions = async (userId: string) => (await db.job.findMany({ where: { userId }, select: { planVersion: true } })).map((j) => j.planVersion);

async function englandSeeker() {
  const user = await newUser({ name: "Emma England", timeZone: "Europe/London" });
  await signInAs(user);
  const job = await jobOn(user.id, "Acme", [{ kind: "applied", on: "2026-12-18" }]);
  return { user, job };
}

describe("the working calendar setting", () => {
  it("is Monday to Friday without holidays for a new user", async () => {
    const user = await newUser();
    await signInAs(user);
    const settings = await getWorkingCalendarSettings();
    expect(settings).toMatchObject({ workdays: [1, 2, 3, 4, 5], holidayRegion: null });
    expect(settings.regions).toContainEqual(expect.objectContaining({ code: "GB-ENG", name: "England" }));
  });

  it("a change clears the stored plans and moves the page version; the timeline then places the job by England's holidays", async () => {
    const { user, job } = await englandSeeker();
    const other = await newUser();
    const otherJob = await jobOn(other.id, "Initech", [{ kind: "applied", on: "2026-12-18" }]);
    await refreshPlans([job.id, otherJob.id]);
    const now = at("2026-12-28T12:00:00Z");

    const before = await listTimeline(now);
    expect(before.sections.due.map((j) => j.id)).toEqual([job.id]);
    expect(before.sections.due[0]!.plan.opensOn).toBe("2026-12-25");
    const was = await userRow(user.id);

    expect(await updateWorkingCalendar({ workdays: ["1", "2", "3", "4", "5"], holidayRegion: "England" })).toEqual({ workdays: [1, 2, 3, 4, 5], holidayRegion: "GB-ENG" });
    const now2 = await userRow(user.id);
    expect(now2).toMatchObject({ holidayRegion: "GB-ENG", calendarVersion: was.calendarVersion + 1 });
    expect(now2.pageVersion).toBeGreaterThan(was.pageVersion);
    expect(await planVersions(user.id)).toEqual([null]);
    // Someone else's plans are theirs: untouched.
    expect((await planVersions(other.id)).every((v) => v !== null)).toBe(true);

    const after = await listTimeline(now);
    expect(after.sections.due).toEqual([]);
    const [placed] = after.sections.this_week;
    expect(placed).toMatchObject({ id: job.id, plan: { status: "waiting", opensOn: "2026-12-29" } });
    expect(placed!.plan.calendarNote).toBe("Fri 25 Dec and Mon 28 Dec are public holidays in England, so the window opens on Tue 29 Dec.");
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { planOpensOn: true } })).toEqual({ planOpensOn: day("2026-12-29") });

    // Saving the same calendar again changes nothing at all.
    await updateWorkingCalendar({ workdays: ["5", "4", "3", "2", "1"], holidayRegion: "GB-ENG" });
    expect(await userRow(user.id)).toEqual(now2);
    expect((await planVersions(user.id)).every((v) => v !== null)).toBe(true);
  });

  it("another working week moves the window too: Sunday to Thursday", async () => {
    const user = await newUser();
    await signInAs(user);
    // Applied Fri 27 Nov 2026: a week later is Fri 4 Dec, not a working day; nor is Saturday.
    const job = await jobOn(user.id, "Gulf Co", [{ kind: "applied", on: "2026-11-27" }]);
    await updateWorkingCalendar({ workdays: ["7", "1", "2", "3", "4"], holidayRegion: "" });
    const timeline = await listTimeline(at("2026-12-01T12:00:00Z"));
    expect(timeline.sections.this_week[0]).toMatchObject({ id: job.id, plan: { opensOn: "2026-12-06" } });
    expect(timeline.sections.this_week[0]!.plan.calendarNote).toBe("Friday and Saturday are not working days for you, so the window opens on Sun 6 Dec.");
  });

  it("refuses an unknown region and an empty week next to their fields, and changes nothing", async () => {
    const { user } = await englandSeeker();
    await refreshPlans((await db.job.findMany({ where: { userId: user.id }, select: { id: true } })).map((j) => j.id));
    const was = await userRow(user.id);
    const refused = async (input: unknown) => {
      try {
        await updateWorkingCalendar(input);
      } catch (e) {
        if (e instanceof AppError) return e;
        throw e;
      }
      throw new Error("expected a refusal");
    };
    expect((await refused({ workdays: ["1"], holidayRegion: "Atlantis" })).fieldErrors?.holidayRegion?.[0]).toMatch(/Choose a country or region from the list/);
    expect((await refused({ workdays: [], holidayRegion: "GB-ENG" })).fieldErrors?.workdays?.[0]).toMatch(/at least one working day/);
    expect((await refused({ workdays: ["8"], holidayRegion: "" })).fieldErrors?.workdays).toBeDefined();
    expect(await userRow(user.id)).toEqual(was);
    expect((await planVersions(user.id)).every((v) => v !== null)).toBe(true);

    // Through the form's action: the errors, and what was typed, come back.
    const form = new FormData();
    form.append("holidayRegion", "Atlantis");
    form.append("workdays", "1");
    const state = await updateWorkingCalendarAction({ ok: false }, form);
    expect(state).toMatchObject({ ok: false, values: { holidayRegion: "Atlantis" } });
    expect(state.fieldErrors?.holidayRegion).toBeDefined();
    expect(await userRow(user.id)).toEqual(was);
  });

  it("is the signed-in user's only: nobody else can read or change it, and an anonymous caller is refused", async () => {
    const { user } = await englandSeeker();
    await updateWorkingCalendar({ workdays: ["1", "2", "3", "4", "5", "6"], holidayRegion: "GB-ENG" });
    const mine = await userRow(user.id);

    const other = await newUser();
    await signInAs(other);
    // There is no way to name another user: reading and saving are always the caller's own.
    expect(await getWorkingCalendarSettings()).toMatchObject({ workdays: [1, 2, 3, 4, 5], holidayRegion: null });
    await updateWorkingCalendar({ workdays: ["1"], holidayRegion: "FR", userId: user.id });
    expect(await userRow(user.id)).toEqual(mine);
    expect(await userRow(other.id)).toMatchObject({ workdays: [1], holidayRegion: "FR" });

    signOut();
    await expect(getWorkingCalendarSettings()).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(updateWorkingCalendar({ workdays: ["1"], holidayRegion: "" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await userRow(user.id)).toEqual(mine);
  });

  it("a plan computed with the old calendar is not stored once the calendar changed", async () => {
    const { user, job } = await englandSeeker();
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    await client.connect();
    try {
      // Another server saves a new calendar: row locked and changed, not yet committed.
      await client.query("BEGIN");
      await client.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [user.id]);
      await client.query(`UPDATE "User" SET "holidayRegion" = 'GB-ENG', "calendarVersion" = "calendarVersion" + 1 WHERE id = $1`, [user.id]);
      await client.query(`UPDATE "Job" SET "planVersion" = NULL WHERE "userId" = $1`, [user.id]);
      // Meanwhile a refresh reads the old calendar (Monday to Friday, no holidays) and waits to write.
      const refreshing = refreshPlans([job.id]);
      let settled = false;
      void refreshing.finally(() => (settled = true));
      await expect
        .poll(async () => {
          // The refresh's write waits for this transaction (and nothing else on the server counts).
          const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`);
          return { waiting: rows[0].n > 0, settled };
        }, { timeout: 15_000 })
        .toEqual({ waiting: true, settled: false });
      await client.query("COMMIT");
      await refreshing;
    } finally {
      await client.end();
    }
    // Its snapshot (window on Fri 25 Dec) was not stored; the next read computes it with England's holidays.
    expect(await planVersions(user.id)).toEqual([null]);
    const timeline = await listTimeline(at("2026-12-28T12:00:00Z"));
    expect(timeline.sections.this_week[0]).toMatchObject({ id: job.id, plan: { opensOn: "2026-12-29" } });
  });
});

describe("every view of a job uses its owner's calendar", () => {
  // A past example, for the views that read today's clock: applied Thu 18 Dec 2025 in England.
  // Monday to Friday it opened Thu 25 Dec 2025; with Christmas and Boxing Day, on Mon 29 Dec 2025.
  async function pastEnglandJob() {
    const owner = await newUser({ name: "Olive Owner" });
    await signInAs(owner);
    await updateWorkingCalendar({ workdays: ["1", "2", "3", "4", "5"], holidayRegion: "GB-ENG" });
    const job = await jobOn(owner.id, "Acme", [{ kind: "applied", on: "2025-12-18" }]);
    return { owner, job };
  }

  it("the job page, the coach's views and a share link: the job seeker's calendar, not the coach's", async () => {
    const { owner, job } = await pastEnglandJob();
    expect((await getJob(job.id)).plan).toMatchObject({ status: "due", opensOn: "2025-12-29" });
    const invitation = await inviteCoach({ email: (await newUser()).email });
    const { token } = await createShareLink({ label: "Mentor" });

    const coach = await db.user.findFirstOrThrow({ where: { email: (await db.coachGrant.findFirstOrThrow({ where: { ownerId: owner.id } })).coachEmail } });
    await signInAs(coach);
    // The coach works Sunday to Thursday with no holidays: it must not matter.
    await updateWorkingCalendar({ workdays: ["7", "1", "2", "3", "4"], holidayRegion: "" });
    await acceptInvitation({ token: linkToken(invitation) }, testAddress());
    const timeline = await getClientTimeline(owner.id);
    expect(timeline.sections.due[0]).toMatchObject({ id: job.id, plan: { opensOn: "2025-12-29", voice: "they" } });
    expect(timeline.sections.due[0]!.plan.calendarNote).toBe(
      "Thu 25 Dec 2025 and Fri 26 Dec 2025 were public holidays in England, so the window opened on Mon 29 Dec 2025.",
    );
    expect((await getClientJob(owner.id, job.id)).job.plan.opensOn).toBe("2025-12-29");
    expect(await clientSummaries(coach.id, at("2025-12-27T12:00:00Z"))).toMatchObject([{ id: owner.id, due: 0, waiting: 1 }]);

    signOut();
    const shared = await openSharedTimeline(token, testAddress());
    expect(shared!.sections.due[0]).toMatchObject({ id: job.id, plan: { opensOn: "2025-12-29" } });
    expect((await openSharedJob(token, job.id, testAddress()))!.job.plan.opensOn).toBe("2025-12-29");
  });

  it("the JSON API judges a follow-up early by the owner's window", async () => {
    const { job } = await pastEnglandJob();
    const post = (on: string) =>
      POST(new Request(`http://app.test/api/jobs/${job.id}/follow-ups`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ on, channel: "phone" }) }), {
        params: Promise.resolve({ jobId: job.id }),
      });
    // Fri 26 Dec 2025 is after Monday to Friday's window (Thu 25 Dec) but before England's (Mon 29 Dec).
    const res = await post("2025-12-26");
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ ok: true, early: true });
  });

  it("the morning digest: nothing due on Mon 28 Dec 2026 (a holiday), the call on Tue 29 Dec", async () => {
    const { user, job } = await englandSeeker();
    await db.user.update({ where: { id: user.id }, data: { dailyDigest: true } });
    // Monday to Friday it would be due on the 28th already.
    expect((await loadDailyDigest(user.id, at("2026-12-28T09:00:00Z")))!.jobs.map((j) => j.id)).toEqual([job.id]);
    await updateWorkingCalendar({ workdays: ["1", "2", "3", "4", "5"], holidayRegion: "GB-ENG" });
    expect(await loadDailyDigest(user.id, at("2026-12-28T09:00:00Z"))).toBeNull();
    const digest = await loadDailyDigest(user.id, at("2026-12-29T09:00:00Z"));
    expect(digest!.jobs).toEqual([expect.objectContaining({ id: job.id, opensOn: "2026-12-29" })]);
    expect(digest!.jobs[0]!.explanation).toContain("Fri 25 Dec and Mon 28 Dec are public holidays in England");
  });

  it("the calendar feed puts the call on Tue 29 Dec 2026", async () => {
    const { job } = await englandSeeker();
    await updateWorkingCalendar({ workdays: ["1", "2", "3", "4", "5"], holidayRegion: "GB-ENG" });
    const { token } = await createCalendarFeed();
    const result = await openCalendarFeed(token, testAddress(), at("2026-12-28T12:00:00Z"));
    expect(result.status).toBe("ok");
    const events = Object.values(ical.sync.parseICS((result as { body: string }).body)).filter((c): c is VEvent => c.type === "VEVENT");
    const stage = await db.stage.findFirstOrThrow({ where: { jobId: job.id } });
    const call = events.find((e) => e.uid === `followup-${stage.id}@callback`)!;
    // node-ical reads a DATE value as local midnight of the machine running it.
    const start = call.start as Date;
    expect(`${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, "0")}-${String(start.getDate()).padStart(2, "0")}`).toBe("2026-12-29");
    expect(call.description).toContain("public holidays in England");
  });
});
