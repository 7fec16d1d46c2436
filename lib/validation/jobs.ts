import { z } from "zod";
import { Email } from "./auth";
import { calendarDate, id, optionalCalendarDate, optionalText, requestId, requiredText, text } from "./fields";

const optionalUrl = optionalText("Link", 2000).refine(
  (s) => s === undefined || /^https?:\/\/[^\s]+$/i.test(s),
  "Enter a full web address starting with https://",
);
const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((s) => (s ? s : undefined))
  .pipe(Email.optional())
  .or(z.literal("").transform(() => undefined));
const optionalPhone = optionalText("Phone", 40).refine((s) => s === undefined || /^[0-9+().\-\s/x]{3,40}$/i.test(s), "Enter a phone number using digits, spaces and + ( ) -");

export const JobFields = z.object({
  company: requiredText("Company", 200),
  role: requiredText("Role", 200),
  sourceUrl: optionalUrl,
  contactName: optionalText("Contact name", 200),
  contactPhone: optionalPhone,
  contactEmail: optionalEmail,
  appliedOn: calendarDate("Date applied"),
  notes: text("Notes", 5000).optional().default(""),
});

export const CreateJobInput = JobFields.extend({ requestId });
export type CreateJobInput = z.infer<typeof CreateJobInput>;

export const UpdateJobInput = JobFields.extend({ jobId: id });
export type UpdateJobInput = z.infer<typeof UpdateJobInput>;

export const JobIdInput = z.object({ jobId: id });

const time = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => s === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(s), "Enter a time like 14:30.");

export const STAGE_FORM_KINDS = ["interview", "heard_back", "offer", "rejected", "withdrawn"] as const;

export const AddStageInput = z
  .object({
    jobId: id,
    kind: z.enum(STAGE_FORM_KINDS, { error: "Choose what happened." }),
    on: calendarDate("Date"),
    time,
    withWhom: optionalText("With whom", 200),
    answerBy: optionalCalendarDate("Promised answer date"),
    // "They said they'd get back to me in N days": turned into a date from the interview date.
    answerInDays: z
      .string()
      .trim()
      .optional()
      .transform((s) => (s ? Number(s) : undefined))
      .refine((n) => n === undefined || (Number.isInteger(n) && n >= 0 && n <= 90), "Enter a whole number of days from 0 to 90."),
    note: text("Note", 2000).optional().default(""),
    requestId,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "interview" && (v.answerBy || v.answerInDays !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["answerBy"], message: "Only an interview has a promised answer date." });
    }
    if (v.answerBy && v.answerInDays !== undefined) {
      ctx.addIssue({ code: "custom", path: ["answerInDays"], message: "Give either a date or a number of days, not both." });
    }
    if (v.answerBy && v.answerBy < v.on) {
      ctx.addIssue({ code: "custom", path: ["answerBy"], message: "The promised answer date cannot be before the interview." });
    }
  });
export type AddStageInput = z.infer<typeof AddStageInput>;

export const LogFollowUpInput = z.object({
  jobId: id,
  on: calendarDate("Date"),
  channel: z.enum(["phone", "email"], { error: "Choose phone or email." }).default("phone"),
  note: text("Note", 2000).optional().default(""),
  requestId,
});
export type LogFollowUpInput = z.infer<typeof LogFollowUpInput>;

export const StageIdInput = z.object({ jobId: id, stageId: id });
