import Link from "next/link";
import type { JobDTO, StageDTO } from "@/lib/data/mappers";
import { formatDate, relativeDay } from "@/app/_lib/format";

// The badge classes are in app/globals.css; spelled out here so Tailwind finds them.
const STATUS: Record<JobDTO["plan"]["status"], { label: string; className: string }> = {
  due: { label: "Call due", className: "badge-due" },
  waiting: { label: "Waiting", className: "badge-waiting" },
  upcoming: { label: "Interview ahead", className: "badge-upcoming" },
  followed_up: { label: "Followed up", className: "badge-followed-up" },
  answered: { label: "Heard back", className: "badge-answered" },
  closed: { label: "Closed", className: "badge-closed" },
};

const KIND: Record<StageDTO["kind"], string> = {
  applied: "Applied",
  interview: "Interview",
  follow_up: "Followed up",
  heard_back: "Heard back",
  offer: "Offer",
  rejected: "Rejected",
  withdrawn: "Withdrew",
};

export function StatusBadge({ status }: { status: JobDTO["plan"]["status"] }) {
  const { label, className } = STATUS[status];
  return <span className={className}>{label}</span>;
}

export function stageSummary(stage: StageDTO, today: string): string {
  const parts = [`${KIND[stage.kind]} ${formatDate(stage.on, today)}`];
  if (stage.kind === "interview") {
    if (stage.time) parts.push(`at ${stage.time}`);
    if (stage.withWhom) parts.push(`with ${stage.withWhom}`);
    if (stage.answerBy) parts.push(`· answer promised by ${formatDate(stage.answerBy, today)}`);
  }
  if (stage.kind === "follow_up") {
    parts.push(`by ${stage.channel === "email" ? "email" : "phone"}`);
    if (stage.early) parts.push("(early)");
  }
  return parts.join(" ");
}

/** The next step in words with its date, e.g. "Call today" or "Opens Mon 16 Mar (in 3 days)". */
export function NextStep({ job, today }: { job: JobDTO; today: string }) {
  const { plan } = job;
  let when: string | null = null;
  if (plan.status === "due" && plan.opensOn) when = plan.opensOn === today ? "Window opened today" : `Window opened ${formatDate(plan.opensOn, today)}`;
  if (plan.status === "waiting" && plan.opensOn) when = `Opens ${formatDate(plan.opensOn, today)} (${relativeDay(plan.opensOn, today)})`;
  if (plan.status === "upcoming" && plan.stage) when = `${formatDate(plan.stage.on, today)} (${relativeDay(plan.stage.on, today)})`;
  if (plan.status === "followed_up" && plan.followUp) when = `Followed up ${formatDate(plan.followUp.on, today)}${plan.early ? " (before the window opened)" : ""}`;
  return (
    <>
      <p className="next-step">
        <span className="font-semibold">{plan.headline}</span>
        {when ? <span className="text-slate-600"> · {when}</span> : null}
      </p>
      {/* Issue 15: when a holiday or a day off moved the window, say so where the date is. */}
      {plan.calendarNote ? <p className="text-sm text-slate-600">{plan.calendarNote}</p> : null}
    </>
  );
}

