import { addDays, daysBetween, planFollowUp, type Stage, type WorkingCalendar } from "@/lib/followup";
import { periodStart, weekOf, type Period } from "./period";
import { shareOf, spreadOf, type Spread } from "./stats";

/*
 * The figures of the Insights page, defined once (issue 16; docs/decisions/015-insights-definitions.md).
 * Pure: a user's jobs and their "today" in, plain numbers out. Decisions, each pinned by a
 * test on a history worked out by hand (figures.test.ts):
 * - Archived jobs are left out of every figure, for every viewer: the job seeker put them away,
 *   and coaches and links never see them; the owner is told how many were left out.
 * - A job's application is its applied stage (every job has one; a history without one is left
 *   out). The job-level figures (funnel, response rate, time from applying) count the jobs whose
 *   application falls in the period; the stage-level figures (did the call pay off, promises)
 *   count the applied and interview stages dated in it; activity counts the events in it.
 * - An answer is a heard back, an offer, a rejection, or an interview after the application.
 *   A withdrawal is not: the job seeker ended it. Figures about *when* an answer came use only
 *   answers dated today or earlier; an interview booked for next week still counts as "heard".
 * - The funnel counts jobs that reached at least each step: an offer counts as an interview too.
 * - A stage's answer is the first answer dated from the stage up to the next applied or
 *   interview stage (a later interview is itself the answer); its follow-up is likewise the
 *   first one in that span, as the rules engine attributes it.
 * - "Window opened" is the rules engine's word: on the day the window opened, the timeline said
 *   "call due" for this stage (planFollowUp on what had happened before that day). A stage
 *   answered, followed up early, closed or overtaken by a new stage before then never opened.
 * - Did the call pay off: an opened stage "got an answer" when one came within 14 days after
 *   the call, or, without a call, within 14 days after the window opened. A call made after the
 *   answer did not lead to it: such a stage counts as without a call. A stage whose 14 days
 *   are not over and has no answer yet is too early to tell and left out.
 * - A promise is kept when the answer came on or before the promised date; a promise whose
 *   date has not passed without an answer is pending; one the job seeker withdrew from before
 *   the date is left out.
 */

/** A job as the figures need it: its history, and whether the job seeker archived it. */
export type InsightJob = { archived: boolean; stages: readonly Stage[] };

/** Days after the call (or the window opening) within which an answer counts as one. */
export const ANSWER_WITHIN_DAYS = 14;
/** Fewer than this in either group of "did the call pay off", and the page says it is too few. */
export const PAYOFF_MIN_GROUP = 10;
/** Fewer applications than this, and the page says a share moves a lot with each new one. */
export const FEW_APPLICATIONS = 5;
/** Fewer answers than this, and the page says the typical time is not known yet. */
export const FEW_ANSWERS = 3;
/** An unanswered application younger than this is "too early to tell" in words (not in the rate). */
export const RECENT_DAYS = 14;

const EPOCH = "1970-01-01";
// Later than any date the product accepts (validation caps dates at 2100-12-31), as snapshot.ts.
const FAR_FUTURE = "2200-01-01";

export type FunnelStep = { key: "applied" | "heard" | "interview" | "offer"; label: string; count: number; share: number | null };
export type PayoffGroup = { stages: number; answered: number; share: number | null };

export type Insights = {
  period: Period;
  today: string;
  /** First day counted, or null for all time. */
  from: string | null;
  /** Applications (jobs) counted: the funnel's first step. */
  applications: number;
  /** Archived jobs whose application falls in the period, left out of every figure. */
  archivedLeftOut: number;
  funnel: FunnelStep[];
  response: {
    answered: number;
    /** No answer at all, and not withdrawn. */
    silent: number;
    /** Silent applications less than RECENT_DAYS old. */
    recentSilent: number;
    /** Withdrawn by the job seeker before any answer: neither answer nor silence. */
    withdrawn: number;
    /** answered / (answered + silent). */
    rate: number | null;
  };
  timeToAnswer: {
    /** Days from applying to the first answer. */
    fromApplying: Spread | null;
    /** Days from the promised date to the answer after an interview (negative: early). */
    fromPromise: Spread | null;
  };
  payoff: {
    withCall: PayoffGroup;
    withoutCall: PayoffGroup;
    /** Opened stages whose 14 days are not over, with no answer yet. */
    tooEarly: number;
    /** Stages followed up before their window opened (never "opened"; left out). */
    earlyCalls: number;
  };
  promises: {
    /** Promises whose outcome is known: kept + late + unanswered. */
    judged: number;
    kept: number;
    /** Answered late, by how many days: "a day or two", up to a week, more. */
    late: { oneOrTwo: number; upToWeek: number; moreThanWeek: number };
    /** The date passed with no answer (yet). */
    unanswered: number;
    /** The date is still ahead and no answer yet. */
    pending: number;
    keptShare: number | null;
  };
  /** Monday-to-Sunday weeks from the period's start (or the first event) to today's week. */
  weeks: { weekOf: string; applications: number; interviews: number; followUps: number }[];
};

