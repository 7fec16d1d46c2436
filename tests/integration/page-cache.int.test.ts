import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { SessionClaims } from "@/lib/auth/session-cookie";
import { deleteAccount } from "@/lib/data/account";
import { createCalendarFeed, openCalendarFeed, revokeCalendarFeed } from "@/lib/data/calendar";
import { addComment, deleteComment } from "@/lib/data/comments";
import { updateDigestSettings } from "@/lib/data/digests";
import { navigationFacts } from "@/lib/data/navigation";
import { acceptInvitation, countClients, declineInvitation, getClientTimeline, getInvitation, inviteCoach, listClients, revokeGrant } from "@/lib/data/grants";
import { addStage, archiveJob, createJob, deleteStage, getJob, logFollowUp, restoreJob, updateJob } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { pageCacheIdentity } from "@/lib/data/page-cache";
import { endSession } from "@/lib/data/session";
import { createShareLink, openSharedTimeline, revokeShareLink, setShareLinkInsights } from "@/lib/data/shares";
import { listTimeline } from "@/lib/data/timeline";
import { exportJobs, importJobs } from "@/lib/data/transfer";
import { changePassword, signOutEverywhere, updateSettings } from "@/lib/data/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { addDays } from "@/lib/followup/dates";
import { RULES_VERSION } from "@/lib/followup/snapshot";
import { linkToken, newUser, signInAs, signOut, uniqueEmail } from "./helpers";

/*
 * The app server's page cache (server/page-cache.ts) keeps a user's rendered /timeline
 * keyed by pageCacheIdentity: { userId, pageVersion, day }. It is only correct if every write
 * that changes what that page (or the app layout around it) shows moves the version of each user
 * whose page shows it, in the same transaction; reads never move it; and the identity is null
 * for anything but a live session.
 */

type TestUser = Awaited<ReturnType<typeof newUser>>;

const todayIn = (timeZone = "Europe/London", now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
const today = () => todayIn();
const address = () => `test-${randomUUID()}`;
const DAY_MS = 86_400_000;

/** The user's page version, or null once the account is gone. */
async function versionOf(userId: string): Promise<number | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { pageVersion: true } });
  return row?.pageVersion ?? null;
}

// ---------------------------------------------------------------------------------------------
// A small world of users, and what a write did to each one's version.

const ROLES = ["owner", "coach", "invitee", "bystander"] as const;
type Role = (typeof ROLES)[number];
type World = Record<Role, TestUser> & { jobId: string; grantId: string };

/**
 * owner: a job seeker with one job applied 20 days ago (its follow-up window is open);
 * coach: holds a live grant from the owner;
 * invitee: has an account, not invited by anyone (yet): an invitation to their address shows on
 *   none of their pages (only the link accepts it);
 * bystander: an unrelated user with a job of their own.
 */
async function world(): Promise<World> {
  const [owner, coach, invitee, bystander] = (await Promise.all(ROLES.map((role) => newUser({ name: `The ${role}`, email: uniqueEmail(role) })))) as [
    TestUser, TestUser, TestUser, TestUser,
  ];
  await signInAs(bystander);
  await createJob({ company: "Elsewhere", role: "Baker", appliedOn: addDays(today(), -3) });
  await signInAs(owner);
  const { id: jobId } = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today(), -20) });
  const invitation = await inviteCoach({ email: coach.email });
  await signInAs(coach);
  await acceptInvitation({ token: linkToken(invitation) }, address());
  signOut();
  const grantId = invitation.id;
  return { owner, coach, invitee, bystander, jobId, grantId };
}

type Versions = Record<Role, number | null>;
const versions = async (w: World): Promise<Versions> =>
  Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await versionOf(w[role].id)]))) as Versions;

type Effect = "moved" | "unchanged" | "gone";
const effects = (before: Versions, after: Versions) =>
  Object.fromEntries(ROLES.map((r) => [r, after[r] === null ? "gone" : after[r] === before[r] ? "unchanged" : "moved"])) as Record<Role, Effect>;
const expected = (moved: Role[], gone: Role[] = []) =>
  Object.fromEntries(ROLES.map((r) => [r, gone.includes(r) ? "gone" : moved.includes(r) ? "moved" : "unchanged"])) as Record<Role, Effect>;

