import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getFeed } from "@/app/api/calendar/[token]/route";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { deleteAccount } from "@/lib/data/account";
import { createCalendarFeed } from "@/lib/data/calendar";
import { addComment } from "@/lib/data/comments";
import { acceptInvitation, getClientJob, getClientTimeline, inviteCoach, listClients, listGrantsGiven } from "@/lib/data/grants";
import { addStage, createJob, logFollowUp } from "@/lib/data/jobs";
import { LIMITS, hit } from "@/lib/data/rate-limit";
import { getViewer, viewerFromClaims } from "@/lib/data/session";
import { createShareLink } from "@/lib/data/shares";
import { verifyCredentials } from "@/lib/data/users";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, signInAs, signOut, testAddress, uniqueEmail } from "./helpers";

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
type User = Awaited<ReturnType<typeof newUser>>;

/** A full life in the app: jobs with history, a link, a feed, a coach, a client, comments both ways, digests. */
async function populate(user: User, coach: User, client: User) {
  await signInAs(user);
  const { id: jobId } = await createJob({ company: `Acme ${user.name}`, role: "Engineer", appliedOn: addDays(today(), -20), notes: "private" });
  await addStage({ jobId, kind: "interview", on: addDays(today(), -12), withWhom: "Jane", answerInDays: "2" });
  await logFollowUp({ jobId, on: today() });
  await createJob({ company: `Initech ${user.name}`, role: "Analyst", appliedOn: addDays(today(), -3) });
  await createShareLink({ label: "For my coach" });
  const { token } = await createCalendarFeed();
  const invitation = await inviteCoach({ email: coach.email });
  await inviteCoach({ email: uniqueEmail("pending-coach") });
  await db.digestDelivery.create({ data: { userId: user.id, kind: "daily", day: new Date(`${today()}T00:00:00Z`) } });

  await signInAs(coach);
  await acceptInvitation({ token: linkToken(invitation) }, testAddress());
  await addComment({ clientId: user.id, jobId, body: `From coach ${coach.name}` });

  await signInAs(client);
  const { id: clientJobId } = await createJob({ company: `Client job of ${client.name}`, role: "Clerk", appliedOn: addDays(today(), -5) });
  const clientInvitation = await inviteCoach({ email: user.email });
  await signInAs(user);
  await acceptInvitation({ token: linkToken(clientInvitation) }, testAddress());
  await addComment({ clientId: client.id, jobId: clientJobId, body: `From ${user.name} as a coach` });
  return { jobId, token, clientJobId };
}

/** Rows per table that belong to `userId`, as the brief lists them. */
async function countsOf(userId: string) {
  const [users, jobs, stages, commentsWritten, commentsOnJobs, shareLinks, grantsGiven, grantsHeld, digests, feeds] = await Promise.all([
    db.user.count({ where: { id: userId } }),
    db.job.count({ where: { userId } }),
    db.stage.count({ where: { job: { userId } } }),
    db.comment.count({ where: { authorId: userId } }),
    db.comment.count({ where: { job: { userId } } }),
    db.shareLink.count({ where: { userId } }),
    db.coachGrant.count({ where: { ownerId: userId } }),
    db.coachGrant.count({ where: { coachId: userId } }),
    db.digestDelivery.count({ where: { userId } }),
    db.user.count({ where: { id: userId, feedTokenHash: { not: null } } }),
  ]);
  return { users, jobs, stages, commentsWritten, commentsOnJobs, shareLinks, grantsGiven, grantsHeld, digests, feeds };
}

