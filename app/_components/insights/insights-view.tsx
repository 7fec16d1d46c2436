import Link from "next/link";
import { formatDate } from "@/app/_lib/format";
import type { InsightsView as View } from "@/lib/data/insights";
import { archivedNote, days, describeFigures, emptyState, PERIOD_LABELS, PERIODS, percent, type FigureText, type Spread } from "@/lib/insights";
import { BarChart, SplitBar, SpreadChart, WeeklyChart } from "./charts";

type Props = {
  view: View;
  /** This page, for the period links: "/insights", "/clients/<id>/insights", "/share/<token>/insights". */
  basePath: string;
  /** The owner's own page: says what archived jobs were left out, offers to add a job. */
  own: boolean;
};

/** A figure: its chart, what it says in words, a caution when too few, and its numbers as a table. */
function Figure({ id, title, text, chart, table }: { id: string; title: string; text: FigureText; chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3 break-inside-avoid">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {chart}
      <p className="text-slate-800">{text.summary}</p>
      {text.caution ? <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950">{text.caution}</p> : null}
      <details className="text-sm print:hidden">
        <summary className="cursor-pointer font-medium text-brand-700">
          The numbers<span className="sr-only"> of “{title}”</span>
        </summary>
        {table}
      </details>
    </section>
  );
}

// The cells' styles are set once on the table, not on each cell: a year of weeks is hundreds of
// cells, sent twice (the HTML and the RSC payload).
const TABLE =
  "w-full text-left text-sm tabular-nums [&_th]:py-1 [&_th]:pr-3 [&_th]:font-normal [&_td]:py-1 [&_td]:pr-3 [&_thead_th]:font-semibold [&_tr]:border-b [&_tr]:border-slate-100";

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div className="mt-2 overflow-x-auto">
      <table className={TABLE}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...rest]) => (
            <tr key={String(first)}>
              <th scope="row">{first}</th>
              {rest.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const spreadRow = (label: string, s: Spread | null): (string | number)[] =>
  s === null ? [label, 0, "–", "–", "–"] : [label, s.n, days(s.median), `${days(s.p25)} to ${days(s.p75)}`, `${days(s.min)} to ${days(s.max)}`];

/** The Insights page's body, the same for the job seeker, their coach and a link with the tick. */
export function InsightsView({ view, basePath, own }: Props) {
  const { insights: ins, period } = view;
  const text = describeFigures(ins);
  const empty = emptyState(ins);
  const archived = own ? archivedNote(ins) : null;
  const countShare = (count: number, share: number | null) => `${count} (${percent(share)})`;
  const p = ins.payoff;
  const pr = ins.promises;
  const promiseBars = [
    { label: "On time", value: pr.kept, tone: "good" as const },
    { label: "1–2 days late", value: pr.late.oneOrTwo, tone: "warn" as const },
    { label: "3–7 days late", value: pr.late.upToWeek, tone: "warn" as const },
    { label: "8+ days late", value: pr.late.moreThanWeek, tone: "bad" as const },
    { label: "No answer yet", value: pr.unanswered, tone: "muted" as const },
  ];
  const weeks = ins.weeks;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <nav aria-label="Period">
          <ul className="flex flex-wrap gap-2">
            {PERIODS.map((option) => (
              <li key={option}>
                <Link
                  prefetch={false}
                  href={`${basePath}?period=${option}`}
                  aria-current={option === period ? "page" : undefined}
                  className={option === period ? "btn-primary" : "btn-secondary"}
                >
                  {PERIOD_LABELS[option]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {empty ? null : (
          <a href={`${basePath}/export?period=${period}`} download className="btn-secondary">
            Download the figures (CSV)
          </a>
        )}
      </div>
      <p className="text-sm text-slate-600">
        {PERIOD_LABELS[period]}
        {ins.from ? `: ${formatDate(ins.from, ins.today)} to ${formatDate(ins.today, ins.today)}` : `, to ${formatDate(ins.today, ins.today)}`}. Counted
        from the dates in each job&apos;s history, by the same rules as the timeline.
      </p>
      {archived ? <p className="text-sm text-slate-700">{archived}</p> : null}

      {empty ? (
        <section aria-labelledby="insights-empty" className="card space-y-3">
          <h2 id="insights-empty" className="text-lg font-semibold">
            Nothing to count yet
          </h2>
          <p className="text-slate-700">{empty}</p>
          {own ? (
            <Link href="/jobs/new" className="btn-primary">
              Add a job
            </Link>
          ) : null}
        </section>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2 print:block print:space-y-4">
          <Figure
            id="funnel"
            title="From application to offer"
            text={text.funnel}
            chart={<BarChart bars={ins.funnel.map((s) => ({ label: s.label, value: s.count, text: countShare(s.count, s.share) }))} />}
            table={<Table caption="Applications reaching each step" head={["Step", "Applications", "Share of applications"]} rows={ins.funnel.map((s) => [s.label, s.count, percent(s.share)])} />}
          />
          <Figure
            id="response"
            title="Response rate"
            text={text.response}
            chart={
              <SplitBar
                parts={[
                  { label: "Answered", value: ins.response.answered, text: String(ins.response.answered), tone: "brand" },
                  { label: "Heard nothing", value: ins.response.silent, text: String(ins.response.silent), tone: "muted" },
                ]}
              />
            }
            table={
              <Table
                caption="Applications by answer"
                head={["Applications", "Count"]}
                rows={[
                  ["Answered", ins.response.answered],
                  ["Heard nothing", ins.response.silent],
                  ["… of which less than two weeks old", ins.response.recentSilent],
                  ["Withdrawn before any answer (not counted)", ins.response.withdrawn],
                  ["Response rate", percent(ins.response.rate)],
                ]}
              />
            }
          />
          <Figure
            id="time"
            title="Time to an answer"
            text={{ summary: `${text.fromApplying.summary} ${text.fromPromise.summary}`, caution: text.fromApplying.caution ?? text.fromPromise.caution }}
            chart={
              <SpreadChart
                rows={[
                  { label: "From applying", spread: ins.timeToAnswer.fromApplying },
                  { label: "From promise", spread: ins.timeToAnswer.fromPromise },
                ]}
              />
            }
            table={
              <Table
                caption="Days to an answer"
                head={["Days", "Answers", "Median", "Middle half", "Range"]}
                rows={[spreadRow("From applying", ins.timeToAnswer.fromApplying), spreadRow("From the promised date", ins.timeToAnswer.fromPromise)]}
              />
            }
          />
          <Figure
            id="payoff"
            title="Did the call pay off?"
            text={text.payoff}
            chart={
              <BarChart
                max={1}
                bars={[
                  { label: "With a call", value: p.withCall.share ?? 0, text: `${p.withCall.answered} of ${p.withCall.stages} (${percent(p.withCall.share)})`, tone: "brand" },
                  { label: "Without a call", value: p.withoutCall.share ?? 0, text: `${p.withoutCall.answered} of ${p.withoutCall.stages} (${percent(p.withoutCall.share)})`, tone: "muted" },
                ]}
              />
            }
            table={
              <Table
                caption="Answers within 14 days, with and without a follow-up call"
                head={["Once the window opened", "Stages", "Answered within 14 days", "Share"]}
                rows={[
                  ["With a call", p.withCall.stages, p.withCall.answered, percent(p.withCall.share)],
                  ["Without a call", p.withoutCall.stages, p.withoutCall.answered, percent(p.withoutCall.share)],
                  ["Too recent to tell", p.tooEarly, "–", "–"],
                  ["Called before the window opened (left out)", p.earlyCalls, "–", "–"],
                ]}
              />
            }
          />
          <Figure
            id="promises"
            title="Promises kept"
            text={text.promises}
            chart={<BarChart bars={promiseBars.map((b) => ({ ...b, text: String(b.value) }))} />}
            table={
              <Table
                caption="Answers after an interview, against the date promised"
                head={["Answer", "Interviews"]}
                rows={[...promiseBars.map((b) => [b.label, b.value]), ["Date still ahead (not judged)", pr.pending], ["Share kept", percent(pr.keptShare)]]}
              />
            }
          />
          <Figure
            id="activity"
            title="Activity per week"
            text={text.activity}
            chart={
              <WeeklyChart
                first={weeks[0] ? `Week of ${formatDate(weeks[0].weekOf, ins.today)}` : ""}
                last={weeks.at(-1) ? `Week of ${formatDate(weeks.at(-1)!.weekOf, ins.today)}` : ""}
                rows={[
                  { label: "Applications", values: weeks.map((w) => w.applications), tone: "brand" },
                  { label: "Interviews", values: weeks.map((w) => w.interviews), tone: "good" },
                  { label: "Follow-ups", values: weeks.map((w) => w.followUps), tone: "warn" },
                ]}
              />
            }
            table={
              <Table
                caption="Applications, interviews and follow-ups per week"
                head={["Week of", "Applications", "Interviews", "Follow-ups"]}
                rows={weeks.map((w) => [formatDate(w.weekOf, ins.today), w.applications, w.interviews, w.followUps])}
              />
            }
          />
        </div>
      )}
    </div>
  );
}