/** Signs in as `role`, or signs out for an anonymous visitor (null). */
async function as(w: World, role: Role | null) {
  if (role) await signInAs(w[role]);
  else signOut();
}

/** Does `fn` as `role`: arranging a case. */
async function doing<T>(w: World, role: Role, fn: () => Promise<T>): Promise<T> {
  await as(w, role);
  return fn();
}

/** Runs a case's arrangement; the id (or token) it made, if any. */
async function arrange(w: World, prepare?: (w: World) => Promise<unknown>): Promise<string> {
  const made = await prepare?.(w);
  return typeof made === "string" ? made : "";
}

// Arrangements several cases share (each signs in as whoever may do it).
const inviteInvitee = (w: World) => doing(w, "owner", async () => (await inviteCoach({ email: w.invitee.email })).id);
/** As inviteInvitee, handing on the invitation link's token. */
const linkForInvitee = (w: World) => doing(w, "owner", async () => linkToken(await inviteCoach({ email: w.invitee.email })));
const coachComments = (w: World) => doing(w, "coach", async () => (await addComment({ clientId: w.owner.id, jobId: w.jobId, body: "Call them on Tuesday." })).id);

const twoJobsCsv = () =>
  stringify([
    ["Company", "Role", "Date applied", "Status"],
    ["Globex", "Analyst", addDays(today(), -10), "Applied"],
    ["Initech", "Designer", addDays(today(), -30), "Rejected"],
  ]);

type Case = {
  name: string;
  /** Arranges what the write needs; a string it returns (an id, a token) is handed to act. */
  prepare?: (w: World) => Promise<unknown>;
  /** Who makes the write: null is an anonymous visitor. */
  by: Role | null;
  act: (w: World, id: string) => Promise<unknown>;
  moved: Role[];
  gone?: Role[];
};

// ---------------------------------------------------------------------------------------------
// 1. Every write moves the version of each user whose timeline or layout shows it, and no one else's.

const JOB_WRITES: Case[] = [
  { name: "createJob", by: "owner", act: () => createJob({ company: "Globex", role: "Analyst", appliedOn: addDays(today(), -1) }), moved: ["owner"] },
  {
    name: "updateJob: a new company name",
    by: "owner",
    act: (w) => updateJob({ jobId: w.jobId, company: "Acme Ltd", role: "Engineer", appliedOn: addDays(today(), -20) }),
    moved: ["owner"],
  },
  {
    // The job row changes only in plan columns and updatedAt here: the applied stage is the change.
    name: "updateJob: only the date applied",
    by: "owner",
    act: (w) => updateJob({ jobId: w.jobId, company: "Acme", role: "Engineer", appliedOn: addDays(today(), -21) }),
    moved: ["owner"],
  },
  { name: "archiveJob", by: "owner", act: (w) => archiveJob({ jobId: w.jobId }), moved: ["owner"] },
  {
    name: "restoreJob",
    prepare: (w) => doing(w, "owner", () => archiveJob({ jobId: w.jobId })),
    by: "owner",
    act: (w) => restoreJob({ jobId: w.jobId }),
    moved: ["owner"],
  },
  {
    name: "addStage: an interview with a promised answer",
    by: "owner",
    act: (w) => addStage({ jobId: w.jobId, kind: "interview", on: addDays(today(), 2), answerInDays: "3", withWhom: "Ada" }),
    moved: ["owner"],
  },
  { name: "addStage: heard back", by: "owner", act: (w) => addStage({ jobId: w.jobId, kind: "heard_back", on: today() }), moved: ["owner"] },
  { name: "addStage: rejected", by: "owner", act: (w) => addStage({ jobId: w.jobId, kind: "rejected", on: today() }), moved: ["owner"] },
  { name: "logFollowUp", by: "owner", act: (w) => logFollowUp({ jobId: w.jobId, on: today(), note: "Left a message" }), moved: ["owner"] },
  {
    name: "deleteStage",
    prepare: (w) => doing(w, "owner", async () => (await addStage({ jobId: w.jobId, kind: "interview", on: addDays(today(), -1) })).id),
    by: "owner",
    act: (w, stageId) => deleteStage({ jobId: w.jobId, stageId }),
    moved: ["owner"],
  },
  { name: "importJobs: a CSV of two jobs", by: "owner", act: () => importJobs({ content: twoJobsCsv() }), moved: ["owner"] },
  { name: "a write of the bystander's own (the control)", by: "bystander", act: () => createJob({ company: "Hooli", role: "Cook", appliedOn: today() }), moved: ["bystander"] },
];

