import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addStage, archiveJob, createJob, getJob, logFollowUp, restoreJob } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { listTimeline, type Timeline } from "@/lib/data/timeline";
import { addDays, dayOfWeek } from "@/lib/followup/dates";
import { newUser, signInAs } from "./helpers";

const todayIn = (timeZone = "Europe/London", now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);

const SECTIONS = { due: "due", thisWeek: "this_week", waiting: "waiting", upcoming: "upcoming", followedUp: "followed_up", answered: "answered", closed: "closed" } as const;

/** Which section each company landed in, in the section's order. */
function placement(timeline: Timeline): Record<keyof typeof SECTIONS, string[]> {
  return Object.fromEntries(Object.entries(SECTIONS).map(([name, key]) => [name, timeline.sections[key].map((j) => j.company)])) as Record<keyof typeof SECTIONS, string[]>;
}

/** The latest Wednesday on or before `date`: fixes the weekday so window edges are exact. */
function wednesdayOnOrBefore(date: string): string {
  return addDays(date, -((dayOfWeek(date) - 3 + 7) % 7));
}

async function job(company: string, appliedOn: string) {
  return (await createJob({ company, role: "Engineer", appliedOn })).id;
}

describe("archive and restore", () => {
  it("an archived job leaves every section for `archived`; restoring brings it back", async () => {
    const today = todayIn();
    const user = await newUser();
    await signInAs(user);
    const kept = await job("Kept", addDays(today, -20));
    const shelved = await job("Shelved", addDays(today, -20));

    await archiveJob({ jobId: shelved });
    const archived = await listTimeline();
    expect(placement(archived)).toEqual({ due: ["Kept"], thisWeek: [], waiting: [], upcoming: [], followedUp: [], answered: [], closed: [] });
    // The default view counts archived jobs; asking for the section lists them.
    expect(archived.archived).toEqual([]);
    expect(archived.counts.archived).toBe(1);
    expect((await listTimeline(undefined, "archived")).archived).toEqual([{ id: shelved, company: "Shelved", role: "Engineer" }]);
    expect(archived.total).toBe(1);
    expect((await getJob(shelved)).archived).toBe(true);
    // Archived, not deleted: the history is still there.
    expect(await db.stage.count({ where: { jobId: shelved } })).toBe(1);

    await restoreJob({ jobId: shelved });
    const restored = await listTimeline();
    expect(placement(restored).due.sort()).toEqual(["Kept", "Shelved"]);
    expect(restored.counts.archived).toBe(0);
    expect((await listTimeline(undefined, "archived")).archived).toEqual([]);
    expect(restored.total).toBe(2);
    expect((await getJob(kept)).archived).toBe(false);
    expect((await getJob(shelved)).archived).toBe(false);
  });
});

