import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InsightsView } from "@/app/_components/insights/insights-view";
import { openSharedInsights } from "@/lib/data/insights";
import { clientAddress } from "@/lib/data/request";

export const metadata: Metadata = { title: "Shared insights" };

// Only for a link whose owner ticked "show insights"; any other link is the inactive-link page.
export default async function SharedInsightsPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ period?: string }> }) {
  const [{ token }, { period }] = await Promise.all([params, searchParams]);
  const view = await openSharedInsights(token, await clientAddress(), period);
  if (!view) notFound();
  return (
    <div className="space-y-4">
      <p className="print:hidden">
        <Link prefetch={false} href={`/share/${token}`} className="text-sm text-brand-700 underline">
          ← {view.ownerName}&apos;s timeline
        </Link>
      </p>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{view.ownerName}&apos;s insights</h1>
        <p className="text-slate-700">A read-only view shared with you: how their applications turn into answers, and whether following up made a difference.</p>
      </div>
      <InsightsView view={view} basePath={`/share/${token}/insights`} own={false} />
    </div>
  );
}
