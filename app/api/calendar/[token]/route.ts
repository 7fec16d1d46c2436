import { httpFailure } from "@/app/_lib/http";
import { openCalendarFeed, type CalendarFeedResult } from "@/lib/data/calendar";

// The feed URL ends in .ics (some calendar apps look at the extension); the bare token works too.
const tokenOf = (param: string) => param.replace(/\.ics$/i, "");

// A private feed: not for shared caches, search engines, or the Referer of a link in it.
const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };
const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8", ...headers } });

/**
 * GET /api/calendar/<token>.ics: the owner's follow-up windows and interviews as iCalendar.
 * The token is the only credential (calendar apps send no cookie); lib/data checks it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const address = request.headers.get("x-callback-client-ip") ?? "unknown";
  let feed: CalendarFeedResult;
  try {
    feed = await openCalendarFeed(tokenOf(token), address);
  } catch (error) {
    // Calendar apps retry a 503 later rather than drop the subscription; they read plain text.
    const failure = httpFailure(error, { retryAfterSeconds: 60 });
    if (!failure) throw error;
    return text(failure.status, `${failure.message}\n`, failure.headers);
  }
  if (feed.status === "rate_limited") return text(429, "Too many requests.\n", { "Retry-After": String(feed.retryAfterSeconds) });
  if (feed.status === "not_found") return text(404, "Not found.\n");
  return new Response(feed.body, {
    status: 200,
    headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="callback.ics"' },
  });
}
