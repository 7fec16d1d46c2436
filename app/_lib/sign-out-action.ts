"use server";

import { redirect } from "next/navigation";
import { signOutHere } from "@/lib/data/session";

/** The navigation's "Sign out": a form post that works before (and without) any JavaScript. */
export async function signOutAction(): Promise<never> {
  await signOutHere();
  redirect("/signin");
}
