"use server";

import { createUser } from "@/lib/data/users";
import { failure, type ActionState } from "@/app/_lib/action-state";

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await createUser({
      name: formData.get("name"),
      email: formData.get("email"),
      password: formData.get("password"),
      timeZone: formData.get("timeZone"),
    });
    return { ok: true };
  } catch (error) {
    return failure(error, formData);
  }
}
