import { formatDay } from "./dates";

// Every sentence the engine shows the job seeker. The quotes are verbatim from the
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

export const HEADLINE = {
  upcomingInterview: "Interview coming up",
  upcomingApplication: "Nothing to do yet",
  waiting: "Waiting for the window to open",
  due: "Follow up by phone",
  followedUp: "Followed up: now let them call",
  answered: "They got back to you",
  closed: "Job closed",
} as const;

// The application points follow the column's note on applications; the interview points
// its answer to the reader ("re-stating that you are very interested ... update on the
// process / timeline").
const APPLICATION_POINTS = [
  "Say that you applied for the role, and when.",
  "Say why you’re interested in the role.",
  "Say you’d love the chance to talk about it further once they reach the interviewing stage.",
  "Keep it short and polite, not pushy: one call, just the once.",
] as const;
const INTERVIEW_POINTS = [
  "Say that you’re still very interested in the role.",
  "Ask whether they have an update on the process or the timeline.",
  "Keep it polite and brief: it’s perfectly normal, and a reasonable employer won’t think you’re pushy.",
] as const;

export function talkingPoints(kind: "applied" | "interview"): string[] {
  return kind === "applied" ? [...APPLICATION_POINTS] : [...INTERVIEW_POINTS];
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

export function afterApplication(appliedOn: string, opensOn: string, today: string): string {
  return `You applied on ${day(appliedOn, today)}. ${COLUMN} ${QUOTE.applicationWait} So ${windowOn(opensOn, today)}, the first weekday at least a week after you applied. ${QUOTE.justOnce}`;
}

export function afterInterviewDeadline(answerBy: string, opensOn: string, today: string): string {
  return `They said they would get back to you by ${day(answerBy, today)}. ${COLUMN} ${QUOTE.deadline} So ${windowOn(opensOn, today)}, the first weekday after that date. Don’t read anything into the silence: ${QUOTE.dayOrTwo}`;
}

export function afterInterviewDefault(interviewOn: string, opensOn: string, today: string): string {
  return `Your interview was on ${day(interviewOn, today)} and they didn’t say when they would get back to you. The recruiter’s column doesn’t cover this case, so this is our default: wait a week, as the column advises after an application, then call. So ${windowOn(opensOn, today)}, the first weekday at least a week after the interview.`;
}

export function upcoming(kind: "applied" | "interview", on: string, today: string): string {
  return kind === "interview"
    ? `Your interview is on ${day(on, today)}. Follow-up advice starts once it has happened.`
    : `Your application is dated ${day(on, today)}, which is still ahead. Follow-up advice starts once you have applied.`;
}

export function followedUp(kind: "applied" | "interview", followUpOn: string, early: boolean, opensOn: string, today: string): string {
  const earlyNote = early
    ? ` That was before the usual window (from ${day(opensOn, today)}), but it still counts as your one follow-up.`
    : "";
  const wait = kind === "applied" ? QUOTE.strongCandidate : QUOTE.dayOrTwo;
  return `You followed up on this ${noun(kind)} on ${day(followUpOn, today)}.${earlyNote} ${COLUMN} ${QUOTE.justOnce} ${wait}`;
}

export function answered(kind: "applied" | "interview", heardBackOn: string, today: string): string {
  return `They got back to you on ${day(heardBackOn, today)}, so there is no need to follow up on this ${noun(kind)}.`;
}

export type ClosingKind = "offer" | "rejected" | "withdrawn";

const CLOSED_BY: Record<ClosingKind, string> = {
  offer: "You received an offer",
  rejected: "They let you know it’s a no",
  withdrawn: "You withdrew",
};

export function closed(kind: ClosingKind, on: string, today: string): string {
  return `${CLOSED_BY[kind]} on ${day(on, today)}, so this job is closed and there is nothing left to follow up.`;
}

export const REASON = {
  inFuture: (on: string, today: string) => `A follow-up can only be logged once it has happened, and ${day(on, today)} is after today.`,
  closed,
  noStage: () => "There is no application or interview to follow up on yet.",
  beforeStage: (on: string, firstOn: string, today: string) =>
    `This follow-up is dated ${day(on, today)}, before your application or interview on ${day(firstOn, today)}.`,
  alreadyFollowedUp: (kind: "applied" | "interview", on: string, today: string) =>
    `You already followed up on this ${noun(kind)} on ${day(on, today)}. The advice is to follow up just once.`,
} as const;
