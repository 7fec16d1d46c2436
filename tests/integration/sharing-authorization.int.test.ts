import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addComment, deleteComment } from "@/lib/data/comments";
import {
  acceptInvitation, declineInvitation, getClientJob, getClientTimeline, getInvitation, inviteCoach, listClients, listGrantsGiven, revokeGrant,
} from "@/lib/data/grants";
import { addStage, archiveJob, getJob, logFollowUp, restoreJob, updateJob, deleteStage } from "@/lib/data/jobs";
import { createShareLink, listPastShareLinks, listShareLinks, openSharedJob, openSharedTimeline, revokeShareLink, setShareLinkInsights } from "@/lib/data/shares";
import { listTimeline, type Timeline } from "@/lib/data/timeline";
import { addDays } from "@/lib/followup/dates";
import { newUser, signInAs, signOut, uniqueEmail } from "./helpers";

// The authorization matrix of issue 5: every viewer × every read and write of lib/data that
// touches a job seeker's data. Each cell asserts its outcome; every refusal (and every
// permitted read) leaves the database exactly as it was.

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const VIEWERS = ["owner", "other user", "coach", "revoked coach", "pending coach", "link", "revoked link", "expired link", "unknown link"] as const;
type ViewerName = (typeof VIEWERS)[number];
type Outcome = "ok" | "not_found" | "unauthenticated" | "inactive" | "conflict";
const [ok, nf, auth, off, cf] = ["ok", "not_found", "unauthenticated", "inactive", "conflict"] as const satisfies Outcome[];

type User = Awaited<ReturnType<typeof newUser>>;
type World = {
  owner: User; other: User; coach: User; revokedCoach: User; pendingCoach: User;
  tokens: { valid: string; revoked: string; expired: string; unknown: string };
  ownerGrantIds: string[]; pendingGrantId: string; linkIds: string[];
};
/** Fresh targets for one cell, so a permitted write never changes what the next cell sees. */
type Targets = {
  jobId: string; stageId: string; archivedJobId: string; linkId: string; grantId: string;
  invitationId: string; invitationToken: string; ownInvitationToken: string; coachCommentId: string; otherCommentId: string;
};
type Viewer = { name: ViewerName; user: User | null; token: string };
type Ctx = { w: World; t: Targets; v: Viewer };

let w: World;
let worldStart: Date;

beforeAll(async () => {
  // A second back, so a clock a little behind the database's cannot hide a row.
  worldStart = new Date(Date.now() - 1000);
  const owner = await newUser({ name: "Owner Olive" });
  const other = await newUser({ name: "Other Oscar" });
  const coach = await newUser({ name: "Coach Carla" });
  const revokedCoach = await newUser({ name: "Revoked Rita" });
  const pendingCoach = await newUser({ name: "Pending Pat" });
  const grant = (coachUser: User, accepted: boolean, revoked: boolean) =>
    db.coachGrant.create({
      data: {
        ownerId: owner.id, coachEmail: coachUser.email,
        coachId: accepted ? coachUser.id : null, acceptedAt: accepted ? new Date() : null, revokedAt: revoked ? new Date() : null,
      },
    });
  const grants = [await grant(coach, true, false), await grant(revokedCoach, true, true), await grant(pendingCoach, false, false)];
  const tokens = { valid: randomBytes(32).toString("base64url"), revoked: randomBytes(32).toString("base64url"), expired: randomBytes(32).toString("base64url"), unknown: randomBytes(32).toString("base64url") };
  const link = async (token: string, extra: { revokedAt?: Date; expiresAt?: Date }) =>
    (await db.shareLink.create({ data: { userId: owner.id, label: "For my coach", tokenHash: sha256(token), ...extra } })).id;
  const linkIds = [
    await link(tokens.valid, {}),
    await link(tokens.revoked, { revokedAt: new Date() }),
    await link(tokens.expired, { expiresAt: new Date(Date.now() - 60_000) }),
  ];
  w = { owner, other, coach, revokedCoach, pendingCoach, tokens, ownerGrantIds: grants.map((g) => g.id), pendingGrantId: grants[2]!.id, linkIds };
});

