import { json, jsonFailure, jsonOrFailure } from "@/app/_lib/http";
import { logFollowUp } from "@/lib/data/jobs";
import { getViewer } from "@/lib/data/session";
import { todayIn } from "@/lib/time/zones";

/**
 * Logs the follow-up of a job's current stage: JSON in, JSON out. A cookie-authenticated
 * POST, so cross-site requests are refused here: only a JSON body (a form cannot send one
 * without a CORS preflight) and, when the browser names an Origin, only our own.
 */
export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const origin = request.headers.get("origin");
  if (type !== "application/json" || (origin !== null && hostOf(origin) !== request.headers.get("host"))) {
    return jsonFailure({ status: 403, code: "forbidden", message: "Send JSON from this site." });
  }
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return jsonFailure({ status: 400, code: "invalid", message: "The body must be a JSON object.", fieldErrors: {} });
  }
  const { on, channel, note, requestId } = body as Record<string, unknown>;
  return jsonOrFailure(async () => {
    // "Today" is the user's, in their zone; logFollowUp checks the session itself.
    const viewer = on === undefined || on === null ? await getViewer() : null;
    const { jobId } = await params;
    const stage = await logFollowUp({ jobId, on: on ?? (viewer ? todayIn(viewer.timeZone) : undefined), channel, note, requestId });
    return json(201, { ok: true, id: stage.id, early: stage.early });
  });
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
