/*
 * The Insights figures (issue 16) as pure code: a user's jobs and "today" in, numbers and
 * sentences out; no database, no clock. lib/data/insights.ts decides who may see whose figures
 * and reads the stages in one statement; everything else is here.
 *
 *   period.ts   the periods offered (30 / 90 days, all) and Monday weeks
 *   stats.ts    median and spread, shares
 *   figures.ts  the definitions: funnel, response rate, time to an answer, did the call pay
 *               off, promises kept, activity per week
 *   copy.ts     what the page says about each figure, and its cautions when too few
 *   csv.ts      the CSV download
 */
export * from "./copy";
export * from "./csv";
export * from "./figures";
export * from "./period";
export * from "./stats";
