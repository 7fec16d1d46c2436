import type { Metadata } from "next";
import { formatInstant } from "@/app/_lib/format";
import { orNotFound, pageViewer } from "@/app/_lib/page-auth";
import { ReadOnlyJob } from "@/app/share/_components/read-only-job";
import { getClientJob } from "@/lib/data/grants";
import { AddCommentForm, DeleteCommentButton } from "../../../client-forms";

export const metadata: Metadata = { title: "Client's job" };

export default async function ClientJobPage({ params }: { params: Promise<{ clientId: string; jobId: string }> }) {
  const viewer = await pageViewer();
  const { clientId, jobId } = await params;
  const { job, today, ownerName } = await orNotFound(getClientJob(clientId, jobId));
  return (
    <ReadOnlyJob job={job} today={today} back={{ href: `/clients/${clientId}`, label: `Back to ${ownerName}'s timeline` }}>
      <section className="card space-y-4" aria-labelledby="comments-heading">
        <h2 id="comments-heading" className="text-lg font-semibold">
          Your comments
        </h2>
        {job.comments.length === 0 ? (
          <p className="text-sm text-slate-700">No comments from you yet.</p>
        ) : (
          <ul className="space-y-2">
            {job.comments.map((c) => (
              <li key={c.id} className="rounded-md bg-brand-50 p-3 text-sm">
                <p className="whitespace-pre-wrap">{c.body}</p>
                <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
                  <span>{formatInstant(c.createdAt, viewer.timeZone, { time: true })}</span>
                  {c.mine ? <DeleteCommentButton clientId={clientId} commentId={c.id} /> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <AddCommentForm clientId={clientId} jobId={job.id} clientName={ownerName} />
      </section>
    </ReadOnlyJob>
  );
}