const ACCOUNT_WRITES: Case[] = [
  { name: "updateSettings: a new name (in the layout)", by: "owner", act: () => updateSettings({ name: "Owner Renamed", timeZone: "Europe/London" }), moved: ["owner"] },
  { name: "updateSettings: a new time zone (today moves)", by: "owner", act: () => updateSettings({ name: "The owner", timeZone: "Pacific/Kiritimati" }), moved: ["owner"] },
  // Below: changes of the user row the timeline does not show. The trigger moves the version on
  // any change of the row by design (harmless: one re-render).
  {
    name: "updateDigestSettings: turning the daily digest off",
    prepare: (w) => db.user.update({ where: { id: w.owner.id }, data: { dailyDigest: true } }),
    by: "owner",
    act: () => updateDigestSettings({ dailyDigest: false }),
    moved: ["owner"],
  },
  { name: "createCalendarFeed", by: "owner", act: () => createCalendarFeed(), moved: ["owner"] },
  {
    name: "revokeCalendarFeed",
    prepare: (w) => doing(w, "owner", () => createCalendarFeed()),
    by: "owner",
    act: () => revokeCalendarFeed(),
    moved: ["owner"],
  },
  { name: "signOutEverywhere", by: "owner", act: () => signOutEverywhere(), moved: ["owner"] },
  { name: "changePassword", by: "owner", act: (w) => changePassword({ currentPassword: w.owner.password, newPassword: "a brand new passphrase" }), moved: ["owner"] },
  // Not on the timeline and no trigger: nobody's version moves.
  { name: "createShareLink", by: "owner", act: () => createShareLink({ label: "For my mentor" }), moved: [] },
  {
    name: "revokeShareLink",
    prepare: (w) => doing(w, "owner", async () => (await createShareLink({ label: "Old link" })).id),
    by: "owner",
    act: (_w, linkId) => revokeShareLink({ linkId }),
    moved: [],
  },
  {
    name: "setShareLinkInsights",
    prepare: (w) => doing(w, "owner", async () => (await createShareLink({ label: "Insights later" })).id),
    by: "owner",
    act: (_w, linkId) => setShareLinkInsights({ linkId, showInsights: true }),
    moved: [],
  },
  {
    // Counts the visit (openCount, lastOpenedAt) and the rate limit: bookkeeping, not the page.
    name: "a visitor opening a share link",
    prepare: (w) => doing(w, "owner", async () => (await createShareLink({ label: "Visitor" })).token),
    by: null,
    act: (_w, token) => openSharedTimeline(token, address()),
    moved: [],
  },
  {
    name: "a calendar app reading the feed",
    prepare: (w) => doing(w, "owner", async () => (await createCalendarFeed()).token),
    by: null,
    act: (_w, token) => openCalendarFeed(token, address()),
    moved: [],
  },
  { name: "signing in (a new session row)", by: null, act: (w) => signInAs(w.owner), moved: [] },
];

