-- A per-user counter of everything a signed-in page shows. The app server keeps rendered pages
-- keyed by it (scripts/lib/page-cache.mjs), so it must move with every change, whatever code
-- path makes it: triggers, in the same transaction as the change. Rewriting a job's plan
-- snapshot is not a change (a page recomputes a stale plan before it renders).
--
-- Prisma's migration engine splits a script at every semicolon, even inside quoted function
-- bodies, so each PL/pgSQL body below is an E'' string and writes its semicolons as \073.
ALTER TABLE "User" ADD COLUMN "pageVersion" INTEGER NOT NULL DEFAULT 1;

CREATE FUNCTION callback_bump_page_version(user_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "User" SET "pageVersion" = "pageVersion" + 1 WHERE id = ANY(user_ids)
$$;

CREATE FUNCTION callback_job_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    PERFORM callback_bump_page_version(ARRAY[OLD."userId"])\073
  ELSIF TG_OP = ''UPDATE'' THEN
    PERFORM callback_bump_page_version(ARRAY[OLD."userId", NEW."userId"])\073
  ELSE
    PERFORM callback_bump_page_version(ARRAY[NEW."userId"])\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Job_page_version_insert_delete" AFTER INSERT OR DELETE ON "Job"
  FOR EACH ROW EXECUTE FUNCTION callback_job_changed();
CREATE TRIGGER "Job_page_version_update" AFTER UPDATE ON "Job" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - ARRAY['planVersion', 'planPhase', 'planStageOn', 'planOpensOn', 'planLastOn', 'updatedAt'])
        IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['planVersion', 'planPhase', 'planStageOn', 'planOpensOn', 'planLastOn', 'updatedAt']))
  EXECUTE FUNCTION callback_job_changed();

-- Stages and comments belong to a job: its owner's pages change.
CREATE FUNCTION callback_job_child_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM callback_bump_page_version(ARRAY(SELECT "userId" FROM "Job" WHERE id = OLD."jobId"))\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND (TG_OP = ''INSERT'' OR NEW."jobId" IS DISTINCT FROM OLD."jobId") THEN
    PERFORM callback_bump_page_version(ARRAY(SELECT "userId" FROM "Job" WHERE id = NEW."jobId"))\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Stage_page_version" AFTER INSERT OR UPDATE OR DELETE ON "Stage"
  FOR EACH ROW EXECUTE FUNCTION callback_job_child_changed();
CREATE TRIGGER "Comment_page_version" AFTER INSERT OR UPDATE OR DELETE ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION callback_job_child_changed();

-- A coach grant shows on the owner's pages, the coach's, and (as a pending invitation, by
-- e-mail) on the pages of whoever holds the invited address.
CREATE FUNCTION callback_grant_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM callback_bump_page_version(ARRAY(
      SELECT id FROM "User" WHERE id IN (OLD."ownerId", OLD."coachId") OR email = OLD."coachEmail"))\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM callback_bump_page_version(ARRAY(
      SELECT id FROM "User" WHERE id IN (NEW."ownerId", NEW."coachId") OR email = NEW."coachEmail"))\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "CoachGrant_page_version" AFTER INSERT OR UPDATE OR DELETE ON "CoachGrant"
  FOR EACH ROW EXECUTE FUNCTION callback_grant_changed();

-- The user's own row (name, time zone, e-mail, settings...): any change but the counter itself.
-- A coach's name (and address) also shows on their clients' pages, next to their comments and
-- as their coach: those clients move too.
CREATE FUNCTION callback_user_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."pageVersion" := OLD."pageVersion" + 1\073
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.email IS DISTINCT FROM OLD.email THEN
    PERFORM callback_bump_page_version(ARRAY(
      SELECT j."userId" FROM "Comment" c JOIN "Job" j ON j.id = c."jobId" WHERE c."authorId" = NEW.id AND j."userId" <> NEW.id
      UNION
      SELECT g."ownerId" FROM "CoachGrant" g WHERE g."coachId" = NEW.id AND g."ownerId" <> NEW.id))\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER "User_page_version" BEFORE UPDATE ON "User" FOR EACH ROW
  WHEN (NEW."pageVersion" = OLD."pageVersion"
        AND (to_jsonb(OLD) - ARRAY['pageVersion', 'updatedAt']) IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['pageVersion', 'updatedAt']))
  EXECUTE FUNCTION callback_user_changed();