async function freshTargets(): Promise<Targets> {
  const today = todayIn();
  const job = await db.job.create({
    data: {
      userId: w.owner.id, company: `Acme ${randomUUID().slice(0, 8)}`, role: "Engineer",
      contactName: "Jane Contact", contactPhone: "+44 20 7946 0000", notes: "PRIVATE-NOTE",
      stages: {
        create: [
          { kind: "applied", on: day(addDays(today, -30)) },
          { kind: "interview", on: day(addDays(today, -20)), answerBy: day(addDays(today, -17)), withWhom: "Jane Contact", note: "PRIVATE-STAGE-NOTE" },
        ],
      },
    },
    include: { stages: true },
  });
  const archived = await db.job.create({
    data: { userId: w.owner.id, company: "Shelved", role: "Analyst", archivedAt: new Date(), stages: { create: { kind: "applied", on: day(addDays(today, -40)) } } },
  });
  const link = await db.shareLink.create({ data: { userId: w.owner.id, label: "Another link", tokenHash: randomBytes(32).toString("hex") } });
  const grant = await db.coachGrant.create({ data: { ownerId: w.owner.id, coachEmail: uniqueEmail("someone") } });
  // Addressed to the pending coach by someone else, so accepting it changes nothing in the world;
  // its link works for whoever holds it. And a link of the owner's own, to another address.
  const inviter = await db.user.create({ data: { name: "Inviter", email: uniqueEmail("inviter"), passwordHash: "unused", timeZone: "Europe/London" } });
  const [invitationToken, ownInvitationToken] = [randomBytes(32).toString("base64url"), randomBytes(32).toString("base64url")];
  const expiresAt = new Date(Date.now() + 86_400_000);
  const invitation = await db.coachGrant.create({ data: { ownerId: inviter.id, coachEmail: w.pendingCoach.email, tokenHash: sha256(invitationToken), expiresAt } });
  await db.coachGrant.create({ data: { ownerId: w.owner.id, coachEmail: uniqueEmail("invited"), tokenHash: sha256(ownInvitationToken), expiresAt } });
  const coachComment = await db.comment.create({ data: { jobId: job.id, authorId: w.coach.id, body: "From Carla" } });
  const otherComment = await db.comment.create({ data: { jobId: job.id, authorId: w.revokedCoach.id, body: "From Rita, before her access ended" } });
  return {
    jobId: job.id, stageId: job.stages.find((s) => s.kind === "interview")!.id, archivedJobId: archived.id, linkId: link.id, grantId: grant.id,
    invitationId: invitation.id, invitationToken, ownInvitationToken, coachCommentId: coachComment.id, otherCommentId: otherComment.id,
  };
}

function viewer(name: ViewerName): Viewer {
  const users: Partial<Record<ViewerName, User>> = { owner: w.owner, "other user": w.other, coach: w.coach, "revoked coach": w.revokedCoach, "pending coach": w.pendingCoach };
  const tokens: Partial<Record<ViewerName, string>> = { "revoked link": w.tokens.revoked, "expired link": w.tokens.expired, "unknown link": w.tokens.unknown };
  // Signed-in viewers open the valid link too: a session must not change what a link shows.
  return { name, user: users[name] ?? null, token: tokens[name] ?? w.tokens.valid };
}

/**
 * Every table a job seeker's data lives in, as stored, for the rows made since this file
 * began (the rate-limit counters aside). The Job table's plan columns are left out: they
 * are a cache of the rules engine's verdict that any read may fill in, not anyone's data.
 */
async function snapshot() {
  const since = { createdAt: { gte: worldStart } };
  const [users, jobs, stages, comments, links, grants] = await Promise.all([
    db.user.findMany({ where: since, orderBy: { id: "asc" } }),
    db.job.findMany({ where: since, orderBy: { id: "asc" } }),
    db.stage.findMany({ where: since, orderBy: { id: "asc" } }),
    db.comment.findMany({ where: since, orderBy: { id: "asc" } }),
    db.shareLink.findMany({ where: since, orderBy: { id: "asc" } }),
    db.coachGrant.findMany({ orderBy: { id: "asc" }, where: { OR: [since, { ownerId: w.owner.id }, { coachEmail: w.pendingCoach.email }] } }),
  ]);
  const withoutPlanCache = jobs.map((job) => Object.fromEntries(Object.entries(job).filter(([key]) => !key.startsWith("plan"))));
  return { users, jobs: withoutPlanCache, stages, comments, links, grants };
}

