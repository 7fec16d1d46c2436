import "server-only";
import { db, readRows } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { planFollowUp } from "@/lib/followup";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { invitationMail } from "@/lib/email/invitation-email";
import { appBaseUrl, sendNow } from "@/lib/mail";
import { ClientIdInput, ClientJobInput, GrantIdInput, InvitationTokenInput, InviteCoachInput } from "@/lib/validation/sharing";
import { toStageDTO, type Visibility } from "./mappers";
import { CALENDAR_SELECT, calendarForStages } from "./working-calendar";
import { LIMITS, hit, isLimited } from "./rate-limit";
import { requireUser, type Viewer } from "./session";
import { loadReadOnlyJob, loadTimeline, readOnlyTimeline, type ReadOnlyJob, type SectionKey, type Timeline } from "./timeline";
import { todayIn } from "@/lib/time/zones";
import { hashToken, newToken } from "./tokens";

/**
 * A coach as the job seeker sees them on /sharing. Once accepted, the account that holds the
 * grant (its name and e-mail, which may differ from the address the link was sent to); before,
 * whether the link still works ("pending") or must be sent again ("expired").
 */
export type GrantDTO = {
  id: string;
  coachEmail: string;
  coachName: string | null;
  coachAccountEmail: string | null;
  status: "pending" | "expired" | "active";
  invitedAt: string;
  expiresAt: string | null;
  acceptedAt: string | null;
};
/** An invitation as whoever opened its link sees it (never its id, token or hash). */
export type InvitationDTO = {
  ownerName: string;
  ownerEmail: string;
  invitedAt: string;
  expiresAt: string;
  /** The viewer sent it: they pass the link on, they cannot accept it. */
  own: boolean;
  /** The viewer already holds a live grant from its sender. */
  alreadyCoaching: boolean;
};
/** A new (or renewed) invitation: its link's token, returned this once; or the coach already has access. */
export type SentInvitation = { id: string; status: "sent"; token: string; emailed: boolean } | { id: string; status: "active" };
export type ClientSummaryDTO = { id: string; name: string; since: string; due: number; waiting: number; followedUp: number; active: number };

// Coach accounts see contact details (they may help prepare a call) but never private
// notes: see docs/decisions/005-coach-visibility.md.
export const COACH_VISIBILITY: Visibility = { contacts: true, notes: false };

/** A grant is live while it is accepted and not revoked. Read from the database every time. */
export const liveGrantOf = (coachId: string) => ({ coachId, acceptedAt: { not: null }, revokedAt: null }) satisfies Prisma.CoachGrantWhereInput;
/** liveGrantOf in SQL, for statements on the pool (`g` is the grant, $n the coach's id). */
export const liveGrantSql = (coachParam: string) => `g."coachId" = ${coachParam} AND g."acceptedAt" IS NOT NULL AND g."revokedAt" IS NULL`;

/**
 * THE check for anything done on behalf of a coach: `viewer` holds a live grant from
 * `clientId`. Returns the client's id; anything else is "not found" (no existence leak).
 */
export async function requireClient(viewer: Viewer, clientId: unknown): Promise<string> {
  const parsed = ClientIdInput.safeParse({ clientId });
  if (!parsed.success) throw notFound("That client");
  // On the pool directly (lib/db.ts, readRows): every page of a coach's asks it.
  const [grant] = await readRows<{ ownerId: string }>(`SELECT g."ownerId" FROM "CoachGrant" g WHERE g."ownerId" = $1 AND ${liveGrantSql("$2")} LIMIT 1`, [
    parsed.data.clientId,
    viewer.id,
  ]);
  if (!grant) throw notFound("That client");
  return grant.ownerId;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** How long an invitation link works, from the day it is sent (or sent again). */
export const INVITATION_DAYS = 14;

/** A fresh link for an invitation: the old token, if any, stops working as it is overwritten. */
function newInvitationLink(now = new Date()) {
  const token = newToken();
  return { token, data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000), createdAt: now } };
}

