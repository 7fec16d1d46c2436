import { formatDay } from "@/lib/followup";
import { ANSWER_WITHIN_DAYS, FEW_ANSWERS, FEW_APPLICATIONS, PAYOFF_MIN_GROUP, type Insights } from "./figures";
import { PERIOD_LABELS } from "./period";
import type { Spread } from "./stats";

// Every sentence the Insights page says about the figures, in plain words and locale-free (as
// lib/followup/copy.ts): the page and the CSV export say the same. Where the recruiter's column
// speaks (shared/seed/000_e218a2d8bbf7babd.txt) it is quoted.

export type FigureKey = "funnel" | "response" | "fromApplying" | "fromPromise" | "payoff" | "promises" | "activity";
/** What a figure says in one or two sentences, and a caution when its numbers are too few. */
export type FigureText = { summary: string; caution: string | null };

const DAY_OR_TWO = "The recruiter’s column: “To a hiring manager, a ‘day or two’ can easily stretch to a week.”";

/** 0.583 → "58%". */
export const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);
/** 6.5 → "6.5", 7 → "7". */
export const days = (n: number) => String(Math.round(n * 10) / 10);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const dayWord = (n: number) => (Math.abs(n) === 1 ? "day" : "days");

function spreadSentence(s: Spread, what: string): string {
  if (s.n === 1) return `One answer so far, ${days(s.min)} ${dayWord(s.min)} ${what}.`;
  const middle = s.p25 === s.p75 ? `${days(s.p25)}` : `${days(s.p25)} to ${days(s.p75)}`;
  return `Typically ${days(s.median)} ${dayWord(s.median)} ${what} (the median of ${s.n} answers); the middle half took ${middle} days, all of them ${days(s.min)} to ${days(s.max)}.`;
}

function fewAnswers(s: Spread | null): string | null {
  if (s === null || s.n >= FEW_ANSWERS) return null;
  return `Only ${plural(s.n, "answer", "answers")} so far: too few to say what is typical. Look again after a few more.`;
}

