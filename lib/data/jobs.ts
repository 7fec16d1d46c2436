import "server-only";
import { db, readRows } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { addDays, canLogFollowUp, planFollowUp, type Voice } from "@/lib/followup";
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_DATE, fieldErrorsOf } from "@/lib/validation/fields";
import { AddStageInput, CreateJobInput, JobIdInput, LogFollowUpInput, StageIdInput, UpdateJobInput } from "@/lib/validation/jobs";
import { FULL_VISIBILITY, dateString, toDate, toStageDTO, type JobDTO, type StageRow, type Visibility } from "./mappers";
import { refreshPlans } from "./plans";
import { requireUser, type Viewer } from "./session";
import { todayIn } from "@/lib/time/zones";
import { calendarForStages, type CalendarSettings } from "./working-calendar";

export const jobInclude = {
  stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] },
  comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
} satisfies Prisma.JobInclude;
/** What toJobDTO reads of a job: a Prisma row with jobInclude, or one from jobRowsByIds. */
type JobRow = Pick<
  Prisma.JobGetPayload<object>,
  "id" | "company" | "role" | "sourceUrl" | "contactName" | "contactPhone" | "contactEmail" | "notes" | "archivedAt"
> & {
  /** requestId: the form submission that recorded it, for replays of a write. */
  stages: (StageRow & { requestId: string | null })[];
  comments: { id: string; authorId: string; body: string; createdAt: Date; author: { name: string } }[];
};

type RawJob = Omit<JobRow, "archivedAt" | "stages" | "comments"> & {
  archivedAt: string | null;
  stages: (Omit<StageRow, "on" | "answerBy"> & { on: string; answerBy: string | null; requestId: string | null })[];
  comments: { id: string; authorId: string; authorName: string; body: string; createdAt: string }[];
};
const parsedJson = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
// Instants are stored as UTC without a zone (Prisma's convention for timestamp(3)): read as text, never in the server's zone.
const INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Jobs with their stages and comments (in jobInclude's order) in ONE statement on the pool
 * (lib/db.ts, readRows), for every page that shows jobs: Prisma's findMany with includes sends
 * four and spends ~9 ms of CPU per 60 jobs building the result, against ~2 ms for this
 * (measured; docs/decisions/011-page-cache.md); for one job (the job page, every write to a job)
 * four statements through Prisma become one on the pool. `where` is a constant condition on `j`
 * with $1, $2… bound to `values`: callers decide who may see which jobs. Order: unspecified.
 */
async function jobRowsWhere(where: string, values: unknown[]): Promise<JobRow[]> {
  const rows = await readRows<RawJob>(`
    SELECT j.id, j.company, j.role, j."sourceUrl", j."contactName", j."contactPhone", j."contactEmail", j.notes,
      to_char(j."archivedAt", ${INSTANT}) AS "archivedAt",
      COALESCE((SELECT json_agg(json_build_object(
          'id', s.id, 'kind', s.kind, 'on', to_char(s."on", 'YYYY-MM-DD'), 'answerBy', to_char(s."answerBy", 'YYYY-MM-DD'),
          'time', s.time, 'withWhom', s."withWhom", 'channel', s.channel, 'note', s.note, 'early', s.early, 'requestId', s."requestId")
        ORDER BY s."on", s."createdAt", s.id) FROM "Stage" s WHERE s."jobId" = j.id), '[]') AS stages,
      COALESCE((SELECT json_agg(json_build_object(
          'id', c.id, 'authorId', c."authorId", 'authorName', u.name, 'body', c.body,
          'createdAt', to_char(c."createdAt", ${INSTANT}))
        ORDER BY c."createdAt", c.id) FROM "Comment" c JOIN "User" u ON u.id = c."authorId" WHERE c."jobId" = j.id), '[]') AS comments
    FROM "Job" j WHERE ${where}`, values);
  return rows.map((row) => ({
    ...row,
    archivedAt: row.archivedAt === null ? null : new Date(row.archivedAt),
    stages: parsedJson(row.stages).map((s) => ({ ...s, on: toDate(s.on), answerBy: s.answerBy === null ? null : toDate(s.answerBy) })),
    comments: parsedJson(row.comments).map((c) => ({
      id: c.id, authorId: c.authorId, body: c.body, createdAt: new Date(c.createdAt), author: { name: c.authorName },
    })),
  }));
}

/** The jobs with these ids (the timeline's shown jobs). Callers have already decided the viewer may see them. */
export async function jobRowsByIds(ids: string[]): Promise<JobRow[]> {
  if (!ids.length) return [];
  return jobRowsWhere(`j.id = ANY($1::text[])`, [ids]);
}

/** One job of `ownerId`'s (not archived when `live`), or null: the owner is part of the condition. */
export async function jobRowOf(ownerId: string, jobId: string, { live = false } = {}): Promise<JobRow | null> {
  const rows = await jobRowsWhere(`j.id = $1 AND j."userId" = $2${live ? ` AND j."archivedAt" IS NULL` : ""}`, [jobId, ownerId]);
  return rows[0] ?? null;
}

/**
 * `owner`: the job seeker's working calendar, whoever reads (issue 15). `voice`: "they" when the
 * viewer is not the job seeker (a coach, a link visitor).
 */
export function toJobDTO(
  row: JobRow, today: string, owner: CalendarSettings, visibility: Visibility = FULL_VISIBILITY, viewerId?: string, voice: Voice = "you",
): JobDTO {
  const stages = row.stages.map((s) => toStageDTO(s, visibility));
  const calendar = calendarForStages(owner, [stages], today);
  return {
    id: row.id,
    company: row.company,
    role: row.role,
    sourceUrl: row.sourceUrl,
    contactName: visibility.contacts ? row.contactName : null,
    contactPhone: visibility.contacts ? row.contactPhone : null,
    contactEmail: visibility.contacts ? row.contactEmail : null,
    notes: visibility.notes ? row.notes : "",
    archived: row.archivedAt !== null,
    stages,
    plan: planFollowUp({ stages, today, voice, calendar }),
    comments: row.comments.map((c) => ({
      id: c.id,
      authorName: c.author.name,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
      mine: c.authorId === viewerId,
    })),
  };
}

function invalid(error: { issues: unknown[] } & Parameters<typeof fieldErrorsOf>[0]): AppError {
  return new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(error));
}

