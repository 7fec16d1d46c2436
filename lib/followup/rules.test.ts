import { describe, expect, it } from "vitest";
import { canLogFollowUp, FollowUpInputError, planFollowUp, type FollowUpRule, type FollowUpStatus, type Stage } from "./rules";
import { thrown } from "./test-support";

const applied = (on: string): Stage => ({ kind: "applied", on });
const interview = (on: string, answerBy?: string): Stage =>
  answerBy ? { kind: "interview", on, answerBy } : { kind: "interview", on };
const followUp = (on: string): Stage => ({ kind: "follow_up", on });
const heardBack = (on: string): Stage => ({ kind: "heard_back", on });

function plan(stages: Stage[], today: string) {
  return planFollowUp({ stages, today });
}

describe("planFollowUp: the examples from the brief", () => {
  const deadlineInterview = [applied("2026-03-02"), interview("2026-03-11", "2026-03-13")];
  const cases: { name: string; stages: Stage[]; today: string; status: FollowUpStatus; opensOn?: string; rule?: FollowUpRule }[] = [
    { name: "applied Tue, six days later", stages: [applied("2026-03-03")], today: "2026-03-09", status: "waiting", opensOn: "2026-03-10", rule: "after_application" },
    { name: "applied Tue, a week later", stages: [applied("2026-03-03")], today: "2026-03-10", status: "due", opensOn: "2026-03-10", rule: "after_application" },
    { name: "applied Sun, opens Mon", stages: [applied("2026-03-01")], today: "2026-03-09", status: "due", opensOn: "2026-03-09", rule: "after_application" },
    { name: "followed up", stages: [applied("2026-03-02"), followUp("2026-03-11")], today: "2026-03-20", status: "followed_up" },
    { name: "deadline Fri, Saturday", stages: deadlineInterview, today: "2026-03-14", status: "waiting", opensOn: "2026-03-16", rule: "after_interview_deadline" },
    { name: "deadline Fri, Monday", stages: deadlineInterview, today: "2026-03-16", status: "due", opensOn: "2026-03-16", rule: "after_interview_deadline" },
    { name: "interview, no promise", stages: [applied("2026-03-02"), interview("2026-03-11")], today: "2026-03-18", status: "due", opensOn: "2026-03-18", rule: "after_interview_default" },
    { name: "heard back", stages: [applied("2026-03-02"), heardBack("2026-03-05")], today: "2026-03-20", status: "answered" },
    { name: "interview ahead", stages: [applied("2026-03-02"), interview("2026-03-30")], today: "2026-03-20", status: "upcoming" },
    { name: "rejected", stages: [applied("2026-03-02"), { kind: "rejected", on: "2026-03-09" }], today: "2026-03-20", status: "closed" },
  ];

  it.each(cases)("$name: $status", ({ stages, today, status, opensOn, rule }) => {
    const p = plan(stages, today);
    expect(p.status).toBe(status);
    expect(p.opensOn).toBe(opensOn);
    expect(p.rule).toBe(rule);
    expect(p.channel).toBe("phone");
  });
});

describe("planFollowUp: closed", () => {
  it.each(["offer", "rejected", "withdrawn"] as const)("%s closes the job, whatever else happened", (kind) => {
    const stages: Stage[] = [applied("2026-03-02"), interview("2026-03-11"), { kind, on: "2026-03-12" }, followUp("2026-03-19")];
    const p = plan(stages, "2026-03-25");
    expect(p).toMatchObject({ status: "closed", headline: "Job closed", closedBy: stages[2], closedByIndex: 2, stageIndex: 1 });
    expect(p.rule).toBeUndefined();
    expect(p.opensOn).toBeUndefined();
    expect(p.talkingPoints).toEqual([]);
  });

  it("reports the latest closing stage: an offer later withdrawn from", () => {
    const p = plan([applied("2026-03-02"), { kind: "withdrawn", on: "2026-03-20" }, { kind: "offer", on: "2026-03-16" }], "2026-03-25");
    expect(p.closedByIndex).toBe(1);
    expect(p.explanation).toBe("You withdrew on Fri 20 Mar, so this job is closed and there is nothing left to follow up.");
  });

  it("wins even with no applied or interview stage (decision: a closed job needs no plan)", () => {
    const p = plan([{ kind: "rejected", on: "2026-03-09" }], "2026-03-20");
    expect(p.status).toBe("closed");
    expect(p.stage).toBeUndefined();
  });

  it("wins over an interview still ahead", () => {
    expect(plan([interview("2026-04-01"), { kind: "withdrawn", on: "2026-03-19" }], "2026-03-20").status).toBe("closed");
  });
});

