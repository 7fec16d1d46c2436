import Link from "next/link";
import type { Timeline } from "@/lib/data/timeline";
import type { JobDTO } from "@/lib/data/mappers";
import { formatDate } from "@/app/_lib/format";
import { JobCard } from "./job-card";

type Props = {
  timeline: Timeline;
  locale: string;
  /** Where a job's history lives for this viewer, e.g. "/jobs" or "/share/abc/jobs". */
  jobBase: string;
  readOnly: boolean;
};

function Section({ id, title, hint, jobs, ...rest }: { id: string; title: string; hint: string; jobs: JobDTO[] } & Omit<Props, "timeline"> & { today: string }) {
  if (jobs.length === 0) return null;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {title} <span className="text-slate-500">({jobs.length})</span>
        </h2>
        <p className="text-sm text-slate-600">{hint}</p>
      </div>
      <div className="grid gap-3">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} today={rest.today} locale={rest.locale} href={`${rest.jobBase}/${job.id}`} canLogFollowUp={!rest.readOnly} />
        ))}
      </div>
    </section>
  );
}

/** The timeline, the same for the job seeker and (read-only) for their coach. */
export function TimelineView({ timeline, locale, jobBase, readOnly }: Props) {
  const shared = { locale, jobBase, readOnly, today: timeline.today };
  const active = timeline.total - timeline.closed.length;
  return (
    <div className="space-y-8">
      <p className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
        <strong>Today is {formatDate(timeline.today, locale, { year: true })}</strong> ({timeline.timeZone.replaceAll("_", " ")}).{" "}
        {timeline.due.length === 0
          ? "No call is due today."
          : `${timeline.due.length} ${timeline.due.length === 1 ? "call is" : "calls are"} due.`}{" "}
        {active} active {active === 1 ? "job" : "jobs"}.
      </p>
      <Section id="due" title="Due now" hint="One short, polite phone call each. Only once per stage." jobs={timeline.due} {...shared} />
      <Section id="this-week" title="Opens this week" hint="The window for a follow-up opens within seven days." jobs={timeline.thisWeek} {...shared} />
      <Section id="waiting" title="Waiting" hint="Too early to follow up: give them time." jobs={timeline.waiting} {...shared} />
      <Section id="upcoming" title="Interviews ahead" hint="Prepare; the follow-up clock starts after the interview." jobs={timeline.upcoming} {...shared} />
      <Section id="followed-up" title="Follow-up spent" hint="You followed up once. If you're a strong candidate, they'll call." jobs={timeline.followedUp} {...shared} />
      <Section id="answered" title="Heard back" hint="They answered: nothing to chase." jobs={timeline.answered} {...shared} />
      {timeline.closed.length ? (
        <details className="space-y-3">
          <summary className="cursor-pointer text-lg font-semibold">
            Closed <span className="text-slate-500">({timeline.closed.length})</span>
          </summary>
          <div className="mt-3 grid gap-3">
            {timeline.closed.map((job) => (
              <JobCard key={job.id} job={job} today={timeline.today} locale={locale} href={`${jobBase}/${job.id}`} canLogFollowUp={false} />
            ))}
          </div>
        </details>
      ) : null}
      {!readOnly && timeline.archived.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-slate-700">Archived ({timeline.archived.length})</summary>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {timeline.archived.map((job) => (
              <li key={job.id}>
                <Link className="underline" href={`${jobBase}/${job.id}`}>
                  {job.company} — {job.role}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
