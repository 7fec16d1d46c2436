import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addStage, archiveJob, createJob, deleteStage, getJob, logFollowUp, restoreJob, updateJob } from "@/lib/data/jobs";
import { listTimeline } from "@/lib/data/timeline";
import { addDays } from "@/lib/followup/dates";
import { newUser, refusal, signInAs, signOut } from "./helpers";

const todayIn = (timeZone = "Europe/London", now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);

/** Everything user A owns, as stored: jobs, every column, with their stages. */
const snapshot = (userId: string) =>
  db.job.findMany({ where: { userId }, include: { stages: { orderBy: { id: "asc" } }, comments: true }, orderBy: { id: "asc" } });

/** User A with an active job (applied, interview, follow-up) and an archived one. */
async function ownerWithJobs() {
  const today = todayIn();
  const owner = await newUser({ name: "Owner A" });
  await signInAs(owner);
  const active = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today, -30), contactName: "Jane" });
  const interview = await addStage({ jobId: active.id, kind: "interview", on: addDays(today, -10), answerInDays: "3" });
  const followUp = await logFollowUp({ jobId: active.id, on: addDays(today, -1) });
  const archived = await createJob({ company: "Globex", role: "Analyst", appliedOn: addDays(today, -40) });
  await archiveJob({ jobId: archived.id });
  return { owner, activeId: active.id, archivedId: archived.id, stageIds: [interview.id, followUp.id] };
}

/** Every write (and the one read) of lib/data/jobs, aimed at one job and one of its stages. */
function attacks(jobId: string, stageId: string, otherJobId?: string) {
  const today = todayIn();
  return {
    updateJob: () => updateJob({ jobId, company: "Hacked", role: "Hacked", appliedOn: addDays(today, -2), notes: "pwned" }),
    archiveJob: () => archiveJob({ jobId }),
    restoreJob: () => restoreJob({ jobId }),
    addStage: () => addStage({ jobId, kind: "rejected", on: today }),
    logFollowUp: () => logFollowUp({ jobId, on: today }),
    deleteStage: () => deleteStage({ jobId, stageId }),
    // The attacker's own job id with the victim's stage id must not work either.
    ...(otherJobId ? { "deleteStage via own job": () => deleteStage({ jobId: otherJobId, stageId }) } : {}),
    getJob: () => getJob(jobId),
  };
}

describe("another user's job", () => {
  it("every write and getJob refuse user A's ids as not found, and A's data is unchanged", async () => {
    const a = await ownerWithJobs();
    const before = await snapshot(a.owner.id);
    const b = await newUser({ name: "Intruder B" });
    await signInAs(b);
    const own = await createJob({ company: "B's own", role: "Role", appliedOn: addDays(todayIn(), -3) });

    for (const jobId of [a.activeId, a.archivedId]) {
      for (const stageId of a.stageIds) {
        for (const [name, attack] of Object.entries(attacks(jobId, stageId, own.id))) {
          const error = await refusal(attack());
          expect(error.code, `${name} on ${jobId === a.activeId ? "active" : "archived"} job`).toBe("not_found");
        }
      }
    }

    expect(await snapshot(a.owner.id)).toEqual(before);
    expect(before.flatMap((j) => j.stages)).toHaveLength(4);
    // B's own job was not touched either (no stage was moved onto it or deleted from it).
    expect(await db.stage.count({ where: { jobId: own.id } })).toBe(1);
    const timeline = await listTimeline();
    expect(timeline.total).toBe(1);
    expect(timeline.archived).toEqual([]);
  });

  it("says exactly what it says for an id that does not exist (no existence leak)", async () => {
    const a = await ownerWithJobs();
    const b = await newUser();
    await signInAs(b);

    const forOthers = await refusal(getJob(a.activeId));
    const forNobody = await refusal(getJob("cnotarealjobid000000000000"));
    const archiveOthers = await refusal(archiveJob({ jobId: a.activeId }));
    const archiveNobody = await refusal(archiveJob({ jobId: "cnotarealjobid000000000000" }));

    expect(forOthers.message).toBe(forNobody.message);
    expect(archiveOthers.message).toBe(archiveNobody.message);
  });
});

describe("anonymous visitor", () => {
  it("every write, getJob and listTimeline ask to sign in, and nothing changes", async () => {
    const a = await ownerWithJobs();
    const before = await snapshot(a.owner.id);
    const jobsBefore = await db.job.count();
    signOut();

    const calls = {
      ...attacks(a.activeId, a.stageIds[0]!),
      createJob: () => createJob({ company: "Anon", role: "Anon", appliedOn: addDays(todayIn(), -1) }),
      listTimeline: () => listTimeline(),
    };
    for (const [name, call] of Object.entries(calls)) {
      const error = await refusal(call());
      expect(error.code, name).toBe("unauthenticated");
    }
    // Also for the archived job, where restore would otherwise have an effect.
    expect((await refusal(restoreJob({ jobId: a.archivedId }))).code).toBe("unauthenticated");

    expect(await snapshot(a.owner.id)).toEqual(before);
    expect(await db.job.count()).toBe(jobsBefore);
  });
});
