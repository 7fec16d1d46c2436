-- The rules engine's plan with "today" factored out (see lib/followup/snapshot.ts).
ALTER TABLE "Job" ADD COLUMN "planVersion" INTEGER;
ALTER TABLE "Job" ADD COLUMN "planPhase" TEXT;
ALTER TABLE "Job" ADD COLUMN "planStageOn" DATE;
ALTER TABLE "Job" ADD COLUMN "planOpensOn" DATE;
ALTER TABLE "Job" ADD COLUMN "planLastOn" DATE;
