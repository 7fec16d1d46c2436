import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { addDays } from "@/lib/followup";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { CreateShareLinkInput, ShareLinkIdInput, ShareLinkInsightsInput, ShareToken } from "@/lib/validation/sharing";
import type { Visibility } from "./mappers";
import { LIMITS, hit, isLimited } from "./rate-limit";
import { requireUser } from "./session";
import { hashToken, newToken } from "./tokens";
import { loadReadOnlyJob, loadTimeline, readOnlyTimeline, type ReadOnlyJob, type SectionKey, type Timeline } from "./timeline";
import { startOfDayIn, todayIn } from "@/lib/time/zones";

/** A link as its owner sees it on /sharing: never the token or its hash. */
export type ShareLinkDTO = {
  id: string;
  label: string;
  includePrivate: boolean;
  /** The Insights page opens through the link. */
  includeInsights: boolean;
  createdAt: string;
  /** The last day (in the owner's time zone) the link works, or null for no expiry. */
  expiresOn: string | null;
  lastOpenedAt: string | null;
  openCount: number;
};

const invalid = (fieldErrors: Record<string, string[]>) => new AppError("invalid", "Check the highlighted fields.", fieldErrors);

/** Creates a link; the raw token is returned this once and never stored or shown again. */
export async function createShareLink(input: unknown): Promise<{ id: string; token: string }> {
  const viewer = await requireUser();
  const parsed = CreateShareLinkInput.safeParse(input);
  if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
  const { label, expiresOn, includePrivate, includeInsights } = parsed.data;
  if (expiresOn && expiresOn < todayIn(viewer.timeZone)) throw invalid({ expiresOn: ["The expiry date cannot be in the past."] });
  const token = newToken();
  const link = await db.shareLink.create({
    data: {
      userId: viewer.id,
      label,
      tokenHash: hashToken(token),
      showContacts: includePrivate,
      showInsights: includeInsights,
      // Works to the end of the chosen day where the job seeker lives.
      expiresAt: expiresOn ? startOfDayIn(addDays(expiresOn, 1), viewer.timeZone) : null,
    },
    select: { id: true },
  });
  return { id: link.id, token };
}

/** The viewer's links that still work, newest first. */
export async function listShareLinks(now = new Date()): Promise<ShareLinkDTO[]> {
  const viewer = await requireUser();
  const rows = await db.shareLink.findMany({
    where: { userId: viewer.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, label: true, showContacts: true, showInsights: true, createdAt: true, expiresAt: true, lastOpenedAt: true, openCount: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    includePrivate: r.showContacts,
    includeInsights: r.showInsights,
    createdAt: r.createdAt.toISOString(),
    expiresOn: r.expiresAt ? todayIn(viewer.timeZone, new Date(r.expiresAt.getTime() - 1)) : null,
    lastOpenedAt: r.lastOpenedAt?.toISOString() ?? null,
    openCount: r.openCount,
  }));
}

/** A link that no longer works, as history on /sharing: when it ended and how much it was used. */
export type PastShareLinkDTO = {
  id: string;
  label: string;
  createdAt: string;
  /** Revoked by its owner, or past its last day. */
  ended: "revoked" | "expired";
  endedAt: string;
  lastOpenedAt: string | null;
  openCount: number;
};

/** How many past links /sharing lists: the newest, so the page stays short after years of use. */
export const PAST_LINKS_SHOWN = 20;

