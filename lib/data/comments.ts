import "server-only";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { AddCommentInput, CommentIdInput } from "@/lib/validation/sharing";
import { requireClient } from "./grants";
import { requireUser } from "./session";

/**
 * A coach's note on a client's job: a coach's only write, and only while their grant is
 * live. The job seeker does not comment on their own jobs (they have notes for that).
 */
export async function addComment(input: unknown): Promise<{ id: string }> {
  const viewer = await requireUser();
  const parsed = AddCommentInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const ownerId = await requireClient(viewer, parsed.data.clientId);
  const job = await db.job.findFirst({ where: { id: parsed.data.jobId, userId: ownerId, archivedAt: null }, select: { id: true } });
  if (!job) throw notFound("That job");
  const { body, requestId } = parsed.data;
  try {
    return await db.comment.create({ data: { jobId: job.id, authorId: viewer.id, body, requestId }, select: { id: true } });
  } catch (error) {
    // The same submission again (a double submit, a retried request): the comment it added.
    if (!(requestId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const first = await db.comment.findFirst({ where: { authorId: viewer.id, requestId }, select: { id: true, jobId: true } });
    if (first?.jobId !== job.id) throw new AppError("invalid", "Reload the page and send the comment again.");
    return { id: first.id };
  }
}

/** The author removes their own comment, while they still have access to the job. */
export async function deleteComment(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = CommentIdInput.safeParse(input);
  if (!parsed.success) throw notFound("That comment");
  const comment = await db.comment.findFirst({ where: { id: parsed.data.commentId, authorId: viewer.id }, select: { id: true, job: { select: { userId: true } } } });
  if (!comment) throw notFound("That comment");
  await requireClient(viewer, comment.job.userId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === "not_found" ? notFound("That comment") : error;
  });
  await db.comment.deleteMany({ where: { id: comment.id, authorId: viewer.id } });
}
