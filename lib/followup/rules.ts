import * as copy from "./copy";
import type { Voice } from "./copy";
import { calendarMove, compileCalendar, firstBusinessDay, type CompiledCalendar, type WorkingCalendar } from "./calendar";
import { addDays, isValidDate } from "./dates";
import { FollowUpInputError } from "./errors";

/*
 * The follow-up rules: given a job's history and today's date, what should the job seeker
 * do next? Pure: plain values in and out, no clock, no I/O. Decisions, each pinned by tests:
 * - Stages are read in date order, ties in input order (a stable sort). We scan rather
 *   than sort, with the same outcome: "latest" means latest date, then last in the input.
 * - A job needs an applied or interview stage, else FollowUpInputError; except a closed job
 *   (offer, rejected, withdrawn), which needs no plan, so "closed" wins even then.
 * - For the current stage the later of its follow_up and heard_back decides between
 *   followed_up and answered; on the same day answered wins (hearing back is the stronger fact).
 * - `rule` and `opensOn` are present exactly when the status is waiting or due.
 * - `answerBy: null` means no promise was made (database rows carry null, not undefined).
 * - canLogFollowUp refuses "closed" only when the job closed on or before the follow-up's
 *   date, so a call made while the job was still open can be logged afterwards.
 */

export { FollowUpInputError } from "./errors";
export type { WorkingCalendar } from "./calendar";

