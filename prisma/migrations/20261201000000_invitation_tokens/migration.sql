-- Issue 12, finding 3: an invitation is accepted with the secret of its link, never by an e-mail
-- address match (there is no address verification, so whoever registered the invited address
-- first could take it). Only the token's SHA-256 is stored, with the link's expiry.
DROP INDEX "CoachGrant_coachEmail_idx";
ALTER TABLE "CoachGrant" ADD COLUMN "tokenHash" TEXT;
ALTER TABLE "CoachGrant" ADD COLUMN "expiresAt" TIMESTAMP(3);
CREATE UNIQUE INDEX "CoachGrant_tokenHash_key" ON "CoachGrant"("tokenHash");

-- Invitations still pending have no link: they expire now and their owner sees them as
-- "expired, send again" on /sharing. Accepted grants stay live, revoked ones stay revoked.
UPDATE "CoachGrant" SET "expiresAt" = CURRENT_TIMESTAMP WHERE "acceptedAt" IS NULL AND "revokedAt" IS NULL;

-- A grant now shows on its owner's pages and its coach's only: nobody's pages list invitations
-- by e-mail address any more. This replaces the function of 20261126000000_page_version, and the
-- trigger still fires on every change, so a grant becoming live or revoked moves both.
-- Prisma splits a script at every semicolon (comments too), so the body writes them as \073.
CREATE OR REPLACE FUNCTION callback_grant_changed() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM callback_bump_page_version(ARRAY[OLD."ownerId", OLD."coachId"])\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM callback_bump_page_version(ARRAY[NEW."ownerId", NEW."coachId"])\073
  END IF\073
  RETURN NULL\073
END';