describe("planFollowUp: upcoming", () => {
  it("an interview after today leaves rule, window and talking points out", () => {
    const p = plan([applied("2026-03-02"), interview("2026-03-30", "2026-04-02")], "2026-03-20");
    expect(p).toMatchObject({ status: "upcoming", headline: "Interview coming up", stageIndex: 1, talkingPoints: [] });
    expect(p.rule).toBeUndefined();
    expect(p.opensOn).toBeUndefined();
    expect(p.explanation).toContain("Mon 30 Mar");
  });

  it("an application dated after today is upcoming too", () => {
    expect(plan([applied("2026-03-21")], "2026-03-20")).toMatchObject({ status: "upcoming", headline: "Nothing to do yet" });
  });

  it("an interview today is no longer upcoming; with answerBy today the window opens the next weekday", () => {
    const p = plan([interview("2026-03-11", "2026-03-11")], "2026-03-11");
    expect(p).toMatchObject({ status: "waiting", opensOn: "2026-03-12", rule: "after_interview_deadline" });
  });
});

describe("planFollowUp: the window", () => {
  it.each([
    ["Thursday", "2026-03-12", "2026-03-13"],
    ["Friday", "2026-03-13", "2026-03-16"],
    ["Saturday", "2026-03-14", "2026-03-16"],
    ["Sunday", "2026-03-15", "2026-03-16"],
  ])("answerBy on a %s opens on %s's next weekday", (_day, answerBy, opensOn) => {
    expect(plan([interview("2026-03-11", answerBy)], "2026-03-11").opensOn).toBe(opensOn);
  });

  it("our default after an interview lands on a weekday: Saturday interview opens the Monday after next", () => {
    expect(plan([interview("2026-03-14")], "2026-03-14")).toMatchObject({ opensOn: "2026-03-23", rule: "after_interview_default" });
  });

  it("the window crosses month and year ends", () => {
    expect(plan([applied("2025-12-26")], "2026-01-01").opensOn).toBe("2026-01-02");
    expect(plan([applied("2028-02-22")], "2028-02-23").opensOn).toBe("2028-02-29");
  });

  it("answerBy: null means no promise was made", () => {
    expect(plan([{ kind: "interview", on: "2026-03-11", answerBy: null }], "2026-03-12").rule).toBe("after_interview_default");
  });

  it("the current stage is the latest application or interview, whatever the input order", () => {
    const p = plan([interview("2026-03-11", "2026-03-13"), followUp("2026-03-05"), applied("2026-03-02")], "2026-03-16");
    expect(p).toMatchObject({ status: "due", stageIndex: 0, rule: "after_interview_deadline" });
  });

  it("on the same date the later stage in the input is current (a stable sort)", () => {
    expect(plan([interview("2026-03-11"), applied("2026-03-11")], "2026-03-12")).toMatchObject({ stageIndex: 1, rule: "after_application" });
    expect(plan([applied("2026-03-11"), interview("2026-03-11")], "2026-03-12")).toMatchObject({ stageIndex: 1, rule: "after_interview_default" });
  });

  it("waiting and due carry the talking points and the phone", () => {
    const p = plan([applied("2026-03-03")], "2026-03-09");
    expect(p.headline).toBe("Waiting for the window to open");
    expect(plan([applied("2026-03-03")], "2026-03-10").headline).toBe("Follow up by phone");
    expect(p.talkingPoints.join(" ")).toMatch(/applied.*interested in the role.*interviewing stage.*short and polite, not pushy/s);
    const q = plan([interview("2026-03-11")], "2026-03-18");
    expect(q.talkingPoints.join(" ")).toMatch(/very interested in the role.*update on the process or the timeline/s);
  });

  it("passes the caller's own objects through, extra fields and all", () => {
    const stages = [{ id: "s1", kind: "applied" as const, on: "2026-03-03", note: "via referral" }];
    const p = planFollowUp({ stages, today: "2026-03-10" });
    expect(p.stage).toBe(stages[0]);
    expect(p.stage?.note).toBe("via referral");
  });
});

