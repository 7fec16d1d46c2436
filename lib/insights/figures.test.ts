import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, planFollowUp, type Stage, type StageKind } from "@/lib/followup";
import { computeInsights, type InsightJob } from "./figures";

// A small job search worked out by hand. Dates in March and April 2026: 2 March is a Monday.
// Each job says what it is for; the expected figures below are counted from these comments.
const applied = (on: string): Stage => ({ kind: "applied", on });
const interview = (on: string, answerBy?: string): Stage => (answerBy ? { kind: "interview", on, answerBy } : { kind: "interview", on });
const at = (kind: StageKind, on: string): Stage => ({ kind, on });
const job = (...stages: Stage[]): InsightJob => ({ archived: false, stages });

const TODAY = "2026-04-30"; // a Thursday
const JOBS: Record<string, InsightJob> = {
  // Window opens Mon 9 Mar; called the 10th; never heard: a call without an answer.
  A: job(applied("2026-03-02"), at("follow_up", "2026-03-10")),
  // Opens Tue 10 Mar; called the 12th; heard back the 20th (8 days later): a call answered. 17 days to answer.
  B: job(applied("2026-03-03"), at("follow_up", "2026-03-12"), at("heard_back", "2026-03-20")),
  // Opens Wed 11 Mar; no call; heard back 30 Mar (19 days after opening: not within 14). 26 days to answer.
  // Interview Mon 6 Apr, answer promised by Fri 10 Apr: window opens Mon 13 Apr; rejected the 14th
  // (within 14 days, without a call; the promise 4 days late).
  C: job(applied("2026-03-04"), at("heard_back", "2026-03-30"), interview("2026-04-06", "2026-04-10"), at("rejected", "2026-04-14")),
  // Called Mon 9 Mar, before the window opened (Thu 12th): an early call, left out. Interview 16 Mar (11 days
  // to answer), heard back the 18th (before that window opened); second interview 25 Mar, promised the 27th,
  // offer the 27th: the promise kept, the job closed before the window opened.
  D: job(
    applied("2026-03-05"), at("follow_up", "2026-03-09"), interview("2026-03-16"), at("heard_back", "2026-03-18"),
    interview("2026-03-25", "2026-03-27"), at("offer", "2026-03-27"),
  ),
  // Withdrawn before any answer: neither an answer nor silence; its window never opened.
  E: job(applied("2026-03-06"), at("withdrawn", "2026-03-10")),
  // Archived: left out of everything, whatever happened.
  F: { archived: true, stages: [applied("2026-03-02"), at("heard_back", "2026-03-05")] },
  // Applied three days ago: silent, and too recent to tell; its window is still ahead.
  G: job(applied("2026-04-27")),
  // Opens Wed 8 Apr, the day of the interview: answered the day the window opened (without a call). 7 days.
  // The interview's promise (Fri 10 Apr) passed without an answer; its window opened Mon 13 Apr, and 14 days on
  // (27 Apr) still nothing: without a call, no answer.
  H: job(applied("2026-04-01"), interview("2026-04-08", "2026-04-10")),
  // Opens Mon 13 Apr; called the 20th; no answer yet and the 14 days run to 4 May: too early to tell.
  I: job(applied("2026-04-06"), at("follow_up", "2026-04-20")),
  // Heard back Thu 12 Mar, before the window (16th): never opened. 3 days to answer. Interview 19 Mar, promised
  // the 20th, heard back Sun 22nd (2 days late), before that window opened (Mon 23rd); a call after that.
  J: job(applied("2026-03-09"), at("heard_back", "2026-03-12"), interview("2026-03-19", "2026-03-20"), at("heard_back", "2026-03-22"), at("follow_up", "2026-03-24")),
  // Opens Mon 23 Mar; heard back the 25th, called the 26th: the call came after the answer, so this is an
  // answer without a call. 9 days to answer.
  K: job(applied("2026-03-16"), at("heard_back", "2026-03-25"), at("follow_up", "2026-03-26")),
  // Opens Mon 9 Mar, the day of the interview: answered without a call. 7 days to answer. Interview promised
  // Wed 11 Mar, window Thu 12th, called Fri 13th, rejected Fri 20th: a call answered; the promise 9 days late.
  L: job(applied("2026-03-02"), interview("2026-03-09", "2026-03-11"), at("follow_up", "2026-03-13"), at("rejected", "2026-03-20")),
};

