import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addStage, createJob, deleteStage, getJob, logFollowUp, updateJob } from "@/lib/data/jobs";
import { addDays } from "@/lib/followup/dates";
import { newUser, refusal, signInAs } from "./helpers";

const todayIn = (timeZone = "Europe/London", now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

async function signedInWithJob(fields: Record<string, string> = {}) {
  const user = await newUser();
  await signInAs(user);
  const { id } = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(), -20), ...fields });
  return { user, jobId: id };
}

describe("a promised answer in N days", () => {
  it.each([
    ["3 days after an interview ahead", 5, "3", 8],
    ["0 days: the same day", -2, "0", -2],
    ["90 days, the most allowed", -2, "90", 88],
  ])("turns %s into the date answerBy", async (_label, interviewOffset, answerInDays, answerOffset) => {
    const today = todayIn();
    const { jobId } = await signedInWithJob();
    const on = addDays(today, interviewOffset);

    const { id } = await addStage({ jobId, kind: "interview", on, answerInDays });

    const row = await db.stage.findUniqueOrThrow({ where: { id } });
    expect(day(row.answerBy)).toBe(addDays(today, answerOffset));
    expect((await getJob(jobId)).stages.find((s) => s.id === id)!.answerBy).toBe(addDays(today, answerOffset));
  });

  it("counts across a month end and into a leap day", async () => {
    const { jobId } = await signedInWithJob({ appliedOn: "2024-01-15" });
    const feb = await addStage({ jobId, kind: "interview", on: "2024-02-27", answerInDays: "3" });
    const leap = await addStage({ jobId, kind: "interview", on: "2024-02-26", answerInDays: "3" });
    const rows = await db.stage.findMany({ where: { id: { in: [feb.id, leap.id] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, day(r.answerBy)]))).toEqual({ [feb.id]: "2024-03-01", [leap.id]: "2024-02-29" });
  });

  it("a promised date opens the follow-up window the first weekday after it", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob();
    const on = addDays(today, -3);
    await addStage({ jobId, kind: "interview", on, answerInDays: "1" });

    const job = await getJob(jobId);
    expect(job.plan.rule).toBe("after_interview_deadline");
    // answerBy + 1 day, moved off a weekend: today - 1, today, or today + 1 (Sat -> Mon).
    const opens = job.plan.opensOn!;
    expect([addDays(today, -1), today, addDays(today, 1)]).toContain(opens);
    expect(job.plan.status).toBe(opens <= today ? "due" : "waiting");
  });
});

describe("createJob and updateJob", () => {
  it("stores every field and the applied stage, and getJob returns them with a plan", async () => {
    const today = todayIn();
    const { user, jobId } = await signedInWithJob({
      sourceUrl: "https://jobs.example.test/42",
      contactName: "Jane Doe",
      contactEmail: "Jane@Example.test",
      contactPhone: "+44 (0)20 7946 0000",
      notes: "  Referred by Sam.  ",
    });

    const job = await getJob(jobId);
    expect(job).toMatchObject({
      id: jobId,
      company: "Acme",
      role: "Engineer",
      sourceUrl: "https://jobs.example.test/42",
      contactName: "Jane Doe",
      contactEmail: "jane@example.test",
      contactPhone: "+44 (0)20 7946 0000",
      notes: "Referred by Sam.",
      archived: false,
      today,
    });
    expect(job.stages.map((s) => [s.kind, s.on])).toEqual([["applied", addDays(today, -20)]]);
    expect(job.plan.status).toBe("due");
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).userId).toBe(user.id);
  });

  it("updateJob changes the fields and moves the applied date in one go", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob({ contactName: "Jane" });

    await updateJob({ jobId, company: "Acme Ltd", role: "Senior Engineer", appliedOn: addDays(today, -3), contactName: "John", notes: "moved" });

    const job = await getJob(jobId);
    expect(job).toMatchObject({ company: "Acme Ltd", role: "Senior Engineer", contactName: "John", notes: "moved" });
    expect(job.stages.map((s) => [s.kind, s.on])).toEqual([["applied", addDays(today, -3)]]);
    expect(job.plan.status).toBe("waiting");
  });

  it("updateJob clears an optional field the user emptied", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob({
      sourceUrl: "https://jobs.example.test/42",
      contactName: "Jane",
      contactPhone: "0123 456",
      contactEmail: "jane@example.test",
    });

    // An edit form posts every field; an emptied input arrives as "".
    await updateJob({ jobId, company: "Acme", role: "Engineer", appliedOn: addDays(today, -20), sourceUrl: "", contactName: "", contactPhone: "", contactEmail: "", notes: "" });

    const row = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(
      { sourceUrl: row.sourceUrl, contactName: row.contactName, contactPhone: row.contactPhone, contactEmail: row.contactEmail },
      "BUG lib/data/jobs.ts updateJob: optionalText turns \"\" into undefined and Prisma skips undefined, so a cleared field keeps its old value",
    ).toEqual({ sourceUrl: null, contactName: null, contactPhone: null, contactEmail: null });
  });
});

describe("moving the applied date", () => {
  it("refuses a date after a later stage, so the plan and logFollowUp cannot disagree", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob({ appliedOn: addDays(today, -20) });
    await logFollowUp({ jobId, on: addDays(today, -15) });
    const before = await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { stages: true } });

    // addStage refuses anything dated before the application; the edit must keep that true.
    const error = await updateJob({ jobId, company: "Acme", role: "Engineer", appliedOn: addDays(today, -10) }).catch((e: unknown) => e);

    const after = await getJob(jobId);
    const logged = await logFollowUp({ jobId, on: today }).catch((e: AppError) => e);
    expect(
      { code: (error as AppError | undefined)?.code, field: (error as AppError | undefined)?.fieldErrors?.appliedOn?.length ?? 0 },
      `BUG lib/data/jobs.ts updateJob: the applied date moved after the follow-up; the plan now says "${after.plan.status}" ` +
        `while logFollowUp answers ${JSON.stringify((logged as AppError).message ?? logged)}`,
    ).toEqual({ code: "invalid", field: 1 });
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId }, include: { stages: true } })).toEqual(before);
  });
});

describe("deleteStage", () => {
  it("removes a stage entered by mistake, but never the application itself", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob();
    const interview = await addStage({ jobId, kind: "interview", on: addDays(today, -5) });
    const applied = await db.stage.findFirstOrThrow({ where: { jobId, kind: "applied" } });

    const error = await refusal(deleteStage({ jobId, stageId: applied.id }));
    expect(error.code).toBe("invalid");
    await deleteStage({ jobId, stageId: interview.id });

    const rows = await db.stage.findMany({ where: { jobId } });
    expect(rows.map((r) => r.id)).toEqual([applied.id]);
  });

  it("deleting a mistaken follow-up gives the stage its follow-up back", async () => {
    const today = todayIn();
    const { jobId } = await signedInWithJob();
    const wrong = await logFollowUp({ jobId, on: addDays(today, -2) });
    await deleteStage({ jobId, stageId: wrong.id });

    const right = await logFollowUp({ jobId, on: addDays(today, -1) });

    expect(right.id).not.toBe(wrong.id);
    const rows = await db.stage.findMany({ where: { jobId, kind: "follow_up" } });
    expect(rows.map((r) => [r.id, day(r.on)])).toEqual([[right.id, addDays(today, -1)]]);
  });
});
