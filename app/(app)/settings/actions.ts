"use server";

import { revalidatePath } from "next/cache";
import { deleteAccount } from "@/lib/data/account";
import { signOutHere } from "@/lib/data/session";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/data/calendar";
import { changePassword, signOutEverywhere, updateSettings } from "@/lib/data/users";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

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

export async function createCalendarFeedAction(): Promise<ActionState> {
  try {
    const { token } = await createCalendarFeed();
    revalidatePath("/settings");
    // The only time the token leaves the server: it is stored as a hash and never shown again.
    return { ok: true, message: "Your calendar feed is ready. Copy its URL now: for your privacy it is shown only this once.", data: { path: `/api/calendar/${token}.ics` } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeCalendarFeedAction(): Promise<ActionState> {
  try {
    await revokeCalendarFeed();
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/settings");
  return { ok: true, message: "Calendar feed turned off. Its URL no longer works." };
}

export async function deleteAccountAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await deleteAccount({ password: formData.get("password"), confirm: formData.get("confirm") ?? undefined });
    await signOutHere();
  } catch (error) {
    return failure(error);
  }
  return { ok: true, message: "Your account and all its data have been deleted." };
}
