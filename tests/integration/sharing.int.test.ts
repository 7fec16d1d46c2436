import { createHash, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { addComment, deleteComment } from "@/lib/data/comments";
import {
  acceptInvitation, getClientJob, getClientTimeline, getInvitation, inviteCoach, listClients, listGrantsGiven, revokeGrant,
} from "@/lib/data/grants";
import { addStage, archiveJob, createJob, getJob, logFollowUp } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { LIMITS } from "@/lib/data/rate-limit";
import { createShareLink, listPastShareLinks, listShareLinks, openSharedJob, openSharedTimeline, revokeShareLink } from "@/lib/data/shares";
import { listTimeline, type Timeline } from "@/lib/data/timeline";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, refusal, signInAs, signOut, uniqueEmail } from "./helpers";

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const address = () => `test-${randomUUID()}`;
const allJobs = (t: Timeline) => [...t.sections.due, ...t.sections.this_week, ...t.sections.waiting, ...t.sections.upcoming, ...t.sections.followed_up, ...t.sections.answered, ...t.sections.closed];

/** A signed-in job seeker with one job that has contact details, notes and a private stage note. */
async function seekerWithJob(overrides: Parameters<typeof newUser>[0] = {}) {
  const seeker = await newUser({ name: "Sam Seeker", ...overrides });
  await signInAs(seeker);
  const { id: jobId } = await createJob({
    company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(seeker.timeZone), -20),
    contactName: "Jane Contact", contactEmail: "jane@acme.example", notes: "Salary hopes: private",
  });
  await logFollowUp({ jobId, on: todayIn(seeker.timeZone), note: "Said they'd call back" });
  return { seeker, jobId };
}

/** `coach` accepts an invitation link from `seeker` (leaves `coach` signed in). */
async function connect(seeker: { id: string }, coach: { id: string; email: string }) {
  await signInAs(seeker);
  const invitation = await inviteCoach({ email: coach.email });
  await signInAs(coach);
  await acceptInvitation({ token: linkToken(invitation) }, address());
  return invitation.id;
}

