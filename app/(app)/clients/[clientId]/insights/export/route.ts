import { insightsDownload, periodParam } from "@/app/_lib/insights-export";
import { getClientInsights } from "@/lib/data/insights";

export const dynamic = "force-dynamic";

/** A client's figures as CSV, for a coach with a live grant (getClientInsights checks). */
export async function GET(request: Request, { params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  return insightsDownload(() => getClientInsights(clientId, periodParam(request)));
}
