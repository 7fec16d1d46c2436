import { describe, expect, it } from "vitest";
import { currentZoneName, resolveZone, timeZoneNames } from "./zone-names";

describe("time-zone names", () => {
  const names = timeZoneNames();

  it("lists current IANA names only, UTC first, each once", () => {
    expect(names[0]).toBe("UTC");
    expect(names).toContain("Asia/Kolkata");
    expect(names).toContain("Europe/Kyiv");
    expect(names).toContain("Asia/Ho_Chi_Minh");
    for (const old of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon", "America/Godthab", "Pacific/Enderbury"]) expect(names).not.toContain(old);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
  });

  it("every listed name works with Intl", () => {
    for (const zone of names) expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone })).not.toThrow();
  });

  it("maps old names and leaves current ones", () => {
    expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(currentZoneName("Europe/London")).toBe("Europe/London");
  });

  it.each([
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["asia/calcutta", "Asia/Kolkata"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["kyiv", "Europe/Kyiv"],
    ["  Buenos Aires ", "America/Argentina/Buenos_Aires"],
    ["america/new_york", "America/New_York"],
    ["UTC", "UTC"],
    ["Atlantis", null],
    ["", null],
  ])("resolves %j to %j", (typed, zone) => {
    expect(resolveZone(typed, names)).toBe(zone);
  });
});
