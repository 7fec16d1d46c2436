import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calendarDate, fieldErrorsOf, optionalCalendarDate, requiredText } from "./fields";
import { AddStageInput, CreateJobInput, LogFollowUpInput } from "./jobs";

/** The messages each field would show, as the forms receive them. */
const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};
const one = (schema: z.ZodType, value: unknown) => errorsOf(z.object({ f: schema }), { f: value }).f;

describe("each field's error appears once", () => {
  it.each([
    ["", ["Company is required."]],
    ["   ", ["Company is required."]],
    ["\u200b", ["Company is required."]],
    [undefined, ["Company is required."]],
  ])("requiredText %j", (value, expected) => {
    expect(one(requiredText("Company", 200), value)).toEqual(expected);
  });

  it("an empty job form: one sentence per field", () => {
    const errors = errorsOf(CreateJobInput, { company: "", role: "", appliedOn: "" });
    expect(errors).toEqual({
      company: ["Company is required."],
      role: ["Role is required."],
      appliedOn: ["Date applied is required."],
    });
  });

  it("two checks with the same words are shown once", () => {
    const twice = z.object({ f: z.string().refine(() => false, "Same.").refine(() => false, "Same.") });
    expect(errorsOf(twice, { f: "x" })).toEqual({ f: ["Same."] });
  });
});

describe("date messages: one clear sentence, never a format the field does not show", () => {
  it.each([
    ["", "Date applied is required."],
    [undefined, "Date applied is required."],
    ["2026-02-30", "Date applied must be a real date: there is no 30 February 2026."],
    ["2025-02-29", "Date applied must be a real date: there is no 29 February 2025."],
    ["2026-04-31", "Date applied must be a real date: there is no 31 April 2026."],
    ["2026-13-01", "Date applied must be a real date: there is no month 13."],
    ["12/03/2026", "Date applied must be a real date, with a day, a month and a year."],
    ["yesterday", "Date applied must be a real date, with a day, a month and a year."],
    ["1899-12-31", "Date applied must be between 1900 and 2100."],
    ["2101-01-01", "Date applied must be between 1900 and 2100."],
  ])("calendarDate %j", (value, expected) => {
    expect(one(calendarDate("Date applied"), value)).toEqual([expected]);
  });

  it.each(["2024-02-29", " 2026-03-14 ", "1900-01-01", "2100-12-31"])("accepts %j", (value) => {
    expect(one(calendarDate("Date applied"), value)).toBeUndefined();
  });

  it("an optional date: empty is fine, impossible is one sentence", () => {
    expect(one(optionalCalendarDate("Expiry date"), "")).toBeUndefined();
    expect(one(optionalCalendarDate("Expiry date"), undefined)).toBeUndefined();
    expect(one(optionalCalendarDate("Expiry date"), "2025-02-30")).toEqual(["Expiry date must be a real date: there is no 30 February 2025."]);
  });

  it("no date message in the job schemas asks for YYYY-MM-DD", () => {
    const bad = ["", "2026-02-30", "31/12/2026", "0000-00-00"];
    for (const value of bad) {
      const messages = [
        ...Object.values(errorsOf(CreateJobInput, { company: "A", role: "B", appliedOn: value })),
        ...Object.values(errorsOf(AddStageInput, { jobId: "abc", kind: "interview", on: value, answerBy: value || "x" })),
        ...Object.values(errorsOf(LogFollowUpInput, { jobId: "abc", on: value })),
      ].flat();
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message).not.toMatch(/YYYY|MM-DD/);
    }
  });
});