describe("share link tokens", () => {
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it("are 256 random bits, stored only as their SHA-256, never in any column or log line", async () => {
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      spies.push(vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      spies.push(vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write));
    }

    const { seeker, jobId } = await seekerWithJob();
    const { id, token } = await createShareLink({ label: "Coach Carla" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const [row] = await db.$queryRaw<{ json: string }[]>`SELECT row_to_json(s)::text AS json FROM "ShareLink" s WHERE id = ${id}`;
    expect(row!.json).not.toContain(token);
    const stored = await db.shareLink.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    // Nowhere else in the database either.
    const [elsewhere] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM "User" u WHERE row_to_json(u)::text LIKE ${`%${token}%`})
           + (SELECT count(*) FROM "Job" j WHERE row_to_json(j)::text LIKE ${`%${token}%`})
           + (SELECT count(*) FROM "RateLimit" r WHERE row_to_json(r)::text LIKE ${`%${token}%`}) AS n`;
    expect(Number(elsewhere!.n)).toBe(0);

    // What the owner's page gets afterwards has no token and no hash.
    const listed = await listShareLinks();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(stored.tokenHash);

    signOut();
    expect(await openSharedTimeline(token, address())).not.toBeNull();
    expect(await openSharedJob(token, jobId, address())).not.toBeNull();
    await signInAs(seeker);
    await revokeShareLink({ linkId: id });
    expect(await openSharedTimeline(token, address())).toBeNull();

    expect(logged.join("\n")).not.toContain(token);
  });

  it("two links never share a token", async () => {
    await seekerWithJob();
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add((await createShareLink({ label: `Link ${i}` })).token);
    expect(tokens.size).toBe(20);
  });
});

describe("opening a link", () => {
  it("counts each view (timeline and job pages) in the link's open count and last-opened time", async () => {
    const { jobId } = await seekerWithJob();
    const { id, token } = await createShareLink({ label: "Coach" });
    expect((await listShareLinks()).find((l) => l.id === id)).toMatchObject({ openCount: 0, lastOpenedAt: null });
    const before = Date.now();
    await openSharedTimeline(token, address());
    await openSharedJob(token, jobId, address());
    const link = (await listShareLinks()).find((l) => l.id === id)!;
    expect(link.openCount).toBe(2);
    expect(Date.parse(link.lastOpenedAt!)).toBeGreaterThanOrEqual(before - 5_000);
  });

  it("without the box: no contact details, no private notes, no comments; with it: contacts and notes", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const coach = await newUser({ name: "Coach" });
    await connect(seeker, coach);
    await addComment({ clientId: seeker.id, jobId, body: "Nice follow-up." });
    await signInAs(seeker);
    const plain = await createShareLink({ label: "Plain" });
    const full = await createShareLink({ label: "Everything", includePrivate: "on" });
    signOut();

    const plainJob = (await openSharedJob(plain.token, jobId, address()))!.job;
    expect(plainJob).toMatchObject({ contactName: null, contactEmail: null, notes: "", comments: [] });
    expect(plainJob.stages.map((s) => s.note)).toEqual(["", ""]);
    const plainTimeline = (await openSharedTimeline(plain.token, address()))!;
    expect(allJobs(plainTimeline)[0]).toMatchObject({ contactName: null, notes: "", comments: [] });

    const fullJob = (await openSharedJob(full.token, jobId, address()))!.job;
    expect(fullJob).toMatchObject({ contactName: "Jane Contact", contactEmail: "jane@acme.example", notes: "Salary hopes: private", comments: [] });
    expect(fullJob.stages.map((s) => s.note)).toEqual(["", "Said they'd call back"]);
  });

  it("a revoked link stops on the very next request, and looks exactly like an unknown one", async () => {
    const { jobId } = await seekerWithJob();
    const { id, token } = await createShareLink({ label: "Coach" });
    expect(await openSharedTimeline(token, address())).not.toBeNull();
    await revokeShareLink({ linkId: id });
    expect(await openSharedTimeline(token, address())).toBeNull();
    expect(await openSharedJob(token, jobId, address())).toBeNull();
    expect(await openSharedTimeline("A".repeat(43), address())).toBeNull();
    expect(await openSharedTimeline("not even a token", address())).toBeNull();
    // Revoking twice: the link is gone for its owner too.
    expect((await refusal(revokeShareLink({ linkId: id }))).code).toBe("not_found");
    expect((await listShareLinks()).map((l) => l.id)).not.toContain(id);
    // It stays in the owner's history, with its use; opening it after the end counted nothing.
    expect((await listPastShareLinks()).find((l) => l.id === id)).toMatchObject({ label: "Coach", ended: "revoked", openCount: 1, lastOpenedAt: expect.any(String) });
  });

  it("lists revoked and expired links as history, the latest ended first", async () => {
    await seekerWithJob();
    const never = await createShareLink({ label: "Never opened" });
    const expired = await createShareLink({ label: "Expired" });
    await db.shareLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 86_400_000) } });
    await revokeShareLink({ linkId: never.id });
    const active = await createShareLink({ label: "Active" });
    const past = await listPastShareLinks();
    expect(past.map((l) => [l.label, l.ended, l.openCount, l.lastOpenedAt])).toEqual([
      ["Never opened", "revoked", 0, null],
      ["Expired", "expired", 0, null],
    ]);
    expect(past.map((l) => l.id)).not.toContain(active.id);
    expect((await listShareLinks()).map((l) => l.id)).toEqual([active.id]);
  });

  it("shows neither archived jobs nor another user's job through a valid link", async () => {
    const { jobId } = await seekerWithJob();
    const { token } = await createShareLink({ label: "Coach" });
    const shelved = await createJob({ company: "Shelved", role: "Analyst", appliedOn: addDays(todayIn(), -3) });
    await archiveJob({ jobId: shelved.id });
    const { jobId: othersJob } = await seekerWithJob({ name: "Someone else" });
    expect(await openSharedJob(token, shelved.id, address())).toBeNull();
    expect(await openSharedJob(token, othersJob, address())).toBeNull();
    expect(await openSharedJob(token, jobId, address())).not.toBeNull();
    const timeline = (await openSharedTimeline(token, address()))!;
    expect(timeline.archived).toEqual([]);
    expect(allJobs(timeline).map((j) => j.id)).toEqual([jobId]);
  });
});

describe("expanding a section of a shared timeline", () => {
  it("lists a whole section on request, and never the archived jobs", async () => {
    const { jobId } = await seekerWithJob();
    const closed = await createJob({ company: "Closed Co", role: "R", appliedOn: addDays(todayIn(), -10) });
    await addStage({ jobId: closed.id, kind: "rejected", on: todayIn() });
    const shelved = await createJob({ company: "Shelved", role: "R", appliedOn: addDays(todayIn(), -10) });
    await archiveJob({ jobId: shelved.id });
    const { token } = await createShareLink({ label: "Coach" });
    signOut();

    const plain = (await openSharedTimeline(token, address()))!;
    expect([plain.counts.closed, plain.sections.closed]).toEqual([1, []]);
    expect(allJobs(plain).map((j) => j.id)).toEqual([jobId]);
    const expanded = (await openSharedTimeline(token, address(), "closed"))!;
    expect(expanded.sections.closed.map((j) => j.id)).toEqual([closed.id]);
    const archived = (await openSharedTimeline(token, address(), "archived"))!;
    expect([archived.archived, archived.counts.archived]).toEqual([[], 0]);
  });
});

describe("link expiry", () => {
  it("works to the end of the chosen day in the owner's time zone, and not after", async () => {
    await signInAs(await newUser({ timeZone: "Asia/Tokyo" }));
    const { id } = await createShareLink({ label: "Tokyo", expiresOn: "2099-01-10" });
    // Midnight starting 11 January in Tokyo (UTC+9) is 15:00 UTC on the 10th.
    expect((await db.shareLink.findUniqueOrThrow({ where: { id } })).expiresAt?.toISOString()).toBe("2099-01-10T15:00:00.000Z");
    expect((await listShareLinks()).find((l) => l.id === id)?.expiresOn).toBe("2099-01-10");

    await signInAs(await newUser({ timeZone: "Europe/London" }));
    const summer = await createShareLink({ label: "London", expiresOn: "2099-07-10" });
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: summer.id } })).expiresAt?.toISOString()).toBe("2099-07-10T23:00:00.000Z");
  });

  it("a link expiring today still opens; a link past its expiry is listed nowhere and opens nothing", async () => {
    const { seeker } = await seekerWithJob({ timeZone: "Pacific/Kiritimati" });
    const today = await createShareLink({ label: "Today", expiresOn: todayIn(seeker.timeZone) });
    expect(await openSharedTimeline(today.token, address())).not.toBeNull();

    const old = await createShareLink({ label: "Old", expiresOn: addDays(todayIn(seeker.timeZone), 1) });
    await db.shareLink.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await openSharedTimeline(old.token, address())).toBeNull();
    expect((await listShareLinks()).map((l) => l.id)).toEqual([today.id]);
  });
});

describe("share link input", () => {
  it("refuses a missing or long label and a past or impossible expiry date, next to the field", async () => {
    const user = await newUser();
    await signInAs(user);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ label: "" }, "label", /required/],
      [{ label: "x".repeat(101) }, "label", /at most 100/],
      [{ label: "Coach", expiresOn: addDays(todayIn(), -1) }, "expiresOn", /past/],
      [{ label: "Coach", expiresOn: "2025-02-30" }, "expiresOn", /real date/],
    ];
    for (const [input, field, message] of cases) {
      const error = await refusal(createShareLink(input));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors[field]?.join(" "), JSON.stringify(input)).toMatch(message);
    }
    expect(await db.shareLink.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("guessing tokens", () => {
  it(`after ${LIMITS.shareTokenMissesPerAddress.max} misses an address is refused without its token being checked`, async () => {
    await seekerWithJob();
    const { id, token } = await createShareLink({ label: "Coach" });
    signOut();
    const guesser = address();
    for (let i = 0; i < LIMITS.shareTokenMissesPerAddress.max; i++) {
      expect(await openSharedTimeline(`${"x".repeat(33)}${String(i).padStart(10, "0")}`, guesser)).toBeNull();
    }
    // Now even the right token gets the same answer, and the link is not even touched.
    expect(await openSharedTimeline(token, guesser)).toBeNull();
    expect((await db.shareLink.findUniqueOrThrow({ where: { id } })).openCount).toBe(0);
    // Another address is not affected.
    expect(await openSharedTimeline(token, address())).not.toBeNull();
  });

  it(`caps views per address at ${LIMITS.shareTokenPerAddress.max} a minute`, async () => {
    await seekerWithJob();
    const { token } = await createShareLink({ label: "Coach" });
    const reader = address();
    for (let i = 0; i < LIMITS.shareTokenPerAddress.max; i++) expect(await openSharedTimeline(token, reader)).not.toBeNull();
    expect(await openSharedTimeline(token, reader)).toBeNull();
  });
});

describe("coach invitations", () => {
  it("a coach who signs up later (the invited address in any case) opens the link and accepts it", async () => {
    const { seeker } = await seekerWithJob();
    const email = uniqueEmail("later-coach");
    const invitation = await inviteCoach({ email: `  ${email.toUpperCase()} ` });
    expect(await listGrantsGiven()).toEqual([expect.objectContaining({ coachEmail: email, coachName: null, status: "pending" })]);

    const coach = await newUser({ name: "Carla Coach", email });
    await signInAs(coach);
    expect(await getInvitation(linkToken(invitation), address())).toMatchObject({ ownerName: "Sam Seeker", ownerEmail: seeker.email, own: false, alreadyCoaching: false });
    expect(await listClients()).toEqual([]);

    expect(await acceptInvitation({ token: linkToken(invitation) }, address())).toEqual({ clientId: seeker.id });
    expect((await listClients()).map((c) => c.id)).toEqual([seeker.id]);
    // Accepting twice finds nothing: the link is spent.
    expect((await refusal(acceptInvitation({ token: linkToken(invitation) }, address()))).code).toBe("not_found");

    await signInAs(seeker);
    expect(await listGrantsGiven()).toEqual([expect.objectContaining({ coachName: "Carla Coach", coachAccountEmail: email, status: "active" })]);
  });

  it("refuses the seeker's own email and an invalid one; inviting twice is one invitation", async () => {
    const seeker = await newUser();
    await signInAs(seeker);
    expect((await refusal(inviteCoach({ email: seeker.email }))).fieldErrors.email?.[0]).toMatch(/your own email/);
    expect((await refusal(inviteCoach({ email: "not-an-email" }))).fieldErrors.email?.[0]).toMatch(/valid email/);
    const email = uniqueEmail("coach");
    const first = await inviteCoach({ email });
    const second = await inviteCoach({ email });
    // Sent again: the same invitation with a new link; the first link no longer works.
    expect(second).toMatchObject({ id: first.id, status: "sent" });
    expect(linkToken(second)).not.toBe(linkToken(first));
    expect(await db.coachGrant.count({ where: { ownerId: seeker.id } })).toBe(1);
    await signInAs(await newUser());
    expect((await refusal(acceptInvitation({ token: linkToken(first) }, address()))).code).toBe("not_found");
  });

  it("removing a coach ends their access on their next request; re-inviting re-opens it as pending", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const coach = await newUser({ name: "Coach" });
    const grantId = await connect(seeker, coach);
    expect((await getClientTimeline(seeker.id)).ownerName).toBe("Sam Seeker");

    await signInAs(seeker);
    await revokeGrant({ grantId });
    expect(await listGrantsGiven()).toEqual([]);

    // Same session claims as before: the grant is read from the database, not the token.
    await signInAs(coach);
    expect((await refusal(getClientTimeline(seeker.id))).code).toBe("not_found");
    expect((await refusal(getClientJob(seeker.id, jobId))).code).toBe("not_found");
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "Still here?" }))).code).toBe("not_found");
    expect(await listClients()).toEqual([]);

    await signInAs(seeker);
    const again = await inviteCoach({ email: coach.email });
    expect(again).toMatchObject({ id: grantId, status: "sent" });
    expect(await db.coachGrant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({ revokedAt: null, acceptedAt: null, coachId: null });

    await signInAs(coach);
    expect((await refusal(getClientTimeline(seeker.id))).code).toBe("not_found");
    await acceptInvitation({ token: linkToken(again) }, address());
    expect((await getClientTimeline(seeker.id)).total).toBe(1);
  });

  it("a person can be a job seeker and a coach at once, and each side stays separate", async () => {
    const { seeker: alex, jobId: alexJob } = await seekerWithJob({ name: "Alex" });
    const { seeker: blair, jobId: blairJob } = await seekerWithJob({ name: "Blair" });
    await connect(alex, blair); // Blair coaches Alex
    await connect(blair, alex); // Alex coaches Blair

    await signInAs(alex);
    expect(allJobs(await listTimeline()).map((j) => j.id)).toEqual([alexJob]);
    expect((await listClients()).map((c) => c.name)).toEqual(["Blair"]);
    expect((await getClientJob(blair.id, blairJob)).job.notes).toBe("");
    // Coaching Blair gives Alex no owner's rights over Blair's job.
    expect((await refusal(getJob(blairJob))).code).toBe("not_found");
    expect((await refusal(getClientJob(blair.id, alexJob))).code).toBe("not_found");
  });
});

describe("client summaries", () => {
  it("count due, waiting and followed-up jobs per client in three queries, however many clients", async () => {
    const coach = await newUser({ name: "Busy Coach" });
    const seekers = [];
    for (const name of ["Ann", "Ben", "Cat"]) {
      const seeker = await newUser({ name });
      await signInAs(seeker);
      const today = todayIn();
      await createJob({ company: "Due Co", role: "R", appliedOn: addDays(today, -20) });
      await createJob({ company: "Waiting Co", role: "R", appliedOn: addDays(today, -1) });
      const followed = await createJob({ company: "Done Co", role: "R", appliedOn: addDays(today, -20) });
      await logFollowUp({ jobId: followed.id, on: today });
      const shelved = await createJob({ company: "Shelved Co", role: "R", appliedOn: addDays(today, -20) });
      await archiveJob({ jobId: shelved.id });
      seekers.push(seeker);
    }
    await connect(seekers[0]!, coach);
    await signInAs(coach);
    const one = await countSqlQueries(() => listClients());
    expect(one.result).toEqual([expect.objectContaining({ name: "Ann", due: 1, waiting: 1, followedUp: 1, active: 3 })]);

    await connect(seekers[1]!, coach);
    await connect(seekers[2]!, coach);
    const three = await countSqlQueries(() => listClients());
    expect(three.result.map((c) => [c.name, c.due, c.waiting, c.followedUp])).toEqual([["Ann", 1, 1, 1], ["Ben", 1, 1, 1], ["Cat", 1, 1, 1]]);
    expect(three.queries).toBe(one.queries);
  });
});

describe("comments", () => {
  it("the job seeker sees a coach's comment on their timeline and job; other coaches do not", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const carla = await newUser({ name: "Carla" });
    const dana = await newUser({ name: "Dana" });
    await connect(seeker, dana);
    await connect(seeker, carla);
    const { id } = await addComment({ clientId: seeker.id, jobId, body: "  Good call.\nTry again Friday.  " });
    expect((await getClientJob(seeker.id, jobId)).job.comments).toEqual([expect.objectContaining({ id, body: "Good call.\nTry again Friday.", mine: true })]);

    await signInAs(dana);
    expect((await getClientJob(seeker.id, jobId)).job.comments).toEqual([]);
    expect(allJobs(await getClientTimeline(seeker.id))[0]!.comments).toEqual([]);

    await signInAs(seeker);
    expect((await getJob(jobId)).comments).toEqual([expect.objectContaining({ id, authorName: "Carla", mine: false })]);
    expect(allJobs(await listTimeline())[0]!.comments.map((c) => c.id)).toEqual([id]);
  });

  it("a submission sent twice (double submit, retried request) adds one comment, even when both race", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const other = await createJob({ company: "Other", role: "Role", appliedOn: addDays(todayIn(), -2) });
    const coach = await newUser();
    await connect(seeker, coach);
    const requestId = randomUUID().replaceAll("-", "");
    const sent = { clientId: seeker.id, jobId, body: "Call them Friday.", requestId };
    const [a, b] = await Promise.all([addComment(sent), addComment(sent)]);
    expect(b.id).toBe(a.id);
    expect((await addComment(sent)).id).toBe(a.id);
    expect(await db.comment.count({ where: { jobId } })).toBe(1);
    // The same id on another job is a client's mistake: refused, nothing added there.
    expect((await refusal(addComment({ ...sent, jobId: other.id }))).code).toBe("invalid");
    expect(await db.comment.count({ where: { jobId: other.id } })).toBe(0);
    // A new submission (a new id, or none) is a new comment.
    await addComment({ ...sent, requestId: randomUUID().replaceAll("-", "") });
    await addComment({ clientId: seeker.id, jobId, body: "Call them Friday." });
    expect(await db.comment.count({ where: { jobId } })).toBe(3);
  });

  it("refuses an empty or over-long comment, the owner's own comment, and a comment on an archived job", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const coach = await newUser();
    await connect(seeker, coach);
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "   " }))).fieldErrors.body?.[0]).toMatch(/Write a comment/);
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "x".repeat(1001) }))).fieldErrors.body?.[0]).toMatch(/1000/);
    expect(await addComment({ clientId: seeker.id, jobId, body: "x".repeat(1000) })).toHaveProperty("id");

    await signInAs(seeker);
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "Note to self" }))).code).toBe("not_found");
    await archiveJob({ jobId });
    await signInAs(coach);
    expect((await refusal(addComment({ clientId: seeker.id, jobId, body: "Hello?" }))).code).toBe("not_found");
    expect(await db.comment.count({ where: { jobId } })).toBe(1);
  });

  it("only the author deletes a comment, and only while their grant is live", async () => {
    const { seeker, jobId } = await seekerWithJob();
    const coach = await newUser();
    const grantId = await connect(seeker, coach);
    const kept = await addComment({ clientId: seeker.id, jobId, body: "Keep" });
    const removed = await addComment({ clientId: seeker.id, jobId, body: "Remove" });
    await deleteComment({ commentId: removed.id });
    expect((await db.comment.findMany({ where: { jobId } })).map((c) => c.id)).toEqual([kept.id]);

    await signInAs(seeker);
    expect((await refusal(deleteComment({ commentId: kept.id }))).code).toBe("not_found");
    await revokeGrant({ grantId });
    await signInAs(coach);
    expect((await refusal(deleteComment({ commentId: kept.id }))).code).toBe("not_found");
    expect(await db.comment.count({ where: { id: kept.id } })).toBe(1);
  });
});