describe("placement on the timeline, for a fixed now", () => {
  it("puts each job in exactly the section its plan says, with the window edges exact", async () => {
    // N is a Wednesday no later than today, so every applied date below is in the past.
    const N = wednesdayOnOrBefore(todayIn());
    const d = (offset: number) => addDays(N, offset);
    const now = new Date(`${N}T12:00:00Z`); // noon UTC is N in London too (UTC+0 or +1)
    const user = await newUser();
    await signInAs(user);

    await job("Due long ago", d(-30));
    await job("Due today", d(-7)); // Wed + 7 = Wed N: the window opens today
    await job("Opens tomorrow", d(-6)); // Thu + 7 = Thu N+1
    await job("Opens after a weekend", d(-4)); // Sat + 7 = Sat N+3, moved to Mon N+5
    const edge = await job("Opens in exactly 7 days", d(-20));
    await addStage({ jobId: edge, kind: "interview", on: d(-1), answerBy: d(6) }); // Tue + 1 = Wed N+7
    const later = await job("Opens in 8 days", d(-20));
    await addStage({ jobId: later, kind: "interview", on: d(-1), answerBy: d(7) }); // Wed + 1 = Thu N+8
    const upcoming = await job("Interview ahead", d(-10));
    await addStage({ jobId: upcoming, kind: "interview", on: d(5) });
    const followedUp = await job("Followed up", d(-20));
    await logFollowUp({ jobId: followedUp, on: d(-5) });
    const answered = await job("Answered", d(-20));
    await logFollowUp({ jobId: answered, on: d(-12) });
    await addStage({ jobId: answered, kind: "heard_back", on: d(-2) });
    const closed = await job("Rejected", d(-20));
    await addStage({ jobId: closed, kind: "rejected", on: d(-1) });
    const archived = await job("Archived", d(-30));
    await archiveJob({ jobId: archived });

    const timeline = await listTimeline(now);

    expect(timeline.today).toBe(N);
    expect(placement(timeline)).toEqual({
      due: ["Due long ago", "Due today"],
      thisWeek: ["Opens tomorrow", "Opens after a weekend", "Opens in exactly 7 days"],
      waiting: ["Opens in 8 days"],
      upcoming: ["Interview ahead"],
      followedUp: ["Followed up"],
      answered: ["Answered"],
      // Closed jobs are only counted by default; the closed section lists them on request.
      closed: [],
    });
    expect(timeline.counts.closed).toBe(1);
    expect((await listTimeline(now, "closed")).sections.closed.map((j) => j.company)).toEqual(["Rejected"]);
    expect(timeline.sections.this_week.map((j) => j.plan.opensOn)).toEqual([d(1), d(5), d(7)]);
    expect(timeline.sections.waiting[0]!.plan.opensOn).toBe(d(8));
    expect(timeline.sections.due[1]!.plan.opensOn).toBe(N);
    expect(timeline.counts.archived).toBe(1);
    expect((await listTimeline(now, "archived")).archived.map((j) => j.company)).toEqual(["Archived"]);
    expect(timeline.total).toBe(10);

    // The same jobs a day later: `now` is what decides, not the clock.
    const tomorrow = placement(await listTimeline(new Date(`${d(1)}T12:00:00Z`)));
    expect(tomorrow.due).toEqual(["Due long ago", "Due today", "Opens tomorrow"]);
    expect(tomorrow.thisWeek).toEqual(["Opens after a weekend", "Opens in exactly 7 days", "Opens in 8 days"]);
  });
});

describe("query count", () => {
  it("does not grow with the number of jobs", async () => {
    const today = todayIn();
    const user = await newUser();
    await signInAs(user);
    const addJob = async (i: number) => {
      const id = await job(`Company ${String(i).padStart(2, "0")}`, addDays(today, -(i % 30) - 5));
      // A varied history, so stages and follow-ups are loaded for many jobs.
      if (i % 3 === 0) await addStage({ jobId: id, kind: "interview", on: addDays(today, (i % 7) - 3), answerInDays: "2" });
      if (i % 4 === 1) await logFollowUp({ jobId: id, on: today });
      return id;
    };
    const first = await addJob(0);
    await addJob(1);
    // One comment, so the comment authors are loaded in both measurements.
    await db.comment.create({ data: { jobId: first, authorId: user.id, body: "Note to self" } });

    const small = await countSqlQueries(() => listTimeline());
    for (let i = 2; i < 60; i++) await addJob(i);
    const large = await countSqlQueries(() => listTimeline());

    expect(small.result.total).toBe(2);
    expect(large.result.total).toBe(60);
    expect(large.result.sections.due.length + large.result.sections.followed_up.length).toBeGreaterThan(10);
    expect(large.queries).toBe(small.queries);
    // The session check, the placement of every job in a section (which also counts stale
    // snapshots), then the shown jobs with their stages, comments and authors (one statement).
    expect(small.queries).toBe(3);
  });
});