const SHARING_WRITES: Case[] = [
  // An invitation shows on the owner's pages only, whoever holds the address it was sent to.
  { name: "inviteCoach: an address with an account", by: "owner", act: (w) => inviteCoach({ email: w.invitee.email }), moved: ["owner"] },
  {
    name: "inviteCoach: the invitee's address in another letter case",
    by: "owner",
    act: (w) => inviteCoach({ email: w.invitee.email.toUpperCase() }),
    moved: ["owner"],
  },
  { name: "inviteCoach: an address with no account yet", by: "owner", act: () => inviteCoach({ email: uniqueEmail("nobody") }), moved: ["owner"] },
  // Sent again: a new link (and a new sent date on the owner's Sharing page).
  { name: "inviteCoach: the same address again", prepare: inviteInvitee, by: "owner", act: (w) => inviteCoach({ email: w.invitee.email }), moved: ["owner"] },
  // The coach already has access: nothing is written.
  { name: "inviteCoach: the active coach's address", by: "owner", act: (w) => inviteCoach({ email: w.coach.email }), moved: [] },
  { name: "acceptInvitation", prepare: linkForInvitee, by: "invitee", act: (_w, token) => acceptInvitation({ token }, address()), moved: ["owner", "invitee"] },
  { name: "acceptInvitation by an account of another address", prepare: linkForInvitee, by: "bystander", act: (_w, token) => acceptInvitation({ token }, address()), moved: ["owner", "bystander"] },
  { name: "declineInvitation", prepare: linkForInvitee, by: "invitee", act: (_w, token) => declineInvitation({ token }, address()), moved: ["owner"] },
  { name: "revokeGrant: withdrawing a pending invitation", prepare: inviteInvitee, by: "owner", act: (_w, grantId) => revokeGrant({ grantId }), moved: ["owner"] },
  { name: "revokeGrant: removing the active coach", by: "owner", act: (w) => revokeGrant({ grantId: w.grantId }), moved: ["owner", "coach"] },
  {
    name: "inviteCoach: re-inviting a removed coach",
    prepare: (w) => doing(w, "owner", () => revokeGrant({ grantId: w.grantId })),
    by: "owner",
    act: (w) => inviteCoach({ email: w.coach.email }),
    moved: ["owner", "coach"],
  },
  { name: "addComment by the coach (on the owner's timeline)", by: "coach", act: (w) => addComment({ clientId: w.owner.id, jobId: w.jobId, body: "Nice!" }), moved: ["owner"] },
  { name: "deleteComment by its author", prepare: coachComments, by: "coach", act: (_w, commentId) => deleteComment({ commentId }), moved: ["owner"] },
  {
    name: "deleteAccount: a coach who commented (the comment leaves the owner's timeline)",
    prepare: coachComments,
    by: "coach",
    act: (w) => deleteAccount({ password: w.coach.password, confirm: true }),
    moved: ["owner"],
    gone: ["coach"],
  },
  {
    name: "deleteAccount: an owner with a coach and a pending invitation",
    prepare: inviteInvitee,
    by: "owner",
    act: (w) => deleteAccount({ password: w.owner.password, confirm: true }),
    moved: ["coach"],
    gone: ["owner"],
  },
];