describe("computeInsights on a hand-counted job search, all time", () => {
  const ins = computeInsights({ jobs: Object.values(JOBS), today: TODAY, period: "all" });

  it("counts applications, leaving the archived job out", () => {
    expect([ins.applications, ins.archivedLeftOut, ins.from]).toEqual([11, 1, null]);
  });

  it("funnel: applied → heard anything → interview → offer", () => {
    expect(ins.funnel.map((s) => [s.key, s.count])).toEqual([["applied", 11], ["heard", 7], ["interview", 5], ["offer", 1]]);
    expect(ins.funnel.map((s) => s.share)).toEqual([1, 7 / 11, 5 / 11, 1 / 11]);
  });

  it("response rate: answered against silence, withdrawals apart", () => {
    // Answered: B C D H J K L. Silent: A G I (G under two weeks old). Withdrawn: E.
    expect(ins.response).toEqual({ answered: 7, silent: 3, recentSilent: 1, withdrawn: 1, rate: 0.7 });
  });

  it("time to an answer from applying: median and spread", () => {
    // J 3, H 7, L 7, K 9, D 11, B 17, C 26.
    expect(ins.timeToAnswer.fromApplying).toEqual({ n: 7, median: 9, p25: 7, p75: 14, min: 3, max: 26 });
  });

  it("time to an answer from the promised date, after an interview", () => {
    // D 0, J 2, C 4, L 9 (H: no answer).
    expect(ins.timeToAnswer.fromPromise).toEqual({ n: 4, median: 3, p25: 1.5, p75: 5.25, min: 0, max: 9 });
  });

  it("did the call pay off: opened stages, with and without a call", () => {
    // With a call: A (no), B (yes), L's interview (yes). Without: C applied (no), C interview (yes), H applied
    // (yes), H interview (no), K (yes: the call came after the answer), L applied (yes).
    expect(ins.payoff).toEqual({
      withCall: { stages: 3, answered: 2, share: 2 / 3 },
      withoutCall: { stages: 6, answered: 4, share: 4 / 6 },
      tooEarly: 1, // I
      earlyCalls: 1, // D
    });
  });

  it("promises kept, and by how many days late otherwise", () => {
    expect(ins.promises).toEqual({
      judged: 5, kept: 1, late: { oneOrTwo: 1, upToWeek: 1, moreThanWeek: 1 }, unanswered: 1, pending: 0, keptShare: 0.2,
    });
  });

  it("activity per week, Monday to Sunday, from the first event", () => {
    expect(ins.weeks.map((w) => [w.weekOf, w.applications, w.interviews, w.followUps])).toEqual([
      ["2026-03-02", 6, 0, 0],
      ["2026-03-09", 1, 1, 4],
      ["2026-03-16", 1, 2, 0],
      ["2026-03-23", 0, 1, 2],
      ["2026-03-30", 1, 0, 0],
      ["2026-04-06", 1, 2, 0],
      ["2026-04-13", 0, 0, 0],
      ["2026-04-20", 0, 0, 1],
      ["2026-04-27", 1, 0, 0],
    ]);
  });
});