describe("time zones", () => {
  it("users in UTC+14 and UTC-11 see different todays for the same instant, as Intl computes them", async () => {
    const kiritimati = await newUser({ timeZone: "Pacific/Kiritimati" });
    const pagoPago = await newUser({ timeZone: "Pacific/Pago_Pago" });
    const fixed = new Date("2026-01-15T10:30:00Z");

    for (const now of [fixed, new Date()]) {
      await signInAs(kiritimati);
      const east = await listTimeline(now);
      await signInAs(pagoPago);
      const west = await listTimeline(now);
      expect(east.today).toBe(todayIn("Pacific/Kiritimati", now));
      expect(west.today).toBe(todayIn("Pacific/Pago_Pago", now));
      expect(east.today > west.today).toBe(true);
      expect(east.timeZone).toBe("Pacific/Kiritimati");
    }
    await signInAs(kiritimati);
    expect((await listTimeline(fixed)).today).toBe("2026-01-16");
    await signInAs(pagoPago);
    expect((await listTimeline(fixed)).today).toBe("2026-01-14");
  });

  it("the same application date is due in Kiritimati while Pago Pago is still waiting", async () => {
    // Applied on a Wednesday at least two weeks ago: the window opens on the Wednesday after.
    const appliedOn = wednesdayOnOrBefore(addDays(todayIn("Pacific/Pago_Pago"), -14));
    const opensOn = addDays(appliedOn, 7);
    // 10:30 UTC on the day before: already the opening day (00:30) in Kiritimati, still
    // the day before that (23:30) in Pago Pago.
    const now = new Date(`${addDays(opensOn, -1)}T10:30:00Z`);
    const kiritimati = await newUser({ timeZone: "Pacific/Kiritimati" });
    const pagoPago = await newUser({ timeZone: "Pacific/Pago_Pago" });

    await signInAs(kiritimati);
    await job("Same job", appliedOn);
    const east = await listTimeline(now);
    await signInAs(pagoPago);
    await job("Same job", appliedOn);
    const west = await listTimeline(now);

    expect(east.today).toBe(opensOn);
    expect(placement(east).due).toEqual(["Same job"]);
    expect(west.today).toBe(addDays(opensOn, -2));
    expect(placement(west).thisWeek).toEqual(["Same job"]);
    expect(west.sections.this_week[0]!.plan.opensOn).toBe(opensOn);
  });

  it("an application dated today in Kiritimati is accepted there and in the future for Pago Pago", async () => {
    const now = new Date();
    const eastToday = todayIn("Pacific/Kiritimati", now);
    const kiritimati = await newUser({ timeZone: "Pacific/Kiritimati" });
    const pagoPago = await newUser({ timeZone: "Pacific/Pago_Pago" });

    await signInAs(kiritimati);
    const { id } = await createJob({ company: "East", role: "Engineer", appliedOn: eastToday });
    await signInAs(pagoPago);
    const error = await createJob({ company: "West", role: "Engineer", appliedOn: eastToday }).catch((e) => e);

    expect((await db.stage.findFirstOrThrow({ where: { jobId: id } })).on.toISOString().slice(0, 10)).toBe(eastToday);
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { appliedOn: ["The date you applied cannot be in the future."] } });
    expect(await db.job.count({ where: { userId: pagoPago.id } })).toBe(0);
  });
});

describe("the default view stays the same size", () => {
  it("shows at most a page of each section, counts the rest, and lists a whole section on request", async () => {
    const user = await newUser();
    await signInAs(user);
    const today = todayIn();
    const { createJob } = await import("@/lib/data/jobs");
    for (let i = 0; i < 40; i++) await createJob({ company: `Bulk ${i}`, role: "Analyst", appliedOn: addDays(today, -30 - i) });

    const overview = await listTimeline();
    expect(overview.counts.due).toBe(40);
    expect(overview.sections.due).toHaveLength(10);
    // Oldest window first: the call that has waited longest.
    expect(overview.sections.due[0]!.company).toBe("Bulk 39");
    const all = await listTimeline(undefined, "due");
    expect(all.sections.due).toHaveLength(40);
    expect(all.expanded).toBe("due");
  });

  it("recomputes a missing plan snapshot (seeded rows, older rules) before placing the job", async () => {
    const user = await newUser();
    await signInAs(user);
    const today = todayIn();
    const jobId = await job("Seeded", addDays(today, -20));
    await db.job.update({ where: { id: jobId }, data: { planVersion: null, planPhase: null, planOpensOn: null, planStageOn: null } });
    const timeline = await listTimeline();
    expect(timeline.sections.due.map((j) => j.company)).toEqual(["Seeded"]);
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).planPhase).toBe("open");
  });
});
