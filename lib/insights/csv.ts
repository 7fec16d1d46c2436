import { stringify } from "csv-stringify/sync";
import type { Insights } from "./figures";
import { PERIOD_LABELS } from "./period";
import type { Spread } from "./stats";

/*
 * The figures as a CSV download: one figure per row in long form (Figure, Measure, Value, Unit),
 * so a spreadsheet can filter and chart them. Shares are percentages with one decimal. Every
 * cell is our own label or a number: no user text, so nothing for a spreadsheet to run.
 */

export const INSIGHTS_CSV_COLUMNS = ["Figure", "Measure", "Value", "Unit"] as const;
type Row = [figure: string, measure: string, value: string, unit: string];

const pct = (share: number | null) => (share === null ? "" : String(Math.round(share * 1000) / 10));
const num = (n: number) => String(Math.round(n * 10) / 10);

function spreadRows(figure: string, s: Spread | null, unit: string): Row[] {
  if (!s) return [[figure, "Answers", "0", "answers"]];
  return [
    [figure, "Answers", String(s.n), "answers"],
    [figure, "Median", num(s.median), unit],
    [figure, "25th percentile", num(s.p25), unit],
    [figure, "75th percentile", num(s.p75), unit],
    [figure, "Shortest", num(s.min), unit],
    [figure, "Longest", num(s.max), unit],
  ];
}

export function insightsRows(ins: Insights): Row[] {
  const rows: Row[] = [
    ["Period", PERIOD_LABELS[ins.period], "", ""],
    ["Period", "From", ins.from ?? "", "date"],
    ["Period", "To", ins.today, "date"],
  ];
  for (const step of ins.funnel) {
    rows.push(["Funnel", step.label, String(step.count), "applications"], ["Funnel", `${step.label}, share of applications`, pct(step.share), "%"]);
  }
  const r = ins.response;
  rows.push(
    ["Response rate", "Answered", String(r.answered), "applications"],
    ["Response rate", "Heard nothing", String(r.silent), "applications"],
    ["Response rate", "Heard nothing, less than two weeks old", String(r.recentSilent), "applications"],
    ["Response rate", "Withdrawn before any answer (not counted)", String(r.withdrawn), "applications"],
    ["Response rate", "Rate", pct(r.rate), "%"],
  );
  rows.push(...spreadRows("Time to an answer from applying", ins.timeToAnswer.fromApplying, "days"));
  rows.push(...spreadRows("Time to an answer from the promised date", ins.timeToAnswer.fromPromise, "days after the date"));
  const p = ins.payoff;
  rows.push(
    ["Did the call pay off", "With a call: stages", String(p.withCall.stages), "stages"],
    ["Did the call pay off", "With a call: answered within 14 days", String(p.withCall.answered), "stages"],
    ["Did the call pay off", "With a call: share answered", pct(p.withCall.share), "%"],
    ["Did the call pay off", "Without a call: stages", String(p.withoutCall.stages), "stages"],
    ["Did the call pay off", "Without a call: answered within 14 days", String(p.withoutCall.answered), "stages"],
    ["Did the call pay off", "Without a call: share answered", pct(p.withoutCall.share), "%"],
    ["Did the call pay off", "Too recent to tell", String(p.tooEarly), "stages"],
    ["Did the call pay off", "Calls before the window opened (left out)", String(p.earlyCalls), "stages"],
  );
  const pr = ins.promises;
  rows.push(
    ["Promises kept", "Judged", String(pr.judged), "promises"],
    ["Promises kept", "Kept", String(pr.kept), "promises"],
    ["Promises kept", "A day or two late", String(pr.late.oneOrTwo), "promises"],
    ["Promises kept", "3 to 7 days late", String(pr.late.upToWeek), "promises"],
    ["Promises kept", "More than a week late", String(pr.late.moreThanWeek), "promises"],
    ["Promises kept", "No answer yet, date passed", String(pr.unanswered), "promises"],
    ["Promises kept", "Date still ahead (not judged)", String(pr.pending), "promises"],
    ["Promises kept", "Share kept", pct(pr.keptShare), "%"],
  );
  for (const w of ins.weeks) {
    rows.push(
      ["Activity", `Week of ${w.weekOf}: applications`, String(w.applications), "applications"],
      ["Activity", `Week of ${w.weekOf}: interviews`, String(w.interviews), "interviews"],
      ["Activity", `Week of ${w.weekOf}: follow-ups`, String(w.followUps), "follow-ups"],
    );
  }
  return rows;
}

export type InsightsFile = { filename: string; contentType: string; body: string };

export function insightsCsv(ins: Insights): InsightsFile {
  // The byte order mark makes Excel read the file as UTF-8 (as the jobs export).
  const body = stringify(insightsRows(ins), { bom: true, header: true, columns: [...INSIGHTS_CSV_COLUMNS] });
  return { filename: `callback-insights-${ins.period}-${ins.today}.csv`, contentType: "text/csv; charset=utf-8", body };
}
