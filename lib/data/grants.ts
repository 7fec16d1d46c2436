import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { planFollowUp } from "@/lib/followup";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ClientIdInput, ClientJobInput, GrantIdInput, InviteCoachInput } from "@/lib/validation/sharing";
import { toStageDTO, type Visibility } from "./mappers";
import { requireUser, type Viewer } from "./session";
import { loadReadOnlyJob, loadTimeline, readOnlyTimeline, type ReadOnlyJob, type SectionKey, type Timeline } from "./timeline";
import { todayIn } from "@/lib/time/zones";

/** A coach as the job seeker sees them on /sharing. The name shows only once they accepted. */
export type GrantDTO = { id: string; coachEmail: string; coachName: string | null; status: "pending" | "active"; invitedAt: string; acceptedAt: string | null };
/** An invitation as the invited coach sees it. */
export type InvitationDTO = { id: string; ownerName: string; ownerEmail: string; invitedAt: string };
export type ClientSummaryDTO = { id: string; name: string; since: string; due: number; waiting: number; followedUp: number; active: number };

// Coach accounts see contact details (they may help prepare a call) but never private
// notes: see docs/decisions/005-coach-visibility.md.
export const COACH_VISIBILITY: Visibility = { contacts: true, notes: false };

/** A grant is live while it is accepted and not revoked. Read from the database every time. */
export const liveGrantOf = (coachId: string) => ({ coachId, acceptedAt: { not: null }, revokedAt: null }) satisfies Prisma.CoachGrantWhereInput;

/**
 * THE check for anything done on behalf of a coach: `viewer` holds a live grant from
 * `clientId`. Returns the client's id; anything else is "not found" (no existence leak).
 */