/** Every row of every table, except the rate-limit counters (shared by all tests) and Prisma's own. */
async function everything() {
  const [users, jobs, stages, comments, links, grants, digests] = await Promise.all([
    // pageVersion aside: the victim's coach and clients see them go, so their counters move.
    db.user.findMany({ orderBy: { id: "asc" }, omit: { pageVersion: true } }),
    db.job.findMany({ orderBy: { id: "asc" } }),
    db.stage.findMany({ orderBy: { id: "asc" } }),
    db.comment.findMany({ orderBy: { id: "asc" } }),
    db.shareLink.findMany({ orderBy: { id: "asc" } }),
    db.coachGrant.findMany({ orderBy: { id: "asc" } }),
    db.digestDelivery.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { users, jobs, stages, comments, links, grants, digests };
}

/** The world with every row belonging to `userId` taken out: what must remain after deletion. */
function without(world: Awaited<ReturnType<typeof everything>>, userId: string) {
  const jobIds = new Set(world.jobs.filter((j) => j.userId === userId).map((j) => j.id));
  return {
    users: world.users.filter((u) => u.id !== userId),
    jobs: world.jobs.filter((j) => !jobIds.has(j.id)),
    stages: world.stages.filter((s) => !jobIds.has(s.jobId)),
    comments: world.comments.filter((c) => c.authorId !== userId && !jobIds.has(c.jobId)),
    links: world.links.filter((l) => l.userId !== userId),
    grants: world.grants.filter((g) => g.ownerId !== userId && g.coachId !== userId),
    digests: world.digests.filter((d) => d.userId !== userId),
  };
}

async function world() {
  const [victim, coach, client, bystander] = [
    await newUser({ name: "Vic" }), await newUser({ name: "Coach" }), await newUser({ name: "Client" }), await newUser({ name: "Bystander", password: "another long passphrase" }),
  ];
  const victimData = await populate(victim, coach, client);
  // The bystander has the same kinds of rows, with the client and coach the other way round.
  await populate(bystander, client, coach);
  await signInAs(victim);
  return { victim, coach, client, bystander, ...victimData };
}

const appError = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe("deleting an account", () => {
  it("deletes every row of the user and nothing of anyone else's, ends every session, and stops the feed", async () => {
    const w = await world();
    const claims = await signInAs(w.victim);
    await hit(LIMITS.signInPerAccount, w.victim.email);
    const before = await everything();
    const victimBefore = await countsOf(w.victim.id);
    const bystanderBefore = await countsOf(w.bystander.id);
    // The world is populated: each kind of row the deletion must reach exists.
    expect(victimBefore).toEqual({
      users: 1, jobs: 2, stages: 4, commentsWritten: 1, commentsOnJobs: 1, shareLinks: 1, grantsGiven: 2, grantsHeld: 1, digests: 1, feeds: 1,
    });
    expect(bystanderBefore).toEqual(victimBefore);

    await deleteAccount({ password: w.victim.password, confirm: true });

    expect(await countsOf(w.victim.id)).toEqual({
      users: 0, jobs: 0, stages: 0, commentsWritten: 0, commentsOnJobs: 0, shareLinks: 0, grantsGiven: 0, grantsHeld: 0, digests: 0, feeds: 0,
    });
    expect(await countsOf(w.bystander.id)).toEqual(bystanderBefore);
    // Exactly the victim's rows are gone; every other row is as it was, column for column.
    expect(await everything()).toEqual(without(before, w.victim.id));
    expect(await db.rateLimit.count({ where: { key: { contains: w.victim.email } } })).toBe(0);

    // Every session has ended: the same claims no longer make a viewer.
    expect(await viewerFromClaims(claims)).toBeNull();
    expect(await getViewer()).toBeNull();
    await expect(deleteAccount({ password: w.victim.password, confirm: true })).rejects.toSatisfy(appError("unauthenticated"));
    expect(await verifyCredentials({ email: w.victim.email, password: w.victim.password })).toBeNull();

    const feed = await getFeed(new Request("http://app.test/api/calendar/x", { headers: { "x-callback-client-ip": `test-${randomUUID()}` } }), { params: Promise.resolve({ token: `${w.token}.ics` }) });
    expect(feed.status).toBe(404);
  });

  it("the coach no longer sees the client: gone from Clients, and a direct URL is not found", async () => {
    const w = await world();
    await signInAs(w.coach);
    expect((await listClients()).map((c) => c.id)).toContain(w.victim.id);

    await signInAs(w.victim);
    await deleteAccount({ password: w.victim.password, confirm: "on" });

    await signInAs(w.coach);
    expect(await listClients()).toEqual([]);
    await expect(getClientTimeline(w.victim.id)).rejects.toSatisfy(appError("not_found"));
    await expect(getClientJob(w.victim.id, w.jobId)).rejects.toSatisfy(appError("not_found"));

    // The client the deleted user coached no longer lists them as a coach.
    await signInAs(w.client);
    expect((await listGrantsGiven()).map((g) => g.coachEmail)).not.toContain(w.victim.email);
  });

  it("a wrong password, a missing confirmation or an anonymous caller deletes nothing", async () => {
    const w = await world();
    const before = await everything();

    const wrong = await deleteAccount({ password: "not my password", confirm: true }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).code).toBe("invalid");
    expect((wrong as AppError).fieldErrors.password).toEqual(["That is not your password."]);

    const unconfirmed = await deleteAccount({ password: w.victim.password }).catch((e: unknown) => e);
    expect((unconfirmed as AppError).fieldErrors.confirm?.[0]).toMatch(/tick the box/i);
    const empty = await deleteAccount({ confirm: "on" }).catch((e: unknown) => e);
    expect((empty as AppError).fieldErrors.password?.[0]).toMatch(/enter your password/i);

    // The action: the field error for the form, and the password never echoed back.
    const form = new FormData();
    form.set("password", "not my password");
    form.set("confirm", "on");
    const state = await deleteAccountAction({ ok: false }, form);
    expect(state).toMatchObject({ ok: false, fieldErrors: { password: ["That is not your password."] } });
    expect(JSON.stringify(state)).not.toContain("not my password");

    // Someone else's password is not this account's.
    await expect(deleteAccount({ password: w.bystander.password, confirm: true })).rejects.toSatisfy(appError("invalid"));

    signOut();
    await expect(deleteAccount({ password: w.victim.password, confirm: true })).rejects.toSatisfy(appError("unauthenticated"));
    expect(await deleteAccountAction({ ok: false }, form)).toMatchObject({ ok: false });

    expect(await everything()).toEqual(before);
    expect(await countsOf(w.victim.id)).toMatchObject({ users: 1, jobs: 2 });
  });

  it("the right password through the action deletes the account", async () => {
    const user = await newUser({ email: `delete-${randomUUID()}@example.test` });
    await signInAs(user);
    const form = new FormData();
    form.set("password", user.password);
    form.set("confirm", "on");
    expect(await deleteAccountAction({ ok: false }, form)).toMatchObject({ ok: true });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
  });
});