describe("planFollowUp: explanations cite their source", () => {
  it("after an application quotes the week", () => {
    const e = plan([applied("2026-03-03")], "2026-03-09").explanation;
    expect(e).toContain("The recruiter’s column says:");
    expect(e).toContain("follow up only after at least a week has passed");
    expect(e).toContain("Tue 10 Mar");
  });

  it("after a promised date quotes the deadline and tells them not to read into silence", () => {
    const e = plan([interview("2026-03-11", "2026-03-13")], "2026-03-14").explanation;
    expect(e).toContain("by Fri 13 Mar");
    expect(e).toContain("a day or two has passed since the ‘deadline’ date");
    expect(e).toContain("a ‘day or two’ can easily stretch to a week");
    expect(e).toContain("Mon 16 Mar");
  });

  it("speaks of the window in the right tense: opens on, opens today, opened on", () => {
    const stages = [applied("2026-03-03")];
    expect(plan(stages, "2026-03-09").explanation).toContain("So the window opens on Tue 10 Mar, the first weekday");
    expect(plan(stages, "2026-03-10").explanation).toContain("So the window opens today, Tue 10 Mar, the first weekday");
    expect(plan(stages, "2026-03-12").explanation).toContain("So the window opened on Tue 10 Mar, the first weekday");
    const promised = [interview("2026-03-11", "2026-03-13")];
    expect(plan(promised, "2026-03-14").explanation).toContain("So the window opens on Mon 16 Mar, the first weekday after that date.");
    expect(plan(promised, "2026-03-20").explanation).toContain("So the window opened on Mon 16 Mar, the first weekday after that date.");
    expect(plan([interview("2026-03-11")], "2026-03-25").explanation).toContain("So the window opened on Wed 18 Mar, the first weekday at least a week after the interview.");
    for (const today of ["2026-03-12", "2026-03-20"]) expect(plan(stages, today).explanation).not.toMatch(/opens on|opened on.*opens/);
  });

  it("speaks of the job seeker in the third person for a coach or a link visitor", () => {
    const stages = [applied("2026-03-02"), followUp("2026-03-05")];
    const p = planFollowUp({ stages, today: "2026-03-20", voice: "they" });
    expect(p.headline).toBe("Followed up: now it is the employer’s turn");
    expect(p.explanation).toMatch(/^They followed up on this application on Thu 5 Mar\. That was before the usual window \(from Mon 9 Mar\), but it still counts as their one follow-up\./);
    const promised = planFollowUp({ stages: [interview("2026-03-11", "2026-03-13")], today: "2026-03-14", voice: "they" });
    expect(promised.explanation).toMatch(/^The employer said they would get back to them by Fri 13 Mar\./);
    expect(promised.explanation).toContain("There is nothing to read into the silence:");
    expect(promised.talkingPoints[0]).toBe("That they’re still very interested in the role.");
    expect(planFollowUp({ stages: [applied("2026-03-02"), heardBack("2026-03-05")], today: "2026-03-20", voice: "they" }).headline).toBe("The employer got back to them");
    expect(planFollowUp({ stages: [applied("2026-03-02"), { kind: "withdrawn", on: "2026-03-09" }], today: "2026-03-20", voice: "they" }).explanation).toBe(
      "They withdrew on Mon 9 Mar, so this job is closed and there is nothing left to follow up.",
    );
  });

  it("writes the year only for a date outside today's year", () => {
    const e = plan([applied("2025-12-26")], "2026-01-01").explanation;
    expect(e).toContain("You applied on Fri 26 Dec 2025.");
    expect(e).toContain("the window opens on Fri 2 Jan, the first weekday");
    expect(plan([applied("2026-12-28")], "2026-12-30").explanation).toContain("the window opens on Mon 4 Jan 2027,");
  });

  it("without a promised date says it is our default", () => {
    const e = plan([interview("2026-03-11")], "2026-03-12").explanation;
    expect(e).toContain("our default");
    expect(e).toContain("doesn’t cover this case");
  });
});