export function describeFigures(ins: Insights): Record<FigureKey, FigureText> {
  const period = PERIOD_LABELS[ins.period].toLowerCase();
  const [applied, heard, interview, offer] = ins.funnel.map((s) => s.count) as [number, number, number, number];
  const share = (i: number) => percent(ins.funnel[i]!.share);
  const fewApplications =
    applied > 0 && applied < FEW_APPLICATIONS
      ? `Only ${plural(applied, "application", "applications")} in this period: each new one moves these shares a lot.`
      : null;

  const funnel: FigureText =
    applied === 0
      ? { summary: `No applications ${ins.period === "all" ? "yet" : `in the ${period}`}.`, caution: null }
      : {
          summary: `Of ${plural(applied, "application", "applications")}, ${heard} (${share(1)}) heard anything, ${interview} (${share(2)}) got an interview and ${offer} (${share(3)}) an offer.`,
          caution: fewApplications,
        };

  const r = ins.response;
  const parts: string[] = [];
  if (r.answered + r.silent > 0) {
    parts.push(`${r.answered} of ${r.answered + r.silent} applications got an answer (${percent(r.rate)}); ${r.silent} heard nothing.`);
  } else if (applied > 0) parts.push("No application is waiting for an answer.");
  else parts.push("No applications in this period.");
  if (r.recentSilent > 0) parts.push(`${r.recentSilent} of the silent ones ${r.recentSilent === 1 ? "is" : "are"} less than two weeks old: too early to tell.`);
  if (r.withdrawn > 0) parts.push(`${plural(r.withdrawn, "application", "applications")} you withdrew before any answer ${r.withdrawn === 1 ? "is" : "are"} not counted.`);
  const response: FigureText = { summary: parts.join(" "), caution: fewApplications };

  const fa = ins.timeToAnswer.fromApplying;
  const fromApplying: FigureText = fa
    ? { summary: spreadSentence(fa, "from applying to the first answer"), caution: fewAnswers(fa) }
    : { summary: "No answers yet in this period.", caution: applied > 0 ? "The time to an answer shows once an employer has answered one of these applications." : null };

  const fp = ins.timeToAnswer.fromPromise;
  const fromPromise: FigureText = fp
    ? {
        summary:
          fp.n === 1
            ? `One answer after an interview with a promised date: ${describeLateness(fp.min)}.`
            : `After an interview, the answer typically came ${describeLateness(fp.median)} (the median of ${fp.n}); all of them from ${describeLateness(fp.min)} to ${describeLateness(fp.max)}.`,
        caution: fewAnswers(fp),
      }
    : { summary: "No answers yet after an interview with a promised date.", caution: "Record the date they promise when you log an interview, and this shows how it went." };

  const p = ins.payoff;
  const payoffParts = [
    p.withCall.stages > 0
      ? `With a follow-up call, ${p.withCall.answered} of ${p.withCall.stages} (${percent(p.withCall.share)}) got an answer within ${ANSWER_WITHIN_DAYS} days of the call.`
      : "No follow-up call to judge yet.",
    p.withoutCall.stages > 0
      ? `Without one, ${p.withoutCall.answered} of ${p.withoutCall.stages} (${percent(p.withoutCall.share)}) got an answer within ${ANSWER_WITHIN_DAYS} days of the window opening.`
      : "No stage without a call to compare with yet.",
  ];
  if (p.tooEarly > 0) payoffParts.push(`${plural(p.tooEarly, "more is", "more are")} too recent to tell.`);
  if (p.earlyCalls > 0) payoffParts.push(`${plural(p.earlyCalls, "call", "calls")} made before the window opened ${p.earlyCalls === 1 ? "is" : "are"} left out.`);
  const small = p.withCall.stages < PAYOFF_MIN_GROUP || p.withoutCall.stages < PAYOFF_MIN_GROUP;
  const payoff: FigureText = {
    summary: payoffParts.join(" "),
    caution: small
      ? `Too few to tell whether the call makes a difference: ${plural(p.withCall.stages, "stage", "stages")} with a call and ${p.withoutCall.stages} without. With fewer than ${PAYOFF_MIN_GROUP} in each, one answer more or less changes these shares a lot.`
      : "This shows what happened, not why: the calls you chose to make may differ from the ones you didn’t.",
  };

  const pr = ins.promises;
  const late = pr.late.oneOrTwo + pr.late.upToWeek + pr.late.moreThanWeek;
  const promises: FigureText =
    pr.judged === 0
      ? {
          summary: pr.pending > 0 ? `${plural(pr.pending, "promised date is", "promised dates are")} still ahead.` : "No promised answer dates to judge yet.",
          caution: "Record the date an interviewer promises an answer, and this shows how often it is kept.",
        }
      : {
          summary:
            `Employers answered by the promised date ${pr.kept} of ${pr.judged} times (${percent(pr.keptShare)}).` +
            (late > 0 ? ` ${late} answered late: ${pr.late.oneOrTwo} by a day or two, ${pr.late.upToWeek} within a week, ${pr.late.moreThanWeek} later than that.` : "") +
            (pr.unanswered > 0 ? ` ${pr.unanswered} not at all so far.` : "") +
            (pr.pending > 0 ? ` ${plural(pr.pending, "date is", "dates are")} still ahead.` : ""),
          caution: pr.judged < FEW_APPLICATIONS ? `Only ${plural(pr.judged, "promise", "promises")} to judge: too few to say what is usual. ${DAY_OR_TWO}` : DAY_OR_TWO,
        };

  const totals = ins.weeks.reduce((t, w) => ({ a: t.a + w.applications, i: t.i + w.interviews, f: t.f + w.followUps }), { a: 0, i: 0, f: 0 });
  const busiest = ins.weeks.reduce<Insights["weeks"][number] | null>((b, w) => (w.applications > (b?.applications ?? 0) ? w : b), null);
  const activity: FigureText =
    totals.a + totals.i + totals.f === 0
      ? { summary: `Nothing recorded ${ins.period === "all" ? "yet" : `in the ${period}`}.`, caution: null }
      : {
          summary:
            `${plural(totals.a, "application", "applications")}, ${plural(totals.i, "interview", "interviews")} and ${plural(totals.f, "follow-up", "follow-ups")} over ${plural(ins.weeks.length, "week", "weeks")}.` +
            (busiest ? ` The most applications in one week: ${busiest.applications}, in the week of ${formatDay(busiest.weekOf, ins.today)}.` : ""),
          caution: null,
        };

  return { funnel, response, fromApplying, fromPromise, payoff, promises, activity };
}

/** -2 → "2 days early", 0 → "on the day", 3 → "3 days late". */
export function describeLateness(n: number): string {
  if (n === 0) return "on the promised day";
  return `${days(Math.abs(n))} ${dayWord(n)} ${n < 0 ? "early" : "late"}`;
}

/** For the owner's page: what was left out, or null. */
export function archivedNote(ins: Insights): string | null {
  const n = ins.archivedLeftOut;
  return n === 0 ? null : `${plural(n, "archived job is", "archived jobs are")} left out of these figures. Restore ${n === 1 ? "it" : "one"} from its page to count it.`;
}

/** What an almost empty page needs, or null when there is something to show. */
export function emptyState(ins: Insights): string | null {
  if (ins.applications > 0 || ins.weeks.some((w) => w.applications + w.interviews + w.followUps > 0)) return null;
  return ins.period === "all"
    ? "No applications yet. Add the jobs you applied for, and these figures fill in as you go."
    : `No applications in the ${PERIOD_LABELS[ins.period].toLowerCase()}. Choose All time, or add the jobs you applied for recently.`;
}
