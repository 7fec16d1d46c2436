import { z } from "zod";
import { isValidDate } from "@/lib/followup/dates";
import type { StageKind } from "@/lib/followup/rules";
import { MAX_DATE, MIN_DATE, optionalText, requestId, text } from "@/lib/validation/fields";
import { JobFields } from "@/lib/validation/jobs";

// The import and export format (issue 8): the columns and their names, and the reading of one
// cell (dates, statuses, entry kinds, channels). The file as a whole is read in ./csv.ts and
// ./analyse.ts.

/** Below the server's 1,000,000-byte body cap (server/body-limit.ts): room for the form around it. */
export const MAX_IMPORT_BYTES = 900_000;
export const MAX_IMPORT_ROWS = 5_000;
/** A quoted cell or a wide sheet is bounded by the file size; this bounds the form. */
export const MAX_IMPORT_COLUMNS = 100;

/** What a column can be read as. The labels are also the headers of Callback's own CSV export. */
export const IMPORT_FIELDS = {
  company: "Company",
  role: "Role",
  appliedOn: "Date applied",
  status: "Status",
  statusDate: "Status date",
  sourceUrl: "Link",
  contactName: "Contact name",
  contactPhone: "Contact phone",
  contactEmail: "Contact email",
  notes: "Notes",
  archived: "Archived",
  job: "Job number",
  entry: "Entry",
  entryDate: "Entry date",
  time: "Time",
  withWhom: "With whom",
  answerBy: "Answer by",
  entryNote: "Entry note",
  followUpOn: "Followed up on",
  followUpChannel: "Follow-up by",
  followUpNote: "Follow-up note",
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_KEYS = Object.keys(IMPORT_FIELDS) as ImportField[];

/** Read on every row, or only on the row that starts a job (Callback's layout repeats them). */
export const JOB_FIELDS = ["company", "role", "sourceUrl", "contactName", "contactPhone", "contactEmail", "notes", "archived"] as const satisfies ImportField[];
/** A spreadsheet or another tracker: one row per job. */
export const SHEET_FIELDS = ["appliedOn", "status", "statusDate"] as const satisfies ImportField[];
/** Callback's own export: one row per entry of a job's history. */
export const HISTORY_FIELDS = ["job", "entry", "entryDate", "time", "withWhom", "answerBy", "entryNote", "followUpOn", "followUpChannel", "followUpNote"] as const satisfies ImportField[];

/** The columns of Callback's CSV export, in order: one row per entry, the job's columns repeated. */
export const EXPORT_COLUMNS: ImportField[] = [
  "job", "company", "role", "sourceUrl", "contactName", "contactPhone", "contactEmail", "notes", "archived",
  "entry", "entryDate", "time", "withWhom", "answerBy", "entryNote", "followUpOn", "followUpChannel", "followUpNote",
];

// Header names seen in spreadsheets and in trackers' exports (Huntr, Teal: "Company, Job
// Title, Date Applied, Status"), compared without case, spaces or punctuation. The field's
// own label always matches, so Callback's export is recognised column for column.
const ALIASES: Partial<Record<ImportField, string[]>> = {
  company: ["companyname", "employer", "organisation", "organization", "org"],
  role: ["title", "jobtitle", "position", "jobposition", "positiontitle", "job", "jobrole", "roletitle", "jobname"],
  appliedOn: ["appliedon", "applied", "applieddate", "applicationdate", "dateofapplication", "date", "datesubmitted", "submittedon"],
  status: ["applicationstatus", "stage", "currentstatus", "state", "outcome"],
  statusDate: ["statusupdated", "statuschanged", "lastupdated", "updated", "updatedon", "dateupdated", "lastupdate"],
  sourceUrl: ["url", "joburl", "joblink", "postingurl", "postinglink", "jobposting", "listingurl", "sourceurl", "applicationlink"],
  contactName: ["contact", "contactperson", "recruiter", "recruitername", "hiringmanager"],
  contactPhone: ["phone", "phonenumber", "telephone", "tel", "recruiterphone"],
  contactEmail: ["email", "emailaddress", "recruiteremail"],
  notes: ["note", "comments", "comment"],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const RECOGNISED = new Map<string, ImportField>();
for (const field of IMPORT_FIELD_KEYS) {
  for (const name of [squash(IMPORT_FIELDS[field]), ...(ALIASES[field] ?? [])]) if (!RECOGNISED.has(name)) RECOGNISED.set(name, field);
}

/** A first guess at each column's field from its header ("" = not imported); each field once. */
export function detectMapping(headers: readonly string[]): (ImportField | "")[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const field = RECOGNISED.get(squash(header));
    if (!field || taken.has(field)) return "";
    taken.add(field);
    return field;
  });
}