describe("planFollowUp: one follow-up per stage", () => {
  it("a follow-up spends the stage's one follow-up and says so", () => {
    const stages = [applied("2026-03-02"), followUp("2026-03-11")];
    const p = plan(stages, "2026-03-20");
    expect(p).toMatchObject({ status: "followed_up", followUp: stages[1], followUpIndex: 1, early: false, talkingPoints: [] });
    expect(p.explanation).toContain("follow up just the once");
    expect(p.explanation).toContain("If you’re a strong candidate, they’ll call");
  });

  it("an early follow-up (before the window) still spends it", () => {
    const p = plan([applied("2026-03-03"), followUp("2026-03-05")], "2026-03-20");
    expect(p).toMatchObject({ status: "followed_up", early: true });
    expect(p.explanation).toContain("before the usual window (from Tue 10 Mar), but it still counts");
  });

  it("a follow-up dated before the current stage does not count", () => {
    expect(plan([applied("2026-03-10"), followUp("2026-03-09")], "2026-03-20").status).toBe("due");
  });

  it("a follow-up on the day of the stage counts for that stage", () => {
    expect(plan([followUp("2026-03-11"), interview("2026-03-11")], "2026-03-20")).toMatchObject({ status: "followed_up", early: true });
  });

  it("a new interview after a follow-up opens a new stage with one new follow-up", () => {
    const stages = [applied("2026-03-02"), followUp("2026-03-10"), interview("2026-03-11")];
    expect(plan(stages, "2026-03-18")).toMatchObject({ status: "due", stageIndex: 2, rule: "after_interview_default" });
    const p = plan([...stages, followUp("2026-03-19")], "2026-03-20");
    expect(p).toMatchObject({ status: "followed_up", followUpIndex: 3, early: false });
    expect(p.explanation).toContain("on this interview on Thu 19 Mar");
  });

  it("the first of several follow-ups is the one that spent it", () => {
    expect(plan([applied("2026-03-02"), followUp("2026-03-12"), followUp("2026-03-11")], "2026-03-20").followUpIndex).toBe(2);
  });
});

describe("planFollowUp: answered", () => {
  it("a heard_back before the current interview belongs to the earlier stage", () => {
    expect(plan([applied("2026-03-02"), heardBack("2026-03-05"), interview("2026-03-11")], "2026-03-18").status).toBe("due");
  });

  it("hearing back after following up: answered, and the follow-up is still reported", () => {
    const p = plan([applied("2026-03-02"), followUp("2026-03-12"), heardBack("2026-03-13")], "2026-03-20");
    expect(p).toMatchObject({ status: "answered", headline: "They got back to you", heardBackIndex: 2, followUpIndex: 1 });
    expect(p.explanation).toBe("They got back to you on Fri 13 Mar, so there is no need to follow up on this application.");
  });

  it("following up after hearing back: followed_up (the later event wins)", () => {
    expect(plan([applied("2026-03-02"), heardBack("2026-03-12"), followUp("2026-03-13")], "2026-03-20").status).toBe("followed_up");
  });

  it("both on the same day: answered, whatever the input order", () => {
    expect(plan([applied("2026-03-02"), heardBack("2026-03-12"), followUp("2026-03-12")], "2026-03-20").status).toBe("answered");
    expect(plan([applied("2026-03-02"), followUp("2026-03-12"), heardBack("2026-03-12")], "2026-03-20").status).toBe("answered");
  });
});

