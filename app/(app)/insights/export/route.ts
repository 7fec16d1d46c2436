import { insightsDownload, periodParam } from "@/app/_lib/insights-export";
import { getInsights } from "@/lib/data/insights";

export const dynamic = "force-dynamic";

/** GET /insights/export?period=30|90|all: the signed-in job seeker's figures as CSV. */
export async function GET(request: Request) {
  return insightsDownload(() => getInsights(periodParam(request)));
}
