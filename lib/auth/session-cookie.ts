import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { required } from "@/lib/env";

/** What the JWT carries: no grants, no roles (those are read from the database). */
export type SessionClaims = { uid: string; sv: number; authAt: number; sid: string };

/** Anything that lists cookies: next/headers' cookies(), a NextRequest's. */
export type CookieSource = { getAll(): { name: string; value: string }[] };

/**
 * THE place the session cookie is read and verified (for pages, actions, route handlers and the
 * app server's page cache): next-auth's own decoding, same cookie name (`__Secure-` over https),
 * same secret. Only the cookie: an Authorization header is never a session here. The claims are
 * then checked against the database by lib/data/session.ts (sessionUser).
 */
export async function claimsFrom(source: CookieSource): Promise<Partial<SessionClaims> | null> {
  const token = await getToken({ req: { cookies: source, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"], secret: required("NEXTAUTH_SECRET") });
  return token as Partial<SessionClaims> | null;
}

/** The claims of the request being handled (none outside a request). */
export async function requestClaims(): Promise<Partial<SessionClaims> | null> {
  return claimsFrom(await cookies());
}

/** next-auth's session cookie: plain, `__Secure-` over https, and the chunks of a long one. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Clears this browser's session cookie (in a server action), as next-auth's sign-out does. */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (SESSION_COOKIE.test(name)) jar.delete({ name, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}
