import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addStage, createJob, getJob, logFollowUp } from "@/lib/data/jobs";
import { addDays } from "@/lib/followup/dates";
import { newUser, refusal, signInAs } from "./helpers";

// "Today" as the user sees it (newUser defaults to Europe/London), computed independently
// of the data layer so a zone mistake there shows up here.
const todayIn = (timeZone = "Europe/London", now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
// "Thu 12 Mar" ("Fri 26 Dec 2025" outside this year), the way the follow-up rules write a date.
const dayMonth = (date: string, today = todayIn()) => {
  const at = new Date(`${date}T00:00:00Z`);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...options }).format(at);
  const day = `${part({ weekday: "short" })} ${at.getUTCDate()} ${part({ month: "short" }).slice(0, 3)}`;
  return date.slice(0, 4) === today.slice(0, 4) ? day : `${day} ${date.slice(0, 4)}`;
};

async function signedInWithJob(appliedOn: string) {
  const user = await newUser();
  await signInAs(user);
  const { id } = await createJob({ company: "Acme", role: "Engineer", appliedOn });
  return { user, jobId: id };
}

const followUpRows = (jobId: string) => db.stage.findMany({ where: { jobId, kind: "follow_up" }, orderBy: { on: "asc" } });

describe("one follow-up per stage, under concurrency", () => {
  it("50 concurrent follow-ups on the same stage store exactly one; the other 49 are told they already followed up", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -14));
    const on = addDays(today, -1);

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => logFollowUp({ jobId, on, channel: "phone" })));

    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const rows = await followUpRows(jobId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe((accepted[0] as PromiseFulfilledResult<{ id: string }>).value.id);
    // Applied two weeks ago: the window had opened, so this is not an early call.
    expect(rows[0]!.early).toBe(false);
    for (const error of refused) {
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe("already_followed_up");
      expect(error.message).toContain(`on ${dayMonth(on)}`);
      expect(error.message).toMatch(/just once/);
    }
  });

  it("with 50 different dates and request ids, every refusal names the date of the follow-up that was stored", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -14));
    const dates = Array.from({ length: 50 }, (_, i) => addDays(today, -(i % 5)));

    const results = await Promise.allSettled(dates.map((on, i) => logFollowUp({ jobId, on, requestId: `concurrent-${i}` })));

    const rows = await followUpRows(jobId);
    expect(rows).toHaveLength(1);
    const stored = rows[0]!.on.toISOString().slice(0, 10);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "fulfilled") continue;
      expect(r.reason).toMatchObject({ code: "already_followed_up" });
      expect(r.reason.message).toBe(`You already followed up on this application on ${dayMonth(stored)}. The advice is to follow up just once.`);
    }
  });
});

