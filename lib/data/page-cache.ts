import "server-only";
import { NextRequest } from "next/server";
import { claimsFrom } from "@/lib/auth/session-cookie";
import { sessionUser } from "./session";
import { todayIn } from "@/lib/time/zones";

/** Whose stored page a request may be given, and which stored page is still true. */
export type PageCacheIdentity = {
  userId: string;
  /** Moves with every change the user's pages show (database triggers, same transaction). */
  pageVersion: number;
  /** The user's local date: statuses and "today" on a page change at their midnight. */
  day: string;
};

/**
 * The authorization rule of the app server's page cache (server/page-cache.ts): a stored
 * page goes only to a request that would have been allowed to render it. The session cookie is
 * decoded by the one function that decodes it for a page (lib/auth/session-cookie.ts) and passes the same one-statement session check as every signed-in request
 * (sessionUser). The answer keys the stored page: its user, the version of everything it shows,
 * and the user's local day. Null: not signed in, so the request goes to Next as it is.
 */
export async function pageCacheIdentity(cookieHeader: string | undefined, now = Date.now()): Promise<PageCacheIdentity | null> {
  if (!cookieHeader || cookieHeader.length > 16_384) return null;
  const { cookies } = new NextRequest("http://localhost/", { headers: { cookie: cookieHeader } });
  const user = await sessionUser(await claimsFrom(cookies), now);
  if (!user) return null;
  return { userId: user.id, pageVersion: user.pageVersion, day: todayIn(user.timeZone, new Date(now)) };
}
