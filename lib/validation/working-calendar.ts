import { z } from "zod";
import { resolveHolidayRegion } from "@/lib/followup/holidays";

// The settings' "Working week and holidays" (issue 15). Checkboxes send one `workdays` value per
// ticked day ("1" = Monday ... "7" = Sunday); the region is typed, or picked from the list.
export const WorkingCalendarInput = z.object({
  workdays: z
    .array(z.coerce.number().int("Choose days from the list.").min(1, "Choose days from the list.").max(7, "Choose days from the list."), {
      error: "Choose at least one working day.",
    })
    .max(7, "Choose days from the list.")
    .transform((days) => [...new Set(days)].sort((a, b) => a - b))
    .pipe(z.array(z.number()).min(1, "Choose at least one working day: follow-up calls are made on working days.")),
  holidayRegion: z
    .string()
    .trim()
    .max(120, "Choose a country or region from the list.")
    .optional()
    // Stored by its code, whatever was typed: "England", "gb-eng" or the list's label → "GB-ENG".
    .transform((typed, ctx) => {
      if (!typed) return null;
      const code = resolveHolidayRegion(typed);
      if (code === null) ctx.addIssue({ code: "custom", message: "Choose a country or region from the list, or leave it empty for no public holidays." });
      return code ?? z.NEVER;
    }),
});
export type WorkingCalendarInput = z.infer<typeof WorkingCalendarInput>;
