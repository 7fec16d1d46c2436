import { describe, expect, it } from "vitest";
import {
  addDays, compareDates, dayOfWeek, daysBetween, formatDay, isValidDate, isWeekend, nextBusinessDayOnOrAfter,
} from "./dates";
import { FollowUpInputError } from "./errors";

describe("isValidDate", () => {
  it.each(["2026-03-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2026-12-31"])("accepts %s", (s) => {
    expect(isValidDate(s)).toBe(true);
  });

  it.each([
    "2026-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01",
    "2026-3-1", "2026-03-1", "26-03-01", "2026/03/01", "2026-03-01T00:00", " 2026-03-01", "2026-03-0a", "",
  ])("rejects %j", (s) => {
    expect(isValidDate(s)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(isValidDate(20260301)).toBe(false);
    expect(isValidDate(undefined)).toBe(false);
    expect(isValidDate(new Date())).toBe(false);
  });
});

describe("day arithmetic", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-03-03", 7)).toBe("2026-03-10");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-29", 0)).toBe("2026-03-29");
  });

  it("handles years below 100, which Date.UTC would read as 19xx", () => {
    expect(addDays("0050-12-31", 1)).toBe("0051-01-01");
    expect(daysBetween("0099-12-31", "0100-01-01")).toBe(1);
    expect(dayOfWeek("0001-01-01")).toBe(1); // proleptic Gregorian: a Monday
  });

  it("refuses to leave 0001-9999 and non-integer steps", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(FollowUpInputError);
    expect(() => addDays("0001-01-01", -1)).toThrow(FollowUpInputError);
    expect(() => addDays("2026-03-01", 1.5)).toThrow(/days must be a whole number/);
  });

  it("counts days between dates", () => {
    expect(daysBetween("2026-03-01", "2026-03-09")).toBe(8);
    expect(daysBetween("2026-03-09", "2026-03-01")).toBe(-8);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });

  it("compares dates for sorting", () => {
    expect(["2026-03-10", "2025-12-31", "2026-03-09"].sort(compareDates)).toEqual(["2025-12-31", "2026-03-09", "2026-03-10"]);
    expect(compareDates("2026-03-10", "2026-03-10")).toBe(0);
  });

  it("throws FollowUpInputError naming the argument on a bad date", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(/^date must be a calendar date/);
    expect(() => daysBetween("2026-03-01", "soon")).toThrow(/^to must be/);
    expect(() => compareDates("x", "2026-03-01")).toThrow(/^a must be/);
  });
});

describe("weekdays", () => {
  it("agrees with Date#getUTCDay over several years", () => {
    for (let d = "2023-01-01"; d < "2029-01-01"; d = addDays(d, 1)) {
      expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it("knows weekends and the next business day", () => {
    expect(isWeekend("2026-03-14")).toBe(true); // Saturday
    expect(isWeekend("2026-03-15")).toBe(true);
    expect(isWeekend("2026-03-16")).toBe(false);
    expect(nextBusinessDayOnOrAfter("2026-03-13")).toBe("2026-03-13");
    expect(nextBusinessDayOnOrAfter("2026-03-14")).toBe("2026-03-16");
    expect(nextBusinessDayOnOrAfter("2026-03-15")).toBe("2026-03-16");
    expect(nextBusinessDayOnOrAfter("2026-01-31")).toBe("2026-02-02");
  });
});

describe("formatDay", () => {
  it("writes the weekday, day and month in English, without a locale", () => {
    expect(formatDay("2026-03-12", "2026-06-01")).toBe("Thu 12 Mar");
    expect(formatDay("2026-01-01", "2026-06-01")).toBe("Thu 1 Jan");
    expect(formatDay("2026-12-31", "2026-06-01")).toBe("Thu 31 Dec");
    expect(formatDay("2026-09-07", "2026-06-01")).toBe("Mon 7 Sep");
  });
  it("adds the year only when it is not today's", () => {
    expect(formatDay("2025-12-26", "2026-01-02")).toBe("Fri 26 Dec 2025");
    expect(formatDay("2027-01-04", "2026-12-30")).toBe("Mon 4 Jan 2027");
  });
});
