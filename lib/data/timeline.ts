import "server-only";
import { db } from "@/lib/db";
import { addDays } from "@/lib/followup";
import { jobInclude, toJobDTO } from "./jobs";
import { FULL_VISIBILITY, type CommentDTO, type JobDTO, type Visibility } from "./mappers";
import { requireUser } from "./session";
import { todayIn } from "./today";

export type Timeline = {
  today: string;
  timeZone: string;
  ownerName: string;
  /** Due today (or overdue): the one call to make. */
  due: JobDTO[];
  /** The window opens within the next seven days. */
  thisWeek: JobDTO[];
  /** The window opens later. */
  waiting: JobDTO[];
  /** An interview still ahead. */
  upcoming: JobDTO[];
  /** The one follow-up is spent: wait for them to call. */
  followedUp: JobDTO[];
  answered: JobDTO[];
  closed: JobDTO[];
  archived: { id: string; company: string; role: string }[];
  total: number;
};

const lastDate = (job: JobDTO) => job.stages.at(-1)?.on ?? "";
const byOpensOn = (a: JobDTO, b: JobDTO) => (a.plan.opensOn ?? "").localeCompare(b.plan.opensOn ?? "") || a.company.localeCompare(b.company);
const byRecent = (a: JobDTO, b: JobDTO) => lastDate(b).localeCompare(lastDate(a)) || a.company.localeCompare(b.company);

/**
 * One user's timeline in a constant number of queries (jobs, their stages and comments:
 * three, whatever the number of jobs), planned by the rules engine in their time zone.
 * Callers have already decided the viewer may see it (owner, live grant, live link).
 */
export async function loadTimeline(ownerId: string, visibility: Visibility, viewerId?: string, now = new Date()): Promise<Timeline> {
  const owner = await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { name: true, timeZone: true } });
  const today = todayIn(owner.timeZone, now);
  const rows = await db.job.findMany({ where: { userId: ownerId }, include: jobInclude, orderBy: { createdAt: "asc" } });
  const timeline: Timeline = {
    today, timeZone: owner.timeZone, ownerName: owner.name,
    due: [], thisWeek: [], waiting: [], upcoming: [], followedUp: [], answered: [], closed: [], archived: [], total: 0,
  };
  const weekEnd = addDays(today, 7);
  for (const row of rows) {
    if (row.archivedAt) {
      timeline.archived.push({ id: row.id, company: row.company, role: row.role });
      continue;
    }
    const job = toJobDTO(row, today, visibility, viewerId);
    timeline.total++;
    const { status, opensOn } = job.plan;
    if (status === "due") timeline.due.push(job);
    else if (status === "waiting") (opensOn && opensOn <= weekEnd ? timeline.thisWeek : timeline.waiting).push(job);
    else if (status === "upcoming") timeline.upcoming.push(job);
    else if (status === "followed_up") timeline.followedUp.push(job);
    else if (status === "answered") timeline.answered.push(job);
    else timeline.closed.push(job);
  }
  timeline.due.sort(byOpensOn);
  timeline.thisWeek.sort(byOpensOn);
  timeline.waiting.sort(byOpensOn);
  timeline.upcoming.sort((a, b) => lastDate(a).localeCompare(lastDate(b)));
  for (const list of [timeline.followedUp, timeline.answered, timeline.closed]) list.sort(byRecent);
  return timeline;
}

/** The signed-in user's own timeline. */
export async function listTimeline(now?: Date): Promise<Timeline> {
  const viewer = await requireUser();
  return loadTimeline(viewer.id, FULL_VISIBILITY, viewer.id, now);
}

const SECTIONS = ["due", "thisWeek", "waiting", "upcoming", "followedUp", "answered", "closed"] as const;

/**
 * The timeline as a coach or a link visitor sees it: archived jobs left out (the job seeker
 * put them away) and only the comments `keepComment` allows.
 */
export function readOnlyTimeline(timeline: Timeline, keepComment: (comment: CommentDTO) => boolean): Timeline {
  const out: Timeline = { ...timeline, archived: [] };
  for (const section of SECTIONS) out[section] = timeline[section].map((job) => ({ ...job, comments: job.comments.filter(keepComment) }));
  return out;
}

export type ReadOnlyJob = { job: JobDTO; today: string; ownerName: string };

/**
 * One live (not archived) job of `ownerId` as a coach or a link visitor sees it, or null.
 * Like loadTimeline, callers have already decided the viewer may see the owner's jobs.
 */
export async function loadReadOnlyJob(
  ownerId: string,
  jobId: string,
  visibility: Visibility,
  keepComment: (comment: CommentDTO) => boolean,
  viewerId?: string,
): Promise<ReadOnlyJob | null> {
  const row = await db.job.findFirst({
    where: { id: jobId, userId: ownerId, archivedAt: null },
    include: { ...jobInclude, user: { select: { name: true, timeZone: true } } },
  });
  if (!row) return null;
  const today = todayIn(row.user.timeZone);
  const job = toJobDTO(row, today, visibility, viewerId);
  return { job: { ...job, comments: job.comments.filter(keepComment) }, today, ownerName: row.user.name };
}
