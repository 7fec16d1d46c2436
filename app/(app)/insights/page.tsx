import type { Metadata } from "next";
import { InsightsView } from "@/app/_components/insights/insights-view";
import { pageViewer } from "@/app/_lib/page-auth";
import { getInsights } from "@/lib/data/insights";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  await pageViewer();
  const { period } = await searchParams;
  const view = await getInsights(period);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Your insights</h1>
        <p className="text-slate-700">How your applications turn into answers, how long answers take, and whether following up made a difference.</p>
      </div>
      <InsightsView view={view} basePath="/insights" own />
    </div>
  );
}