describe("computeInsights over the last 30 days", () => {
  // From Wed 1 April: applications H, I, G; stages of April (C's interview too, its job applied in March).
  const ins = computeInsights({ jobs: Object.values(JOBS), today: TODAY, period: "30" });

  it("counts the jobs applied for in the period", () => {
    expect([ins.from, ins.applications, ins.archivedLeftOut]).toEqual(["2026-04-01", 3, 0]);
    expect(ins.funnel.map((s) => s.count)).toEqual([3, 1, 1, 0]);
    expect(ins.response).toEqual({ answered: 1, silent: 2, recentSilent: 1, withdrawn: 0, rate: 1 / 3 });
    expect(ins.timeToAnswer.fromApplying).toEqual({ n: 1, median: 7, p25: 7, p75: 7, min: 7, max: 7 });
  });

  it("counts the stages dated in the period", () => {
    expect(ins.payoff).toEqual({ withCall: { stages: 0, answered: 0, share: null }, withoutCall: { stages: 3, answered: 2, share: 2 / 3 }, tooEarly: 1, earlyCalls: 0 });
    expect(ins.promises).toMatchObject({ judged: 2, kept: 0, late: { oneOrTwo: 0, upToWeek: 1, moreThanWeek: 0 }, unanswered: 1, keptShare: 0 });
  });

  it("counts the events dated in the period, in the weeks it touches", () => {
    expect(ins.weeks.map((w) => [w.weekOf, w.applications, w.interviews, w.followUps])).toEqual([
      ["2026-03-30", 1, 0, 0],
      ["2026-04-06", 1, 2, 0],
      ["2026-04-13", 0, 0, 0],
      ["2026-04-20", 0, 0, 1],
      ["2026-04-27", 1, 0, 0],
    ]);
  });
});

describe("computeInsights: edges", () => {
  it("no jobs: zeros, no shares, weeks of the period all empty", () => {
    const ins = computeInsights({ jobs: [], today: TODAY, period: "30" });
    expect(ins.applications).toBe(0);
    expect(ins.funnel.every((s) => s.count === 0 && s.share === null)).toBe(true);
    expect(ins.response.rate).toBeNull();
    expect(ins.timeToAnswer).toEqual({ fromApplying: null, fromPromise: null });
    expect(ins.weeks).toHaveLength(5);
    expect(computeInsights({ jobs: [], today: TODAY, period: "all" }).weeks).toEqual([]);
  });

  it("a promise whose date is still ahead is pending, not judged", () => {
    const ins = computeInsights({ jobs: [job(applied("2026-04-20"), interview("2026-04-28", "2026-05-05"))], today: TODAY, period: "all" });
    expect(ins.promises).toMatchObject({ judged: 0, pending: 1, keptShare: null });
  });

  it("a withdrawal before the promised date leaves the promise out; after it, the promise was broken", () => {
    const before = job(applied("2026-04-01"), interview("2026-04-08", "2026-04-15"), at("withdrawn", "2026-04-10"));
    const after = job(applied("2026-04-01"), interview("2026-04-08", "2026-04-15"), at("withdrawn", "2026-04-20"));
    expect(computeInsights({ jobs: [before], today: TODAY, period: "all" }).promises).toMatchObject({ judged: 0, pending: 0, unanswered: 0 });
    expect(computeInsights({ jobs: [after], today: TODAY, period: "all" }).promises).toMatchObject({ judged: 1, unanswered: 1 });
  });

  it("a call on the day of the answer counts as a call that got one", () => {
    const ins = computeInsights({ jobs: [job(applied("2026-03-02"), at("follow_up", "2026-03-11"), at("heard_back", "2026-03-11"))], today: TODAY, period: "all" });
    expect(ins.payoff.withCall).toEqual({ stages: 1, answered: 1, share: 1 });
  });

  it("an answer on the 14th day after the call counts; on the 15th it does not, and until then it is too early", () => {
    const called = (answer: string) => job(applied("2026-03-02"), at("follow_up", "2026-03-10"), at("heard_back", answer));
    expect(computeInsights({ jobs: [called("2026-03-24")], today: TODAY, period: "all" }).payoff.withCall.answered).toBe(1);
    expect(computeInsights({ jobs: [called("2026-03-25")], today: TODAY, period: "all" }).payoff.withCall.answered).toBe(0);
    const silent = [job(applied("2026-03-02"), at("follow_up", "2026-03-10"))];
    expect(computeInsights({ jobs: silent, today: "2026-03-24", period: "all" }).payoff).toMatchObject({ tooEarly: 1, withCall: { stages: 0 } });
    expect(computeInsights({ jobs: silent, today: "2026-03-25", period: "all" }).payoff).toMatchObject({ tooEarly: 0, withCall: { stages: 1, answered: 0 } });
  });

  it("an interview booked for next week counts as heard and as an interview, but not in the time to an answer", () => {
    const ins = computeInsights({ jobs: [job(applied("2026-04-10"), interview("2026-05-06"))], today: TODAY, period: "all" });
    expect(ins.funnel.map((s) => s.count)).toEqual([1, 1, 1, 0]);
    expect(ins.timeToAnswer.fromApplying).toBeNull();
    // The application's window opened Fri 17 Apr with nothing heard by then; its 14 days run to 1 May: too early to tell.
    expect(ins.payoff.withoutCall).toEqual({ stages: 0, answered: 0, share: null });
    expect(ins.payoff.tooEarly).toBe(1);
  });

  it("a window opening on a weekend waits for Monday, as on the timeline", () => {
    // Applied Sun 1 Mar: opens Mon 9 Mar. Heard back that Monday: the window had opened.
    const ins = computeInsights({ jobs: [job(applied("2026-03-01"), at("heard_back", "2026-03-09"))], today: TODAY, period: "all" });
    expect(ins.payoff.withoutCall).toEqual({ stages: 1, answered: 1, share: 1 });
    // Heard back on Sunday the 8th, a week after applying but before the window opened: never opened.
    const early = computeInsights({ jobs: [job(applied("2026-03-01"), at("heard_back", "2026-03-08"))], today: TODAY, period: "all" });
    expect(early.payoff.withoutCall.stages).toBe(0);
  });

  it("a job without an applied stage is left out", () => {
    expect(computeInsights({ jobs: [job(at("rejected", "2026-04-01"))], today: TODAY, period: "all" }).applications).toBe(0);
  });
});

