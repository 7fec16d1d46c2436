import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { clearSessionCookie, requestClaims, type SessionClaims } from "@/lib/auth/session-cookie";
import { db, readRows } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** With the viewer's working calendar (lib/data/working-calendar.ts), read by the same statement. */
export type Viewer = { id: string; email: string; name: string; timeZone: string; workdays: number[]; holidayRegion: string | null };

/**
 * Turns the claims of a verified JWT into the viewer, checking the database every time (one
 * query): the user must still exist, the session version must match (sign-out-everywhere and
 * a password change bump it), this session must not have been signed out, and the sign-in
 * must be younger than the absolute lifetime.
 */
export async function viewerFromClaims(claims: Partial<SessionClaims> | null | undefined, now = Date.now()): Promise<Viewer | null> {
  const row = await sessionUser(claims, now);
  return row && { id: row.id, email: row.email, name: row.name, timeZone: row.timeZone, workdays: row.workdays, holidayRegion: row.holidayRegion };
}

/**
 * The one statement behind every signed-in request (see viewerFromClaims), with the user's
 * page version for the page cache (lib/data/page-cache.ts).
 */
export async function sessionUser(claims: Partial<SessionClaims> | null | undefined, now = Date.now()): Promise<(Viewer & { pageVersion: number }) | null> {
  if (!claims?.uid || typeof claims.sv !== "number" || typeof claims.authAt !== "number" || typeof claims.sid !== "string") return null;
  if (now - claims.authAt > env().SESSION_MAX_AGE_DAYS * 86_400_000) return null;
  // On the pool directly: the one statement of every signed-in request (lib/db.ts, readRows).
  // Instants are stored as UTC without a zone (Prisma's convention for timestamp(3)).
  const rows = await readRows<Viewer & { sessionVersion: number; pageVersion: number }>(
    `SELECT u.id, u.email, u.name, u."timeZone", u.workdays, u."holidayRegion", u."sessionVersion", u."pageVersion"
     FROM "User" u JOIN "Session" s ON s."userId" = u.id
     WHERE u.id = $1 AND s.id = $2 AND s."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC')`,
    [claims.uid, claims.sid, new Date(now).toISOString()],
  );
  const user = rows[0];
  if (!user || user.sessionVersion !== claims.sv) return null;
  return {
    id: user.id, email: user.email, name: user.name, timeZone: user.timeZone, workdays: user.workdays, holidayRegion: user.holidayRegion, pageVersion: user.pageVersion,
  };
}

/** Records a new session at sign-in; its id goes into the token. */
export async function startSession(userId: string): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + env().SESSION_MAX_AGE_DAYS * 86_400_000) } });
  // Housekeeping: this user's expired sessions go when a new one starts.
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
  return id;
}

/** Signing out ends this session for every copy of its token. */
export async function endSession(sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length > 64) return;
  await db.session.deleteMany({ where: { id: sessionId } });
}

/**
 * Signs this browser out (the navigation's button, a deleted account): the session ends for every
 * copy of its token, and the cookie goes. next-auth's own /api/auth/signout does the same for a
 * client that posts to it; this one needs no JavaScript of next-auth's in the page.
 */
export async function signOutHere(): Promise<void> {
  const claims = await requestClaims();
  await endSession(claims?.sid);
  await clearSessionCookie();
}

/** The signed-in user of this request, or null. Cached for the request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  return viewerFromClaims(await requestClaims());
});

export async function requireUser(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Please sign in again.");
  return viewer;
}