const jobIdsOf = (t: Timeline) => [...t.sections.due, ...t.sections.this_week, ...t.sections.waiting, ...t.sections.upcoming, ...t.sections.followed_up, ...t.sections.answered, ...t.sections.closed].map((j) => j.id);
const jobOf = (t: Timeline, id: string) => [...t.sections.due, ...t.sections.this_week, ...t.sections.waiting, ...t.sections.upcoming, ...t.sections.followed_up, ...t.sections.answered, ...t.sections.closed].find((j) => j.id === id);

type Op = {
  name: string;
  /** read: changes nothing; open: counts a link visit, nothing else; write: checked by `check`. */
  kind: "read" | "open" | "write";
  run: (c: Ctx) => Promise<unknown>;
  /** One outcome per viewer, in the order of VIEWERS. */
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
  /** The refusal's words, when they are not "… was not found." */
  message?: RegExp;
  check?: (result: unknown, c: Ctx) => Promise<void> | void;
};

const today = () => todayIn();
const ANON: [Outcome, Outcome, Outcome, Outcome] = [auth, auth, auth, auth];

const OPS: Op[] = [
  // lib/data/jobs.ts and timeline.ts: only the owner, whatever grants or links exist.
  {
    name: "getJob", kind: "read", run: ({ t }) => getJob(t.jobId), expect: [ok, nf, nf, nf, nf, ...ANON],
    check: (job) => expect((job as { notes: string }).notes).toBe("PRIVATE-NOTE"),
  },
  {
    name: "listTimeline", kind: "read", run: () => listTimeline(), expect: [ok, ok, ok, ok, ok, ...ANON],
    check: (timeline, { t, v }) => {
      const ids = jobIdsOf(timeline as Timeline);
      // Everyone gets their own timeline; only the owner's holds the owner's jobs.
      expect(ids.includes(t.jobId)).toBe(v.name === "owner");
      expect((timeline as Timeline).counts.archived > 0).toBe(v.name === "owner");
    },
  },
  {
    name: "updateJob", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON],
    run: ({ t }) => updateJob({ jobId: t.jobId, company: "Renamed", role: "Engineer", appliedOn: addDays(today(), -30), notes: "changed" }),
    check: async (_r, { t }) => expect((await db.job.findUniqueOrThrow({ where: { id: t.jobId } })).company).toBe("Renamed"),
  },
  {
    name: "archiveJob", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => archiveJob({ jobId: t.jobId }),
    check: async (_r, { t }) => expect((await db.job.findUniqueOrThrow({ where: { id: t.jobId } })).archivedAt).not.toBeNull(),
  },
  {
    name: "restoreJob", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => restoreJob({ jobId: t.archivedJobId }),
    check: async (_r, { t }) => expect((await db.job.findUniqueOrThrow({ where: { id: t.archivedJobId } })).archivedAt).toBeNull(),
  },
  {
    name: "addStage", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => addStage({ jobId: t.jobId, kind: "heard_back", on: today() }),
    check: async (_r, { t }) => expect(await db.stage.count({ where: { jobId: t.jobId, kind: "heard_back" } })).toBe(1),
  },
  {
    name: "logFollowUp", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => logFollowUp({ jobId: t.jobId, on: today() }),
    check: async (_r, { t }) => expect(await db.stage.count({ where: { jobId: t.jobId, kind: "follow_up", forStageId: t.stageId } })).toBe(1),
  },
  {
    name: "deleteStage", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => deleteStage({ jobId: t.jobId, stageId: t.stageId }),
    check: async (_r, { t }) => expect(await db.stage.count({ where: { id: t.stageId } })).toBe(0),
  },

  // lib/data/shares.ts: links are managed by their owner; a link opens for whoever holds it.
  {
    name: "createShareLink", kind: "write", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => createShareLink({ label: "Mine" }),
    check: async (result, { v }) => {
      // Always the viewer's own link, never one on the owner's timeline (unless they are the owner).
      const row = await db.shareLink.findUniqueOrThrow({ where: { id: (result as { id: string }).id } });
      expect(row.userId).toBe(v.user!.id);
    },
  },
  {
    name: "listShareLinks", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => listShareLinks(),
    check: (links, { t, v }) => {
      const ids = (links as { id: string }[]).map((l) => l.id);
      expect(ids.includes(t.linkId)).toBe(v.name === "owner");
      expect(ids.includes(w.linkIds[0]!)).toBe(v.name === "owner");
      // Revoked and expired links are not listed, even to the owner.
      expect(ids.includes(w.linkIds[1]!) || ids.includes(w.linkIds[2]!)).toBe(false);
      expect(JSON.stringify(links)).not.toMatch(/tokenHash|token"/);
    },
  },
  {
    // The history on /sharing: the owner's revoked and expired links, to the owner alone.
    name: "listPastShareLinks", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => listPastShareLinks(),
    check: (links, { v }) => {
      const ids = (links as { id: string }[]).map((l) => l.id);
      expect(ids.includes(w.linkIds[1]!)).toBe(v.name === "owner");
      expect(ids.includes(w.linkIds[2]!)).toBe(v.name === "owner");
      expect(ids.includes(w.linkIds[0]!)).toBe(false); // still active
      expect(JSON.stringify(links)).not.toMatch(/tokenHash|token"/);
    },
  },
  {
    name: "revokeShareLink", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => revokeShareLink({ linkId: t.linkId }),
    check: async (_r, { t }) => expect((await db.shareLink.findUniqueOrThrow({ where: { id: t.linkId } })).revokedAt).not.toBeNull(),
  },
  {
    name: "setShareLinkInsights", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => setShareLinkInsights({ linkId: t.linkId, showInsights: true }),
    check: async (_r, { t }) => expect((await db.shareLink.findUniqueOrThrow({ where: { id: t.linkId } })).showInsights).toBe(true),
  },
  // The owner's revoked and expired links: nobody turns anything on for a link that no longer works.
  {
    name: "setShareLinkInsights (the revoked link)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: () => setShareLinkInsights({ linkId: w.linkIds[1]!, showInsights: true }),
  },
  {
    name: "setShareLinkInsights (the expired link)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: () => setShareLinkInsights({ linkId: w.linkIds[2]!, showInsights: true }),
  },
  {
    name: "openSharedTimeline", kind: "open", expect: [ok, ok, ok, ok, ok, ok, off, off, off],
    run: ({ v }) => openSharedTimeline(v.token, `matrix-${randomUUID()}`),
    check: (timeline, { t }) => {
      const job = jobOf(timeline as Timeline, t.jobId)!;
      expect(job, "the owner's job is on the shared timeline").toBeDefined();
      // The link was made without "include contact details and private notes".
      expect([job.contactName, job.contactPhone, job.notes, job.stages[1]!.note, job.stages[1]!.withWhom]).toEqual([null, null, "", "", null]);
      expect(job.comments).toEqual([]);
      expect((timeline as Timeline).archived).toEqual([]);
    },
  },
  {
    name: "openSharedJob", kind: "open", expect: [ok, ok, ok, ok, ok, ok, off, off, off],
    run: ({ v, t }) => openSharedJob(v.token, t.jobId, `matrix-${randomUUID()}`),
    check: (result) => {
      const { job } = result as { job: { contactName: string | null; notes: string; comments: unknown[]; stages: { note: string }[] } };
      expect([job.contactName, job.notes, job.stages[1]!.note, job.comments]).toEqual([null, "", "", []]);
    },
  },

  // lib/data/grants.ts: the owner manages grants; whoever holds an invitation's link (signed in to any
  // account but the sender's) accepts it, an address match alone never; only a live grant reads.
  {
    name: "inviteCoach", kind: "write", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => inviteCoach({ email: uniqueEmail("new-coach") }),
    check: async (result, { v }) => expect((await db.coachGrant.findUniqueOrThrow({ where: { id: (result as { id: string }).id } })).ownerId).toBe(v.user!.id),
  },
  {
    name: "listGrantsGiven", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => listGrantsGiven(),
    check: (grants, { t, v }) => {
      const ids = (grants as { id: string }[]).map((g) => g.id);
      const owners = v.name === "owner";
      expect(ids.includes(t.grantId)).toBe(owners);
      expect(ids.includes(w.ownerGrantIds[0]!)).toBe(owners);
      expect(ids.includes(w.ownerGrantIds[1]!)).toBe(false); // revoked
    },
  },
  {
    name: "revokeGrant", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON], run: ({ t }) => revokeGrant({ grantId: t.grantId }),
    check: async (_r, { t }) => expect((await db.coachGrant.findUniqueOrThrow({ where: { id: t.grantId } })).revokedAt).not.toBeNull(),
  },
  {
    name: "revokeGrant (the coach's own grant)", kind: "write", expect: [ok, nf, nf, nf, nf, ...ANON],
    // Only for the owner is this the live coach's grant: revoking it here would end the world, so
    // the owner's cell revokes the fresh one; a coach cannot revoke (or un-revoke) what was given to them.
    run: ({ t, v }) => revokeGrant({ grantId: v.name === "owner" ? t.grantId : w.ownerGrantIds[v.name === "revoked coach" ? 1 : 0]! }),
  },
  {
    name: "getInvitation (the link)", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: ({ t }) => getInvitation(t.invitationToken, `matrix-${randomUUID()}`),
    check: (invitation) => expect(invitation).toMatchObject({ ownerName: "Inviter", own: false, alreadyCoaching: false }),
  },
  {
    name: "getInvitation (the owner's own link)", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: ({ t }) => getInvitation(t.ownInvitationToken, `matrix-${randomUUID()}`),
    check: (invitation, { v }) => expect(invitation).toMatchObject({ ownerName: "Owner Olive", own: v.name === "owner", alreadyCoaching: v.name === "coach" }),
  },
  {
    name: "getInvitation (an unknown link)", kind: "read", expect: [off, off, off, off, off, ...ANON], run: () => getInvitation(randomBytes(32).toString("base64url"), `matrix-${randomUUID()}`),
  },
  {
    name: "acceptInvitation (the link)", kind: "write", expect: [ok, ok, ok, ok, ok, ...ANON],
    run: ({ t }) => acceptInvitation({ token: t.invitationToken }, `matrix-${randomUUID()}`),
    check: async (_r, { t, v }) => {
      const grant = await db.coachGrant.findUniqueOrThrow({ where: { id: t.invitationId } });
      expect([grant.coachId, grant.acceptedAt !== null, grant.tokenHash]).toEqual([v.user!.id, true, null]);
    },
  },
  {
    // Not the sender; not the owner's live coach either (they already have access): the link stays.
    name: "acceptInvitation (the owner's own link)", kind: "write", expect: [nf, ok, cf, ok, ok, ...ANON], message: /^This invitation is no longer valid\.$|^You already coach Owner Olive\.$/,
    run: ({ t }) => acceptInvitation({ token: t.ownInvitationToken }, `matrix-${randomUUID()}`),
    check: async (result, { v }) => {
      expect(result).toEqual({ clientId: w.owner.id });
      // Undone, so the viewer is nobody's coach in the cells that follow.
      const ended = await db.coachGrant.updateMany({ where: { ownerId: w.owner.id, coachId: v.user!.id, revokedAt: null, id: { notIn: w.ownerGrantIds } }, data: { revokedAt: new Date() } });
      expect(ended.count).toBe(1);
    },
  },
  {
    // The invited address's account, or anyone, with the invitation's id: no link, no access.
    name: "acceptInvitation (by id, without the link)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: ({ t }) => acceptInvitation({ grantId: t.invitationId }, `matrix-${randomUUID()}`),
  },
  {
    name: "acceptInvitation (the pending coach's grant, made before links)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: () => acceptInvitation({ grantId: w.pendingGrantId, token: randomBytes(32).toString("base64url") }, `matrix-${randomUUID()}`),
  },
  {
    name: "declineInvitation (the link)", kind: "write", expect: [ok, ok, ok, ok, ok, ...ANON],
    run: ({ t }) => declineInvitation({ token: t.invitationToken }, `matrix-${randomUUID()}`),
    check: async (_r, { t }) => {
      const grant = await db.coachGrant.findUniqueOrThrow({ where: { id: t.invitationId } });
      expect([grant.revokedAt !== null, grant.tokenHash, grant.coachId]).toEqual([true, null, null]);
    },
  },
  {
    name: "declineInvitation (by id, without the link)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: ({ t }) => declineInvitation({ grantId: t.invitationId }, `matrix-${randomUUID()}`),
  },
  {
    name: "listClients", kind: "read", expect: [ok, ok, ok, ok, ok, ...ANON], run: () => listClients(),
    check: (clients, { v }) => expect((clients as { id: string }[]).some((c) => c.id === w.owner.id)).toBe(v.name === "coach"),
  },
  {
    name: "getClientTimeline", kind: "read", expect: [nf, nf, ok, nf, nf, ...ANON], run: () => getClientTimeline(w.owner.id),
    check: (timeline, { t }) => {
      const job = jobOf(timeline as Timeline, t.jobId)!;
      // Coach accounts: contact details yes, private notes no, and only their own comments.
      expect([job.contactName, job.notes, job.stages[1]!.note, job.stages[1]!.withWhom]).toEqual(["Jane Contact", "", "", "Jane Contact"]);
      expect(job.comments.map((c) => c.id)).toEqual([t.coachCommentId]);
      expect((timeline as Timeline).archived).toEqual([]);
    },
  },
  {
    name: "getClientJob", kind: "read", expect: [nf, nf, ok, nf, nf, ...ANON], run: ({ t }) => getClientJob(w.owner.id, t.jobId),
    check: (result, { t }) => {
      const { job } = result as { job: { contactPhone: string | null; notes: string; comments: { id: string }[] } };
      expect([job.contactPhone, job.notes, job.comments.map((c) => c.id)]).toEqual(["+44 20 7946 0000", "", [t.coachCommentId]]);
    },
  },
  {
    name: "getClientJob (archived job)", kind: "read", expect: [nf, nf, nf, nf, nf, ...ANON], run: ({ t }) => getClientJob(w.owner.id, t.archivedJobId),
  },

  // lib/data/comments.ts: a coach's only write, and only with a live grant.
  {
    name: "addComment", kind: "write", expect: [nf, nf, ok, nf, nf, ...ANON],
    run: ({ t }) => addComment({ clientId: w.owner.id, jobId: t.jobId, body: "Call them Tuesday morning." }),
    check: async (result, { t }) => {
      const row = await db.comment.findUniqueOrThrow({ where: { id: (result as { id: string }).id } });
      expect([row.jobId, row.authorId, row.body]).toEqual([t.jobId, w.coach.id, "Call them Tuesday morning."]);
    },
  },
  {
    name: "deleteComment (the coach's comment)", kind: "write", expect: [nf, nf, ok, nf, nf, ...ANON],
    run: ({ t }) => deleteComment({ commentId: t.coachCommentId }),
    check: async (_r, { t }) => {
      expect(await db.comment.count({ where: { id: t.coachCommentId } })).toBe(0);
      expect(await db.comment.count({ where: { id: t.otherCommentId } })).toBe(1);
    },
  },
  {
    name: "deleteComment (the revoked coach's own comment)", kind: "write", expect: [nf, nf, nf, nf, nf, ...ANON],
    run: ({ t }) => deleteComment({ commentId: t.otherCommentId }),
  },
];

