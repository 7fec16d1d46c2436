import Link from "next/link";
import { DetailsSection, JobHeader, WhatToDoNext, stageSummary } from "@/app/_components/job-card";
import type { JobDTO } from "@/lib/data/mappers";

/** A job's history without any control: for link visitors and coach accounts. */
export function ReadOnlyJob({ job, today, back, children }: { job: JobDTO; today: string; back: { href: string; label: string }; children?: React.ReactNode }) {
  const hasDetails = job.contactName || job.contactPhone || job.contactEmail || job.sourceUrl || job.notes;
  return (
    <div className="space-y-6">
      <p>
        <Link href={back.href} className="text-sm text-brand-700 underline">
          ← {back.label}
        </Link>
      </p>
      <JobHeader job={job} today={today} />
      <WhatToDoNext job={job} />

      <section className="card space-y-3" aria-labelledby="history-heading">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <ol className="space-y-3">
          {job.stages.map((stage) => (
            <li key={stage.id} className="border-l-2 border-brand-100 pl-3">
              <span className="font-medium">{stageSummary(stage, today)}</span>
              {stage.note ? <p className="whitespace-pre-wrap text-sm text-slate-700">{stage.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {hasDetails ? <DetailsSection job={job} /> : null}

      {children}
    </div>
  );
}