// Laws that hold for every history: random jobs around a fixed today.
const kind = fc.constantFrom<StageKind>("interview", "interview", "follow_up", "heard_back", "offer", "rejected", "withdrawn");
const jobArb = fc
  .record({
    archived: fc.boolean(),
    appliedDay: fc.integer({ min: 0, max: 120 }),
    rest: fc.array(fc.record({ kind, day: fc.integer({ min: 0, max: 60 }), promise: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }) }), { maxLength: 6 }),
  })
  .map(({ archived, appliedDay, rest }): InsightJob => {
    const start = addDays("2026-01-01", appliedDay);
    return {
      archived,
      stages: [
        applied(start),
        ...rest.map(({ kind, day, promise }): Stage => {
          const on = addDays(start, day);
          return kind === "interview" && promise !== null ? interview(on, addDays(on, promise)) : at(kind, on);
        }),
      ],
    };
  });

describe("computeInsights: laws", () => {
  const input = fc.record({ jobs: fc.array(jobArb, { maxLength: 12 }), todayDay: fc.integer({ min: 60, max: 200 }), period: fc.constantFrom("30", "90", "all" as const) });

  it("the funnel narrows, the response categories add up, and every group holds what it counts", () => {
    fc.assert(
      fc.property(input, ({ jobs, todayDay, period }) => {
        const ins = computeInsights({ jobs, today: addDays("2026-01-01", todayDay), period });
        const counts = ins.funnel.map((s) => s.count);
        for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
        const r = ins.response;
        expect(r.answered + r.silent + r.withdrawn).toBe(ins.applications);
        expect(r.recentSilent).toBeLessThanOrEqual(r.silent);
        for (const g of [ins.payoff.withCall, ins.payoff.withoutCall]) expect(g.answered).toBeLessThanOrEqual(g.stages);
        const p = ins.promises;
        expect(p.kept + p.late.oneOrTwo + p.late.upToWeek + p.late.moreThanWeek).toBe(ins.timeToAnswer.fromPromise?.n ?? 0);
        expect(ins.timeToAnswer.fromApplying?.n ?? 0).toBeLessThanOrEqual(r.answered);
      }),
    );
  });

  it("weeks are consecutive Mondays up to today's week, and hold exactly the events of the period", () => {
    fc.assert(
      fc.property(input, ({ jobs, todayDay, period }) => {
        const today = addDays("2026-01-01", todayDay);
        const ins = computeInsights({ jobs, today, period });
        ins.weeks.forEach((w, i) => i > 0 && expect(w.weekOf).toBe(addDays(ins.weeks[i - 1]!.weekOf, 7)));
        const inPeriod = (s: Stage) => s.on <= today && (ins.from === null || s.on >= ins.from);
        const live = jobs.filter((j) => !j.archived).flatMap((j) => j.stages.filter(inPeriod));
        const sum = (k: "applications" | "interviews" | "followUps") => ins.weeks.reduce((n, w) => n + w[k], 0);
        expect([sum("applications"), sum("interviews"), sum("followUps")]).toEqual([
          live.filter((s) => s.kind === "applied").length,
          live.filter((s) => s.kind === "interview").length,
          live.filter((s) => s.kind === "follow_up").length,
        ]);
      }),
    );
  });

  it("archived jobs change nothing but the count left out; the order of jobs changes nothing", () => {
    fc.assert(
      fc.property(input, ({ jobs, todayDay, period }) => {
        const today = addDays("2026-01-01", todayDay);
        const all = computeInsights({ jobs, today, period });
        const live = computeInsights({ jobs: jobs.filter((j) => !j.archived), today, period });
        expect({ ...all, archivedLeftOut: 0 }).toEqual(live);
        expect(computeInsights({ jobs: [...jobs].reverse(), today, period })).toEqual(all);
      }),
    );
  });
});

