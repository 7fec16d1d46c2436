import type { CalendarMove } from "./calendar";
import { formatDay } from "./dates";

// Every sentence the engine shows the job seeker (or, spoken of, their coach). The quotes are verbatim from the
// recruiter's column "Ask A Recruiter: Following Up After An Interview"
// (shared/seed/000_e218a2d8bbf7babd.txt); where the column is silent we say "our default".

const COLUMN = "The recruiter’s column says:";
export const QUOTE = {
  applicationWait: "“You should follow up only after at least a week has passed. Then follow up with one phone call.”",
  justOnce: "“You don’t want to appear as if you’re ‘stalking’ so follow up just the once.”",
  strongCandidate: "“If you’re a strong candidate, they’ll call and arrange the interview.”",
  deadline: "“It’s not pushy to give a gentle follow up if a day or two has passed since the ‘deadline’ date.”",
  dayOrTwo: "“To a hiring manager, a ‘day or two’ can easily stretch to a week. So don’t fret too much.”",
} as const;

/**
 * Who the sentences speak to: "you", the job seeker, on their own pages; "they", the job seeker
 * spoken of, for a coach or a link visitor ("They followed up once", issue 14). In "they"
 * sentences the other side is "the employer", so "they" is always the job seeker.
 */
export type Voice = "you" | "they";

const HEADLINES = {
  you: {
    upcomingInterview: "Interview coming up",
    upcomingApplication: "Nothing to do yet",
    waiting: "Waiting for the window to open",
    due: "Follow up by phone",
    followedUp: "Followed up: now let them call",
    answered: "They got back to you",
    closed: "Job closed",
  },
  they: {
    upcomingInterview: "Interview coming up",
    upcomingApplication: "Nothing to do yet",
    waiting: "Waiting for the window to open",
    due: "Their follow-up call is due",
    followedUp: "Followed up: now it is the employer’s turn",
    answered: "The employer got back to them",
    closed: "Job closed",
  },
} as const;

export type HeadlineKey = keyof (typeof HEADLINES)["you"];
export const headline = (key: HeadlineKey, voice: Voice): string => HEADLINES[voice][key];
/** The job seeker's own headlines (the default voice). */
export const HEADLINE = HEADLINES.you;

// The application points follow the column's note on applications; the interview points
// its answer to the reader ("re-stating that you are very interested ... update on the
// process / timeline"). Spoken of, the points are what the job seeker can say.
const POINTS = {
  you: {
    applied: [
      "Say that you applied for the role, and when.",
      "Say why you’re interested in the role.",
      "Say you’d love the chance to talk about it further once they reach the interviewing stage.",
      "Keep it short and polite, not pushy: one call, just the once.",
    ],
    interview: [
      "Say that you’re still very interested in the role.",
      "Ask whether they have an update on the process or the timeline.",
      "Keep it polite and brief: it’s perfectly normal, and a reasonable employer won’t think you’re pushy.",
    ],
  },
  they: {
    applied: [
      "That they applied for the role, and when.",
      "Why they’re interested in the role.",
      "That they’d love the chance to talk about it further once the employer reaches the interviewing stage.",
      "Short and polite, not pushy: one call, just the once.",
    ],
    interview: [
      "That they’re still very interested in the role.",
      "A question: does the employer have an update on the process or the timeline?",
      "Polite and brief: it’s perfectly normal, and a reasonable employer won’t think it pushy.",
    ],
  },
} as const;

export function talkingPoints(kind: "applied" | "interview", voice: Voice = "you"): string[] {
  return [...POINTS[voice][kind]];
}

export function noun(kind: "applied" | "interview"): "application" | "interview" {
  return kind === "applied" ? "application" : "interview";
}

// Each sentence gets `today`: a date shows its year only when it is not this year's, and the
// window "opens on", "opens today" or "opened on" a day (issue 14: the right tense).
const day = formatDay;

function windowOn(opensOn: string, today: string): string {
  if (opensOn > today) return `the window opens on ${day(opensOn, today)}`;
  if (opensOn === today) return `the window opens today, ${day(opensOn, today)}`;
  return `the window opened on ${day(opensOn, today)}`;
}

/**
 * "weekday" for Monday to Friday (without a calendar, as always); "working day" once the job
 * seeker's own week or holidays decide it (issue 15).
 */
export type BusinessDayWord = "weekday" | "working day";

export function afterApplication(appliedOn: string, opensOn: string, today: string, voice: Voice = "you", dayWord: BusinessDayWord = "weekday"): string {
  const subject = voice === "you" ? "You" : "They";
  return `${subject} applied on ${day(appliedOn, today)}. ${COLUMN} ${QUOTE.applicationWait} So ${windowOn(opensOn, today)}, the first ${dayWord} at least a week after ${subject.toLowerCase()} applied. ${QUOTE.justOnce}`;
}

