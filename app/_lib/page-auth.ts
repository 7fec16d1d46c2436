import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";

/**
 * For pages: a signed-out visitor is sent to sign-in rather than shown an error. The
 * data layer still checks on its own; this only decides what a page does about it.
 */
export async function pageViewer() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}