const isAnswerKind = (kind: Stage["kind"]) => kind === "heard_back" || kind === "offer" || kind === "rejected";
const isCurrentKind = (kind: Stage["kind"]) => kind === "applied" || kind === "interview";

/**
 * Per computation, the engine's answers that depend on a date alone, kept by their inputs: a
 * search of thousands of jobs has a few hundred distinct dates (2,000 jobs, all time: ~9 → ~6 ms of CPU).
 */
class Memo {
  // kind → date → promised date ("" for none) → opensOn: lookups by the stages' own strings.
  private opens = new Map<string, Map<string, Map<string, string>>>();
  private weeks = new Map<string, string>();
  private shifted = new Map<string, string>();
  private numbers = new Map<string, number>();
  /** The job seeker's working calendar (issue 15): a window "opened" on their business day. */
  constructor(readonly calendar: WorkingCalendar | null = null) {}

  /** The engine's window for a stage on its own: the day the timeline would first say "due". */
  opensOn(stage: Stage): string {
    let byDate = this.opens.get(stage.kind);
    if (!byDate) this.opens.set(stage.kind, (byDate = new Map()));
    let byPromise = byDate.get(stage.on);
    if (!byPromise) byDate.set(stage.on, (byPromise = new Map()));
    const promise = stage.answerBy ?? "";
    let on = byPromise.get(promise);
    if (on === undefined) {
      on = planFollowUp({ stages: [{ kind: stage.kind, on: stage.on, answerBy: stage.answerBy ?? null }], today: FAR_FUTURE, calendar: this.calendar }).opensOn!;
      byPromise.set(promise, on);
    }
    return on;
  }

  week(day: string): string {
    let week = this.weeks.get(day);
    if (week === undefined) this.weeks.set(day, (week = weekOf(day)));
    return week;
  }

  /** daysBetween(from, to), by way of each date's day number. */
  between(from: string, to: string): number {
    return this.number(to) - this.number(from);
  }

  private number(day: string): number {
    let n = this.numbers.get(day);
    if (n === undefined) this.numbers.set(day, (n = daysBetween(EPOCH, day)));
    return n;
  }

  /** addDays(day, ANSWER_WITHIN_DAYS). */
  deadline(day: string): string {
    let deadline = this.shifted.get(day);
    if (deadline === undefined) this.shifted.set(day, (deadline = addDays(day, ANSWER_WITHIN_DAYS)));
    return deadline;
  }
}

type StageFacts = {
  stage: Stage;
  /** The first answer in the stage's span dated today or earlier. Only stages dated in the period are described. */
  answerOn: string | null;
  withdrawnOn: string | null;
  opensOn: string;
  opened: boolean;
  followUpOn: string | null;
  early: boolean;
};

type JobFacts = {
  start: string;
  heard: boolean;
  interviewed: boolean;
  offer: boolean;
  withdrawn: boolean;
  /** First answer dated today or earlier. */
  firstAnswerOn: string | null;
  stages: StageFacts[];
};

/** Date order, ties in input order (the rules engine's order). Histories usually come sorted. */
function sortedByDate(stages: readonly Stage[]): readonly Stage[] {
  let sorted = true;
  for (let i = 1; i < stages.length && sorted; i++) sorted = stages[i - 1]!.on <= stages[i]!.on;
  if (sorted) return stages;
  return stages.map((s, i) => ({ s, i })).sort((a, b) => (a.s.on < b.s.on ? -1 : a.s.on > b.s.on ? 1 : a.i - b.i)).map((x) => x.s);
}

