"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addStage, archiveJob, createJob, deleteStage, logFollowUp, restoreJob, updateJob } from "@/lib/data/jobs";
import { failure } from "@/app/_lib/action-failure";
import { type ActionState } from "@/app/_lib/action-state";
import { AppError } from "@/lib/errors";

// Thin: the data layer parses (zod), checks who is asking and owns the rules.
const fields = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("$")));

export async function createJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let id: string;
  try {
    ({ id } = await createJob(fields(formData)));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  redirect(`/jobs/${id}?added=1`);
}

export async function updateJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await updateJob(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  revalidatePath(`/jobs/${formData.get("jobId")}`);
  return { ok: true, message: "Saved." };
}

export async function addStageAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await addStage(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  revalidatePath(`/jobs/${formData.get("jobId")}`);
  return { ok: true, message: "Added to the job's history." };
}

export async function logFollowUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const jobPath = `/jobs/${encodeURIComponent(String(formData.get("jobId")))}`;
  let early: boolean;
  try {
    ({ early } = await logFollowUp(fields(formData)));
  } catch (error) {
    // A stale page (another tab logged it first): the refusal comes with the page as it is now.
    if (error instanceof AppError && error.code === "already_followed_up") revalidatePath(jobPath);
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  // The form goes away once the follow-up is spent, so the confirmation lives on the page.
  redirect(`${jobPath}?logged=${early ? "early" : "1"}`);
}

export async function archiveJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await archiveJob(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  revalidatePath(`/jobs/${formData.get("jobId")}`);
  return { ok: true, message: "Job archived. You can restore it at any time." };
}

export async function restoreJobAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await restoreJob(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  revalidatePath(`/jobs/${formData.get("jobId")}`);
  return { ok: true, message: "Job restored." };
}

export async function deleteStageAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await deleteStage(fields(formData));
  } catch (error) {
    return failure(error, formData);
  }
  revalidatePath("/timeline");
  revalidatePath(`/jobs/${formData.get("jobId")}`);
  return { ok: true, message: "Entry removed." };
}