export function afterInterviewDeadline(answerBy: string, opensOn: string, today: string, voice: Voice = "you", dayWord: BusinessDayWord = "weekday"): string {
  const promise = voice === "you" ? "They said they would get back to you" : "The employer said they would get back to them";
  const silence = voice === "you" ? "Don’t read anything into the silence:" : "There is nothing to read into the silence:";
  return `${promise} by ${day(answerBy, today)}. ${COLUMN} ${QUOTE.deadline} So ${windowOn(opensOn, today)}, the first ${dayWord} after that date. ${silence} ${QUOTE.dayOrTwo}`;
}

export function afterInterviewDefault(interviewOn: string, opensOn: string, today: string, voice: Voice = "you", dayWord: BusinessDayWord = "weekday"): string {
  const was = voice === "you" ? "Your interview was on" : "Their interview was on";
  const silent = voice === "you" ? "they didn’t say when they would get back to you" : "the employer didn’t say when they would get back to them";
  return `${was} ${day(interviewOn, today)} and ${silent}. The recruiter’s column doesn’t cover this case, so this is our default: wait a week, as the column advises after an application, then call. So ${windowOn(opensOn, today)}, the first ${dayWord} at least a week after the interview.`;
}

function listed(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * What moved the window (issue 15): "Fri 25 Dec and Mon 28 Dec are public holidays in England,
 * so the window opens on Tue 29 Dec"; "Friday and Saturday are not working days for you, ...".
 */
export function calendarNote(move: CalendarMove, opensOn: string, today: string, voice: Voice = "you"): string {
  const past = opensOn < today;
  const whom = voice === "you" ? "you" : "them";
  const parts: string[] = [];
  const h = move.holidays;
  if (h.length > 0) {
    const many = h.length > 1;
    const be = past ? (many ? "were" : "was") : many ? "are" : "is";
    const days = h.length > 3 ? `The ${h.length} days from ${day(h[0]!, today)} to ${day(h.at(-1)!, today)}` : listed(h.map((d) => day(d, today)));
    const what = move.regionName
      ? `${many ? "public holidays" : "a public holiday"} in ${move.regionName}`
      : `${many ? "holidays" : "a holiday"} for ${whom}`;
    parts.push(`${days} ${be} ${what}`);
  }
  if (move.daysOff.length > 0) {
    const many = move.daysOff.length > 1;
    parts.push(`${listed(move.daysOff)} ${many ? "are not working days" : "is not a working day"} for ${whom}`);
  }
  return `${parts.join(", and ")}, so ${windowOn(opensOn, today)}.`;
}

export function upcoming(kind: "applied" | "interview", on: string, today: string, voice: Voice = "you"): string {
  const your = voice === "you" ? "Your" : "Their";
  return kind === "interview"
    ? `${your} interview is on ${day(on, today)}. Follow-up advice starts once it has happened.`
    : `${your} application is dated ${day(on, today)}, which is still ahead. Follow-up advice starts once ${voice} have applied.`;
}

export function followedUp(kind: "applied" | "interview", followUpOn: string, early: boolean, opensOn: string, today: string, voice: Voice = "you"): string {
  const earlyNote = early
    ? ` That was before the usual window (from ${day(opensOn, today)}), but it still counts as ${voice === "you" ? "your" : "their"} one follow-up.`
    : "";
  const wait = kind === "applied" ? QUOTE.strongCandidate : QUOTE.dayOrTwo;
  return `${voice === "you" ? "You" : "They"} followed up on this ${noun(kind)} on ${day(followUpOn, today)}.${earlyNote} ${COLUMN} ${QUOTE.justOnce} ${wait}`;
}

export function answered(kind: "applied" | "interview", heardBackOn: string, today: string, voice: Voice = "you"): string {
  const who = voice === "you" ? "They got back to you" : "The employer got back to them";
  return `${who} on ${day(heardBackOn, today)}, so there is no need to follow up on this ${noun(kind)}.`;
}

export type ClosingKind = "offer" | "rejected" | "withdrawn";

const CLOSED_BY: Record<Voice, Record<ClosingKind, string>> = {
  you: { offer: "You received an offer", rejected: "They let you know it’s a no", withdrawn: "You withdrew" },
  they: { offer: "They received an offer", rejected: "The employer let them know it’s a no", withdrawn: "They withdrew" },
};

export function closed(kind: ClosingKind, on: string, today: string, voice: Voice = "you"): string {
  return `${CLOSED_BY[voice][kind]} on ${day(on, today)}, so this job is closed and there is nothing left to follow up.`;
}

// Refusals answer the job seeker logging their own follow-up: always "you".
export const REASON = {
  inFuture: (on: string, today: string) => `A follow-up can only be logged once it has happened, and ${day(on, today)} is after today.`,
  closed: (kind: ClosingKind, on: string, today: string) => closed(kind, on, today),
  noStage: () => "There is no application or interview to follow up on yet.",
  beforeStage: (on: string, firstOn: string, today: string) =>
    `This follow-up is dated ${day(on, today)}, before your application or interview on ${day(firstOn, today)}.`,
  alreadyFollowedUp: (kind: "applied" | "interview", on: string, today: string) =>
    `You already followed up on this ${noun(kind)} on ${day(on, today)}. The advice is to follow up just once.`,
} as const;
