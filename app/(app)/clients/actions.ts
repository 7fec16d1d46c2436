"use server";

import { revalidatePath } from "next/cache";
import { addComment, deleteComment } from "@/lib/data/comments";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

// Thin: lib/data parses (zod) and checks the grant in the database on every call.
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));

export async function addCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await addComment(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath(`/clients/${formData.get("clientId")}`, "layout");
  return { ok: true, message: "Comment added. Your client sees it on their timeline." };
}

export async function deleteCommentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await deleteComment(fields(formData));
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/clients/${formData.get("clientId")}`, "layout");
  return { ok: true, message: "Comment removed." };
}