export const STAGE_KINDS = [
  "applied", "interview", "follow_up", "heard_back", "offer", "rejected", "withdrawn",
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** One event in a job's history. Callers may pass richer objects (id, note, channel...). */
export interface Stage {
  kind: StageKind;
  /** Calendar date `YYYY-MM-DD` in the job seeker's own time zone. */
  on: string;
  /** Interviews only: the date by which they promised an answer. */
  answerBy?: string | null;
}

export type FollowUpStatus = "upcoming" | "waiting" | "due" | "followed_up" | "answered" | "closed";
export type { Voice } from "./copy";
export type FollowUpRule = "after_application" | "after_interview_deadline" | "after_interview_default";

export interface FollowUpPlan<S extends Stage = Stage> {
  status: FollowUpStatus;
  /** Who the words speak to: the job seeker ("you") or their coach or a link visitor ("they"). */
  voice: Voice;
  /** Short and locale-free, e.g. "Follow up by phone"; dates are left to the caller. */
  headline: string;
  /** Which rule applies and where it comes from (a quote from the column, or "our default"). */
  explanation: string;
  /** Present exactly when the status is waiting or due. */
  rule?: FollowUpRule;
  /** First day a follow-up is appropriate; present exactly when the status is waiting or due. */
  opensOn?: string;
  /** The current (latest) applied or interview stage and its index in the input. */
  stage?: S;
  stageIndex?: number;
  /** The follow-up that used up this stage's one follow-up; `early` if before the window opened. */
  followUp?: S;
  followUpIndex?: number;
  early?: boolean;
  /** answered: the heard_back stage. */
  heardBack?: S;
  heardBackIndex?: number;
  /** closed: the latest offer, rejected or withdrawn stage. */
  closedBy?: S;
  closedByIndex?: number;
  /**
   * waiting or due only, when the job seeker's calendar (not just a weekend) moved the window:
   * "Fri 25 Dec and Mon 28 Dec are public holidays in England, so the window opens on Tue 29 Dec."
   * Also the explanation's last sentence.
   */
  calendarNote?: string;
  /** What to say on the call; empty unless waiting or due. */
  talkingPoints: string[];
  /** The column: "follow up with one phone call". */
  channel: "phone";
}

export type FollowUpRefusalCode = "already_followed_up" | "closed" | "no_stage" | "in_future" | "before_stage";

export type CanLogFollowUpResult<S extends Stage = Stage> =
  | { ok: true; early: boolean; stage: S; stageIndex: number; rule: FollowUpRule; opensOn: string }
  | {
      ok: false;
      code: FollowUpRefusalCode;
      /** A sentence for the job seeker. */
      reason: string;
      stage?: S;
      stageIndex?: number;
      /** already_followed_up: the earlier follow-up. */
      followUp?: S;
      followUpIndex?: number;
    };

type CurrentKind = "applied" | "interview";
const KINDS: ReadonlySet<string> = new Set(STAGE_KINDS);

function dateError(field: string, value: unknown): FollowUpInputError {
  return new FollowUpInputError(field, `must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function checkStage(s: Stage, i: number): void {
  if (s === null || typeof s !== "object") {
    throw new FollowUpInputError(`stages[${i}]`, "must be an object with a kind and an on date");
  }
  if (!KINDS.has(s.kind)) {
    throw new FollowUpInputError(`stages[${i}].kind`, `must be one of ${STAGE_KINDS.join(", ")}, got ${JSON.stringify(s.kind)}`);
  }
  if (!isValidDate(s.on)) throw dateError(`stages[${i}].on`, s.on);
  const by = s.answerBy;
  if (by === undefined || by === null) return;
  if (s.kind !== "interview") {
    throw new FollowUpInputError(`stages[${i}].answerBy`, `is only allowed on an interview stage, not on "${s.kind}"`);
  }
  if (!isValidDate(by)) throw dateError(`stages[${i}].answerBy`, by);
  if (by < s.on) {
    throw new FollowUpInputError(`stages[${i}].answerBy`, `(${by}) can't be before the interview (${s.on})`);
  }
}

function checkInput(stages: readonly Stage[], today: string): void {
  if (!isValidDate(today)) throw dateError("today", today);
  if (!Array.isArray(stages)) throw new FollowUpInputError("stages", "must be an array of stages");
  for (let i = 0; i < stages.length; i++) checkStage(stages[i]!, i);
}

function isClosing(kind: StageKind): kind is copy.ClosingKind {
  return kind === "offer" || kind === "rejected" || kind === "withdrawn";
}

/**
 * When the follow-up window opens for an applied or interview stage: the first business day
 * (a workday of the job seeker's calendar that is not a holiday; Monday to Friday without
 * one) on or after the day the rule names (`from`).
 */
function windowOf(stage: Stage, calendar: CompiledCalendar | null): { rule: FollowUpRule; from: string; opensOn: string } {
  let rule: FollowUpRule;
  let from: string;
  if (stage.kind === "applied") {
    // Column: "follow up only after at least a week has passed" since applying.
    rule = "after_application";
    from = addDays(stage.on, 7);
  } else if (stage.answerBy) {
    // Column: "a gentle follow up if a day or two has passed since the 'deadline' date".
    rule = "after_interview_deadline";
    from = addDays(stage.answerBy, 1);
  } else {
    // Our default: the column is silent on interviews without a promised date, so reuse its week.
    rule = "after_interview_default";
    from = addDays(stage.on, 7);
  }
  // Issue 15: the advice is a phone call to people at work, so the call falls on a day they are.
  return { rule, from, opensOn: firstBusinessDay(from, calendar) };
}

function explain(
  stage: Stage, rule: FollowUpRule, opensOn: string, today: string, voice: Voice, calendar: CompiledCalendar | null, note: string | undefined,
): string {
  const word: copy.BusinessDayWord = calendar && (note || !calendar.standardWeek) ? "working day" : "weekday";
  const text =
    rule === "after_application"
      ? copy.afterApplication(stage.on, opensOn, today, voice, word)
      : rule === "after_interview_deadline"
        ? copy.afterInterviewDeadline(stage.answerBy!, opensOn, today, voice, word)
        : copy.afterInterviewDefault(stage.on, opensOn, today, voice, word);
  return note ? `${text} ${note}` : text;
}

/**
 * What to do next about one job. Throws FollowUpInputError for a malformed history, or one
 * with no applied or interview stage that is not closed.
 */
export function planFollowUp<S extends Stage>(input: {
  stages: readonly S[];
  today: string;
  voice?: Voice;
  calendar?: WorkingCalendar | null;
}): FollowUpPlan<S> {
  const { stages, today, voice = "you" } = input;
  if (!isValidDate(today)) throw dateError("today", today);
  const calendar = compileCalendar(input.calendar);
  if (!Array.isArray(stages)) throw new FollowUpInputError("stages", "must be an array of stages");

  let current = -1;
  let closing = -1;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    checkStage(s, i);
    if (s.kind === "applied" || s.kind === "interview") {
      if (current < 0 || s.on >= stages[current]!.on) current = i;
    } else if (isClosing(s.kind)) {
      if (closing < 0 || s.on >= stages[closing]!.on) closing = i;
    }
  }

  if (closing >= 0) {
    const c = stages[closing]!;
    const plan: FollowUpPlan<S> = {
      status: "closed",
      headline: copy.headline("closed", voice),
      explanation: copy.closed(c.kind as copy.ClosingKind, c.on, today, voice),
      closedBy: c,
      closedByIndex: closing,
      talkingPoints: [],
      channel: "phone",
      voice,
    };
    if (current >= 0) {
      plan.stage = stages[current]!;
      plan.stageIndex = current;
    }
    return plan;
  }
  if (current < 0) {
    throw new FollowUpInputError("stages", "must include an applied or interview stage: a job needs one to follow up on");
  }

  const stage = stages[current]!;
  const kind = stage.kind as CurrentKind;
  if (stage.on > today) {
    return {
      status: "upcoming",
      headline: copy.headline(kind === "interview" ? "upcomingInterview" : "upcomingApplication", voice),
      explanation: copy.upcoming(kind, stage.on, today, voice),
      stage,
      stageIndex: current,
      talkingPoints: [],
      channel: "phone",
      voice,
    };
  }

  // Only events dated on or after the current stage belong to it: a new interview starts a
  // new stage with its own single follow-up.
  let firstFollowUp = -1;
  let lastFollowUp = -1;
  let lastHeardBack = -1;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    if (s.on < stage.on) continue;
    if (s.kind === "follow_up") {
      if (firstFollowUp < 0 || s.on < stages[firstFollowUp]!.on) firstFollowUp = i;
      if (lastFollowUp < 0 || s.on >= stages[lastFollowUp]!.on) lastFollowUp = i;
    } else if (s.kind === "heard_back") {
      if (lastHeardBack < 0 || s.on >= stages[lastHeardBack]!.on) lastHeardBack = i;
    }
  }

  const { rule, from, opensOn } = windowOf(stage, calendar);
  const spent =
    firstFollowUp < 0
      ? undefined
      : { followUp: stages[firstFollowUp]!, followUpIndex: firstFollowUp, early: stages[firstFollowUp]!.on < opensOn };

  if (lastHeardBack >= 0 && (lastFollowUp < 0 || stages[lastHeardBack]!.on >= stages[lastFollowUp]!.on)) {
    const heardBack = stages[lastHeardBack]!;
    return {
      status: "answered",
      headline: copy.headline("answered", voice),
      explanation: copy.answered(kind, heardBack.on, today, voice),
      stage,
      stageIndex: current,
      ...spent,
      heardBack,
      heardBackIndex: lastHeardBack,
      talkingPoints: [],
      channel: "phone",
      voice,
    };
  }
  if (spent) {
    // Column: "follow up just the once. If you're a strong candidate, they'll call"; an
    // early call still counts as the one.
    return {
      status: "followed_up",
      headline: copy.headline("followedUp", voice),
      explanation: copy.followedUp(kind, spent.followUp.on, spent.early, opensOn, today, voice),
      stage,
      stageIndex: current,
      ...spent,
      talkingPoints: [],
      channel: "phone",
      voice,
    };
  }

  const due = today >= opensOn;
  const move = calendarMove(from, opensOn, calendar);
  const calendarNote = move ? copy.calendarNote(move, opensOn, today, voice) : undefined;
  return {
    status: due ? "due" : "waiting",
    headline: copy.headline(due ? "due" : "waiting", voice),
    explanation: explain(stage, rule, opensOn, today, voice, calendar, calendarNote),
    ...(calendarNote ? { calendarNote } : {}),
    rule,
    opensOn,
    stage,
    stageIndex: current,
    talkingPoints: copy.talkingPoints(kind, voice),
    channel: "phone",
    voice,
  };
}

