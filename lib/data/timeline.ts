import "server-only";
import { readRows } from "@/lib/db";
import { RULES_VERSION, addDays } from "@/lib/followup";
import { jobRowOf, jobRowsByIds, toJobDTO } from "./jobs";
import { FULL_VISIBILITY, type CommentDTO, type JobDTO, type Visibility } from "./mappers";
import { refreshStalePlans } from "./plans";
import { requireUser } from "./session";
import { todayIn } from "@/lib/time/zones";
import type { CalendarSettings } from "./working-calendar";
import { JOB_SECTIONS, SECTIONS, SECTION_TABLE, type JobSectionKey, type SectionKey } from "@/lib/timeline/sections";

export { SECTIONS, isSectionKey, type JobSectionKey, type SectionKey } from "@/lib/timeline/sections";

/**
 * Each section shows its default number of jobs (lib/timeline/sections.ts): what needs doing in
 * full, history in part, closed and archived jobs only as a count. A page that asks for one
 * section (`expand`) gets all of it. This keeps the default page the same size whatever the
 * number of jobs.
 */
const EXPANDED_LIMIT = 10_000;

export type Timeline = {
  today: string;
  timeZone: string;
  ownerName: string;
  /**
   * The jobs shown in each section: due (the window is open: the one call to make), this_week
   * (it opens within seven days), upcoming (an interview still ahead), waiting (it opens later),
   * followed_up (the one follow-up is spent), answered, closed.
   */
  sections: Record<JobSectionKey, JobDTO[]>;
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
  options: { expand?: SectionKey | null; owner?: { name: string; timeZone: string } & CalendarSettings } = {},
): Promise<Timeline> {
  // The owner's calendar, never the viewer's: a coach in another country sees the job seeker's dates.
  const owner = options.owner ?? (await ownerOf(ownerId));
  if (!owner) throw new Error(`loadTimeline: no user ${ownerId}`);
  const today = todayIn(owner.timeZone, now);
  // Read by anyone but its owner, a timeline speaks of the job seeker: "They followed up once".
  const voice = viewerId === ownerId ? "you" : "they";
  const weekEnd = addDays(today, 7);
  const expand = options.expand ?? null;
  const limit = (s: SectionKey) => (s === expand ? EXPANDED_LIMIT : SECTION_TABLE[s].defaultLimit);
  const limits = JSON.stringify(Object.fromEntries(SECTIONS.map((s) => [s, limit(s)])));
  // Mirrors statusOn() in lib/followup/snapshot.ts (closed, then a stage still ahead, then
  // the recorded outcome, then the window), plus "this week" and "archived". It also counts the
  // jobs whose stored plan is missing or stale (seeded rows, a rules change): only then are they
  // refreshed and the jobs placed again, so a render asks one statement, not two, to place them.
  // On the pool directly, as the session check (lib/db.ts, readRows): rn comes back as a string.
  const place = () => readRows<{ id: string; section: SectionKey; rn: string; n: number; stale: number }>(`
    WITH c AS (
      SELECT id, "createdAt", "planOpensOn", "planStageOn", "planLastOn",
        ("planVersion" IS NULL OR "planVersion" <> $1) AS stale,
        CASE WHEN "archivedAt" IS NOT NULL THEN 'archived'
             WHEN "planPhase" = 'closed' THEN 'closed'
             WHEN "planStageOn" > $2::date THEN 'upcoming'
             WHEN "planPhase" IN ('followed_up', 'answered') THEN "planPhase"
             WHEN "planOpensOn" <= $2::date THEN 'due'
             WHEN "planOpensOn" <= $3::date THEN 'this_week'
             ELSE 'waiting' END AS section
      FROM "Job" WHERE "userId" = $4
    ), r AS (
      SELECT id, section,
        ROW_NUMBER() OVER (PARTITION BY section ORDER BY
          CASE WHEN section IN ('due', 'this_week', 'waiting') THEN "planOpensOn" WHEN section = 'upcoming' THEN "planStageOn" END ASC NULLS LAST,
          "planLastOn" DESC NULLS LAST, "createdAt" DESC, id) AS rn,
        COUNT(*) OVER (PARTITION BY section)::int AS n,
        COUNT(*) FILTER (WHERE stale) OVER ()::int AS stale
      FROM c
    )
    SELECT id, section, rn, n, stale FROM r
    WHERE rn = 1 OR rn <= ($5::jsonb ->> section)::int
    ORDER BY section, rn`, [RULES_VERSION, today, weekEnd, ownerId, limits]);
  let placed = await place();
  if (placed.some((p) => p.stale > 0)) {
    await refreshStalePlans(ownerId);
    placed = await place();
  }

  const counts = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<SectionKey, number>;
  const shown = placed.filter((p) => {
    counts[p.section] = p.n;
    return Number(p.rn) <= limit(p.section);
  });
  const rows = await jobRowsByIds(shown.map((p) => p.id));
  const byId = new Map(rows.map((r) => [r.id, r]));

  const timeline: Timeline = {
    today, timeZone: owner.timeZone, ownerName: owner.name,
    sections: Object.fromEntries(JOB_SECTIONS.map((s) => [s, []])) as unknown as Record<JobSectionKey, JobDTO[]>,
    archived: [],
    counts, total: SECTIONS.reduce((sum, s) => (s === "archived" ? sum : sum + counts[s]), 0), expanded: expand,
  };
  for (const p of shown) {
    const row = byId.get(p.id);
    if (!row) continue; // deleted between the two queries
    if (p.section === "archived") timeline.archived.push({ id: row.id, company: row.company, role: row.role });
    else timeline.sections[p.section].push(toJobDTO(row, today, owner, visibility, viewerId, voice));
  }
  return timeline;
}

type Owner = { name: string; timeZone: string } & CalendarSettings;

/** The job seeker's name, zone and working calendar, whoever reads their jobs; null if there is no such user. */
async function ownerOf(ownerId: string): Promise<Owner | null> {
  // On the pool directly (lib/db.ts, readRows): every coach and link view asks it.
  const rows = await readRows<Owner>(`SELECT name, "timeZone", workdays, "holidayRegion" FROM "User" WHERE id = $1`, [ownerId]);
  return rows[0] ?? null;
}

/** The signed-in user's own timeline. */
export async function listTimeline(now?: Date, expand?: SectionKey | null): Promise<Timeline> {
  const viewer = await requireUser();
  return loadTimeline(viewer.id, FULL_VISIBILITY, viewer.id, now, { expand, owner: viewer });
}

/**
 * The timeline as a coach or a link visitor sees it: archived jobs left out (the job seeker
 * put them away) and only the comments `keepComment` allows.
 */
export function readOnlyTimeline(timeline: Timeline, keepComment: (comment: CommentDTO) => boolean): Timeline {
  const sections = Object.fromEntries(
    JOB_SECTIONS.map((s) => [s, timeline.sections[s].map((job) => ({ ...job, comments: job.comments.filter(keepComment) }))]),
  ) as Record<JobSectionKey, JobDTO[]>;
  return { ...timeline, sections, archived: [], counts: { ...timeline.counts, archived: 0 } };
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
  const [owner, row] = await Promise.all([ownerOf(ownerId), jobRowOf(ownerId, jobId, { live: true })]);
  if (!owner || !row) return null;
  const today = todayIn(owner.timeZone);
  const job = toJobDTO(row, today, owner, visibility, viewerId, "they");
  return { job: { ...job, comments: job.comments.filter(keepComment) }, today, ownerName: owner.name };
}
