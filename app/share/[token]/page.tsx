import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TimelineView } from "@/app/_components/timeline-view";
import { clientAddress } from "@/app/_lib/client";
import { getLocale } from "@/app/_lib/format";
import { openSharedTimeline } from "@/lib/data/shares";

export const metadata: Metadata = { title: "Shared timeline" };

export default async function SharedTimelinePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [timeline, locale] = await Promise.all([openSharedTimeline(token, await clientAddress()), getLocale()]);
  if (!timeline) notFound();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{timeline.ownerName}&apos;s job search</h1>
        <p className="text-slate-700">A read-only view shared with you: when each follow-up is due, and every job&apos;s history.</p>
      </div>
      {timeline.total === 0 ? (
        <p className="card text-slate-700">No jobs on this timeline yet.</p>
      ) : (
        <TimelineView timeline={timeline} locale={locale} jobBase={`/share/${token}/jobs`} readOnly />
      )}
    </div>
  );
}
