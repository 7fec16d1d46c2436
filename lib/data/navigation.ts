import "server-only";
import { readRows } from "@/lib/db";
import { liveGrantSql } from "./grants";
import { requireUser } from "./session";

/**
 * What the navigation needs to fit the person (issue 14), in one statement on the pool (every
 * signed-in page asks it): whether the viewer tracks jobs (archived ones included) and whether
 * they coach anyone (a live grant).
 */
export async function navigationFacts(): Promise<{ ownsJobs: boolean; coaches: boolean }> {
  const viewer = await requireUser();
  const [row] = await readRows<{ ownsJobs: boolean; coaches: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "Job" WHERE "userId" = $1) AS "ownsJobs",
            EXISTS (SELECT 1 FROM "CoachGrant" g WHERE ${liveGrantSql("$1")}) AS coaches`,
    [viewer.id],
  );
  return { ownsJobs: row!.ownsJobs, coaches: row!.coaches };
}
