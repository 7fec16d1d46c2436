import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, daysBetween, isWeekend } from "./dates";
import { canLogFollowUp, planFollowUp, type FollowUpPlan, type Stage, type StageKind } from "./rules";

// Histories within a few months of an anchor; one anchor crosses a year end, one a leap day.
const ANCHORS = ["2025-11-20", "2028-02-10"] as const;
const SPAN = 120;

type Draft = { kind: StageKind; day: number; promise: number | null };

const draft = fc.record({
  kind: fc.constantFrom<StageKind>(
    "applied", "applied", "interview", "interview", "interview", "follow_up", "follow_up", "heard_back",
    "offer", "rejected", "withdrawn",
  ),
  day: fc.integer({ min: 0, max: SPAN }),
  promise: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
});

function build(anchor: string, drafts: Draft[]): Stage[] {
  return drafts.map(({ kind, day, promise }) => {
    const on = addDays(anchor, day);
    return kind === "interview" && promise !== null ? { kind, on, answerBy: addDays(on, promise) } : { kind, on };
  });
}

const hasStage = (drafts: Draft[]) => drafts.some((d) => d.kind === "applied" || d.kind === "interview");

/** A valid job history (with an application or interview) and a today around it. */
const job = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    drafts: fc.array(draft, { minLength: 1, maxLength: 8 }).filter(hasStage),
    todayDay: fc.integer({ min: -5, max: SPAN + 20 }),
  })
  .map(({ anchor, drafts, todayDay }) => ({ anchor, stages: build(anchor, drafts), today: addDays(anchor, todayDay) }));

/** The same, with every stage on its own date, so that order alone decides nothing. */
const distinctJob = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    drafts: fc.uniqueArray(draft, { minLength: 1, maxLength: 8, selector: (d) => d.day }).filter(hasStage),
    todayDay: fc.integer({ min: -5, max: SPAN + 20 }),
  })
  .map(({ anchor, drafts, todayDay }) => ({ stages: build(anchor, drafts), today: addDays(anchor, todayDay) }));

/** A plan without the input positions, which legitimately move when the input is reordered. */
function withoutIndices(p: FollowUpPlan): Partial<FollowUpPlan> {
  const { stageIndex: _s, followUpIndex: _f, heardBackIndex: _h, closedByIndex: _c, ...rest } = p;
  return rest;
}

const isOpen = (p: FollowUpPlan) => p.status === "waiting" || p.status === "due";

