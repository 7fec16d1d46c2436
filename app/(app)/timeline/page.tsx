import type { Metadata } from "next";
import Link from "next/link";
import { TimelineView } from "@/app/_components/timeline-view";
import { countClients } from "@/lib/data/grants";
import { listTimeline } from "@/lib/data/timeline";
import { isSectionKey } from "@/lib/timeline/sections";
import { pageViewer } from "@/app/_lib/page-auth";

export const metadata: Metadata = { title: "Timeline" };

/** Whom the viewer coaches or is invited to coach, or null for no one. */
async function coachingOf(): Promise<{ clients: number } | null> {
  const clients = await countClients();
  return clients > 0 ? { clients } : null;
}

export default async function TimelinePage({ searchParams }: { searchParams: Promise<{ section?: string }> }) {
  await pageViewer();
  const { section } = await searchParams;
  const expand = isSectionKey(section) ? section : null;
  const timeline = await listTimeline(undefined, expand);
  const coaching = timeline.total + timeline.counts.archived === 0 ? await coachingOf() : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Your timeline</h1>
        {timeline.total + timeline.counts.archived > 0 ? (
          <Link href="/jobs/new" className="btn-primary">
            Add a job
          </Link>
        ) : null}
      </div>
      {timeline.total + timeline.counts.archived === 0 && coaching ? (
        // A coach with no job of their own: their clients first, their own search only offered.
        <section aria-labelledby="coaching-heading" className="card space-y-3">
          <h2 id="coaching-heading" className="text-lg font-semibold">
            Your clients
          </h2>
          <p className="text-slate-700">
            {`You coach ${coaching.clients} ${coaching.clients === 1 ? "person" : "people"}: their timelines are under Clients.`}
          </p>
          <Link href="/clients" className="btn-primary">
            Open Clients
          </Link>
          <p className="text-sm text-slate-700">
            Looking for work yourself too?{" "}
            <Link href="/jobs/new" className="underline">
              Track a job of your own
            </Link>
            .
          </p>
        </section>
      ) : timeline.total + timeline.counts.archived === 0 ? (
        <section aria-labelledby="empty-heading" className="card space-y-3">
          <h2 id="empty-heading" className="text-lg font-semibold">
            Add your first job
          </h2>
          <p className="text-slate-700">
            Callback tells you when to follow up on an application, how, and when to stop: one short, polite phone call at least a week after you apply,
            and one after an interview once the date they promised has passed. Never more than once per stage.
          </p>
          <Link href="/jobs/new" className="btn-primary">
            Add your first job
          </Link>
        </section>
      ) : (
        <TimelineView timeline={timeline} jobBase="/jobs" basePath="/timeline" readOnly={false} />
      )}
    </div>
  );
}
