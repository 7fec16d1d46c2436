import { jsonFailure, jsonOrFailure } from "@/app/_lib/http";
import { exportJobs } from "@/lib/data/transfer";
import { ExportFormat } from "@/lib/transfer";

export const dynamic = "force-dynamic";

/** GET /api/export?format=csv|json: the signed-in user's jobs as a download (exportJobs checks who is asking). */
export async function GET(request: Request) {
  const format = ExportFormat.safeParse(new URL(request.url).searchParams.get("format") ?? "csv");
  if (!format.success) return jsonFailure({ status: 400, code: "invalid", message: "Ask for format=csv or format=json." });
  return jsonOrFailure(async () => {
    const file = await exportJobs(format.data);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        // Private data: never kept by a browser or a proxy cache.
        "Cache-Control": "no-store",
      },
    });
  });
}
