import { isDatabaseUnavailable } from "@/lib/data/availability";
import { logFollowUp } from "@/lib/data/jobs";
import { getViewer } from "@/lib/data/session";
import { todayIn } from "@/lib/data/today";
import { AppError, type AppErrorCode } from "@/lib/errors";

const STATUS: Partial<Record<AppErrorCode, number>> = { unauthenticated: 401, not_found: 404, invalid: 400, already_followed_up: 409, unavailable: 503 };

// As /api/health: a client (or a load balancer) retries after a few seconds.
const RETRY = { "Retry-After": "5" };

const answer = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
const refuse = (status: number, error: string, message: string, extra: object = {}, headers?: Record<string, string>) =>
  answer(status, { ok: false, error, message, ...extra }, headers);

/**
 * Logs the follow-up of a job's current stage: JSON in, JSON out. A cookie-authenticated
 * POST, so cross-site requests are refused here: only a JSON body (a form cannot send one
 * without a CORS preflight) and, when the browser names an Origin, only our own.
 */
export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const origin = request.headers.get("origin");
  if (type !== "application/json" || (origin !== null && hostOf(origin) !== request.headers.get("host"))) {
    return refuse(403, "forbidden", "Send JSON from this site.");
  }
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse(400, "invalid", "The body must be a JSON object.", { fieldErrors: {} });
  const { on, channel, note, requestId } = body as Record<string, unknown>;
  try {
    // "Today" is the user's, in their zone; logFollowUp checks the session itself.
    const viewer = on === undefined || on === null ? await getViewer() : null;
    const { jobId } = await params;
    const stage = await logFollowUp({ jobId, on: on ?? (viewer ? todayIn(viewer.timeZone) : undefined), channel, note, requestId });
    return answer(201, { ok: true, id: stage.id, early: stage.early });
  } catch (error) {
    const status = error instanceof AppError ? STATUS[error.code] : undefined;
    if (error instanceof AppError && status) {
      return refuse(status, error.code, error.message, status === 400 ? { fieldErrors: error.fieldErrors } : {}, status === 503 ? RETRY : undefined);
    }
    if (isDatabaseUnavailable(error)) return refuse(503, "unavailable", "The database is not answering. Try again shortly.", {}, RETRY);
    throw error;
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