/** `heading`: the talking points' level, one below the section it sits in. */
export function WhyAndWhatToSay({ job, heading: Heading }: { job: JobDTO; heading: "h3" | "h4" }) {
  const { plan } = job;
  // Spoken of (a coach, a link visitor), the points are what the job seeker can say.
  const mine = plan.voice === "you";
  return (
    <details className="why">
      <summary>{plan.talkingPoints.length ? (mine ? "Why, and what to say on the call" : "Why, and what they can say on the call") : "Why"}</summary>
      <p>{plan.explanation}</p>
      {plan.talkingPoints.length ? (
        <>
          <Heading>{mine ? "Talking points for the call" : "On the call, they can say:"}</Heading>
          <ul>
            {plan.talkingPoints.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}

/** The top of a job's own page: company, role, status and the next step. */
export function JobHeader({ job, today }: { job: JobDTO; today: string }) {
  return (
    <header className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">
          {job.company} <span className="job-role">— {job.role}</span>
        </h1>
        <StatusBadge status={job.plan.status} />
      </div>
      <NextStep job={job} today={today} />
    </header>
  );
}

/** A job page's "What to do next": why, and what to say on the call; `children` add to it. */
export function WhatToDoNext({ job, children }: { job: JobDTO; children?: React.ReactNode }) {
  return (
    <section className="card space-y-3" aria-labelledby="next-heading">
      <h2 id="next-heading" className="text-lg font-semibold">
        What to do next
      </h2>
      <WhyAndWhatToSay job={job} heading="h3" />
      {children}
    </section>
  );
}

/** A job page's "Details": contact, source and notes, where the viewer may see them; `children` add to it. */
export function DetailsSection({ job, children }: { job: JobDTO; children?: React.ReactNode }) {
  return (
    <section className="card space-y-3" aria-labelledby="details-heading">
      <h2 id="details-heading" className="text-lg font-semibold">
        Details
      </h2>
      <JobDetailsList job={job} />
      {job.notes ? <p className="whitespace-pre-wrap text-sm text-slate-700">{job.notes}</p> : null}
      {children}
    </section>
  );
}

/** One job on a timeline. `href` is where its full history lives for this viewer. */
export function JobCard({ job, today, href, canLogFollowUp }: { job: JobDTO; today: string; href: string; canLogFollowUp: boolean }) {
  const headingId = `job-${job.id}`;
  return (
    <article aria-labelledby={headingId} className="card space-y-3">
      <div className="job-head">
        <h3 id={headingId} className="text-base font-semibold">
          <Link href={href} className="hover:underline">
            {job.company} <span className="job-role">— {job.role}</span>
          </Link>
        </h3>
        <StatusBadge status={job.plan.status} />
      </div>
      <NextStep job={job} today={today} />
      <ol className="history" aria-label="History">
        {job.stages.map((stage) => (
          <li key={stage.id}>{stageSummary(stage, today)}</li>
        ))}
      </ol>
      <WhyAndWhatToSay job={job} heading="h4" />
      <Comments job={job} heading="h4" />
      {canLogFollowUp && (job.plan.status === "due" || job.plan.status === "waiting") ? (
        <div className="flex flex-wrap gap-2">
          {job.plan.status === "due" ? <CallLink job={job} /> : null}
          <Link href={`${href}#log-follow-up`} className="btn-secondary">
            Log follow-up<span className="sr-only"> for {job.company}</span>
          </Link>
        </div>
      ) : null}
    </article>
  );
}

const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, "")}`;

/** "Call Helen Carter · 020 7946 0000": the advice is one phone call, so on a phone it is one tap. */
export function CallLink({ job }: { job: JobDTO }) {
  if (!job.contactPhone) return null;
  return (
    <a href={telHref(job.contactPhone)} className="btn-primary break-words">
      Call {job.contactName ? `${job.contactName} · ` : ""}
      {job.contactPhone}
    </a>
  );
}

/** A job in one line, for the longer and quieter sections. */
export function JobRow({ job, today, href }: { job: JobDTO; today: string; href: string }) {
  return (
    <li className="job-row">
      <Link href={href} className="font-medium hover:underline">
        {job.company} <span className="job-role">— {job.role}</span>
      </Link>
      <span className="job-row-end">
        <NextStep job={job} today={today} />
        <StatusBadge status={job.plan.status} />
      </span>
    </li>
  );
}

/** A coach's comments on a job, as the job seeker (or the coach) sees them. */
export function Comments({ job, heading: Heading }: { job: JobDTO; heading: "h3" | "h4" }) {
  if (!job.comments.length) return null;
  return (
    <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm">
      <Heading className="font-semibold text-brand-900">{job.comments.every((c) => c.mine) ? "Your comments" : job.plan.voice === "you" ? "From your coach" : "Comments from coaches"}</Heading>
      <ul className="mt-1 space-y-1">
        {job.comments.map((c) => (
          <li key={c.id}>
            <span className="font-medium">{c.authorName}:</span> {c.body}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Contact and source of a job, where the viewer may see them. */
export function JobDetailsList({ job }: { job: JobDTO }) {
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-2">
      {job.contactName ? (<><dt className="font-medium">Contact</dt><dd>{job.contactName}</dd></>) : null}
      {job.contactPhone ? (<><dt className="font-medium">Phone</dt><dd><a className="underline" href={telHref(job.contactPhone)}>{job.contactPhone}</a></dd></>) : null}
      {job.contactEmail ? (<><dt className="font-medium">Email</dt><dd className="break-all">{job.contactEmail}</dd></>) : null}
      {job.sourceUrl ? (<><dt className="font-medium">Found at</dt><dd className="break-all"><a className="underline" href={job.sourceUrl} rel="noopener noreferrer nofollow" target="_blank">{job.sourceUrl}</a></dd></>) : null}
    </dl>
  );
}
