"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { acceptInvitation, declineInvitation } from "@/lib/data/grants";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";
import { clientAddress } from "@/lib/data/request";

// Thin: lib/data checks the token (a hidden field, never echoed back) and who is asking, and
// counts the attempt against the same per-address limit as opening the link.
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));

export async function acceptInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let clientId: string;
  try {
    ({ clientId } = await acceptInvitation(fields(formData), await clientAddress()));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/clients", "layout");
  // The client's timeline says what happened and where to find them again (?accepted, a Flash).
  redirect(`/clients/${clientId}?accepted=1`);
}

export async function declineInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await declineInvitation(fields(formData), await clientAddress());
  } catch (error) {
    return failure(error);
  }
  return { ok: true, message: "Invitation declined. The link no longer works." };
}
