import { insightsDownload, periodParam } from "@/app/_lib/insights-export";
import { openSharedInsights } from "@/lib/data/insights";
import { clientAddress } from "@/lib/data/request";

export const dynamic = "force-dynamic";

/** The figures behind a link with "show insights" ticked, as CSV; any other link: 404. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return insightsDownload(async () => openSharedInsights(token, await clientAddress(), periodParam(request)));
}