describe("planFollowUp: invalid input throws FollowUpInputError naming the field", () => {
  const cases: { name: string; stages: unknown[]; today?: string; field: string; message: RegExp }[] = [
    { name: "impossible date", stages: [applied("2026-02-30")], field: "stages[0].on", message: /stages\[0\]\.on must be a calendar date written YYYY-MM-DD, got "2026-02-30"/ },
    { name: "unpadded date", stages: [applied("2026-03-01"), followUp("2026-3-1")], field: "stages[1].on", message: /"2026-3-1"/ },
    { name: "date with a time", stages: [applied("2026-03-01T10:00")], field: "stages[0].on", message: /YYYY-MM-DD/ },
    { name: "missing date", stages: [{ kind: "applied" }], field: "stages[0].on", message: /got undefined/ },
    { name: "unknown kind", stages: [applied("2026-03-01"), { kind: "phoned", on: "2026-03-02" }], field: "stages[1].kind", message: /must be one of applied, interview, .* got "phoned"/ },
    { name: "not an object", stages: [null], field: "stages[0]", message: /must be an object/ },
    { name: "answerBy on an application", stages: [{ kind: "applied", on: "2026-03-01", answerBy: "2026-03-05" }], field: "stages[0].answerBy", message: /only allowed on an interview stage, not on "applied"/ },
    { name: "answerBy before the interview", stages: [interview("2026-03-11", "2026-03-10")], field: "stages[0].answerBy", message: /\(2026-03-10\) can't be before the interview \(2026-03-11\)/ },
    { name: "answerBy not a date", stages: [interview("2026-03-11", "Friday")], field: "stages[0].answerBy", message: /got "Friday"/ },
    { name: "invalid today", stages: [applied("2026-03-01")], today: "2026-02-29", field: "today", message: /^today must be a calendar date/ },
    { name: "no stages", stages: [], field: "stages", message: /must include an applied or interview stage/ },
    { name: "only a follow-up", stages: [followUp("2026-03-01")], field: "stages", message: /a job needs one to follow up on/ },
  ];

  it.each(cases)("$name", ({ stages, today, field, message }) => {
    const e = thrown(() => planFollowUp({ stages: stages as Stage[], today: today ?? "2026-03-20" }));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("FollowUpInputError");
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it("validates every stage, even when the job is closed", () => {
    expect(() => plan([{ kind: "rejected", on: "2026-03-01" }, applied("2026-13-01")], "2026-03-20")).toThrow(FollowUpInputError);
  });
});

describe("canLogFollowUp", () => {
  const log = (stages: Stage[], on: string, today = "2026-03-20") => canLogFollowUp({ stages, on, today });

  it("accepts the first follow-up and says whether it was early", () => {
    const stages = [applied("2026-03-03")];
    expect(log(stages, "2026-03-10")).toEqual({ ok: true, early: false, stage: stages[0], stageIndex: 0, rule: "after_application", opensOn: "2026-03-10" });
    expect(log(stages, "2026-03-05")).toMatchObject({ ok: true, early: true });
  });

  it("refuses a second follow-up on an application, in words", () => {
    const stages = [applied("2026-03-02"), followUp("2026-03-12")];
    expect(log(stages, "2026-03-20")).toMatchObject({
      ok: false,
      code: "already_followed_up",
      reason: "You already followed up on this application on Thu 12 Mar. The advice is to follow up just once.",
      stageIndex: 0,
      followUpIndex: 1,
    });
  });

  it("refuses a second follow-up on an interview, in words", () => {
    const r = log([applied("2026-03-02"), interview("2026-03-11"), followUp("2026-03-18")], "2026-03-19");
    expect(r).toMatchObject({ ok: false, reason: "You already followed up on this interview on Wed 18 Mar. The advice is to follow up just once." });
  });

  it("attaches a follow-up to the stage current on its date", () => {
    const stages = [applied("2026-03-02"), followUp("2026-03-12"), interview("2026-03-16")];
    expect(log(stages, "2026-03-20")).toMatchObject({ ok: true, stageIndex: 2, rule: "after_interview_default" });
    expect(log(stages, "2026-03-14")).toMatchObject({ ok: false, code: "already_followed_up", stageIndex: 0 });
    expect(log(stages, "2026-03-16")).toMatchObject({ ok: true, stageIndex: 2, early: true });
  });

  it("a later stage's follow-up does not use up an earlier stage's (backfilling)", () => {
    const stages = [applied("2026-03-02"), interview("2026-03-11"), followUp("2026-03-18")];
    expect(log(stages, "2026-03-09")).toMatchObject({ ok: true, stageIndex: 0, early: false });
    expect(log(stages, "2026-03-19")).toMatchObject({ ok: false, code: "already_followed_up", stageIndex: 1 });
  });

  it("refuses a follow-up dated after today", () => {
    expect(log([applied("2026-03-02")], "2026-03-21")).toEqual({
      ok: false,
      code: "in_future",
      reason: "A follow-up can only be logged once it has happened, and Sat 21 Mar is after today.",
    });
  });

  it("refuses once the job closed, but accepts a call made while it was open (backfill)", () => {
    const stages = [applied("2026-03-02"), { kind: "rejected", on: "2026-03-12" } as Stage];
    expect(log(stages, "2026-03-12")).toEqual({
      ok: false,
      code: "closed",
      reason: "They let you know it’s a no on Thu 12 Mar, so this job is closed and there is nothing left to follow up.",
    });
    expect(log(stages, "2026-03-10")).toMatchObject({ ok: true, stageIndex: 0 });
  });

  it("refuses with no application or interview at all", () => {
    expect(log([], "2026-03-10")).toMatchObject({ ok: false, code: "no_stage", reason: "There is no application or interview to follow up on yet." });
    expect(log([heardBack("2026-03-01")], "2026-03-10")).toMatchObject({ ok: false, code: "no_stage" });
  });

  it("refuses a follow-up dated before the first stage", () => {
    expect(log([interview("2026-03-11"), applied("2026-03-02")], "2026-03-01")).toMatchObject({
      ok: false,
      code: "before_stage",
      reason: "This follow-up is dated Sun 1 Mar, before your application or interview on Mon 2 Mar.",
    });
  });

  it("throws on malformed input", () => {
    expect(thrown(() => log([applied("2026-03-02")], "12/03/2026")).field).toBe("on");
    expect(thrown(() => log([applied("2026-03-02")], "2026-03-12", "today")).field).toBe("today");
    expect(thrown(() => log([applied("2026-02-31")], "2026-03-12")).field).toBe("stages[0].on");
  });
});