describe("page version: every write moves it for exactly the users whose pages show the change", () => {
  describe.each([
    ["jobs", JOB_WRITES],
    ["account and settings", ACCOUNT_WRITES],
    ["sharing and coaching", SHARING_WRITES],
  ] as const)("%s", (_group, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const w = await world();
      const id = await arrange(w, c.prepare);
      const before = await versions(w);
      await as(w, c.by);
      await c.act(w, id);
      expect(effects(before, await versions(w))).toEqual(expected(c.moved, c.gone));
    });
  });

  it("a coach who commented renames: the owner's timeline shows the new name, so the owner's version moves", async () => {
    const w = await world();
    await coachComments(w);
    const authors = async () => {
      await as(w, "owner");
      return (await listTimeline()).sections.due.flatMap((job) => job.comments.map((c) => c.authorName));
    };
    expect(await authors()).toEqual(["The coach"]);
    const before = await versions(w);

    await as(w, "coach");
    await updateSettings({ name: "Coach Renamed", timeZone: "Europe/London" });

    expect(await authors(), "the owner's timeline (JobCard's comments) names the author").toEqual(["Coach Renamed"]);
    expect(effects(before, await versions(w))).toEqual(expected(["coach", "owner"]));
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Reads never move it, even when they rewrite stale plan snapshots.

/** The owner's jobs in several sections, with a coach's comment and an archived job. */
async function richWorld() {
  const w = await world();
  await coachComments(w);
  await as(w, "owner");
  const job = (company: string, appliedDaysAgo: number) => createJob({ company, role: "Engineer", appliedOn: addDays(today(), -appliedDaysAgo) }).then((j) => j.id);
  await addStage({ jobId: await job("Interviewing", 12), kind: "interview", on: addDays(today(), 3), answerInDays: "5" });
  await logFollowUp({ jobId: await job("Followed up", 15), on: addDays(today(), -2) });
  await addStage({ jobId: await job("Turned down", 30), kind: "rejected", on: addDays(today(), -5) });
  await archiveJob({ jobId: await job("Put away", 40) });
  await job("Just applied", 1);
  return w;
}

/** What a rewrite must restore: every plan column wiped, so a missing rewrite misplaces jobs. */
const invalidatePlans = (userId: string) =>
  db.$executeRaw`UPDATE "Job" SET "planVersion" = NULL, "planPhase" = NULL, "planStageOn" = NULL, "planOpensOn" = NULL, "planLastOn" = NULL WHERE "userId" = ${userId}`;
const stalePlans = (userId: string) => db.job.count({ where: { userId, OR: [{ planVersion: null }, { planVersion: { not: RULES_VERSION } }] } });

const READS: { name: string; by: Role | null; prepare?: (w: World) => Promise<unknown>; read: (w: World, made: string) => Promise<unknown>; rewritesPlans: boolean }[] = [
  { name: "listTimeline (the owner)", by: "owner", read: () => listTimeline(), rewritesPlans: true },
  { name: "listTimeline, one section expanded", by: "owner", read: () => listTimeline(undefined, "closed"), rewritesPlans: true },
  { name: "getClientTimeline (the coach)", by: "coach", read: (w) => getClientTimeline(w.owner.id), rewritesPlans: true },
  {
    name: "openSharedTimeline (a link visitor)",
    by: null,
    read: async (w) => {
      await as(w, "owner");
      const { token } = await createShareLink({ label: "Read" });
      signOut();
      return openSharedTimeline(token, address());
    },
    rewritesPlans: true,
  },
  { name: "getJob", by: "owner", read: (w) => getJob(w.jobId), rewritesPlans: false },
  { name: "exportJobs", by: "owner", read: () => exportJobs("csv"), rewritesPlans: false },
  { name: "listClients (the coach)", by: "coach", read: () => listClients(), rewritesPlans: false },
  { name: "getInvitation (the invitation page)", by: "invitee", prepare: linkForInvitee, read: (_w, token) => getInvitation(token, address()), rewritesPlans: false },
  { name: "countClients (the layout's navigation)", by: "coach", read: () => countClients(), rewritesPlans: false },
  { name: "navigationFacts (the layout's navigation)", by: "owner", read: () => navigationFacts(), rewritesPlans: false },
];

describe("page version: reads do not move it", () => {
  it("listTimeline after the plans were invalidated rewrites them, shows the same timeline, and moves no version", async () => {
    const w = await richWorld();
    await as(w, "owner");
    const now = new Date();
    const rendered = await listTimeline(now);
    expect(rendered.counts).toMatchObject({ due: 1, upcoming: 1, followed_up: 1, closed: 1, archived: 1 });
    expect(rendered.sections.due.flatMap((j) => j.comments.map((c) => c.authorName))).toContain("The coach");

    await invalidatePlans(w.owner.id);
    expect(await stalePlans(w.owner.id)).toBeGreaterThan(0);
    const before = await versions(w);

    expect(await listTimeline(now)).toEqual(rendered);
    expect(await stalePlans(w.owner.id), "the read rewrote every plan").toBe(0);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });

  it.each(READS.map((r) => [r.name, r] as const))("%s moves no version", async (_name, r) => {
    const w = await richWorld();
    const made = await arrange(w, r.prepare);
    await invalidatePlans(w.owner.id);
    const before = await versions(w);
    await as(w, r.by);
    await r.read(w, made);
    expect(effects(before, await versions(w))).toEqual(expected([]));
    if (r.rewritesPlans) expect(await stalePlans(w.owner.id), "the read rewrote the stale plans").toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. A refused write moves nobody's version.

const REFUSALS: (Omit<Case, "moved" | "gone"> & { code: AppErrorCode })[] = [
  { name: "createJob without a company", by: "owner", act: () => createJob({ company: "", role: "Engineer", appliedOn: today() }), code: "invalid" },
  { name: "createJob applied in the future", by: "owner", act: () => createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today(), 2) }), code: "invalid" },
  { name: "createJob signed out", by: null, act: () => createJob({ company: "Acme", role: "Engineer", appliedOn: today() }), code: "unauthenticated" },
  {
    name: "updateJob of the owner's job by the bystander",
    by: "bystander",
    act: (w) => updateJob({ jobId: w.jobId, company: "Hijacked", role: "Engineer", appliedOn: addDays(today(), -20) }),
    code: "not_found",
  },
  { name: "archiveJob of the owner's job by the bystander", by: "bystander", act: (w) => archiveJob({ jobId: w.jobId }), code: "not_found" },
  { name: "addStage on the owner's job by their coach", by: "coach", act: (w) => addStage({ jobId: w.jobId, kind: "rejected", on: today() }), code: "not_found" },
  {
    name: "deleteStage of the applied stage",
    prepare: async (w) => (await db.stage.findFirstOrThrow({ where: { jobId: w.jobId, kind: "applied" } })).id,
    by: "owner",
    act: (w, stageId) => deleteStage({ jobId: w.jobId, stageId }),
    code: "invalid",
  },
  {
    name: "logFollowUp a second time for the same stage",
    prepare: (w) => doing(w, "owner", () => logFollowUp({ jobId: w.jobId, on: today() })),
    by: "owner",
    act: (w) => logFollowUp({ jobId: w.jobId, on: today() }),
    code: "already_followed_up",
  },
  { name: "addComment by the bystander (no grant)", by: "bystander", act: (w) => addComment({ clientId: w.owner.id, jobId: w.jobId, body: "Hi" }), code: "not_found" },
  {
    name: "addComment by a removed coach",
    prepare: (w) => doing(w, "owner", () => revokeGrant({ grantId: w.grantId })),
    by: "coach",
    act: (w) => addComment({ clientId: w.owner.id, jobId: w.jobId, body: "Still here?" }),
    code: "not_found",
  },
  { name: "addComment with an empty body", by: "coach", act: (w) => addComment({ clientId: w.owner.id, jobId: w.jobId, body: "  " }), code: "invalid" },
  { name: "deleteComment by the owner (not its author)", prepare: coachComments, by: "owner", act: (_w, commentId) => deleteComment({ commentId }), code: "not_found" },
  { name: "acceptInvitation without the link (by its id)", prepare: inviteInvitee, by: "invitee", act: (_w, grantId) => acceptInvitation({ grantId }, address()), code: "not_found" },
  { name: "acceptInvitation of their own link by the owner", prepare: linkForInvitee, by: "owner", act: (_w, token) => acceptInvitation({ token }, address()), code: "not_found" },
  { name: "acceptInvitation of a link already accepted", prepare: (w) => linkForInvitee(w).then(async (token) => { await doing(w, "invitee", () => acceptInvitation({ token }, address())); return token; }), by: "bystander", act: (_w, token) => acceptInvitation({ token }, address()), code: "not_found" },
  { name: "revokeGrant by the coach (only the owner may)", by: "coach", act: (w) => revokeGrant({ grantId: w.grantId }), code: "not_found" },
  { name: "inviteCoach with the owner's own address", by: "owner", act: (w) => inviteCoach({ email: w.owner.email }), code: "invalid" },
  { name: "updateSettings with an unknown time zone", by: "owner", act: () => updateSettings({ name: "The owner", timeZone: "Mars/Olympus_Mons" }), code: "invalid" },
  { name: "changePassword with a wrong current password", by: "owner", act: () => changePassword({ currentPassword: "not it", newPassword: "a brand new passphrase" }), code: "invalid" },
  { name: "deleteAccount with a wrong password", by: "owner", act: () => deleteAccount({ password: "not it", confirm: true }), code: "invalid" },
];

describe("page version: a refused write moves nobody's", () => {
  it.each(REFUSALS.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const w = await world();
    const id = await arrange(w, c.prepare);
    const before = await versions(w);
    await as(w, c.by);
    const error = await c.act(w, id).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(c.code);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });
});

// ---------------------------------------------------------------------------------------------
// 4. What is rolled back moves nothing: the version moves in the same transaction as the change.

describe("page version: a rolled-back write moves nothing", () => {
  const jobsOf = (userId: string) => db.job.count({ where: { userId } });

  it("a CSV import with one bad row imports nothing and moves nothing", async () => {
    const w = await world();
    await as(w, "owner");
    const content = stringify([
      ["Company", "Role", "Date applied", "Status"],
      ["Globex", "Analyst", addDays(today(), -10), "Applied"],
      ["Initech", "Designer", "not a date", "Applied"],
    ]);
    const [jobs, before] = [await jobsOf(w.owner.id), await versions(w)];
    await expect(importJobs({ content })).rejects.toBeInstanceOf(AppError);
    expect(await jobsOf(w.owner.id)).toBe(jobs);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });

  it("a replayed import fails on the unique index inside its transaction and moves nothing", async () => {
    const w = await world();
    await as(w, "owner");
    const request = { content: twoJobsCsv(), requestId: randomUUID() };
    expect(await importJobs(request)).toEqual({ imported: 2 });
    const [jobs, before] = [await jobsOf(w.owner.id), await versions(w)];
    expect(await importJobs(request), "the replay reports the first import").toEqual({ imported: 2 });
    expect(await jobsOf(w.owner.id)).toBe(jobs);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });

  it("a replayed createJob fails on the unique index and moves nothing", async () => {
    const w = await world();
    await as(w, "owner");
    const form = { company: "Globex", role: "Analyst", appliedOn: today(), requestId: randomUUID() };
    const first = await createJob(form);
    const before = await versions(w);
    expect(await createJob(form)).toEqual(first);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });

  it("a transaction that writes a stage and the job, then fails, leaves the version where it was", async () => {
    const w = await world();
    const before = await versions(w);
    let inside: number | null = null;
    const failed = await db
      .$transaction(async (tx) => {
        await tx.stage.create({ data: { jobId: w.jobId, kind: "heard_back", on: new Date(`${today()}T00:00:00Z`) } });
        await tx.job.update({ where: { id: w.jobId }, data: { company: "Acme (renamed)", planVersion: null } });
        inside = (await tx.user.findUniqueOrThrow({ where: { id: w.owner.id }, select: { pageVersion: true } })).pageVersion;
        throw new Error("something failed after the writes");
      })
      .then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(inside, "the triggers moved the version inside the transaction").toBeGreaterThan(before.owner!);
    expect(effects(before, await versions(w))).toEqual(expected([]));
  });
});

// ---------------------------------------------------------------------------------------------
// 5 and 6. pageCacheIdentity: who a cookie proves, at what version and on which day; one statement.

const SESSION_COOKIE = "next-auth.session-token";
const jwtOf = (claims: Partial<SessionClaims>, secret = process.env.NEXTAUTH_SECRET!) => encode({ token: claims as Record<string, unknown>, secret });
const cookieOf = async (claims: Partial<SessionClaims>, secret?: string) => `${SESSION_COOKIE}=${await jwtOf(claims, secret)}`;

/** A signed-in user and the cookie header their browser sends. */
async function signedIn(overrides: Parameters<typeof newUser>[0] = {}) {
  const user = await newUser(overrides);
  const claims = (await signInAs(user)) as SessionClaims;
  return { user, claims, cookie: await cookieOf(claims) };
}

describe("pageCacheIdentity", () => {
  it("a live session's cookie gives its user, their current version and their own local day", async () => {
    // 12:00 UTC today: already tomorrow at UTC+14, still today at UTC-11.
    const utcDay = new Date().toISOString().slice(0, 10);
    const noon = Date.parse(`${utcDay}T12:00:00Z`);
    const east = await signedIn({ timeZone: "Pacific/Kiritimati" });
    const west = await signedIn({ timeZone: "Pacific/Pago_Pago" });

    expect(await pageCacheIdentity(east.cookie, noon)).toEqual({ userId: east.user.id, pageVersion: await versionOf(east.user.id), day: addDays(utcDay, 1) });
    expect(await pageCacheIdentity(west.cookie, noon)).toEqual({ userId: west.user.id, pageVersion: await versionOf(west.user.id), day: utcDay });
    // Among other cookies, in any order.
    expect(await pageCacheIdentity(`theme=dark; ${west.cookie}; _ga=GA1.2.3`, noon)).toMatchObject({ userId: west.user.id });
  });

  it("follows a write: the identity's version is the one the write moved to", async () => {
    const { user, cookie } = await signedIn();
    const before = (await pageCacheIdentity(cookie))!.pageVersion;
    await createJob({ company: "Acme", role: "Engineer", appliedOn: today() });
    const after = (await pageCacheIdentity(cookie))!.pageVersion;
    expect(after).toBeGreaterThan(before);
    expect(after).toBe(await versionOf(user.id));
  });

  it("a user's cookie names that user, never another", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect((await pageCacheIdentity(a.cookie))?.userId).toBe(a.user.id);
    expect((await pageCacheIdentity(b.cookie))?.userId).toBe(b.user.id);
    // Two session cookies at once: whichever is read, the identity is that token's user at their version.
    const both = await pageCacheIdentity(`${a.cookie}; ${b.cookie}`);
    expect(both).not.toBeNull();
    expect([a.user.id, b.user.id]).toContain(both!.userId);
    expect(both!.pageVersion).toBe(await versionOf(both!.userId));
    // A's user id with B's session (signed with the right secret): the session is not A's.
    expect(await pageCacheIdentity(await cookieOf({ ...a.claims, sid: b.claims.sid }))).toBeNull();
  });

  const NULLS: { name: string; cookie: (s: Awaited<ReturnType<typeof signedIn>>) => Promise<string | undefined> | string | undefined; now?: () => number }[] = [
    { name: "no cookie header", cookie: () => undefined },
    { name: "an empty cookie header", cookie: () => "" },
    { name: "unrelated cookies only", cookie: () => "theme=dark; _ga=GA1.2.3; locale=en" },
    { name: "a session cookie of garbage", cookie: () => `${SESSION_COOKIE}=not-a-jwt` },
    { name: "a truncated session cookie", cookie: (s) => s.cookie.slice(0, -10) },
    { name: "a token signed with another secret", cookie: (s) => cookieOf(s.claims, "someone-elses-secret-0123456789") },
    { name: "the JWT under another cookie name", cookie: async (s) => `token=${await jwtOf(s.claims)}` },
    // What a Bearer client sends is not a cookie: the header given here holds no session cookie.
    { name: "the JWT as an Authorization: Bearer value", cookie: async (s) => `Bearer ${await jwtOf(s.claims)}` },
    { name: "a token without its session id", cookie: (s) => cookieOf({ ...s.claims, sid: undefined }) },
    { name: "a cookie header over 16 KB", cookie: (s) => `${s.cookie}; padding=${"x".repeat(16_384)}` },
    { name: "after signing out (endSession)", cookie: (s) => endSession(s.claims.sid).then(() => s.cookie) },
    { name: "after sign out everywhere", cookie: (s) => signOutEverywhere().then(() => s.cookie) },
    {
      name: "after a password change",
      cookie: (s) => changePassword({ currentPassword: s.user.password, newPassword: "a brand new passphrase" }).then(() => s.cookie),
    },
    {
      name: "a sign-in older than SESSION_MAX_AGE_DAYS",
      cookie: (s) => cookieOf({ ...s.claims, authAt: Date.now() - env().SESSION_MAX_AGE_DAYS * DAY_MS - 60_000 }),
    },
    { name: "the same token, asked at a `now` past the absolute lifetime", cookie: (s) => s.cookie, now: () => Date.now() + env().SESSION_MAX_AGE_DAYS * DAY_MS + 60_000 },
    {
      name: "an expired session row",
      cookie: (s) => db.session.update({ where: { id: s.claims.sid }, data: { expiresAt: new Date(Date.now() - 1000) } }).then(() => s.cookie),
    },
    { name: "a deleted user", cookie: (s) => deleteAccount({ password: s.user.password, confirm: true }).then(() => s.cookie) },
  ];

  it.each(NULLS.map((c) => [c.name, c] as const))("is null for %s", async (_name, c) => {
    const session = await signedIn();
    expect(await pageCacheIdentity(session.cookie), "the live cookie identifies the user").toMatchObject({ userId: session.user.id });
    expect(await pageCacheIdentity(await c.cookie(session), c.now?.())).toBeNull();
  });

  it("an old sign-in just inside the absolute lifetime still identifies (the boundary above is the lifetime)", async () => {
    const { user, claims } = await signedIn();
    const cookie = await cookieOf({ ...claims, authAt: Date.now() - env().SESSION_MAX_AGE_DAYS * DAY_MS + 60_000 });
    expect(await pageCacheIdentity(cookie)).toMatchObject({ userId: user.id });
  });

  it("sends exactly one SQL statement for a signed-in cookie, and none for one that decodes to nothing", async () => {
    const { user, cookie } = await signedIn();
    await pageCacheIdentity(cookie); // a warm pool: connecting is not the statement counted
    const live = await countSqlQueries(() => pageCacheIdentity(cookie));
    expect(live.result).toMatchObject({ userId: user.id });
    expect(live.queries).toBe(1);
    const garbage = await countSqlQueries(() => pageCacheIdentity(`${SESSION_COOKIE}=not-a-jwt`));
    expect(garbage).toEqual({ result: null, queries: 0 });
  });
});
