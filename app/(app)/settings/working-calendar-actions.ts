"use server";

import { revalidatePath } from "next/cache";
import { updateWorkingCalendar } from "@/lib/data/working-calendar";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

export async function updateWorkingCalendarAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let saved;
  try {
    saved = await updateWorkingCalendar({ workdays: formData.getAll("workdays"), holidayRegion: formData.get("holidayRegion") ?? undefined });
  } catch (error) {
    return failure(error, formData);
  }
  // Every page with a follow-up date may change.
  revalidatePath("/", "layout");
  // The form resets after a success: it needs the saved values as its new defaults.
  return {
    ok: true,
    message: "Working week and holidays saved. Follow-up dates now fall on your working days.",
    data: { workdays: saved.workdays.join(","), holidayRegion: saved.holidayRegion ?? "" },
  };
}