describe("the follow-up rules, through the data layer", () => {
  it("a new interview opens a new stage with its own follow-up; a third follow-up is refused", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -30));

    const first = await logFollowUp({ jobId, on: addDays(today, -20) });
    const interview = await addStage({ jobId, kind: "interview", on: addDays(today, -10) });
    const second = await logFollowUp({ jobId, on: addDays(today, -2) });
    const third = await refusal(logFollowUp({ jobId, on: addDays(today, -1) }));

    expect(second.id).not.toBe(first.id);
    expect(third.code).toBe("already_followed_up");
    expect(third.message).toBe(`You already followed up on this interview on ${dayMonth(addDays(today, -2))}. The advice is to follow up just once.`);
    // A late entry for the application's stage is refused too: that stage is spent as well.
    const backdated = await refusal(logFollowUp({ jobId, on: addDays(today, -15) }));
    expect(backdated.code).toBe("already_followed_up");
    expect(backdated.message).toContain(`application on ${dayMonth(addDays(today, -20))}`);

    const rows = await followUpRows(jobId);
    const applied = await db.stage.findFirstOrThrow({ where: { jobId, kind: "applied" } });
    expect(rows.map((r) => [r.id, r.forStageId])).toEqual([
      [first.id, applied.id],
      [second.id, interview.id],
    ]);
    const job = await getJob(jobId);
    expect(job.plan.status).toBe("followed_up");
    expect(job.plan.stage?.id).toBe(interview.id);
  });

  it("an early follow-up is accepted, stored with early=true, and still uses up the stage", async () => {
    const today = todayIn();
    // Applied three days ago: the window opens a week after applying, on a weekday.
    const { jobId } = await signedInWithJob(addDays(today, -3));

    const result = await logFollowUp({ jobId, on: today, channel: "email", note: "Couldn't wait." });

    expect(result.early).toBe(true);
    const rows = await followUpRows(jobId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: result.id, early: true, channel: "email", note: "Couldn't wait." });
    const job = await getJob(jobId);
    expect(job.plan.status).toBe("followed_up");
    expect(job.plan.early).toBe(true);
    expect(job.plan.explanation).toMatch(/still counts as your one follow-up/);

    const again = await refusal(logFollowUp({ jobId, on: today }));
    expect(again.code).toBe("already_followed_up");
    expect(await followUpRows(jobId)).toHaveLength(1);
  });

  it("a follow-up on a closed job, one dated before the application, or one in the future is refused on the date field", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -20));
    const beforeApplying = await refusal(logFollowUp({ jobId, on: addDays(today, -21) }));
    const future = await refusal(logFollowUp({ jobId, on: addDays(today, 1) }));
    await addStage({ jobId, kind: "rejected", on: addDays(today, -5) });
    const closed = await refusal(logFollowUp({ jobId, on: addDays(today, -1) }));

    for (const error of [beforeApplying, future, closed]) {
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors.on?.[0]).toBe(error.message);
    }
    expect(future.message).toMatch(/after today/);
    expect(closed.message).toMatch(/closed/);
    expect(await followUpRows(jobId)).toHaveLength(0);
  });
});

describe("double submit", () => {
  it("createJob twice with the same request id creates one job", async () => {
    const user = await newUser();
    await signInAs(user);
    const input = { company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(), -1), requestId: "form-1" };

    const first = await createJob(input);
    const second = await createJob(input);

    expect(second.id).toBe(first.id);
    expect(await db.job.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.stage.count({ where: { jobId: first.id } })).toBe(1);
  });

  it("ten concurrent createJob calls with the same request id create one job", async () => {
    const user = await newUser();
    await signInAs(user);
    const input = { company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(), -1), requestId: "double-click" };

    const results = await Promise.all(Array.from({ length: 10 }, () => createJob(input)));

    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.job.count({ where: { userId: user.id } })).toBe(1);
  });

  it("the same request id from two different users creates a job for each", async () => {
    const appliedOn = addDays(todayIn(), -1);
    const a = await newUser();
    await signInAs(a);
    const jobA = await createJob({ company: "Acme", role: "Engineer", appliedOn, requestId: "shared-id" });
    const b = await newUser();
    await signInAs(b);
    const jobB = await createJob({ company: "Acme", role: "Engineer", appliedOn, requestId: "shared-id" });

    expect(jobB.id).not.toBe(jobA.id);
    expect(await db.job.count({ where: { userId: b.id } })).toBe(1);
  });

  it("logFollowUp replayed with the same request id returns the same id, without an error, and stores one row", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -10));
    const input = { jobId, on: today, requestId: "follow-up-form-1" };

    const first = await logFollowUp(input);
    const replay = await logFollowUp(input);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => logFollowUp(input)));

    expect(replay).toEqual(first);
    expect(concurrent.every((r) => r.id === first.id)).toBe(true);
    expect(await followUpRows(jobId)).toHaveLength(1);
  });

  it("concurrent first submissions of one follow-up form resolve to the same row", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -10));
    const input = { jobId, on: today, requestId: "double-click" };

    const results = await Promise.all(Array.from({ length: 8 }, () => logFollowUp(input)));

    const rows = await followUpRows(jobId);
    expect(rows).toHaveLength(1);
    expect(results.map((r) => r.id)).toEqual(Array(8).fill(rows[0]!.id));
  });

  it("addStage replayed with the same request id returns the same stage", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob(addDays(today, -10));
    const input = { jobId, kind: "interview", on: addDays(today, 3), requestId: "stage-form-1" };

    const first = await addStage(input);
    const replay = await addStage(input);

    expect(replay.id).toBe(first.id);
    expect(await db.stage.count({ where: { jobId, kind: "interview" } })).toBe(1);
  });
});
