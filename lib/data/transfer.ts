import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { exportFile, planImport, previewOf, type ExportFile, type ExportFormat, type ExportedJob, type ExportedStage, type ImportPreview } from "@/lib/transfer";
import { dateString, toDate } from "./mappers";
import { refreshPlans } from "./plans";
import { calendarForStages } from "./working-calendar";
import { requireUser } from "./session";
import { todayIn } from "@/lib/time/zones";

// Export and import of a user's jobs (issue 8): who is asking, their jobs read, an import written
// in one transaction. The formats, and every check of a file, are pure code in lib/transfer.

const exportInclude = { stages: { orderBy: [{ on: "asc" }, { createdAt: "asc" }] } } satisfies Prisma.JobInclude;
type ExportRow = Prisma.JobGetPayload<{ include: typeof exportInclude }>;

function toExportedJob(job: ExportRow): ExportedJob {
  const followUps = new Map(job.stages.filter((s) => s.forStageId).map((s) => [s.forStageId!, s]));
  const stages = job.stages
    .filter((s) => !s.forStageId)
    .map((s): ExportedStage => {
      const f = followUps.get(s.id);
      return {
        kind: s.kind,
        on: dateString(s.on),
        time: s.time,
        withWhom: s.withWhom,
        answerBy: s.answerBy ? dateString(s.answerBy) : null,
        channel: s.channel,
        note: s.note,
        followUp: f ? { on: dateString(f.on), channel: f.channel, note: f.note, early: f.early } : null,
      };
    });
  return {
    company: job.company,
    role: job.role,
    sourceUrl: job.sourceUrl,
    contactName: job.contactName,
    contactPhone: job.contactPhone,
    contactEmail: job.contactEmail,
    notes: job.notes,
    archived: job.archivedAt !== null,
    createdAt: job.createdAt.toISOString(),
    stages,
  };
}

/** Every job of the viewer's (archived ones too) as a file to download. */
export async function exportJobs(format: ExportFormat): Promise<ExportFile> {
  const viewer = await requireUser();
  const rows = await db.job.findMany({ where: { userId: viewer.id }, include: exportInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return exportFile(rows.map(toExportedJob), format, todayIn(viewer.timeZone), new Date());
}

/** What the user sees in the preview. Reads and checks everything; writes nothing. */
export async function previewImport(input: unknown): Promise<ImportPreview> {
  const viewer = await requireUser();
  const today = todayIn(viewer.timeZone);
  return previewOf(input, today, (stages) => calendarForStages(viewer, [stages], today));
}

/**
 * Re-reads and re-checks the file (never the preview's values), then writes every job in one
 * transaction: a file with any problem imports nothing, and the error names the rows. A replay
 * of the same request (a double click) imports nothing more and reports the first import.
 */
export async function importJobs(input: unknown): Promise<{ imported: number }> {
  const viewer = await requireUser();
  const today = todayIn(viewer.timeZone);
  const plan = planImport(input, today, (stages) => calendarForStages(viewer, [stages], today));
  const now = new Date();
  // createdAt follows the file's order, which breaks ties between entries dated the same day.
  let tick = now.getTime();
  const next = () => new Date(tick++);
  const prefix = plan.requestId ? `import-${plan.requestId}-` : null;
  const jobs: Prisma.JobCreateManyInput[] = [];
  const stages: Prisma.StageCreateManyInput[] = [];
  const followUps: Prisma.StageCreateManyInput[] = [];
  plan.jobs.forEach((job, n) => {
    const jobId = newId();
    jobs.push({
      id: jobId,
      userId: viewer.id,
      company: job.company,
      role: job.role,
      ...job.details,
      archivedAt: job.archived ? now : null,
      requestId: prefix ? `${prefix}${n}` : null,
      createdAt: next(),
    });
    for (const s of job.stages) {
      const stageId = newId();
      const { on, time, withWhom, answerBy, channel, note, kind } = s;
      stages.push({ id: stageId, jobId, kind, on: toDate(on), time, withWhom, answerBy: answerBy ? toDate(answerBy) : null, channel, note, createdAt: next() });
      const f = s.followUp;
      if (f) followUps.push({ id: newId(), jobId, kind: "follow_up", on: toDate(f.on), channel: f.channel, note: f.note, early: f.early, forStageId: stageId, createdAt: next() });
    }
  });
  try {
    // Follow-ups after the stages they point at: createMany may be split into several statements.
    await db.$transaction([db.job.createMany({ data: jobs }), db.stage.createMany({ data: stages }), db.stage.createMany({ data: followUps })]);
  } catch (error) {
    if (prefix && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const imported = await db.job.count({ where: { userId: viewer.id, requestId: { startsWith: prefix } } });
      if (imported > 0) return { imported };
    }
    throw error;
  }
  await refreshPlans(jobs.map((j) => j.id!));
  return { imported: jobs.length };
}

const newId = () => randomUUID().replaceAll("-", "");
