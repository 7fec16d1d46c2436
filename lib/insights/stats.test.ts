import { describe, expect, it } from "vitest";
import { periodOf, periodStart, weekOf } from "./period";
import { shareOf, spreadOf } from "./stats";

describe("spreadOf", () => {
  it.each([
    { values: [], spread: null },
    { values: [5], spread: { n: 1, median: 5, p25: 5, p75: 5, min: 5, max: 5 } },
    { values: [20, 3, 10, 5], spread: { n: 4, median: 7.5, p25: 4.5, p75: 12.5, min: 3, max: 20 } },
    { values: [1, 2, 3, 4, 100], spread: { n: 5, median: 3, p25: 2, p75: 4, min: 1, max: 100 } },
    { values: [-2, 0, 4], spread: { n: 3, median: 0, p25: -1, p75: 2, min: -2, max: 4 } },
  ])("$values", ({ values, spread }) => {
    expect(spreadOf(values)).toEqual(spread);
  });

  it("leaves its input as it was", () => {
    const values = [3, 1, 2];
    spreadOf(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("shareOf", () => {
  it("is null with nothing to divide by", () => {
    expect([shareOf(0, 0), shareOf(1, 4)]).toEqual([null, 0.25]);
  });
});

describe("periods", () => {
  it("last 30 days is today and the 29 before; all time has no start", () => {
    expect(periodStart("30", "2026-04-30")).toBe("2026-04-01");
    expect(periodStart("90", "2026-04-30")).toBe("2026-01-31");
    expect(periodStart("all", "2026-04-30")).toBeNull();
  });

  it("reads a query parameter, anything unknown as the default", () => {
    expect([periodOf("30"), periodOf("all"), periodOf("365"), periodOf(undefined), periodOf(["30"])]).toEqual(["30", "all", "90", "90", "90"]);
  });

  it("weeks start on Monday", () => {
    expect(["2026-03-02", "2026-03-05", "2026-03-08", "2026-03-09"].map(weekOf)).toEqual(["2026-03-02", "2026-03-02", "2026-03-02", "2026-03-09"]);
  });
});
