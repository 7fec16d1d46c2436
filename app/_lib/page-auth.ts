import { notFound, redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { AppError } from "@/lib/errors";

/**
 * For pages: a signed-out visitor is sent to sign-in rather than shown an error. The
 * data layer still checks on its own; this only decides what a page does about it.
 */
export async function pageViewer() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}

/**
 * A page's read from lib/data: a record the viewer may not see (or that does not exist, the
 * same to them) becomes the not-found page; anything else is left to the error page.
 */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