async function outcomeOf(promise: Promise<unknown>): Promise<{ outcome: Outcome; value: unknown }> {
  try {
    const value = await promise;
    return { outcome: value === null ? "inactive" : "ok", value };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code !== "not_found" && error.code !== "unauthenticated" && error.code !== "conflict") throw error;
    return { outcome: error.code, value: error };
  }
}

describe.each(OPS)("$name", (op) => {
  it.each(VIEWERS.map((name, i) => ({ name, expected: op.expect[i]! })))("$name → $expected", async ({ name, expected }) => {
    const t = await freshTargets();
    const v = viewer(name);
    if (v.user) await signInAs(v.user);
    else signOut();
    const before = await snapshot();

    const { outcome, value } = await outcomeOf(op.run({ w, t, v }));
    expect(outcome, `${op.name} as ${name}`).toBe(expected);

    const after = await snapshot();
    if (outcome !== "ok" || op.kind === "read") {
      expect(after, "the database is unchanged").toEqual(before);
    } else if (op.kind === "open") {
      // A visit is counted on the link, and nothing else changes.
      expect({ ...after, links: [] }).toEqual({ ...before, links: [] });
      const link = (rows: typeof before.links) => rows.find((l) => l.id === w.linkIds[0])!;
      expect(link(after.links).openCount).toBe(link(before.links).openCount + 1);
    }
    if (outcome === "ok") await op.check?.(value, { w, t, v });
    const invitationOp = /^(accept|decline)Invitation/.test(op.name);
    if (outcome === "not_found" && value instanceof AppError) expect(value.message).toMatch(op.message ?? (invitationOp ? /^This invitation is no longer valid\.$/ : /was not found/));
    if (outcome === "conflict" && value instanceof AppError) expect(value.message).toMatch(op.message ?? /^$/);
  });
});
