import type { Metadata } from "next";
import Link from "next/link";
import { InsightsView } from "@/app/_components/insights/insights-view";
import { orNotFound, pageViewer } from "@/app/_lib/page-auth";
import { getClientInsights } from "@/lib/data/insights";

export const metadata: Metadata = { title: "Client insights" };

export default async function ClientInsightsPage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<{ period?: string }> }) {
  await pageViewer();
  const [{ clientId }, { period }] = await Promise.all([params, searchParams]);
  const view = await orNotFound(getClientInsights(clientId, period));
  return (
    <div className="space-y-4">
      <p className="print:hidden">
        <Link href={`/clients/${clientId}`} className="text-sm text-brand-700 underline">
          ← {view.ownerName}&apos;s timeline
        </Link>
      </p>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{view.ownerName}&apos;s insights</h1>
        <p className="text-slate-700">Read-only: how their applications turn into answers, and whether following up made a difference. Archived jobs are not counted.</p>
      </div>
      <InsightsView view={view} basePath={`/clients/${clientId}/insights`} own={false} />
    </div>
  );
}
