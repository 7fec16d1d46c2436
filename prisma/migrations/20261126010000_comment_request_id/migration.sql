-- Client-generated id of the comment form's submission: a replayed submission adds one comment.
ALTER TABLE "Comment" ADD COLUMN "requestId" TEXT;
CREATE UNIQUE INDEX "Comment_authorId_requestId_key" ON "Comment"("authorId", "requestId");
