"use server";

import { createUser } from "@/lib/data/users";
import { LIMITS, hit } from "@/lib/data/rate-limit";
import { clientAddress } from "@/lib/data/request";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const limit = await hit(LIMITS.signUpPerAddress, await clientAddress());
  if (!limit.allowed) return { ok: false, message: "Too many sign-ups from this network. Try again in an hour." };
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
