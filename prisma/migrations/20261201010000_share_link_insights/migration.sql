-- A share link shows the job seeker's Insights page only when they tick "show insights" (issue 16).
-- Off for every existing link: what a link shows never grows without its owner's say.
ALTER TABLE "ShareLink" ADD COLUMN "showInsights" BOOLEAN NOT NULL DEFAULT false;