function factsOf(stages: readonly Stage[], today: string, inPeriod: (day: string) => boolean, memo: Memo): JobFacts | null {
  const sorted = sortedByDate(stages);
  const application = sorted.find((s) => s.kind === "applied");
  if (!application) return null;
  const start = application.on;

  let heard = false;
  let interviewed = false;
  let offer = false;
  let withdrawn = false;
  let firstAnswerOn: string | null = null;
  for (const s of sorted) {
    if (s.on < start) continue;
    if (isAnswerKind(s.kind) || s.kind === "interview") {
      heard = true;
      if (s.on <= today && (firstAnswerOn === null || s.on < firstAnswerOn)) firstAnswerOn = s.on;
    }
    if (s.kind === "interview" || s.kind === "offer") interviewed = true;
    if (s.kind === "offer") offer = true;
    if (s.kind === "withdrawn") withdrawn = true;
  }

  const facts: StageFacts[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const stage = sorted[i]!;
    // Only the stages dated in the period are counted (and worth the engine's time).
    if (!isCurrentKind(stage.kind) || !inPeriod(stage.on)) continue;
    let next = -1;
    for (let j = i + 1; j < sorted.length; j++) {
      if (isCurrentKind(sorted[j]!.kind)) {
        next = j;
        break;
      }
    }
    const end = next >= 0 ? sorted[next]!.on : null;
    let answerOn: string | null = next >= 0 && sorted[next]!.kind === "interview" && sorted[next]!.on <= today ? sorted[next]!.on : null;
    let withdrawnOn: string | null = null;
    let followUpOn: string | null = null;
    for (let j = 0; j < sorted.length; j++) {
      const s = sorted[j]!;
      if (s.on < stage.on || (end !== null && s.on >= end) || s.on > today) continue;
      if (isAnswerKind(s.kind) && (answerOn === null || s.on < answerOn)) answerOn = s.on;
      else if (s.kind === "withdrawn" && withdrawnOn === null) withdrawnOn = s.on;
      else if (s.kind === "follow_up" && followUpOn === null) followUpOn = s.on;
    }
    const opensOn = memo.opensOn(stage);
    let opened = false;
    // The engine decides; a stage answered, followed up, closed or overtaken before its window
    // opened certainly was not "due" then, so it is not asked (most stages, in a busy search).
    const settledBefore = (day: string | null) => day !== null && day < opensOn;
    if (opensOn <= today && !settledBefore(answerOn) && !settledBefore(followUpOn) && !settledBefore(withdrawnOn) && !settledBefore(end)) {
      const before = sorted.filter((s) => s.on < opensOn);
      const plan = planFollowUp({ stages: before, today: opensOn, calendar: memo.calendar });
      opened = plan.status === "due" && plan.stage === stage;
    }
    facts.push({ stage, answerOn, withdrawnOn, opensOn, opened, followUpOn, early: followUpOn !== null && followUpOn < opensOn });
  }
  return { start, heard, interviewed, offer, withdrawn, firstAnswerOn, stages: facts };
}

