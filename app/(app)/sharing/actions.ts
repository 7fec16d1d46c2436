"use server";

import { revalidatePath } from "next/cache";
import { inviteCoach, revokeGrant } from "@/lib/data/grants";
import { createShareLink, revokeShareLink, setShareLinkInsights } from "@/lib/data/shares";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

// Thin: lib/data parses (zod) and checks who is asking; each action is its own public endpoint.
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));

export async function createShareLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const { token } = await createShareLink(fields(formData));
    revalidatePath("/sharing");
    // The only time the token leaves the server: it is stored as a hash and never shown again.
    return { ok: true, message: "Link created. Copy it now: for your privacy it is shown only this once.", data: { path: `/share/${token}` } };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function revokeShareLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await revokeShareLink(fields(formData));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/sharing");
  return { ok: true, message: "Link revoked. It no longer opens." };
}

export async function setShareLinkInsightsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let saved;
  try {
    saved = await setShareLinkInsights(fields(formData));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/sharing");
  return {
    ok: true,
    message: saved.showInsights ? "Insights shown: the link now opens your insights too." : "Insights hidden: the link no longer opens your insights.",
  };
}

export async function inviteCoachAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const invitation = await inviteCoach(fields(formData));
    revalidatePath("/sharing");
    if (invitation.status === "active") return { ok: true, message: "This coach already has access." };
    // The only time the token leaves the server (besides the e-mail): it is stored as a hash.
    const sent = invitation.emailed ? "Invitation e-mailed. You can also copy the link now" : "Invitation created. Copy the link and send it to your coach";
    return { ok: true, message: `${sent}: for your privacy it is shown only this once.`, data: { path: `/invitations/${invitation.token}` } };
  } catch (error) {
    return failure(error, formData);
  }
}

export async function revokeGrantAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await revokeGrant(fields(formData));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/sharing");
  return { ok: true, message: "Coach removed. They no longer see your job search." };
}