/** The viewer's revoked and expired links, the most recently ended first (never the token or its hash). */
export async function listPastShareLinks(now = new Date()): Promise<PastShareLinkDTO[]> {
  const viewer = await requireUser();
  const rows = await db.shareLink.findMany({
    where: { userId: viewer.id, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
    select: { id: true, label: true, createdAt: true, expiresAt: true, revokedAt: true, lastOpenedAt: true, openCount: true },
    // Expired links have no revokedAt, so the order by end is made here, among the newest made.
    orderBy: { createdAt: "desc" },
    take: PAST_LINKS_SHOWN * 5,
  });
  return rows
    .map((r) => {
      const revoked = r.revokedAt && (!r.expiresAt || r.revokedAt < r.expiresAt);
      const endedAt = (revoked ? r.revokedAt : r.expiresAt)!;
      return {
        id: r.id,
        label: r.label,
        createdAt: r.createdAt.toISOString(),
        ended: revoked ? ("revoked" as const) : ("expired" as const),
        endedAt: endedAt.toISOString(),
        lastOpenedAt: r.lastOpenedAt?.toISOString() ?? null,
        openCount: r.openCount,
      };
    })
    .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
    .slice(0, PAST_LINKS_SHOWN);
}

export async function revokeShareLink(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = ShareLinkIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That link");
  const { count } = await db.shareLink.updateMany({
    where: { id: parsed.data.linkId, userId: viewer.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("That link");
}

/**
 * Turns "show my insights" on or off for one of the viewer's active links, in one conditional
 * UPDATE scoped by owner: another user's link, a revoked or an expired one is "not found" and
 * nothing changes. It holds from the link's next request (openLink reads the column every time).
 * No page version moves, as for revokeShareLink: no page in the page cache shows links.
 */
export async function setShareLinkInsights(input: unknown, now = new Date()): Promise<{ showInsights: boolean }> {
  const viewer = await requireUser();
  const parsed = ShareLinkInsightsInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    // An id that cannot be one is a link that does not exist (as revokeShareLink says).
    if (Object.keys(fieldErrors).some((field) => field !== "showInsights")) throw notFound("That link");
    throw invalid(fieldErrors);
  }
  const { linkId, showInsights } = parsed.data;
  const { count } = await db.shareLink.updateMany({
    where: { id: linkId, userId: viewer.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { showInsights },
  });
  if (count === 0) throw notFound("That link");
  return { showInsights };
}

export type OpenLink = { ownerId: string; visibility: Visibility; showInsights: boolean };

/**
 * Checks a token against the database on every request and counts the visit, in one
 * UPDATE. Revoked, expired, malformed and unknown tokens are all just "no link" (null),
 * and so is any token from an address that has guessed wrong too often: that address is
 * refused before its token is even looked at. `insights`: only a link whose owner ticked
 * "show insights" opens (lib/data/insights.ts); any other is "no link" too, and not counted.
 */
export async function openLink(token: unknown, address: string, { insights = false } = {}): Promise<OpenLink | null> {
  if (await isLimited(LIMITS.shareTokenMissesPerAddress, address)) return null;
  if (!(await hit(LIMITS.shareTokenPerAddress, address)).allowed) return null;
  const parsed = ShareToken.safeParse(token);
  const rows = parsed.success
    ? await db.$queryRaw<{ userId: string; showContacts: boolean; showInsights: boolean }[]>`
        UPDATE "ShareLink" SET "openCount" = "openCount" + 1, "lastOpenedAt" = now()
        WHERE "tokenHash" = ${hashToken(parsed.data)} AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())
          AND ("showInsights" OR NOT ${insights}::boolean)
        RETURNING "userId", "showContacts", "showInsights"`
    : [];
  const link = rows[0];
  if (!link) {
    await hit(LIMITS.shareTokenMissesPerAddress, address);
    return null;
  }
  // One checkbox for both: "everything", or without contact details and private notes.
  return { ownerId: link.userId, visibility: { contacts: link.showContacts, notes: link.showContacts }, showInsights: link.showInsights };
}

// Link visitors see no comments: those are between the job seeker and their coach accounts.
const noComments = () => false;

/**
 * The timeline behind a link, read-only, or null when the link is not (or no longer) active;
 * with whether the link also shows the owner's Insights page.
 */
export async function openSharedTimeline(token: unknown, clientAddress: string, expand: SectionKey | null = null): Promise<(Timeline & { showInsights: boolean }) | null> {
  const link = await openLink(token, clientAddress);
  if (!link) return null;
  const timeline = await loadTimeline(link.ownerId, link.visibility, undefined, new Date(), { expand: expand === "archived" ? null : expand });
  return { ...readOnlyTimeline(timeline, noComments), showInsights: link.showInsights };
}

/** One job's history behind a link, or null (inactive link, or no such live job). */
export async function openSharedJob(token: unknown, jobId: unknown, clientAddress: string): Promise<ReadOnlyJob | null> {
  const link = await openLink(token, clientAddress);
  if (!link || typeof jobId !== "string" || !/^[a-z0-9]{1,64}$/i.test(jobId)) return null;
  return loadReadOnlyJob(link.ownerId, jobId, link.visibility, noComments);
}
