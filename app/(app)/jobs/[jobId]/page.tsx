import type { Metadata } from "next";
import Link from "next/link";
import { CallLink, Comments, DetailsSection, JobHeader, WhatToDoNext, stageSummary } from "@/app/_components/job-card";
import { Flash } from "@/app/_components/flash";
import { formatDate } from "@/app/_lib/format";
import { getJob } from "@/lib/data/jobs";
import { JobForm } from "../job-form";
import { AddStageForm, ArchiveControls, DeleteStageButton, LogFollowUpForm } from "./stage-forms";
import { orNotFound, pageViewer } from "@/app/_lib/page-auth";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params, searchParams }: { params: Promise<{ jobId: string }>; searchParams: Promise<{ added?: string; logged?: string }> }) {
  await pageViewer();
  const { jobId } = await params;
  const { added, logged } = await searchParams;
  const job = await orNotFound(getJob(jobId));
  const { plan } = job;
  const appliedOn = job.stages.find((s) => s.kind === "applied")?.on ?? job.today;
  const canFollowUp = !job.archived && (plan.status === "due" || plan.status === "waiting");
  return (
    <div className="space-y-6">
      <p>
        <Link href="/timeline" className="text-sm text-brand-700 underline">
          ← Back to timeline
        </Link>
      </p>
      {added ? <Flash param="added">Job added. Callback will tell you when a follow-up call is appropriate.</Flash> : null}
      {logged ? (
        <Flash param="logged">
          {logged === "early"
            ? "Follow-up logged. It came before the window opened, and it still counts as this stage's one follow-up."
            : "Follow-up logged. Now let them come back to you: if you're a strong candidate, they'll call."}
        </Flash>
      ) : null}
      <JobHeader job={job} today={job.today} />
      <WhatToDoNext job={job}>
        {plan.status === "due" && !job.archived ? <CallLink job={job} /> : null}
        {plan.status === "followed_up" ? (
          <p className="text-sm text-slate-700">You have used this stage&apos;s one follow-up. The advice is to follow up just once.</p>
        ) : null}
      </WhatToDoNext>

      {/* Rendered even when closed, so a refusal stays on screen once the page shows why. */}
      <LogFollowUpForm
        open={canFollowUp}
        jobId={job.id}
        today={job.today}
        noun={plan.stage?.kind === "interview" ? "interview" : "application"}
        windowOpens={plan.status === "waiting" && plan.opensOn ? formatDate(plan.opensOn, job.today) : undefined}
      />

      <section className="card space-y-3" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ol className="space-y-3">
          {job.stages.map((stage) => {
            const label = stageSummary(stage, job.today);
            return (
              <li key={stage.id} className="border-l-2 border-brand-100 pl-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{label}</span>
                  {stage.kind !== "applied" && !job.archived ? <DeleteStageButton jobId={job.id} stageId={stage.id} label={label} /> : null}
                </div>
                {stage.note ? <p className="whitespace-pre-wrap text-sm text-slate-700">{stage.note}</p> : null}
              </li>
            );
          })}
        </ol>
        <Comments job={job} heading="h3" />
      </section>

      {!job.archived ? (
        <section className="card">
          <AddStageForm jobId={job.id} today={job.today} />
        </section>
      ) : null}

      <DetailsSection job={job}>
        {!job.archived ? (
          <details>
            <summary className="cursor-pointer font-medium text-brand-700">Edit details</summary>
            <div className="mt-4">
              <JobForm
                today={job.today}
                initial={{
                  jobId: job.id,
                  company: job.company,
                  role: job.role,
                  sourceUrl: job.sourceUrl ?? "",
                  contactName: job.contactName ?? "",
                  contactPhone: job.contactPhone ?? "",
                  contactEmail: job.contactEmail ?? "",
                  appliedOn,
                  notes: job.notes,
                }}
              />
            </div>
          </details>
        ) : null}
        <ArchiveControls jobId={job.id} archived={job.archived} company={job.company} />
      </DetailsSection>
    </div>
  );
}