/**
 * Whether a follow-up dated `on` may be logged: the data layer's rule, with the reason in
 * words when it refuses. The follow-up belongs to the latest applied or interview stage on
 * or before `on`, and each stage gets one. Throws FollowUpInputError for malformed input.
 */
export function canLogFollowUp<S extends Stage>(input: {
  stages: readonly S[];
  on: string;
  today: string;
  calendar?: WorkingCalendar | null;
}): CanLogFollowUpResult<S> {
  const { stages, on, today } = input;
  checkInput(stages, today);
  const calendar = compileCalendar(input.calendar);
  if (!isValidDate(on)) throw dateError("on", on);

  if (on > today) return { ok: false, code: "in_future", reason: copy.REASON.inFuture(on, today) };

  let target = -1;
  let first = -1;
  let closing = -1;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    if (s.kind === "applied" || s.kind === "interview") {
      if (first < 0 || s.on < stages[first]!.on) first = i;
      if (s.on <= on && (target < 0 || s.on >= stages[target]!.on)) target = i;
    } else if (isClosing(s.kind) && s.on <= on) {
      if (closing < 0 || s.on >= stages[closing]!.on) closing = i;
    }
  }
  if (closing >= 0) {
    const c = stages[closing]!;
    return { ok: false, code: "closed", reason: copy.REASON.closed(c.kind as copy.ClosingKind, c.on, today) };
  }
  if (first < 0) return { ok: false, code: "no_stage", reason: copy.REASON.noStage() };
  if (target < 0) {
    return { ok: false, code: "before_stage", reason: copy.REASON.beforeStage(on, stages[first]!.on, today) };
  }

  const stage = stages[target]!;
  // The stage's follow-ups run from its date up to (not including) the next stage's date.
  let nextOn: string | undefined;
  for (const s of stages) {
    if ((s.kind === "applied" || s.kind === "interview") && s.on > stage.on && (nextOn === undefined || s.on < nextOn)) {
      nextOn = s.on;
    }
  }
  let spent = -1;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    if (s.kind !== "follow_up" || s.on < stage.on || (nextOn !== undefined && s.on >= nextOn)) continue;
    if (spent < 0 || s.on < stages[spent]!.on) spent = i;
  }
  if (spent >= 0) {
    const f = stages[spent]!;
    return {
      ok: false,
      code: "already_followed_up",
      // Column: "follow up just the once".
      reason: copy.REASON.alreadyFollowedUp(stage.kind as CurrentKind, f.on, today),
      stage,
      stageIndex: target,
      followUp: f,
      followUpIndex: spent,
    };
  }

  const { rule, opensOn } = windowOf(stage, calendar);
  return { ok: true, early: on < opensOn, stage, stageIndex: target, rule, opensOn };
}
