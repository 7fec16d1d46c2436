import "server-only";
import type { FollowUpPlan } from "@/lib/followup/rules";
import type { Stage } from "@/lib/generated/prisma/client";
import type { StageKind } from "@/lib/followup/rules";

/** A stage as the UI and the rules engine see it: dates as YYYY-MM-DD strings. */
export type StageDTO = {
  id: string;
  kind: StageKind;
  on: string;
  answerBy: string | null;
  time: string | null;
  withWhom: string | null;
  channel: "phone" | "email" | null;
  note: string;
  early: boolean;
};

export type CommentDTO = { id: string; authorName: string; body: string; createdAt: string; mine: boolean };

export type JobDTO = {
  id: string;
  company: string;
  role: string;
  sourceUrl: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  notes: string;
  archived: boolean;
  stages: StageDTO[];
  plan: FollowUpPlan<StageDTO>;
  comments: CommentDTO[];
};

/** What a viewer may see of a job: coaches on a link may not see contacts or private notes. */
export type Visibility = { contacts: boolean; notes: boolean };
export const FULL_VISIBILITY: Visibility = { contacts: true, notes: true };

// Prisma returns @db.Date columns as midnight UTC.
export const dateString = (d: Date) => d.toISOString().slice(0, 10);
export const toDate = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** What toStageDTO reads of a stage row (a Prisma Stage has it all). */
export type StageRow = Pick<Stage, "id" | "kind" | "on" | "answerBy" | "time" | "withWhom" | "channel" | "note" | "early">;

export function toStageDTO(row: StageRow, visibility: Visibility = FULL_VISIBILITY): StageDTO {
  return {
    id: row.id,
    kind: row.kind,
    on: dateString(row.on),
    answerBy: row.answerBy ? dateString(row.answerBy) : null,
    time: row.time,
    withWhom: visibility.contacts ? row.withWhom : null,
    channel: row.channel,
    note: visibility.notes ? row.note : "",
    early: row.early,
  };
}