export type DateOrder = "mdy" | "dmy";
export type DateReading = { ok: true; date: string } | { ok: false; problem: "format" | "order" | "real" | "range" | "year" };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [0-9:]+(?: ?[ap]m)?)?$/i;
const DAY_MONTH = /^(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{2}|\d{4})$/i;
const MONTH_DAY = /^(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$/i;

/** 1-12 for "Mar", "March", "Sept" (English: what trackers export); 0 otherwise. */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  return n === "sept" ? 9 : n.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(n)) + 1 : 0;
}

function calendar(year: string, month: number, day: number): DateReading {
  if (year.length === 2) return { ok: false, problem: "year" };
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isValidDate(date)) return { ok: false, problem: "real" };
  return date < MIN_DATE || date > MAX_DATE ? { ok: false, problem: "range" } : { ok: true, date };
}

/**
 * A calendar date as people write it: 2026-03-04 (a time after it is ignored), 4 March 2026,
 * Mar 4, 2026. Numeric dates like 03/04/2026 are read in the order the user chose, and
 * refused until they choose: month/day and day/month are equally common in exports.
 */
export function readDate(raw: string, order: DateOrder | ""): DateReading {
  const s = raw.trim().replace(/\s+/g, " ");
  let m = ISO.exec(s);
  if (m) return calendar(m[1]!, Number(m[2]), Number(m[3]));
  if ((m = NUMERIC.exec(s))) {
    if (!order) return { ok: false, problem: "order" };
    const [first, second] = [Number(m[1]), Number(m[2])];
    return order === "mdy" ? calendar(m[3]!, first, second) : calendar(m[3]!, second, first);
  }
  if ((m = DAY_MONTH.exec(s)) && monthNumber(m[2]!)) return calendar(m[3]!, monthNumber(m[2]!), Number(m[1]));
  if ((m = MONTH_DAY.exec(s)) && monthNumber(m[1]!)) return calendar(m[3]!, monthNumber(m[1]!), Number(m[2]));
  return { ok: false, problem: "format" };
}

