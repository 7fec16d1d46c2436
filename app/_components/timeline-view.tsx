import Link from "next/link";
import type { Timeline } from "@/lib/data/timeline";
import { JOB_SECTIONS, SECTION_TABLE, type JobSectionKey } from "@/lib/timeline/sections";
import type { JobDTO } from "@/lib/data/mappers";
import { formatDate } from "@/app/_lib/format";
import { currentZoneName } from "@/lib/time/zone-names";
import { JobCard, JobRow } from "./job-card";

type Props = {
  timeline: Timeline;
  /** Where a job's history lives for this viewer, e.g. "/jobs" or "/share/abc/jobs". */
  jobBase: string;
  /** This timeline's own page, for "show all" links, e.g. "/timeline" (default: the current page). */
  basePath?: string;
  readOnly: boolean;
};

function Section({ section, jobs, props }: { section: JobSectionKey; jobs: JobDTO[]; props: Props }) {
  const { timeline, jobBase, basePath = "", readOnly } = props;
  const info = SECTION_TABLE[section];
  const count = timeline.counts[section];
  if (count === 0) return null;
  const headingId = `section-${info.anchor}`;
  const expanded = timeline.expanded === section;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h2 id={headingId} className="text-lg font-semibold">
          {info.title} <span className="text-slate-500">({count})</span>
        </h2>
        <p className="section-hint">{readOnly && "theirHint" in info ? info.theirHint : info.hint}</p>
      </div>
      {jobs.length === 0 ? null : info.cards || expanded ? (
        <div className="grid gap-3">
          {jobs.map((job) => (
            <JobCard key={job.id} job={job} today={timeline.today} href={`${jobBase}/${job.id}`} canLogFollowUp={!readOnly} />
          ))}
        </div>
      ) : (
        <ul className="card py-2 sm:py-2">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} today={timeline.today} href={`${jobBase}/${job.id}`} />
          ))}
        </ul>
      )}
      {count > jobs.length ? (
        <Link href={`${basePath}?section=${section}`} className="more-link">
          {jobs.length === 0 ? `Show the ${count} ${info.title.toLowerCase()} ${count === 1 ? "job" : "jobs"}` : `Show all ${count}`}
          <span className="sr-only"> in {info.title}</span>
        </Link>
      ) : null}
    </section>
  );
}

/** The timeline, the same for the job seeker and (read-only) for their coach. */
export function TimelineView(props: Props) {
  const { timeline, jobBase, basePath = "", readOnly } = props;
  const active = timeline.total - timeline.counts.closed;
  const due = timeline.counts.due;
  const order = JOB_SECTIONS.filter((s) => !timeline.expanded || s === timeline.expanded);
  return (
    <div className="space-y-8">
      <p className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
        <strong>Today is {formatDate(timeline.today, timeline.today)}</strong> ({currentZoneName(timeline.timeZone).replaceAll("_", " ")}).{" "}
        {due === 0 ? "No call is due today." : `${due} ${due === 1 ? "call is" : "calls are"} due.`} {active} active {active === 1 ? "job" : "jobs"}.
      </p>
      {timeline.expanded ? (
        <Link href={basePath || "?"} className="more-link">
          ← Back to the whole timeline
        </Link>
      ) : null}
      {order.map((section) => (
        <Section key={section} section={section} jobs={timeline.sections[section]} props={props} />
      ))}
      {!readOnly && timeline.counts.archived > 0 && (!timeline.expanded || timeline.expanded === "archived") ? (
        <section aria-labelledby="section-archived" className="space-y-2">
          <h2 id="section-archived" className="text-lg font-semibold">
            {SECTION_TABLE.archived.title} <span className="text-slate-500">({timeline.counts.archived})</span>
          </h2>
          {timeline.archived.length ? (
            <ul className="list-disc pl-5 text-sm">
              {timeline.archived.map((job) => (
                <li key={job.id}>
                  <Link className="underline" href={`${jobBase}/${job.id}`}>
                    {job.company} — {job.role}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Link href={`${basePath}?section=archived`} className="more-link">
              Show archived jobs
            </Link>
          )}
        </section>
      ) : null}
    </div>
  );
}
