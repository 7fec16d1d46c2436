import { z } from "zod";
import { isValidDate } from "@/lib/followup/dates";

// Trims, refuses control characters and bidirectional overrides (they disguise text),
// and bounds the length: every free-text field goes through here.
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((s) => !UNSAFE_CHARS.test(s), `${label} contains characters that are not allowed.`);

// One-line fields (names, titles): no line breaks, and something visible in them.
const singleLine = (label: string, max: number) =>
  text(label, max).refine((s) => !/[\r\n]/.test(s), `${label} must be on one line.`);
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

// One check for "empty" and "only invisible characters": each used to add its own "is required."
export const requiredText = (label: string, max: number) =>
  singleLine(label, max).pipe(z.string().refine((s) => VISIBLE.test(s), `${label} is required.`));

/** Empty string becomes undefined: optional form fields arrive as "". */
export const optionalText = (label: string, max: number) =>
  singleLine(label, max).transform((s) => (s === "" ? undefined : s)).optional();

// Real dates in a plausible range: far-off years would overflow the date arithmetic.
export const MIN_DATE = "1900-01-01";
export const MAX_DATE = "2100-12-31";
const inRange = (s: string) => s >= MIN_DATE && s <= MAX_DATE;

const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/**
 * What is wrong with a date field's value, in one sentence, or null. Never "YYYY-MM-DD": a
 * date input shows the reader's own format (it always sends YYYY-MM-DD), so the sentence
 * names the problem instead (an impossible day, say, from a client that sent 2026-02-30).
 */
export function calendarDateProblem(label: string, s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return `${label} must be a real date, with a day, a month and a year.`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!inRange(s)) return `${label} must be between 1900 and 2100.`;
  if (month < 1 || month > 12) return `${label} must be a real date: there is no month ${month}.`;
  if (!isValidDate(s)) return `${label} must be a real date: there is no ${day} ${monthName.format(Date.UTC(year, month - 1, 1))} ${year}.`;
  return null;
}

const checkDate = (label: string) => (s: string | undefined, ctx: z.RefinementCtx) => {
  const problem = s === undefined ? null : calendarDateProblem(label, s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

export const calendarDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.`, abort: true })
    .superRefine(checkDate(label));

export const optionalCalendarDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .superRefine(checkDate(label));

export const id = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "Invalid id.");

/** A checkbox: "on" when ticked and absent otherwise (tests may pass a boolean). */
export const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** A bearer token (share link, calendar feed, invitation): 32 random bytes in base64url, exactly 43 characters. */
export const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const requestId = z.string().trim().max(64).regex(/^[a-zA-Z0-9_-]*$/).optional().transform((s) => s || undefined);

/** Flattens a ZodError into `{ field: [messages] }` for the forms. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    // Two checks may fail with the same words; the field shows them once.
    const messages = (out[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return out;
}