/**
 * Invites a coach: a link whose token is returned this once (and e-mailed to `email` when SMTP is
 * configured). The address says where the link goes, not who may accept: whoever opens the link,
 * signed in to any account, may. Inviting the same address again (a pending, expired, declined or
 * removed invitation) makes a new link and voids the old one; a coach who has access keeps it.
 */
export async function inviteCoach(input: unknown): Promise<SentInvitation> {
  const viewer = await requireUser();
  const parsed = InviteCoachInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const coachEmail = parsed.data.email;
  if (coachEmail === viewer.email.toLowerCase()) {
    throw new AppError("invalid", "Check the highlighted fields.", { email: ["That is your own email. Enter your coach's email address."] });
  }
  const link = newInvitationLink();
  let id: string | null = null;
  try {
    id = (await db.coachGrant.create({ data: { ownerId: viewer.id, coachEmail, ...link.data }, select: { id: true } })).id;
  } catch (error) {
    // Invited before (or twice at once): renew that invitation below.
    if (!isUniqueViolation(error)) throw error;
  }
  if (!id) {
    const where = { ownerId: viewer.id, coachEmail };
    // One conditional UPDATE, so a grant that is live (accepted, not removed) is never reset.
    const { count } = await db.coachGrant.updateMany({
      where: { ...where, OR: [{ acceptedAt: null }, { revokedAt: { not: null } }] },
      data: { ...link.data, revokedAt: null, acceptedAt: null, coachId: null },
    });
    id = (await db.coachGrant.findUniqueOrThrow({ where: { ownerId_coachEmail: where }, select: { id: true } })).id;
    if (count === 0) return { id, status: "active" };
  }
  const emailed = await sendNow(
    invitationMail({ to: coachEmail, ownerName: viewer.name, ownerEmail: viewer.email, url: `${appBaseUrl()}/invitations/${link.token}`, days: INVITATION_DAYS }),
  );
  return { id, status: "sent", token: link.token, emailed };
}

