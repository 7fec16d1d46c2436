import { describe, expect, it } from "vitest";
import { addComment } from "@/lib/data/comments";
import { acceptInvitation, inviteCoach } from "@/lib/data/grants";
import { addStage, archiveJob, createJob, jobInclude, jobRowOf, jobRowsByIds, logFollowUp, toJobDTO } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { DEFAULT_CALENDAR_SETTINGS } from "@/lib/data/working-calendar";
import { db } from "@/lib/db";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, signInAs, testAddress } from "./helpers";

// The timeline loads the jobs it shows with one hand-written statement (jobRowsByIds) instead of
// Prisma's findMany with includes. Whatever a job holds, both must give the same job to the page.

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

describe("jobRowsByIds", () => {
  it("gives every job exactly what Prisma's findMany with jobInclude gives, in one statement", async () => {
    const owner = await newUser();
    const coach = await newUser({ name: `Coach "Ana" O'Brien — 教练` });
    const t = today();
    await signInAs(owner);
    const plain = await createJob({ company: "Plain Co", role: "Clerk", appliedOn: addDays(t, -3) });
    const full = await createJob({
      company: `Quote "Co" & <Sons> \\ 'Ltd' ☕`, role: "Engineer\u00a0II", appliedOn: addDays(t, -30),
      sourceUrl: "https://example.com/jobs/1?a=b&c=d", contactName: "Sam Rivera", contactPhone: "+44 20 7946 0000",
      contactEmail: "sam@example.com", notes: "Line one\nLine two, with a tab\tand an emoji 🎉",
    });
    await addStage({ jobId: full.id, kind: "interview", on: addDays(t, -20), time: "14:30", withWhom: "Priya Shah", answerBy: addDays(t, -15) });
    await logFollowUp({ jobId: full.id, on: addDays(t, -12), channel: "email", note: "Asked for an update." });
    await addStage({ jobId: full.id, kind: "heard_back", on: addDays(t, -10) });
    await addStage({ jobId: full.id, kind: "interview", on: addDays(t, -10) }); // same day as another stage: order by creation
    const archived = await createJob({ company: "Gone", role: "Tester", appliedOn: addDays(t, -40) });
    await archiveJob({ jobId: archived.id });
    const invitation = await inviteCoach({ email: coach.email });
    await signInAs(coach);
    await acceptInvitation({ token: linkToken(invitation) }, testAddress());
    await addComment({ clientId: owner.id, jobId: full.id, body: "First — call Priya." });
    await addComment({ clientId: owner.id, jobId: full.id, body: `Second, with "quotes" and a newline\nhere.` });

    const ids = [plain.id, full.id, archived.id];
    const prismaRows = await db.job.findMany({ where: { id: { in: ids } }, include: jobInclude });
    const { result: rawRows, queries } = await countSqlQueries(() => jobRowsByIds(ids));
    expect(queries).toBe(1);

    const dto = (rows: Parameters<typeof toJobDTO>[0][], viewerId: string) =>
      [...rows].sort((a, b) => a.id.localeCompare(b.id)).map((row) => toJobDTO(row, t, DEFAULT_CALENDAR_SETTINGS, { contacts: true, notes: true }, viewerId));
    expect(rawRows).toHaveLength(3);
    expect(dto(rawRows, owner.id)).toEqual(dto(prismaRows, owner.id));
    expect(dto(rawRows, coach.id)).toEqual(dto(prismaRows, coach.id));
    // And the details a mistake would most likely lose:
    const fullJob = dto(rawRows, coach.id).find((j) => j.id === full.id)!;
    expect(fullJob.stages.map((s) => s.kind)).toEqual(["applied", "interview", "follow_up", "heard_back", "interview"]);
    expect(fullJob.stages[1]).toMatchObject({ time: "14:30", withWhom: "Priya Shah", answerBy: addDays(t, -15) });
    expect(fullJob.comments.map((c) => [c.authorName, c.mine])).toEqual([[coach.name, true], [coach.name, true]]);
    expect(fullJob.company).toBe(`Quote "Co" & <Sons> \\ 'Ltd' ☕`);
  });

  it("returns nothing for no ids or unknown ids, without a query for none", async () => {
    expect(await countSqlQueries(() => jobRowsByIds([]))).toEqual({ result: [], queries: 0 });
    expect(await jobRowsByIds(["no-such-job"])).toEqual([]);
  });

  it("jobRowOf gives one job only with its owner in the condition, and no archived one when asked for a live one", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const t = today();
    await signInAs(owner);
    const live = await createJob({ company: "Live Co", role: "Clerk", appliedOn: addDays(t, -3) });
    const archived = await createJob({ company: "Gone Co", role: "Clerk", appliedOn: addDays(t, -3) });
    await archiveJob({ jobId: archived.id });

    const { result, queries } = await countSqlQueries(() => jobRowOf(owner.id, live.id));
    expect(queries).toBe(1);
    expect(result).toMatchObject({ id: live.id, company: "Live Co", archivedAt: null });
    expect(await jobRowOf(stranger.id, live.id), "another user's job").toBeNull();
    expect(await jobRowOf(owner.id, "no-such-job")).toBeNull();
    expect((await jobRowOf(owner.id, archived.id))?.archivedAt).toBeInstanceOf(Date);
    expect(await jobRowOf(owner.id, archived.id, { live: true }), "archived, asked for a live one").toBeNull();
    expect((await jobRowOf(owner.id, live.id, { live: true }))?.id).toBe(live.id);
  });
});
