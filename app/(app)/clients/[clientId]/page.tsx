import type { Metadata } from "next";
import Link from "next/link";
import { Flash } from "@/app/_components/flash";
import { TimelineView } from "@/app/_components/timeline-view";
import { orNotFound, pageViewer } from "@/app/_lib/page-auth";
import { getClientTimeline } from "@/lib/data/grants";
import { isSectionKey } from "@/lib/timeline/sections";

export const metadata: Metadata = { title: "Client" };

export default async function ClientTimelinePage({ params, searchParams }: { params: Promise<{ clientId: string }>; searchParams: Promise<{ section?: string; accepted?: string }> }) {
  await pageViewer();
  const [{ clientId }, { section, accepted }] = await Promise.all([params, searchParams]);
  const expand = isSectionKey(section) ? section : null;
  const timeline = await orNotFound(getClientTimeline(clientId, expand));
  return (
    <div className="space-y-6">
      <p>
        <Link href="/clients" className="text-sm text-brand-700 underline">
          ← All clients
        </Link>
      </p>
      {accepted ? (
        <Flash param="accepted">
          Invitation accepted: you now coach {timeline.ownerName}. Their timeline is below, read-only; open a job to leave a comment. You find{" "}
          {timeline.ownerName} again under Clients.
        </Flash>
      ) : null}
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{timeline.ownerName}&apos;s timeline</h1>
        <p className="text-slate-700">Read-only. Open a job to see its history and leave a comment.</p>
        <p>
          <Link href={`/clients/${clientId}/insights`} className="text-sm font-semibold text-brand-700 underline">
            {timeline.ownerName}&apos;s insights
          </Link>
        </p>
      </div>
      {timeline.total === 0 ? (
        <p className="card text-slate-700">No jobs on this timeline yet.</p>
      ) : (
        <TimelineView timeline={timeline} jobBase={`/clients/${clientId}/jobs`} basePath={`/clients/${clientId}`} readOnly />
      )}
    </div>
  );
}
