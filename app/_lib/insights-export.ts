import { insightsCsv } from "@/lib/insights";
import type { InsightsView } from "@/lib/data/insights";
import { jsonFailure, jsonOrFailure } from "./http";

/**
 * The one way an Insights export answers, for each of its three routes (the job seeker, a coach,
 * a link): the figures as a CSV download, or the refusal the data layer gave (401, 404).
 */
export function insightsDownload(read: () => Promise<InsightsView | null>): Promise<Response> {
  return jsonOrFailure(async () => {
    const view = await read();
    if (!view) return jsonFailure({ status: 404, code: "not_found", message: "That page was not found." });
    const file = insightsCsv(view.insights);
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

/** `?period=` of a request; lib/insights reads anything unknown as the default. */
export const periodParam = (request: Request) => new URL(request.url).searchParams.get("period");
