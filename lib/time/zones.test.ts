import { describe, expect, it } from "vitest";
import { localClock, startOfDayIn, todayIn } from "./zones";

describe("time zones", () => {
  it("today is the user's calendar date, not the server's", () => {
    const instant = new Date("2026-12-01T23:30:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-12-01");
    expect(todayIn("Asia/Kolkata", instant)).toBe("2026-12-02");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-12-01");
    expect(todayIn("Pacific/Kiritimati", new Date("2026-12-01T10:00:00Z"))).toBe("2026-12-02");
  });

  it.each([
    ["2026-12-01", "Europe/London", "2026-12-01T00:00:00.000Z"],
    ["2026-07-01", "Europe/London", "2026-06-30T23:00:00.000Z"],
    ["2026-12-01", "Asia/Kolkata", "2026-11-30T18:30:00.000Z"],
    ["2026-12-01", "America/New_York", "2026-12-01T05:00:00.000Z"],
    // The days the clocks change: midnight exists and is found on either side of the change.
    ["2026-03-29", "Europe/London", "2026-03-29T00:00:00.000Z"],
    ["2026-03-30", "Europe/London", "2026-03-29T23:00:00.000Z"],
    ["2026-10-25", "Europe/London", "2026-10-24T23:00:00.000Z"],
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"],
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"],
  ])("%s begins in %s at %s", (day, zone, iso) => {
    expect(startOfDayIn(day, zone).toISOString()).toBe(iso);
    expect(todayIn(zone, startOfDayIn(day, zone))).toBe(day);
    expect(todayIn(zone, new Date(startOfDayIn(day, zone).getTime() - 1))).not.toBe(day);
  });

  it("the local clock: day, hour and weekday where the user is", () => {
    expect(localClock("Asia/Kolkata", new Date("2026-12-01T23:30:00Z"))).toEqual({ day: "2026-12-02", hour: 5, weekday: 3 });
    expect(localClock("America/Los_Angeles", new Date("2026-12-01T23:30:00Z"))).toEqual({ day: "2026-12-01", hour: 15, weekday: 2 });
  });
});
