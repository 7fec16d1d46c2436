"use server";

import { revalidatePath } from "next/cache";
import { changePassword, signOutEverywhere, updateSettings } from "@/lib/data/users";
import { failure, type ActionState } from "@/app/_lib/action-state";

export async function updateSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await updateSettings({ name: formData.get("name"), timeZone: formData.get("timeZone") });
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Settings saved." };
}

export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await changePassword({ currentPassword: formData.get("currentPassword"), newPassword: formData.get("newPassword") });
  } catch (error) {
    return failure(error);
  }
  return { ok: true, message: "Password changed. Every session has been signed out: sign in again with the new password." };
}

export async function signOutEverywhereAction(): Promise<ActionState> {
  try {
    await signOutEverywhere();
  } catch (error) {
    return failure(error);
  }
  return { ok: true, message: "Signed out everywhere." };
}