/** Who has (or was offered) access to the viewer's job search: invited and accepted coaches. */
export async function listGrantsGiven(now = new Date()): Promise<GrantDTO[]> {
  const viewer = await requireUser();
  const rows = await db.coachGrant.findMany({
    where: { ownerId: viewer.id, revokedAt: null },
    select: { id: true, coachEmail: true, tokenHash: true, expiresAt: true, acceptedAt: true, createdAt: true, coach: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    coachEmail: r.coachEmail,
    coachName: r.acceptedAt ? (r.coach?.name ?? null) : null,
    coachAccountEmail: r.acceptedAt ? (r.coach?.email ?? null) : null,
    status: r.acceptedAt ? "active" : r.tokenHash && r.expiresAt && r.expiresAt > now ? "pending" : "expired",
    invitedAt: r.createdAt.toISOString(),
    expiresAt: r.acceptedAt ? null : (r.expiresAt?.toISOString() ?? null),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}

/** Removes a coach (or withdraws an invitation: its link stops working); their next request has no access. */
export async function revokeGrant(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = GrantIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That coach");
  const { count } = await db.coachGrant.updateMany({
    where: { id: parsed.data.grantId, ownerId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date(), tokenHash: null },
  });
  if (count === 0) throw notFound("That coach");
}

// The one answer for an unknown, malformed, expired, used, declined or withdrawn link, for the
// sender's own link, and for an address that guessed too often: nothing tells them apart.
const invitationGone = () => new AppError("not_found", "This invitation is no longer valid.");

/**
 * The invitation behind a link, if it can still be accepted: the token's hash matches, and it is
 * neither accepted, declined, withdrawn nor expired. An address that has guessed wrong too often
 * is refused before its token is looked at, as for share links.
 */
async function openInvitation(input: unknown, clientAddress: string, now: Date) {
  if (await isLimited(LIMITS.invitationTokenMissesPerAddress, clientAddress)) return null;
  if (!(await hit(LIMITS.invitationTokenPerAddress, clientAddress)).allowed) return null;
  const parsed = InvitationTokenInput.safeParse(input);
  const invitation = parsed.success
    ? await db.coachGrant.findFirst({
        where: { tokenHash: hashToken(parsed.data.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: { id: true, ownerId: true, tokenHash: true, createdAt: true, expiresAt: true, owner: { select: { name: true, email: true } } },
      })
    : null;
  if (!invitation) await hit(LIMITS.invitationTokenMissesPerAddress, clientAddress);
  return invitation;
}

const coaches = (viewerId: string, ownerId: string) => db.coachGrant.count({ where: { ownerId, ...liveGrantOf(viewerId) } }).then((n) => n > 0);

/** What the invitation page shows a signed-in viewer who opened a link, or null: "no longer valid". */
export async function getInvitation(token: unknown, clientAddress: string, now = new Date()): Promise<InvitationDTO | null> {
  const viewer = await requireUser();
  const invitation = await openInvitation({ token }, clientAddress, now);
  if (!invitation) return null;
  const own = invitation.ownerId === viewer.id;
  return {
    ownerName: invitation.owner.name,
    ownerEmail: invitation.owner.email,
    invitedAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt!.toISOString(),
    own,
    alreadyCoaching: !own && (await coaches(viewer.id, invitation.ownerId)),
  };
}

/** For the navigation: people the viewer coaches now (live grants). */
export async function countClients(): Promise<number> {
  const viewer = await requireUser();
  return db.coachGrant.count({ where: liveGrantOf(viewer.id) });
}

/**
 * Accepts the invitation behind a link, as the signed-in viewer, whatever their e-mail address:
 * holding the link is what counts. The sender cannot accept their own. Returns the new client's id.
 */
export async function acceptInvitation(input: unknown, clientAddress: string): Promise<{ clientId: string }> {
  const viewer = await requireUser();
  const now = new Date();
  const invitation = await openInvitation(input, clientAddress, now);
  if (!invitation || invitation.ownerId === viewer.id) throw invitationGone();
  if (await coaches(viewer.id, invitation.ownerId)) throw new AppError("conflict", `You already coach ${invitation.owner.name}.`);
  // One conditional UPDATE binds the coach and spends the token: of two accepts at once, the
  // second finds the token gone (Postgres re-checks the row it waited for) and changes nothing.
  const { count } = await db.coachGrant.updateMany({
    where: { id: invitation.id, tokenHash: invitation.tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, ownerId: { not: viewer.id } },
    data: { coachId: viewer.id, acceptedAt: now, tokenHash: null },
  });
  if (count === 0) throw invitationGone();
  return { clientId: invitation.ownerId };
}

/** Declines the invitation behind a link: it stops working, and its sender no longer lists it. */
export async function declineInvitation(input: unknown, clientAddress: string): Promise<void> {
  const viewer = await requireUser();
  const now = new Date();
  const invitation = await openInvitation(input, clientAddress, now);
  if (!invitation || invitation.ownerId === viewer.id) throw invitationGone();
  const { count } = await db.coachGrant.updateMany({
    where: { id: invitation.id, tokenHash: invitation.tokenHash, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now, tokenHash: null },
  });
  if (count === 0) throw invitationGone();
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
    select: { acceptedAt: true, owner: { select: { id: true, name: true, timeZone: true, ...CALENDAR_SELECT } } },
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
    // Each client's own working calendar (issue 15), not the coach's.
    const histories = jobs.filter((job) => job.userId === owner.id).map((job) => job.stages.map((s) => toStageDTO(s)));
    const calendar = calendarForStages(owner, histories, today);
    for (const stages of histories) {
      const { status } = planFollowUp({ stages, today, calendar });
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
