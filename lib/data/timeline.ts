import "server-only";
import { db } from "@/lib/db";
import { addDays } from "@/lib/followup";
import { jobInclude, jobRowsByIds, toJobDTO } from "./jobs";
import { FULL_VISIBILITY, type CommentDTO, type JobDTO, type Visibility } from "./mappers";
import { refreshStalePlans } from "./plans";
import { requireUser } from "./session";
import { todayIn } from "./today";

export const SECTIONS = ["due", "this_week", "waiting", "upcoming", "followed_up", "answered", "closed", "archived"] as const;
export type SectionKey = (typeof SECTIONS)[number];

/**
 * How many jobs each section shows by default: what needs doing in full, history in
 * part, closed and archived jobs only as a count. A page that asks for one section
 * (`expand`) gets all of it. This keeps the default page the same size whatever the
 * number of jobs.
 */
const DEFAULT_LIMITS: Record<SectionKey, number> = {
  due: 10, this_week: 10, upcoming: 10, waiting: 10, followed_up: 5, answered: 5, closed: 0, archived: 0,
};
const EXPANDED_LIMIT = 10_000;

export type Timeline = {
  today: string;
  timeZone: string;
  ownerName: string;
  /** The window is open: the one call to make. */
  due: JobDTO[];
  /** The window opens within the next seven days. */
  thisWeek: JobDTO[];
  /** The window opens later. */
  waiting: JobDTO[];
  /** An interview (or application) still ahead. */
  upcoming: JobDTO[];
  /** The one follow-up is spent: wait for them to call. */
  followedUp: JobDTO[];
  answered: JobDTO[];
  closed: JobDTO[];
  archived: { id: string; company: string; role: string }[];
  /** How many jobs each section holds (the lists above may show fewer). */
  counts: Record<SectionKey, number>;
  /** Jobs that are not archived. */
  total: number;
  expanded: SectionKey | null;
};

/**
 * One user's timeline in a constant number of queries whatever the number of jobs: the
 * stored plan snapshots place every job in a section in SQL, and only the jobs shown are
 * loaded (with stages and comments) and planned by the rules engine in the owner's zone.
 * Callers have already decided the viewer may see it (owner, live grant, live link).
 */
export async function loadTimeline(
  ownerId: string,
  visibility: Visibility,
  viewerId?: string,
  now = new Date(),
  options: { expand?: SectionKey | null; owner?: { name: string; timeZone: string } } = {},
): Promise<Timeline> {
  const owner = options.owner ?? (await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { name: true, timeZone: true } }));
  const today = todayIn(owner.timeZone, now);
  const weekEnd = addDays(today, 7);
  const expand = options.expand ?? null;
  const limit = (s: SectionKey) => (s === expand ? EXPANDED_LIMIT : DEFAULT_LIMITS[s]);
  await refreshStalePlans(ownerId);

  // Mirrors statusOn() in lib/followup/snapshot.ts (closed, then a stage still ahead, then
  // the recorded outcome, then the window), plus "this week" and "archived".
  const placed = await db.$queryRaw<{ id: string; section: SectionKey; rn: bigint; n: number }[]>`
    WITH c AS (
      SELECT id, "createdAt", "planOpensOn", "planStageOn", "planLastOn",
        CASE WHEN "archivedAt" IS NOT NULL THEN 'archived'
             WHEN "planPhase" = 'closed' THEN 'closed'
             WHEN "planStageOn" > ${today}::date THEN 'upcoming'
             WHEN "planPhase" IN ('followed_up', 'answered') THEN "planPhase"
             WHEN "planOpensOn" <= ${today}::date THEN 'due'
             WHEN "planOpensOn" <= ${weekEnd}::date THEN 'this_week'
             ELSE 'waiting' END AS section
      FROM "Job" WHERE "userId" = ${ownerId}
    ), r AS (
      SELECT id, section,
        ROW_NUMBER() OVER (PARTITION BY section ORDER BY
          CASE WHEN section IN ('due', 'this_week', 'waiting') THEN "planOpensOn" WHEN section = 'upcoming' THEN "planStageOn" END ASC NULLS LAST,
          "planLastOn" DESC NULLS LAST, "createdAt" DESC, id) AS rn,
        COUNT(*) OVER (PARTITION BY section)::int AS n
      FROM c
    )
    SELECT id, section, rn, n FROM r
    WHERE rn = 1 OR rn <= CASE section
      WHEN 'due' THEN ${limit("due")}::int WHEN 'this_week' THEN ${limit("this_week")}::int WHEN 'waiting' THEN ${limit("waiting")}::int
      WHEN 'upcoming' THEN ${limit("upcoming")}::int WHEN 'followed_up' THEN ${limit("followed_up")}::int WHEN 'answered' THEN ${limit("answered")}::int
      WHEN 'closed' THEN ${limit("closed")}::int ELSE ${limit("archived")}::int END
    ORDER BY section, rn`;

  const counts = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<SectionKey, number>;
  const shown = placed.filter((p) => {
    counts[p.section] = p.n;
    return Number(p.rn) <= limit(p.section);
  });
  const rows = await jobRowsByIds(shown.map((p) => p.id));
  const byId = new Map(rows.map((r) => [r.id, r]));

  const timeline: Timeline = {
    today, timeZone: owner.timeZone, ownerName: owner.name,
    due: [], thisWeek: [], waiting: [], upcoming: [], followedUp: [], answered: [], closed: [], archived: [],
    counts, total: SECTIONS.reduce((sum, s) => (s === "archived" ? sum : sum + counts[s]), 0), expanded: expand,
  };
  const lists: Record<Exclude<SectionKey, "archived">, JobDTO[]> = {
    due: timeline.due, this_week: timeline.thisWeek, waiting: timeline.waiting, upcoming: timeline.upcoming,
    followed_up: timeline.followedUp, answered: timeline.answered, closed: timeline.closed,
  };
  for (const p of shown) {
    const row = byId.get(p.id);
    if (!row) continue; // deleted between the two queries
    if (p.section === "archived") timeline.archived.push({ id: row.id, company: row.company, role: row.role });
    else lists[p.section].push(toJobDTO(row, today, visibility, viewerId));
  }
  return timeline;
}

/** The signed-in user's own timeline. */
export async function listTimeline(now?: Date, expand?: SectionKey | null): Promise<Timeline> {
  const viewer = await requireUser();
  return loadTimeline(viewer.id, FULL_VISIBILITY, viewer.id, now, { expand, owner: viewer });
}

const JOB_LISTS = ["due", "thisWeek", "waiting", "upcoming", "followedUp", "answered", "closed"] as const;

/**
 * The timeline as a coach or a link visitor sees it: archived jobs left out (the job seeker
 * put them away) and only the comments `keepComment` allows.
 */
export function readOnlyTimeline(timeline: Timeline, keepComment: (comment: CommentDTO) => boolean): Timeline {
  const out: Timeline = { ...timeline, archived: [], counts: { ...timeline.counts, archived: 0 } };
  for (const list of JOB_LISTS) out[list] = timeline[list].map((job) => ({ ...job, comments: job.comments.filter(keepComment) }));
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