/** The order numeric dates must be in, when one of them shows it (13/03/2026); else "". */
export function dateOrderOf(values: Iterable<string>): DateOrder | "" {
  let mdy = false;
  let dmy = false;
  for (const value of values) {
    const m = NUMERIC.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  return mdy === dmy ? "" : mdy ? "mdy" : "dmy";
}

export const hasNumericDate = (value: string) => NUMERIC.test(value.trim());

/** The sentence for a date that could not be read, after "Row 7: ". */
export function dateProblem(label: string, raw: string, problem: Exclude<DateReading, { ok: true }>["problem"]): string {
  const shown = `'${raw.trim()}'`;
  switch (problem) {
    case "real":
      return `${label} ${shown} is not a real date.`;
    case "range":
      return `${label} ${shown} must be between 1900 and 2100.`;
    case "year":
      return `${label} ${shown} has a two-digit year: write the year in full.`;
    case "order":
      return `${label} ${shown} could be read two ways: choose whether dates like 03/04/2026 are month/day or day/month.`;
    default:
      return `${label} ${shown} is not a date Callback can read: write it like 2026-03-31 or 31 March 2026.`;
  }
}

/** What a tracker's status means here. "not_applied": saved for later, so no application to follow up. */
export type StatusOutcome = "applied" | "interview" | "heard_back" | "offer" | "rejected" | "withdrawn" | "not_applied";

/** Shown on the import page as the mapping's documentation. */
export const STATUS_WORDS: { outcome: StatusOutcome; words: string[] }[] = [
  { outcome: "applied", words: ["(empty)", "Applied", "Application sent", "Submitted", "Pending", "In review", "Under review", "Waiting", "No response", "Ghosted"] },
  { outcome: "interview", words: ["Interview", "Interviewing", "Interviewed", "Phone screen", "Screening", "Onsite", "Final round"] },
  { outcome: "heard_back", words: ["Heard back", "Responded"] },
  { outcome: "offer", words: ["Offer", "Offered", "Offer received", "Negotiating", "Accepted", "Offer accepted"] },
  { outcome: "rejected", words: ["Rejected", "Rejection", "Not selected", "No offer", "Unsuccessful", "Turned down"] },
  { outcome: "withdrawn", words: ["Withdrawn", "Withdrew", "I withdrew", "Withdrew application"] },
  { outcome: "not_applied", words: ["Wishlist", "Bookmarked", "Saved", "Applying", "To apply", "Interested"] },
];

const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const STATUSES = new Map<string, StatusOutcome>(
  STATUS_WORDS.flatMap(({ outcome, words: list }) => list.map((w) => [w === "(empty)" ? "" : words(w), outcome] as const)),
);

/** undefined: a status Callback does not know. */
export const readStatus = (raw: string): StatusOutcome | undefined => STATUSES.get(words(raw));

/** The words of Callback's export for each kind of entry; the importer also takes the kind's own name. */
export const ENTRY_LABELS: Record<StageKind, string> = {
  applied: "Applied",
  interview: "Interview",
  follow_up: "Follow-up",
  heard_back: "Heard back",
  offer: "Offer",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};
const ENTRIES = new Map<string, StageKind>(Object.entries(ENTRY_LABELS).flatMap(([kind, label]) => [[squash(label), kind as StageKind], [squash(kind), kind as StageKind]]));

export const readEntry = (raw: string): StageKind | undefined => ENTRIES.get(squash(raw));

export type Channel = "phone" | "email";

/** null when empty, undefined when neither phone nor email. */
export function readChannel(raw: string): Channel | null | undefined {
  const s = raw.toLowerCase();
  return s === "" ? null : s === "phone" || s === "email" ? s : undefined;
}

/** "yes"/"no" and the usual spreadsheet spellings; undefined when it is neither. */
export function readYesNo(raw: string): boolean | undefined {
  const s = squash(raw);
  if (["", "no", "n", "false", "0"].includes(s)) return false;
  if (["yes", "y", "true", "1", "archived"].includes(s)) return true;
  return undefined;
}

// CSV injection (OWASP): a cell starting with = + - @ tab or CR is a formula to a spreadsheet,
// so the export puts an apostrophe in front. Cells that already start with apostrophes before
// such a character get one more, so the importer can take exactly one off and round-trip.
const FORMULA = /^'*[=+\-@\t\r]/;
export const neutraliseCell = (value: string) => (FORMULA.test(value) ? `'${value}` : value);
export const restoreCell = (value: string) => (value.startsWith("'") && FORMULA.test(value) ? value.slice(1) : value);

/** A history entry's own text fields (dates, kinds and channels are read above, for better messages). */
export const EntryText = z.object({
  time: z
    .string()
    .trim()
    .refine((s) => s === "" || /^([01]\d|2[0-3]):[0-5]\d$/.test(s), "Time must be written like 14:30.")
    .transform((s) => s || null),
  withWhom: optionalText("With whom", 200).transform((s) => s ?? null),
  entryNote: text("Entry note", 2000),
  followUpNote: text("Follow-up note", 2000),
});

// The job's own columns, checked as the job form checks them (the date applied is an entry here).
export const JobColumns = JobFields.omit({ appliedOn: true });

const column = z.enum(["", ...IMPORT_FIELD_KEYS]);

/** The import form: the file's text (re-read on every step), and how to read its columns. */
export const ImportInput = z.object({
  // Loose here: the limit is checked in bytes once line endings are normalised (a form sends CRLF).
  content: z.string({ error: "Choose a CSV file." }).max(2 * MAX_IMPORT_BYTES, "The file is too large."),
  /** Absent on the first preview: guessed from the headers. */
  mapping: z.array(column).max(MAX_IMPORT_COLUMNS).optional(),
  dateOrder: z.enum(["", "mdy", "dmy"]).optional(),
  /** The preview's fingerprint of the content: the import refuses a file other than the one previewed. */
  digest: z.string().regex(/^[a-f0-9]{64}$/).optional(),
  requestId,
});
export type ImportInput = z.infer<typeof ImportInput>;

export const ExportFormat = z.enum(["csv", "json"]);
export type ExportFormat = z.infer<typeof ExportFormat>;
