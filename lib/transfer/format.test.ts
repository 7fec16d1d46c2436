import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, IMPORT_FIELDS, dateOrderOf, detectMapping, neutraliseCell, readDate, readEntry, readStatus, restoreCell } from "./format";

describe("readDate", () => {
  it.each([
    ["2026-03-04", "", "2026-03-04"],
    ["2026-3-4", "", "2026-03-04"],
    ["2026/03/04", "", "2026-03-04"],
    ["2026-03-04T09:15:00Z", "", "2026-03-04"],
    ["2026-03-04 09:15", "", "2026-03-04"],
    ["4 March 2026", "", "2026-03-04"],
    ["4 Mar 2026", "", "2026-03-04"],
    ["04-Mar-2026", "", "2026-03-04"],
    ["4th March, 2026", "", "2026-03-04"],
    ["Mar 4, 2026", "", "2026-03-04"],
    ["March 4 2026", "", "2026-03-04"],
    ["Sept 4, 2026", "", "2026-09-04"],
    ["Wednesday, March 4, 2026", "", "2026-03-04"],
    ["03/04/2026", "mdy", "2026-03-04"],
    ["03/04/2026", "dmy", "2026-04-03"],
    ["3.4.2026", "dmy", "2026-04-03"],
    ["12/31/2025 10:00 PM", "mdy", "2025-12-31"],
  ] as const)("%s (%s) is %s", (raw, order, date) => {
    expect(readDate(raw, order)).toEqual({ ok: true, date });
  });

  it.each([
    ["2026-13-40", "", "real"],
    ["2026-02-29", "", "real"],
    ["31/04/2026", "dmy", "real"],
    ["03/04/2026", "", "order"],
    ["03/04/26", "mdy", "year"],
    ["4 March 26", "", "year"],
    ["1850-01-01", "", "range"],
    ["2101-01-01", "", "range"],
    ["yesterday", "", "format"],
    ["46085", "", "format"],
    ["4 Marchember 2026", "", "format"],
    ["Ma 4, 2026", "", "format"],
  ] as const)("%s (%s) is refused: %s", (raw, order, problem) => {
    expect(readDate(raw, order)).toEqual({ ok: false, problem });
  });

  it("a date it reads is one Callback accepts, for every real day in range, whatever the format", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split("-");
        const long = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(d);
        const us = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }).format(d);
        for (const [raw, order] of [[iso, ""], [long, ""], [us, ""], [`${m}/${day}/${y}`, "mdy"], [`${day}/${m}/${y}`, "dmy"]] as const) {
          expect(readDate(raw, order)).toEqual({ ok: true, date: iso });
        }
      }),
    );
  });
});

describe("dateOrderOf", () => {
  it.each([
    [["03/04/2026", "13/04/2026"], "dmy"],
    [["03/04/2026", "04/13/2026"], "mdy"],
    [["03/04/2026", "04/05/2026"], ""],
    [["13/04/2026", "04/13/2026"], ""],
    [["2026-03-04"], ""],
  ] as const)("%j suggests %j", (values, order) => {
    expect(dateOrderOf(values)).toBe(order);
  });
});

describe("readStatus", () => {
  it.each([
    ["", "applied"],
    ["Applied", "applied"],
    ["No Response 👻", "applied"],
    ["INTERVIEWING", "interview"],
    ["Offer", "offer"],
    ["Rejected", "rejected"],
    ["not selected", "rejected"],
    ["I Withdrew", "withdrawn"],
    ["Withdrawn", "withdrawn"],
    ["Wishlist", "not_applied"],
    ["Bookmarked", "not_applied"],
    ["Maybe later", undefined],
  ] as const)("%j is %s", (raw, outcome) => {
    expect(readStatus(raw)).toBe(outcome);
  });
});

describe("detectMapping", () => {
  it("reads a spreadsheet's and a tracker's headers", () => {
    expect(detectMapping(["Company", "Job Title", "Date Applied", "Status", "Location", "Job URL"])).toEqual(["company", "role", "appliedOn", "status", "", "sourceUrl"]);
    expect(detectMapping(["company", "position", "applied on", "link", "notes", "contact"])).toEqual(["company", "role", "appliedOn", "sourceUrl", "notes", "contactName"]);
  });

  it("reads Callback's own export column for column, and each field once", () => {
    expect(detectMapping(EXPORT_COLUMNS.map((f) => IMPORT_FIELDS[f]))).toEqual(EXPORT_COLUMNS);
    expect(detectMapping(["Company", "Employer"])).toEqual(["company", ""]);
  });

  it("reads entry kinds by their label or their name", () => {
    expect(readEntry("Heard back")).toBe("heard_back");
    expect(readEntry("follow_up")).toBe("follow_up");
    expect(readEntry("Phone call")).toBeUndefined();
  });
});

describe("CSV injection", () => {
  it.each(["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''+x"])("%j is neutralised and restored", (value) => {
    const cell = neutraliseCell(value);
    expect(cell.startsWith("'")).toBe(true);
    expect(restoreCell(cell)).toBe(value);
  });

  it("leaves other text alone both ways, whatever it is", () => {
    expect(neutraliseCell("Acme")).toBe("Acme");
    expect(restoreCell("'quoted'")).toBe("'quoted'");
    fc.assert(fc.property(fc.string(), (value) => restoreCell(neutraliseCell(value)) === value));
  });
});
