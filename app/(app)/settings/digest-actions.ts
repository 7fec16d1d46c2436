"use server";

import { revalidatePath } from "next/cache";
import { updateDigestSettings } from "@/lib/data/digests";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

export async function updateDigestSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let saved;
  try {
    saved = await updateDigestSettings({
      dailyDigest: formData.get("dailyDigest") ?? undefined,
      weeklyCoachDigest: formData.get("weeklyCoachDigest") ?? undefined,
    });
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/settings");
  // The form resets after a success: it needs the saved values as its new defaults.
  return { ok: true, message: "E-mail settings saved.", data: { dailyDigest: String(saved.dailyDigest), weeklyCoachDigest: String(saved.weeklyCoachDigest) } };
}