/** Every figure of the Insights page for one user's jobs, over `period`, on their `today`. */
export function computeInsights(input: { jobs: readonly InsightJob[]; today: string; period: Period; calendar?: WorkingCalendar | null }): Insights {
  const { jobs, today, period } = input;
  const from = periodStart(period, today);
  const inPeriod = (day: string) => day <= today && (from === null || day >= from);

  let applications = 0;
  let archivedLeftOut = 0;
  let heard = 0;
  let interviewed = 0;
  let offers = 0;
  let silent = 0;
  let recentSilent = 0;
  let withdrawn = 0;
  const fromApplying: number[] = [];
  const fromPromise: number[] = [];
  const withCall = { stages: 0, answered: 0 };
  const withoutCall = { stages: 0, answered: 0 };
  let tooEarly = 0;
  let earlyCalls = 0;
  const promises = { kept: 0, late: { oneOrTwo: 0, upToWeek: 0, moreThanWeek: 0 }, unanswered: 0, pending: 0 };
  // Activity, counted by the Monday of each event's week; the first event dates "all time".
  const activity = new Map<string, Omit<Insights["weeks"][number], "weekOf">>();
  let firstEvent: string | null = null;
  const recentFrom = addDays(today, -(RECENT_DAYS - 1));
  const memo = new Memo(input.calendar ?? null);

  for (const job of jobs) {
    if (job.archived) {
      const application = sortedByDate(job.stages).find((s) => s.kind === "applied");
      if (application && inPeriod(application.on)) archivedLeftOut++;
      continue;
    }
    const facts = factsOf(job.stages, today, inPeriod, memo);
    if (!facts) continue;
    for (const s of job.stages) {
      const kind = s.kind === "applied" ? "applications" : s.kind === "interview" ? "interviews" : s.kind === "follow_up" ? "followUps" : null;
      if (kind === null || !inPeriod(s.on)) continue;
      const week = memo.week(s.on);
      let counts = activity.get(week);
      if (!counts) activity.set(week, (counts = { applications: 0, interviews: 0, followUps: 0 }));
      counts[kind]++;
      if (firstEvent === null || s.on < firstEvent) firstEvent = s.on;
    }

    if (inPeriod(facts.start)) {
      applications++;
      if (facts.heard) heard++;
      if (facts.interviewed) interviewed++;
      if (facts.offer) offers++;
      if (!facts.heard && facts.withdrawn) withdrawn++;
      else if (!facts.heard) {
        silent++;
        if (facts.start >= recentFrom) recentSilent++;
      }
      if (facts.firstAnswerOn !== null) fromApplying.push(memo.between(facts.start, facts.firstAnswerOn));
    }

    for (const f of facts.stages) {
      if (f.early) earlyCalls++;
      if (f.opened) {
        const called = f.followUpOn !== null && (f.answerOn === null || f.followUpOn <= f.answerOn);
        const since = called ? f.followUpOn! : f.opensOn;
        const deadline = memo.deadline(since);
        const answered = f.answerOn !== null && f.answerOn >= since && f.answerOn <= deadline;
        if (!answered && today <= deadline) tooEarly++;
        else {
          const group = called ? withCall : withoutCall;
          group.stages++;
          if (answered) group.answered++;
        }
      }
      const promised = f.stage.kind === "interview" ? f.stage.answerBy : null;
      if (promised) {
        if (f.answerOn !== null) {
          const late = memo.between(promised, f.answerOn);
          fromPromise.push(late);
          if (late <= 0) promises.kept++;
          else if (late <= 2) promises.late.oneOrTwo++;
          else if (late <= 7) promises.late.upToWeek++;
          else promises.late.moreThanWeek++;
        } else if (f.withdrawnOn !== null && f.withdrawnOn <= promised) {
          // Withdrawn before the date: the employer had no promise left to keep.
        } else if (today > promised) promises.unanswered++;
        else promises.pending++;
      }
    }
  }

  const judged = promises.kept + promises.late.oneOrTwo + promises.late.upToWeek + promises.late.moreThanWeek + promises.unanswered;
  const step = (key: FunnelStep["key"], label: string, count: number): FunnelStep => ({ key, label, count, share: shareOf(count, applications) });
  return {
    period,
    today,
    from,
    applications,
    archivedLeftOut,
    funnel: [
      step("applied", "Applied", applications),
      step("heard", "Heard anything", heard),
      step("interview", "Interview", interviewed),
      step("offer", "Offer", offers),
    ],
    response: { answered: heard, silent, recentSilent, withdrawn, rate: shareOf(heard, heard + silent) },
    timeToAnswer: { fromApplying: spreadOf(fromApplying), fromPromise: spreadOf(fromPromise) },
    payoff: {
      withCall: { ...withCall, share: shareOf(withCall.answered, withCall.stages) },
      withoutCall: { ...withoutCall, share: shareOf(withoutCall.answered, withoutCall.stages) },
      tooEarly,
      earlyCalls,
    },
    promises: { judged, ...promises, keptShare: shareOf(promises.kept, judged) },
    weeks: weeksOf(activity, from ?? firstEvent, today),
  };
}

function weeksOf(activity: Map<string, Omit<Insights["weeks"][number], "weekOf">>, first: string | null, today: string): Insights["weeks"] {
  if (first === null) return [];
  const weeks: Insights["weeks"] = [];
  for (let week = weekOf(first); week <= today; week = addDays(week, 7)) {
    weeks.push({ weekOf: week, ...(activity.get(week) ?? { applications: 0, interviews: 0, followUps: 0 }) });
  }
  return weeks;
}
