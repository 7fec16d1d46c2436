import { isDatabaseUnavailable } from "@/lib/data/availability";
import { exportJobs } from "@/lib/data/transfer";
import { AppError } from "@/lib/errors";
import { ExportFormat } from "@/lib/transfer";

export const dynamic = "force-dynamic";

const refuse = (status: number, error: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ ok: false, error, message }, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** GET /api/export?format=csv|json: the signed-in user's jobs as a download (exportJobs checks who is asking). */
export async function GET(request: Request) {
  const format = ExportFormat.safeParse(new URL(request.url).searchParams.get("format") ?? "csv");
  if (!format.success) return refuse(400, "invalid", "Ask for format=csv or format=json.");
  try {
    const file = await exportJobs(format.data);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        // Private data: never kept by a browser or a proxy cache.
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") return refuse(401, "unauthenticated", error.message);
    if (isDatabaseUnavailable(error)) return refuse(503, "unavailable", "The database is not answering. Try again shortly.", { "Retry-After": "5" });
    throw error;
  }
}
