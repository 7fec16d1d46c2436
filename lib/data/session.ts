import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions, type SessionClaims } from "@/lib/auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type Viewer = { id: string; email: string; name: string; timeZone: string };

/**
 * Turns the claims of a verified JWT into the viewer, checking the database every time:
 * the user must still exist, the session version must match (sign-out-everywhere and a
 * password change bump it), and the sign-in must be younger than the absolute lifetime.
 */
export async function viewerFromClaims(claims: Partial<SessionClaims> | null | undefined, now = Date.now()): Promise<Viewer | null> {
  if (!claims?.uid || typeof claims.sv !== "number" || typeof claims.authAt !== "number") return null;
  if (now - claims.authAt > env().SESSION_MAX_AGE_DAYS * 86_400_000) return null;
  const user = await db.user.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, name: true, timeZone: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== claims.sv) return null;
  return { id: user.id, email: user.email, name: user.name, timeZone: user.timeZone };
}

/** The signed-in user of this request, or null. Cached for the request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  return viewerFromClaims(session as Partial<SessionClaims> | null);
});

export async function requireUser(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Please sign in again.");
  return viewer;
}
