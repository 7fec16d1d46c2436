import { describe, expect, it } from "vitest";
import { FollowUpInputError } from "./errors";
import { countryByTimeZone, holidayRegions, publicHolidays, regionName, resolveHolidayRegion } from "./holidays";

describe("publicHolidays", () => {
  it("England 2026, with Monday 28 December for Boxing Day on a Saturday", () => {
    expect(publicHolidays("GB-ENG", 2026, 2026)).toEqual([
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-26", "2026-12-28",
    ]);
  });

  it("the United States: Thanksgiving 2026 is Thursday 26 November", () => {
    const us = publicHolidays("US", 2026, 2026);
    expect(us).toContain("2026-11-26");
    expect(us).toContain("2026-07-03"); // Independence Day falls on a Saturday: observed on the Friday
  });

  it("Bavaria has Epiphany and Corpus Christi, which Berlin does not", () => {
    const by = publicHolidays("DE-BY", 2026, 2026);
    const be = publicHolidays("DE-BE", 2026, 2026);
    expect(by).toEqual(expect.arrayContaining(["2026-01-06", "2026-06-04", "2026-10-03"]));
    expect(be).not.toContain("2026-01-06");
  });

  it("several years: sorted and distinct", () => {
    const fr = publicHolidays("FR", 2025, 2027);
    expect(fr).toEqual([...new Set(fr)].sort());
    expect(fr).toEqual(expect.arrayContaining(["2025-07-14", "2026-07-14", "2027-07-14"]));
    expect(fr.every((d) => /^202[5-7]-\d\d-\d\d$/.test(d))).toBe(true);
  });

  it.each(["XX", "GB-XYZ", "gb-eng", "", "GB_ENG"])("refuses the unknown region %j", (code) => {
    expect(() => publicHolidays(code, 2026, 2026)).toThrow(FollowUpInputError);
    expect(() => publicHolidays(code, 2026, 2026)).toThrow(/country or region Callback knows/);
  });

  it("refuses a backwards range of years", () => {
    expect(() => publicHolidays("FR", 2027, 2026)).toThrow(/fromYear <= toYear/);
  });
});

describe("regions for the settings", () => {
  it("names, labels and what a person may type", () => {
    expect(regionName("GB-ENG")).toBe("England");
    expect(regionName("FR")).toBe("France");
    expect(holidayRegions()).toContainEqual({ code: "GB-ENG", name: "England", label: "England, United Kingdom (GB-ENG)" });
    expect(resolveHolidayRegion("gb-eng")).toBe("GB-ENG");
    expect(resolveHolidayRegion("England, United Kingdom (GB-ENG)")).toBe("GB-ENG");
    expect(resolveHolidayRegion(" england ")).toBe("GB-ENG");
    expect(resolveHolidayRegion("Atlantis")).toBeNull();
    expect(resolveHolidayRegion("")).toBeNull();
  });

  it("a time zone suggests its country", () => {
    const zones = countryByTimeZone();
    expect(zones["Europe/London"]).toBe("GB");
    expect(zones["Europe/Berlin"]).toBe("DE");
    expect(zones["America/New_York"]).toBe("US");
  });
});