/**
 * Marks the job's stored plan snapshot stale, in the same transaction as the write that
 * changes its history; refreshPlans then rewrites it. Should that refresh fail, the next
 * timeline read recomputes it (lib/data/plans.ts), so a job never sits in the wrong section.
 */
const invalidatePlan = (jobId: string) => db.job.update({ where: { id: jobId }, data: { planVersion: null }, select: { id: true } });

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** The viewer's own job, or not found (never "forbidden": no existence leak). */
async function ownJob(viewer: Viewer, jobId: string): Promise<JobRow> {
  const job = await jobRowOf(viewer.id, jobId);
  if (!job) throw notFound("That job");
  return job;
}

/** Zod's field errors plus "not in the future" (which needs the user's today), all at once. */
function parseJobFields<T extends { appliedOn: string }>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof fieldErrorsOf>[0] } },
  input: unknown,
  today: string,
): T {
  const parsed = schema.safeParse(input);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const appliedOn = parsed.success ? parsed.data.appliedOn : (input as { appliedOn?: unknown } | null)?.appliedOn;
  if (typeof appliedOn === "string" && !errors.appliedOn && appliedOn.trim() > today) {
    errors.appliedOn = ["The date you applied cannot be in the future."];
  }
  if (!parsed.success || Object.keys(errors).length) throw new AppError("invalid", "Check the highlighted fields.", errors);
  return parsed.data;
}

export async function createJob(input: unknown): Promise<{ id: string }> {
  const viewer = await requireUser();
  const { appliedOn, requestId, ...fields } = parseJobFields(CreateJobInput, input, todayIn(viewer.timeZone));
  try {
    const job = await db.job.create({
      data: { ...fields, userId: viewer.id, requestId, stages: { create: { kind: "applied", on: toDate(appliedOn) } } },
      select: { id: true },
    });
    await refreshPlans([job.id]);
    return job;
  } catch (error) {
    // A double-click or replay of the same form: the job already exists, return it.
    if (requestId && isUniqueViolation(error)) {
      const existing = await db.job.findFirst({ where: { userId: viewer.id, requestId }, select: { id: true } });
      if (existing) return existing;
    }
    throw error;
  }
}

export async function updateJob(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const { jobId, appliedOn, ...fields } = parseJobFields(UpdateJobInput, input, todayIn(viewer.timeZone));
  const job = await ownJob(viewer, jobId);
  const applied = job.stages.find((s) => s.kind === "applied");
  const firstLater = job.stages.filter((s) => s.kind !== "applied").map((s) => dateString(s.on)).sort()[0];
  if (firstLater && appliedOn > firstLater) {
    throw new AppError("invalid", "Check the highlighted fields.", {
      appliedOn: ["The date you applied cannot be after the later entries in this job's history."],
    });
  }
  // A field the user emptied is cleared (undefined would leave the old value).
  const data = {
    ...fields,
    sourceUrl: fields.sourceUrl ?? null,
    contactName: fields.contactName ?? null,
    contactPhone: fields.contactPhone ?? null,
    contactEmail: fields.contactEmail ?? null,
  };
  // Edit and the applied date move together, or not at all.
  await db.$transaction([
    db.job.update({ where: { id: job.id }, data: { ...data, planVersion: null } }),
    ...(applied ? [db.stage.update({ where: { id: applied.id }, data: { on: toDate(appliedOn) } })] : []),
  ]);
  await refreshPlans([job.id]);
}

/** Archived, not destroyed: one wrong click loses nothing, and restoreJob undoes it. */
export async function archiveJob(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = JobIdInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { count } = await db.job.updateMany({ where: { id: parsed.data.jobId, userId: viewer.id }, data: { archivedAt: new Date() } });
  if (count === 0) throw notFound("That job");
}

