import type { z } from "zod";
import type { StageKind } from "@/lib/followup/rules";
import type { Channel, DateOrder, ImportField, JobColumns } from "./format";

// The shapes that pass between the steps of an export and an import, and out to lib/data and the page.

export type ExportedFollowUp = { on: string; channel: Channel | null; note: string; early: boolean };
export type ExportedStage = {
  kind: StageKind;
  on: string;
  time: string | null;
  withWhom: string | null;
  answerBy: string | null;
  /** Follow-ups only (one not tied to a stage, which the app itself never writes). */
  channel: Channel | null;
  note: string;
  /** The one follow-up that spent this applied or interview stage. */
  followUp: ExportedFollowUp | null;
};
export type ExportedJob = {
  company: string;
  role: string;
  sourceUrl: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  notes: string;
  archived: boolean;
  createdAt: string;
  stages: ExportedStage[];
};

/** A row of the file as the spreadsheet numbers it (the header is row 1). */
export type Row = { row: number; cells: string[] };
export type Problem = { row: number; message: string };

/** A stage the import would write: what the export writes, read from `row`, a follow-up always by phone or email. */
export type PlannedStage = Omit<ExportedStage, "followUp"> & { row: number; followUp: (ExportedFollowUp & { channel: Channel }) | null };
export type JobDetails = Omit<z.infer<typeof JobColumns>, "company" | "role">;
/** A job the import would write, with the rows it was read from. */
export type PlannedJob = {
  rows: number[];
  company: string;
  role: string;
  /** null when a column has a problem (nothing is written then). */
  details: JobDetails | null;
  archived: boolean;
  stages: PlannedStage[];
};

export type ImportPreview = {
  /** Fingerprint of the content read: the import step refuses any other. */
  digest: string;
  columns: { header: string; sample: string; field: ImportField | "" }[];
  dateOrder: DateOrder | "";
  /** The file has dates like 03/04/2026, so the user must say how to read them. */
  numericDates: boolean;
  mappingErrors: string[];
  /** "Row 7: ..." (the first 100), and how many in all. */
  problems: string[];
  problemCount: number;
  /** Read, but not all of it imported (e.g. an interview status without a date). */
  notices: string[];
  rowCount: number;
  jobCount: number;
  entryCount: number;
  /** The first jobs as they will be imported. */
  sample: { rows: string; company: string; role: string; appliedOn: string; history: string; ok: boolean }[];
};
