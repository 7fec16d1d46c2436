import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { planFollowUp, type Stage, type StageKind } from "./rules";
import { snapshotOf, statusOn } from "./snapshot";

const kind = fc.constantFrom<StageKind>("applied", "applied", "interview", "interview", "follow_up", "heard_back", "offer", "rejected", "withdrawn");
const history = fc
  .record({
    anchor: fc.constantFrom("2025-12-20", "2028-02-25"),
    drafts: fc.array(fc.record({ kind, day: fc.integer({ min: 0, max: 90 }), promise: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }) }), { minLength: 1, maxLength: 8 }),
    todayDay: fc.integer({ min: -5, max: 120 }),
  })
  .filter(({ drafts }) => drafts.some((d) => d.kind === "applied" || d.kind === "interview"))
  .map(({ anchor, drafts, todayDay }) => ({
    stages: drafts.map(({ kind, day, promise }): Stage => {
      const on = addDays(anchor, day);
      return kind === "interview" && promise !== null ? { kind, on, answerBy: addDays(on, promise) } : { kind, on };
    }),
    today: addDays(anchor, todayDay),
  }));

describe("plan snapshots (today factored out, for database-side placement)", () => {
  it("give the same status as the engine for every history and every today", () => {
    fc.assert(
      fc.property(history, ({ stages, today }) => {
        const plan = planFollowUp({ stages, today });
        const snapshot = snapshotOf(stages);
        expect(statusOn(snapshot, today)).toBe(plan.status);
        if (plan.status === "due" || plan.status === "waiting") expect(snapshot.opensOn).toBe(plan.opensOn);
      }),
      { numRuns: 2000 },
    );
  });

  it("keep the window date and the latest date of a simple application", () => {
    const snapshot = snapshotOf([{ kind: "applied", on: "2026-03-03" }]);
    expect(snapshot).toEqual({ phase: "open", stageOn: "2026-03-03", opensOn: "2026-03-10", lastOn: "2026-03-03" });
    expect(statusOn(snapshot, "2026-03-09")).toBe("waiting");
    expect(statusOn(snapshot, "2026-03-10")).toBe("due");
    expect(statusOn(snapshot, "2026-03-02")).toBe("upcoming");
  });
});