export async function requireClient(viewer: Viewer, clientId: unknown): Promise<string> {
  const parsed = ClientIdInput.safeParse({ clientId });
  if (!parsed.success) throw notFound("That client");
  const grant = await db.coachGrant.findFirst({ where: { ownerId: parsed.data.clientId, ...liveGrantOf(viewer.id) }, select: { ownerId: true } });
  if (!grant) throw notFound("That client");
  return grant.ownerId;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Invites a coach by email. Re-inviting a removed coach re-opens the invitation (pending again). */
export async function inviteCoach(input: unknown): Promise<{ id: string; alreadyInvited: boolean }> {
  const viewer = await requireUser();
  const parsed = InviteCoachInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const coachEmail = parsed.data.email;
  if (coachEmail === viewer.email.toLowerCase()) {
    throw new AppError("invalid", "Check the highlighted fields.", { email: ["That is your own email. Enter your coach's email address."] });
  }
  const key = { ownerId_coachEmail: { ownerId: viewer.id, coachEmail } };
  const existing = await db.coachGrant.findUnique({ where: key, select: { id: true, revokedAt: true } });
  if (!existing) {
    try {
      return { id: (await db.coachGrant.create({ data: { ownerId: viewer.id, coachEmail }, select: { id: true } })).id, alreadyInvited: false };
    } catch (error) {
      // The same invitation sent twice at once: the first one stands.
      if (!isUniqueViolation(error)) throw error;
      return { id: (await db.coachGrant.findUniqueOrThrow({ where: key, select: { id: true } })).id, alreadyInvited: true };
    }
  }
  if (!existing.revokedAt) return { id: existing.id, alreadyInvited: true };
  // The coach must accept again: a removal is not silently undone for them.
  await db.coachGrant.updateMany({
    where: { id: existing.id, revokedAt: { not: null } },
    data: { revokedAt: null, acceptedAt: null, coachId: null, createdAt: new Date() },
  });
  return { id: existing.id, alreadyInvited: false };
}

/** Who has (or was offered) access to the viewer's job search: pending and accepted coaches. */
export async function listGrantsGiven(): Promise<GrantDTO[]> {
  const viewer = await requireUser();
  const rows = await db.coachGrant.findMany({
    where: { ownerId: viewer.id, revokedAt: null },
    select: { id: true, coachEmail: true, acceptedAt: true, createdAt: true, coach: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    coachEmail: r.coachEmail,
    coachName: r.acceptedAt ? (r.coach?.name ?? null) : null,
    status: r.acceptedAt ? "active" : "pending",
    invitedAt: r.createdAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}

/** Removes a coach (or withdraws an invitation); their next request has no access. */
export async function revokeGrant(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = GrantIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That coach");
  const { count } = await db.coachGrant.updateMany({
    where: { id: parsed.data.grantId, ownerId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("That coach");
}

/** Pending invitations addressed to the viewer's email. */
const pendingFor = (viewer: Viewer) =>
  ({ coachEmail: viewer.email.toLowerCase(), acceptedAt: null, revokedAt: null, ownerId: { not: viewer.id } }) satisfies Prisma.CoachGrantWhereInput;

export async function listInvitations(): Promise<InvitationDTO[]> {
  const viewer = await requireUser();
  const rows = await db.coachGrant.findMany({
    where: pendingFor(viewer),
    select: { id: true, createdAt: true, owner: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, ownerName: r.owner.name, ownerEmail: r.owner.email, invitedAt: r.createdAt.toISOString() }));
}

/** For the navigation badge. */
export async function countInvitations(): Promise<number> {
  const viewer = await requireUser();
  return db.coachGrant.count({ where: pendingFor(viewer) });
}

/** For the navigation: people the viewer coaches now (live grants). */
export async function countClients(): Promise<number> {
  const viewer = await requireUser();
  return db.coachGrant.count({ where: liveGrantOf(viewer.id) });
}

/** Only the user whose email the invitation was sent to can accept it. */
export async function acceptInvitation(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = GrantIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That invitation");
  const { count } = await db.coachGrant.updateMany({
    where: { id: parsed.data.grantId, ...pendingFor(viewer) },
    data: { coachId: viewer.id, acceptedAt: new Date() },
  });
  if (count === 0) throw notFound("That invitation");
}

export async function declineInvitation(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = GrantIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That invitation");
  const { count } = await db.coachGrant.updateMany({ where: { id: parsed.data.grantId, ...pendingFor(viewer) }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("That invitation");
}

/** Everyone who shares with the viewer, with a summary of their timeline. */
export async function listClients(): Promise<ClientSummaryDTO[]> {
  const viewer = await requireUser();
  return clientSummaries(viewer.id);
}

/**
 * The clients of a coach (the live grants they hold), each with a summary of their timeline on
 * their own "today" at `now`: three queries (grants, jobs, stages) however many clients. Callers
 * decide who may see it: the coach (listClients) or their weekly digest (lib/data/digests.ts).
 */
export async function clientSummaries(coachId: string, now = new Date()): Promise<ClientSummaryDTO[]> {
  const grants = await db.coachGrant.findMany({
    where: liveGrantOf(coachId),
    select: { acceptedAt: true, owner: { select: { id: true, name: true, timeZone: true } } },
    orderBy: { owner: { name: "asc" } },
  });
  if (grants.length === 0) return [];
  const jobs = await db.job.findMany({
    where: { userId: { in: grants.map((g) => g.owner.id) }, archivedAt: null },
    select: { userId: true, stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] } },
  });
  return grants.map(({ owner, acceptedAt }) => {
    const today = todayIn(owner.timeZone, now);
    const summary: ClientSummaryDTO = { id: owner.id, name: owner.name, since: acceptedAt!.toISOString(), due: 0, waiting: 0, followedUp: 0, active: 0 };
    for (const job of jobs) {
      if (job.userId !== owner.id) continue;
      const { status } = planFollowUp({ stages: job.stages.map((s) => toStageDTO(s)), today });
      if (status === "due") summary.due++;
      else if (status === "waiting") summary.waiting++;
      else if (status === "followed_up") summary.followedUp++;
      if (status !== "closed") summary.active++;
    }
    return summary;
  });
}

// A coach sees only their own comments; other coaches' stay between them and the job seeker.
const ownComments = (c: { mine: boolean }) => c.mine;

/** A client's timeline, read-only, for a coach with a live grant. */
export async function getClientTimeline(clientId: string, expand: SectionKey | null = null): Promise<Timeline> {
  const viewer = await requireUser();
  const ownerId = await requireClient(viewer, clientId);
  // Archived jobs are not part of a coach's view, so there is nothing to expand there.
  const timeline = await loadTimeline(ownerId, COACH_VISIBILITY, viewer.id, new Date(), { expand: expand === "archived" ? null : expand });
  return readOnlyTimeline(timeline, ownComments);
}

/** One job of a client's, read-only, for a coach with a live grant. */
export async function getClientJob(clientId: string, jobId: string): Promise<ReadOnlyJob> {
  const viewer = await requireUser();
  const ownerId = await requireClient(viewer, clientId);
  const parsed = ClientJobInput.safeParse({ clientId, jobId });
  const job = parsed.success ? await loadReadOnlyJob(ownerId, parsed.data.jobId, COACH_VISIBILITY, ownComments, viewer.id) : null;
  if (!job) throw notFound("That job");
  return job;
}