describe("computeInsights: the same windows as the timeline", () => {
  it("a stage counts in 'did the call pay off' exactly when the timeline said 'call due' for it the day its window opened", () => {
    const today = "2026-04-15";
    fc.assert(
      fc.property(jobArb, (j) => {
        const live = { ...j, archived: false };
        const { payoff } = computeInsights({ jobs: [live], today, period: "all" });
        const sorted = [...live.stages].map((s, i) => ({ s, i })).sort((a, b) => a.s.on.localeCompare(b.s.on) || a.i - b.i).map((x) => x.s);
        const due = sorted.filter((stage) => {
          if (stage.kind !== "applied" && stage.kind !== "interview") return false;
          const opensOn = planFollowUp({ stages: [stage], today: "2200-01-01" }).opensOn!;
          if (opensOn > today) return false;
          const plan = planFollowUp({ stages: sorted.filter((s) => s.on < opensOn), today: opensOn });
          return plan.status === "due" && plan.stage === stage;
        });
        expect(payoff.withCall.stages + payoff.withoutCall.stages + payoff.tooEarly).toBe(due.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the job seeker's working calendar (issue 15)", () => {
  it("a window opens on their business day: a call on Mon 28 Dec 2026 is early in England, on time Monday to Friday", () => {
    const jobs = [{ archived: false, stages: [{ kind: "applied" as const, on: "2026-12-18" }, { kind: "follow_up" as const, on: "2026-12-28" }] }];
    const england = { holidays: ["2026-12-25", "2026-12-26", "2026-12-28"], regionName: "England" };
    expect(computeInsights({ jobs, today: "2027-01-20", period: "all" }).payoff.earlyCalls).toBe(0);
    expect(computeInsights({ jobs, today: "2027-01-20", period: "all", calendar: england }).payoff.earlyCalls).toBe(1);
  });
});
