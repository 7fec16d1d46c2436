/**
 * The timeline's sections, once: their order on the page, their names and hints, how many jobs
 * each shows by default, and whether they are cards (something to do) or rows (history). The SQL
 * that places jobs (lib/data/timeline.ts) and every view read this table.
 */
export const SECTION_TABLE = {
  due: { anchor: "due", title: "Due now", hint: "One short, polite phone call each. Only once per stage.", cards: true, defaultLimit: 10 },
  this_week: { anchor: "this-week", title: "Opens this week", hint: "The window for a follow-up opens within seven days.", cards: true, defaultLimit: 10 },
  upcoming: { anchor: "upcoming", title: "Interviews ahead", hint: "Prepare; the follow-up clock starts after the interview.", cards: true, defaultLimit: 10 },
  waiting: { anchor: "waiting", title: "Waiting", hint: "Too early to follow up: give them time.", cards: false, defaultLimit: 10 },
  followed_up: {
    anchor: "followed-up", title: "Follow-up spent", hint: "You followed up once. If you're a strong candidate, they'll call.",
    // Read by a coach or a link visitor: of the job seeker, not to them.
    theirHint: "They followed up once. If they're a strong candidate, the employer will call.", cards: false, defaultLimit: 5,
  },
  answered: { anchor: "answered", title: "Heard back", hint: "They answered: nothing to chase.", cards: false, defaultLimit: 5 },
  closed: { anchor: "closed", title: "Closed", hint: "Offers, rejections and withdrawals.", cards: false, defaultLimit: 0 },
  // Archived jobs are listed by name only, and only to their owner.
  archived: { anchor: "archived", title: "Archived", hint: "Put away by you; restore one from its page.", cards: false, defaultLimit: 0 },
} as const;

export type SectionKey = keyof typeof SECTION_TABLE;
/** The sections that hold jobs with a plan (every one but "archived"). */
export type JobSectionKey = Exclude<SectionKey, "archived">;

/** Page order. */
export const SECTIONS = Object.keys(SECTION_TABLE) as SectionKey[];
export const JOB_SECTIONS = SECTIONS.filter((s): s is JobSectionKey => s !== "archived");

export const isSectionKey = (value: unknown): value is SectionKey => typeof value === "string" && Object.hasOwn(SECTION_TABLE, value);
