import { describe, expect, it } from "vitest";
import { publicHolidays } from "./holidays";
import { canLogFollowUp, planFollowUp, type FollowUpStatus, type Stage, type WorkingCalendar } from "./rules";
import { snapshotOf, statusOn } from "./snapshot";
import { thrown } from "./test-support";

const applied = (on: string): Stage => ({ kind: "applied", on });
const interview = (on: string, answerBy: string | null = null): Stage => ({ kind: "interview", on, answerBy });
const region = (code: string, name: string): WorkingCalendar => ({ holidays: publicHolidays(code, 2025, 2027), regionName: name });

describe("planFollowUp with a working calendar: the examples of issue 15", () => {
  const christmasWeekdays = ["2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"];
  const cases: { name: string; stages: Stage[]; calendar?: WorkingCalendar; today: string; status: FollowUpStatus; opensOn: string }[] = [
    { name: "applied Fri 18 Dec, England", stages: [applied("2026-12-18")], calendar: region("GB-ENG", "England"), today: "2026-12-28", status: "waiting", opensOn: "2026-12-29" },
    { name: "interview, answer by Wed 25 Nov, US (Thanksgiving)", stages: [interview("2026-11-23", "2026-11-25")], calendar: region("US", "the United States"), today: "2026-11-27", status: "due", opensOn: "2026-11-27" },
    { name: "applied Sun 29 Nov, Sunday to Thursday", stages: [applied("2026-11-29")], calendar: { workdays: [7, 1, 2, 3, 4] }, today: "2026-12-06", status: "due", opensOn: "2026-12-06" },
    { name: "applied Thu 17 Dec, every weekday 24 Dec - 1 Jan off", stages: [applied("2026-12-17")], calendar: { holidays: christmasWeekdays }, today: "2027-01-04", status: "due", opensOn: "2027-01-04" },
    { name: "interview Fri 18 Dec, no promise, no calendar", stages: [interview("2026-12-18")], today: "2026-12-25", status: "due", opensOn: "2026-12-25" },
  ];

  it.each(cases)("$name: $status from $opensOn", ({ stages, calendar, today, status, opensOn }) => {
    const p = planFollowUp({ stages, today, calendar });
    expect(p.status).toBe(status);
    expect(p.opensOn).toBe(opensOn);
    // The stored snapshot places the job the same way with the same calendar.
    expect(statusOn(snapshotOf(stages, calendar), today)).toBe(status);
    expect(canLogFollowUp({ stages, on: today, today, calendar })).toMatchObject({ ok: true, opensOn, early: status === "waiting" });
  });
});

describe("the explanation names what moved the date", () => {
  it("holidays in a named region", () => {
    const p = planFollowUp({ stages: [applied("2026-12-18")], today: "2026-12-28", calendar: region("GB-ENG", "England") });
    expect(p.calendarNote).toBe("Fri 25 Dec and Mon 28 Dec are public holidays in England, so the window opens on Tue 29 Dec.");
    expect(p.explanation).toContain("the first working day at least a week after you applied.");
    expect(p.explanation.endsWith(p.calendarNote!)).toBe(true);
  });

  it("in the past tense once the window has opened, and of them for a coach", () => {
    const p = planFollowUp({ stages: [applied("2026-12-18")], today: "2027-01-05", voice: "they", calendar: region("GB-ENG", "England") });
    expect(p.calendarNote).toBe("Fri 25 Dec 2026 and Mon 28 Dec 2026 were public holidays in England, so the window opened on Tue 29 Dec 2026.");
    expect(p.explanation).toContain("at least a week after they applied");
  });

  it("days that are not working days, for a week other than Monday to Friday", () => {
    // Applied Thu 26 Nov; a week later is Thu 3 Dec, a workday: nothing moved.
    const sunThu = { workdays: [7, 1, 2, 3, 4] };
    expect(planFollowUp({ stages: [applied("2026-11-26")], today: "2026-12-01", calendar: sunThu }).calendarNote).toBeUndefined();
    // Applied Fri 27 Nov; a week later is Fri 4 Dec: Friday and Saturday are off, so Sun 6 Dec.
    const p = planFollowUp({ stages: [applied("2026-11-27")], today: "2026-12-01", calendar: sunThu });
    expect(p.opensOn).toBe("2026-12-06");
    expect(p.calendarNote).toBe("Friday and Saturday are not working days for you, so the window opens on Sun 6 Dec.");
  });

  it("holidays without a region name, many at once", () => {
    const holidays = ["2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"];
    const p = planFollowUp({ stages: [applied("2026-12-17")], today: "2026-12-20", calendar: { holidays } });
    expect(p.calendarNote).toBe("The 7 days from Thu 24 Dec to Fri 1 Jan 2027 are holidays for you, so the window opens on Mon 4 Jan 2027.");
  });

  it("no word when only a Monday-to-Friday weekend lay between, as without a calendar", () => {
    const p = planFollowUp({ stages: [applied("2026-03-07")], today: "2026-03-10", calendar: region("GB-ENG", "England") });
    expect(p.opensOn).toBe("2026-03-16");
    expect(p.calendarNote).toBeUndefined();
    expect(p.explanation).toBe(planFollowUp({ stages: [applied("2026-03-07")], today: "2026-03-10" }).explanation);
  });

  it("an early follow-up is judged by the calendar's window", () => {
    // England: the window opens Tue 29 Dec, so a call on Mon 28 Dec (a holiday) is early.
    const verdict = canLogFollowUp({ stages: [applied("2026-12-18")], on: "2026-12-28", today: "2026-12-28", calendar: region("GB-ENG", "England") });
    expect(verdict).toMatchObject({ ok: true, early: true, opensOn: "2026-12-29" });
  });
});

describe("a bad calendar throws FollowUpInputError naming the field", () => {
  const stages = [applied("2026-03-02")];
  const cases: { name: string; calendar: unknown; field: string; message: RegExp }[] = [
    { name: "an empty week", calendar: { workdays: [] }, field: "calendar.workdays", message: /at least one working day/ },
    { name: "a weekday of 0", calendar: { workdays: [0, 1] }, field: "calendar.workdays[0]", message: /from 1 \(Monday\) to 7 \(Sunday\), got 0/ },
    { name: "a weekday of 8", calendar: { workdays: [1, 8] }, field: "calendar.workdays[1]", message: /got 8/ },
    { name: "a weekday of 2.5", calendar: { workdays: [2.5] }, field: "calendar.workdays[0]", message: /got 2.5/ },
    { name: "an impossible holiday", calendar: { holidays: ["2026-02-30"] }, field: "calendar.holidays[0]", message: /YYYY-MM-DD, got "2026-02-30"/ },
    { name: "a holiday written otherwise", calendar: { holidays: ["2026-12-25", "25/12/2026"] }, field: "calendar.holidays[1]", message: /got "25\/12\/2026"/ },
    { name: "holidays not a list", calendar: { holidays: "2026-12-25" }, field: "calendar.holidays", message: /list of dates/ },
  ];
  it.each(cases)("$name", ({ calendar, field, message }) => {
    for (const call of [
      () => planFollowUp({ stages, today: "2026-03-20", calendar: calendar as WorkingCalendar }),
      () => canLogFollowUp({ stages, on: "2026-03-10", today: "2026-03-20", calendar: calendar as WorkingCalendar }),
    ]) {
      const e = thrown(call);
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    }
  });
});
