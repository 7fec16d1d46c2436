-- The working calendar (issue 15, docs/decisions/017): Monday to Friday and no public holidays for
-- every existing and new user until they choose. The User page-version trigger moves the page
-- version with any change to these columns, in the same transaction.
ALTER TABLE "User" ADD COLUMN "workdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[];
ALTER TABLE "User" ADD COLUMN "holidayRegion" TEXT;
ALTER TABLE "User" ADD COLUMN "calendarVersion" INTEGER NOT NULL DEFAULT 1;
-- Prisma's Int[] is a list that is never NULL, and the database holds it to a real, non-empty week too.
UPDATE "User" SET "workdays" = ARRAY[1, 2, 3, 4, 5]::INTEGER[] WHERE "workdays" IS NULL;
ALTER TABLE "User" ALTER COLUMN "workdays" SET NOT NULL;
ALTER TABLE "User" ADD CONSTRAINT "User_workdays_week" CHECK (
  cardinality("workdays") BETWEEN 1 AND 7 AND "workdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::INTEGER[]);
