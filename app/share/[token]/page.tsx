import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TimelineView } from "@/app/_components/timeline-view";
import { clientAddress } from "@/lib/data/request";
import { openSharedTimeline } from "@/lib/data/shares";
import { isSectionKey } from "@/lib/timeline/sections";

export const metadata: Metadata = { title: "Shared timeline" };

export default async function SharedTimelinePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ section?: string }> }) {
  const [{ token }, { section }] = await Promise.all([params, searchParams]);
  const expand = isSectionKey(section) ? section : null;
  const timeline = await openSharedTimeline(token, await clientAddress(), expand);
  if (!timeline) notFound();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{timeline.ownerName}&apos;s job search</h1>
        <p className="text-slate-700">A read-only view shared with you: when each follow-up is due, and every job&apos;s history.</p>
        {timeline.showInsights ? (
          <p>
            <Link prefetch={false} href={`/share/${token}/insights`} className="text-sm font-semibold text-brand-700 underline">
              {timeline.ownerName}&apos;s insights
            </Link>
          </p>
        ) : null}
      </div>
      {timeline.total === 0 ? (
        <p className="card text-slate-700">No jobs on this timeline yet.</p>
      ) : (
        <TimelineView timeline={timeline} jobBase={`/share/${token}/jobs`} basePath={`/share/${token}`} readOnly />
      )}
    </div>
  );
}