describe("planFollowUp properties", () => {
  it("the window never opens on a weekend, before the stage, or on or before the promised date", () => {
    fc.assert(
      fc.property(job, ({ stages, today }) => {
        const p = planFollowUp({ stages, today });
        expect(p.opensOn !== undefined).toBe(isOpen(p));
        expect(p.rule !== undefined).toBe(isOpen(p));
        if (!p.opensOn || !p.stage) return;
        expect(isWeekend(p.opensOn)).toBe(false);
        expect(p.opensOn >= p.stage.on).toBe(true);
        if (p.stage.answerBy) expect(p.opensOn > p.stage.answerBy).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("the window opens on the first weekday on or after its start date", () => {
    fc.assert(
      fc.property(job, ({ stages, today }) => {
        const p = planFollowUp({ stages, today });
        if (!p.opensOn || !p.stage) return;
        const start = p.rule === "after_interview_deadline" ? addDays(p.stage.answerBy!, 1) : addDays(p.stage.on, 7);
        const gap = daysBetween(start, p.opensOn);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(2);
        for (let d = start; d < p.opensOn; d = addDays(d, 1)) expect(isWeekend(d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("waiting turns to due exactly on opensOn, and the window itself does not move with today", () => {
    fc.assert(
      fc.property(job, fc.integer({ min: -10, max: 10 }), ({ stages, today }, shift) => {
        const p = planFollowUp({ stages, today });
        if (!isOpen(p)) return;
        expect(p.status === "due").toBe(today >= p.opensOn!);
        const later = addDays(p.opensOn!, shift);
        if (later < p.stage!.on) return;
        const q = planFollowUp({ stages, today: later });
        expect(q.status).toBe(shift >= 0 ? "due" : "waiting");
        expect(q.opensOn).toBe(p.opensOn);
      }),
      { numRuns: 500 },
    );
  });

  it("the order of the input never changes the plan when dates are distinct", () => {
    fc.assert(
      fc.property(
        distinctJob.chain(({ stages, today }) =>
          fc.tuple(fc.constant(stages), fc.shuffledSubarray(stages, { minLength: stages.length }), fc.constant(today)),
        ),
        ([stages, shuffled, today]) => {
          const a = planFollowUp({ stages, today });
          const b = planFollowUp({ stages: shuffled, today });
          expect(withoutIndices(b)).toEqual(withoutIndices(a));
          if (b.stageIndex !== undefined) expect(shuffled[b.stageIndex]).toBe(b.stage);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a stable sort by date never changes the plan, ties included", () => {
    fc.assert(
      fc.property(job, ({ stages, today }) => {
        const sorted = [...stages].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
        expect(withoutIndices(planFollowUp({ stages: sorted, today }))).toEqual(withoutIndices(planFollowUp({ stages, today })));
      }),
      { numRuns: 500 },
    );
  });
});

describe("never more than one follow-up per stage", () => {
  /** The stage a follow-up on `on` belongs to, by a plain stable sort: an independent oracle. */
  function ownerOf(stages: Stage[], on: string): Stage | undefined {
    const ordered = stages
      .filter((s) => s.kind === "applied" || s.kind === "interview")
      .sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
    return ordered.filter((s) => s.on <= on).at(-1);
  }

  it("logging whatever canLogFollowUp accepts leaves each stage with at most one follow-up", () => {
    const history = fc.record({
      anchor: fc.constantFrom(...ANCHORS),
      drafts: fc.array(draft.filter((d) => d.kind !== "follow_up"), { minLength: 1, maxLength: 6 }).filter(hasStage),
      attempts: fc.array(fc.integer({ min: -5, max: SPAN + 10 }), { minLength: 1, maxLength: 12 }),
      todayDay: fc.integer({ min: 0, max: SPAN + 20 }),
    });
    fc.assert(
      fc.property(history, ({ anchor, drafts, attempts, todayDay }) => {
        const stages = build(anchor, drafts);
        const today = addDays(anchor, todayDay);
        for (const day of attempts) {
          const on = addDays(anchor, day);
          const verdict = canLogFollowUp({ stages, on, today });
          const owner = ownerOf(stages, on);
          const closedBy = stages.find((s) => ["offer", "rejected", "withdrawn"].includes(s.kind) && s.on <= on);
          const taken = owner && stages.some((f) => f.kind === "follow_up" && ownerOf(stages, f.on) === owner);
          // Refused exactly when it is in the future, the job had closed, or its stage has its one follow-up.
          expect(verdict.ok).toBe(on <= today && !closedBy && owner !== undefined && !taken);
          if (!verdict.ok) continue;
          expect(ownerOf(stages, on)).toBe(verdict.stage);
          stages.push({ kind: "follow_up", on });

          const again = canLogFollowUp({ stages, on, today });
          expect(again).toMatchObject({ ok: false, code: "already_followed_up", stage: verdict.stage });
          const p = planFollowUp({ stages, today });
          if (p.stage === verdict.stage) expect(["followed_up", "answered", "closed"]).toContain(p.status);
        }
        const counts = new Map<Stage, number>();
        for (const f of stages.filter((s) => s.kind === "follow_up")) {
          const owner = ownerOf(stages, f.on)!;
          counts.set(owner, (counts.get(owner) ?? 0) + 1);
        }
        for (const n of counts.values()) expect(n).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it("a plan is never waiting or due when its stage already has a follow-up", () => {
    fc.assert(
      fc.property(job, ({ stages, today }) => {
        const p = planFollowUp({ stages, today });
        if (!p.stage) return;
        const spent = stages.some((s) => s.kind === "follow_up" && s.on >= p.stage!.on);
        if (spent) expect(isOpen(p)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

// Outside the column's verbatim quotes, which keep their "you".
const ownWords = (text: string) => text.replace(/“[^”]*”/g, "“…”");

describe("the words speak to the job seeker, or of them (issue 14: coach and link views)", () => {
  it("spoken of, no headline, explanation or talking point says you; the plan is otherwise the same", () => {
    fc.assert(
      fc.property(job, ({ stages, today }) => {
        const mine = planFollowUp({ stages, today });
        const theirs = planFollowUp({ stages, today, voice: "they" });
        expect(mine.voice).toBe("you");
        expect(theirs.voice).toBe("they");
        for (const text of [theirs.headline, theirs.explanation, ...theirs.talkingPoints]) {
          expect(ownWords(text)).not.toMatch(/\byou(r|’re|’d|’ll)?\b/i);
        }
        const { headline: _h, explanation: _e, talkingPoints, voice: _v, ...rest } = theirs;
        const { headline: _h2, explanation: _e2, talkingPoints: own, voice: _v2, ...ownRest } = mine;
        expect(rest).toEqual(ownRest);
        expect(talkingPoints.length).toBe(own.length);
      }),
      { numRuns: 1000 },
    );
  });
});

// Issue 15: a working calendar. A week (any non-empty set of ISO weekdays) and holidays around the anchors.
const calendarArb = fc.record({
  workdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  holidayDays: fc.uniqueArray(fc.integer({ min: 0, max: SPAN + 40 }), { maxLength: 40 }),
});
const isoWeekday = (date: string) => ((dayOfWeek(date) + 6) % 7) + 1;

describe("planFollowUp with a working calendar", () => {
  it("the window never opens on a day off or a holiday, and opens on the first business day from its start", () => {
    fc.assert(
      fc.property(job, calendarArb, ({ anchor, stages, today }, { workdays, holidayDays }) => {
        const holidays = holidayDays.map((d) => addDays(anchor, d));
        const p = planFollowUp({ stages, today, calendar: { workdays, holidays } });
        if (!p.opensOn || !p.stage) return;
        const business = (d: string) => workdays.includes(isoWeekday(d)) && !holidays.includes(d);
        expect(business(p.opensOn)).toBe(true);
        const start = p.rule === "after_interview_deadline" ? addDays(p.stage.answerBy!, 1) : addDays(p.stage.on, 7);
        for (let d = start; d < p.opensOn; d = addDays(d, 1)) expect(business(d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("adding a holiday never moves a window earlier", () => {
    fc.assert(
      fc.property(job, calendarArb, fc.integer({ min: 0, max: SPAN + 40 }), ({ anchor, stages, today }, { workdays, holidayDays }, extra) => {
        const holidays = holidayDays.map((d) => addDays(anchor, d));
        const before = planFollowUp({ stages, today, calendar: { workdays, holidays } });
        const after = planFollowUp({ stages, today, calendar: { workdays, holidays: [...holidays, addDays(anchor, extra)] } });
        expect(after.stage).toEqual(before.stage);
        if (before.opensOn && after.opensOn) expect(after.opensOn >= before.opensOn).toBe(true);
        if (isOpen(before) && isOpen(after)) expect(before.status === "waiting" && after.status === "due").toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("with the default calendar (or none) every plan and verdict equals today's engine", () => {
    const defaults = [undefined, null, {}, { workdays: [1, 2, 3, 4, 5] }, { holidays: [] }, { workdays: [5, 4, 3, 2, 1], holidays: [], regionName: "Nowhere" }];
    fc.assert(
      fc.property(job, fc.constantFrom(...defaults), fc.constantFrom<"you" | "they">("you", "they"), fc.integer({ min: -5, max: SPAN }), ({ anchor, stages, today }, calendar, voice, onDay) => {
        expect(planFollowUp({ stages, today, voice, calendar })).toEqual(planFollowUp({ stages, today, voice }));
        const on = addDays(anchor, onDay);
        expect(canLogFollowUp({ stages, on, today, calendar })).toEqual(canLogFollowUp({ stages, on, today }));
      }),
      { numRuns: 500 },
    );
  });

  it("holidays that fall on days off change nothing but the word for the day", () => {
    fc.assert(
      fc.property(job, ({ anchor, stages, today }) => {
        // Every Saturday and Sunday of the span as a holiday: Monday to Friday decides as before.
        const weekends = Array.from({ length: SPAN + 40 }, (_, d) => addDays(anchor, d)).filter(isWeekend);
        const p = planFollowUp({ stages, today, calendar: { holidays: weekends } });
        const q = planFollowUp({ stages, today });
        expect(p.opensOn).toBe(q.opensOn);
        expect(p.status).toBe(q.status);
        expect(p.calendarNote).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