export async function restoreJob(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = JobIdInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { count } = await db.job.updateMany({ where: { id: parsed.data.jobId, userId: viewer.id }, data: { archivedAt: null } });
  if (count === 0) throw notFound("That job");
}

export async function addStage(input: unknown): Promise<{ id: string }> {
  const viewer = await requireUser();
  const parsed = AddStageInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { jobId, answerInDays, answerBy, requestId, ...fields } = parsed.data;
  const job = await ownJob(viewer, jobId);
  const today = todayIn(viewer.timeZone);
  if (fields.kind !== "interview" && fields.on > today) {
    throw new AppError("invalid", "Check the highlighted fields.", { on: ["This cannot be dated in the future."] });
  }
  const applied = job.stages.find((s) => s.kind === "applied");
  if (applied && fields.on < dateString(applied.on)) {
    throw new AppError("invalid", "Check the highlighted fields.", { on: ["This cannot be before the date you applied."] });
  }
  const promised = answerBy ?? (answerInDays !== undefined ? addDays(fields.on, answerInDays) : undefined);
  if (promised && promised > MAX_DATE) {
    throw new AppError("invalid", "Check the highlighted fields.", { answerInDays: ["That promised date is too far away."] });
  }
  try {
    const [stage] = await db.$transaction([
      db.stage.create({
        data: { ...fields, jobId: job.id, requestId, on: toDate(fields.on), answerBy: promised ? toDate(promised) : null },
        select: { id: true },
      }),
      invalidatePlan(job.id),
    ]);
    await refreshPlans([job.id]);
    return stage;
  } catch (error) {
    if (requestId && isUniqueViolation(error)) {
      const existing = await db.stage.findFirst({ where: { jobId: job.id, requestId }, select: { id: true } });
      if (existing) return existing;
    }
    throw error;
  }
}

/**
 * Logs the one follow-up of the job's current stage. The rules engine decides whether it
 * may be logged; the unique index on Stage.forStageId holds the line under concurrency.
 */
export async function logFollowUp(input: unknown): Promise<{ id: string; early: boolean }> {
  const viewer = await requireUser();
  const parsed = LogFollowUpInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { jobId, on, channel, note, requestId } = parsed.data;
  const job = await ownJob(viewer, jobId);
  const today = todayIn(viewer.timeZone);
  const stages = job.stages.map((s) => toStageDTO(s));
  const verdict = canLogFollowUp({ stages, on, today, calendar: calendarForStages(viewer, [stages], today) });
  if (!verdict.ok) {
    if (requestId) {
      const replay = job.stages.find((s) => s.requestId === requestId);
      if (replay) return { id: replay.id, early: replay.early };
    }
    throw new AppError(verdict.code === "already_followed_up" ? "already_followed_up" : "invalid", verdict.reason, {
      on: verdict.code === "already_followed_up" ? [] : [verdict.reason],
    });
  }
  try {
    const [stage] = await db.$transaction([
      db.stage.create({
        data: { jobId: job.id, kind: "follow_up", on: toDate(on), channel, note, early: verdict.early, forStageId: verdict.stage.id, requestId },
        select: { id: true, early: true },
      }),
      invalidatePlan(job.id),
    ]);
    await refreshPlans([job.id]);
    return stage;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone (another tab, a replay, a concurrent request) got there first.
    const fresh = await ownJob(viewer, jobId);
    const replay = requestId ? fresh.stages.find((s) => s.requestId === requestId) : undefined;
    if (replay) return { id: replay.id, early: replay.early };
    const freshStages = fresh.stages.map((s) => toStageDTO(s));
    const again = canLogFollowUp({ stages: freshStages, on, today, calendar: calendarForStages(viewer, [freshStages], today) });
    throw new AppError("already_followed_up", again.ok ? "This stage already has its follow-up." : again.reason);
  }
}

/** Removes a stage entered by mistake; the application itself stays (edit its date instead). */
export async function deleteStage(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = StageIdInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const stage = await db.stage.findFirst({
    where: { id: parsed.data.stageId, jobId: parsed.data.jobId, job: { userId: viewer.id } },
    select: { id: true, kind: true },
  });
  if (!stage) throw notFound("That entry");
  if (stage.kind === "applied") throw new AppError("invalid", "The application itself cannot be removed; change its date or archive the job.");
  await db.$transaction([db.stage.delete({ where: { id: stage.id } }), invalidatePlan(parsed.data.jobId)]);
  await refreshPlans([parsed.data.jobId]);
}

/** A job of the viewer's, with its full history and plan. */
export async function getJob(jobId: string): Promise<JobDTO & { today: string }> {
  const viewer = await requireUser();
  if (!JobIdInput.safeParse({ jobId }).success) throw notFound("That job");
  const today = todayIn(viewer.timeZone);
  return { ...toJobDTO(await ownJob(viewer, jobId), today, viewer, FULL_VISIBILITY, viewer.id), today };
}
