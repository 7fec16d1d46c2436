import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Stage } from "@/lib/followup";
import { archivedNote, describeFigures, describeLateness, emptyState } from "./copy";
import { insightsCsv } from "./csv";
import { computeInsights, type InsightJob } from "./figures";

const job = (...stages: Stage[]): InsightJob => ({ archived: false, stages });
const TODAY = "2026-04-30";
// Three applications: one heard back after a call (9 days), one silent (its window opened: a stage without a
// call), one interviewed two days later with the promise kept; and an archived one.
const JOBS = [
  job({ kind: "applied", on: "2026-03-02" }, { kind: "follow_up", on: "2026-03-10" }, { kind: "heard_back", on: "2026-03-11" }),
  job({ kind: "applied", on: "2026-03-03" }),
  job({ kind: "applied", on: "2026-03-04" }, { kind: "interview", on: "2026-03-06", answerBy: "2026-03-09" }, { kind: "rejected", on: "2026-03-09" }),
  { archived: true, stages: [{ kind: "applied", on: "2026-03-05" }] } satisfies InsightJob,
];

describe("describeFigures", () => {
  const ins = computeInsights({ jobs: JOBS, today: TODAY, period: "all" });
  const text = describeFigures(ins);

  it("says each figure in words, with the counts", () => {
    expect(text.funnel.summary).toBe("Of 3 applications, 2 (67%) heard anything, 1 (33%) got an interview and 0 (0%) an offer.");
    expect(text.response.summary).toBe("2 of 3 applications got an answer (67%); 1 heard nothing.");
    expect(text.fromApplying.summary).toBe("Typically 5.5 days from applying to the first answer (the median of 2 answers); the middle half took 3.8 to 7.3 days, all of them 2 to 9.");
    expect(text.fromPromise.summary).toBe("One answer after an interview with a promised date: on the promised day.");
    expect(text.promises.summary).toBe("Employers answered by the promised date 1 of 1 times (100%).");
  });

  it("cautions in plain words when the numbers are too few", () => {
    expect(text.funnel.caution).toBe("Only 3 applications in this period: each new one moves these shares a lot.");
    expect(text.fromApplying.caution).toMatch(/^Only 2 answers so far: too few/);
    expect(text.payoff.caution).toMatch(/^Too few to tell whether the call makes a difference: 1 stage with a call and 1 without\./);
    expect(text.promises.caution).toMatch(/“To a hiring manager, a ‘day or two’ can easily stretch to a week\.”/);
  });

  it("tells the owner what was left out, and an empty period what it needs", () => {
    expect(archivedNote(ins)).toBe("1 archived job is left out of these figures. Restore it from its page to count it.");
    const empty = computeInsights({ jobs: JOBS, today: TODAY, period: "30" });
    expect(emptyState(empty)).toBe("No applications in the last 30 days. Choose All time, or add the jobs you applied for recently.");
    expect(emptyState(ins)).toBeNull();
    expect(describeFigures(empty).funnel.summary).toBe("No applications in the last 30 days.");
  });

  it("says early and late answers the right way round", () => {
    expect([describeLateness(-2), describeLateness(0), describeLateness(1), describeLateness(3.5)]).toEqual([
      "2 days early", "on the promised day", "1 day late", "3.5 days late",
    ]);
  });
});

describe("insightsCsv", () => {
  it("is one figure per row with a header, readable back", () => {
    const file = insightsCsv(computeInsights({ jobs: JOBS, today: TODAY, period: "all" }));
    expect(file.filename).toBe("callback-insights-all-2026-04-30.csv");
    const rows = parse(file.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["Figure", "Measure", "Value", "Unit"]);
    const value = (figure: string, measure: string) => rows.find((r) => r.Figure === figure && r.Measure === measure)?.Value;
    expect(value("Funnel", "Applied")).toBe("3");
    expect(value("Funnel", "Heard anything, share of applications")).toBe("66.7");
    expect(value("Response rate", "Rate")).toBe("66.7");
    expect(value("Time to an answer from applying", "Median")).toBe("5.5");
    expect(value("Did the call pay off", "With a call: answered within 14 days")).toBe("1");
    expect(value("Promises kept", "Kept")).toBe("1");
    expect(value("Activity", "Week of 2026-03-02: applications")).toBe("3");
  });
});
