// `npm run seed:demo`: a demo account with a job in every state the timeline knows, dated
// relative to today so it is always current. Re-running it replaces the demo account (and,
// by cascade, everything in it); nothing else in the database is touched.
import { hash } from "@node-rs/argon2";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { addDays, isWeekend, nextBusinessDayOnOrAfter } from "../lib/followup/dates";
import { canLogFollowUp, planFollowUp, type FollowUpStatus, type StageKind } from "../lib/followup/rules";

const DEMO = {
  email: "demo@callback.test",
  password: "demo follow-up 2026",
  name: "Demo Job Seeker",
  timeZone: "Europe/London",
} as const;
// The demo account's coach (a live grant and a comment), for the coach's view.
const COACH = { email: "coach@callback.test", password: DEMO.password, name: "Demo Coach", timeZone: "Europe/London" } as const;

type SeedStage = {
  kind: StageKind;
  on: string;
  answerBy?: string;
  time?: string;
  withWhom?: string;
  channel?: "phone" | "email";
  note?: string;
};

type SeedJob = {
  company: string;
  role: string;
  sourceUrl?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  notes: string;
  archivedOn?: string;
  /** Where the job must land today: checked before anything is written. */
  expect: FollowUpStatus | "archived";
  stages: SeedStage[];
};

// "Today" as the app computes it for this user (lib/data/today.ts): en-CA gives YYYY-MM-DD.
const today = new Intl.DateTimeFormat("en-CA", { timeZone: DEMO.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

const daysAgo = (n: number) => addDays(today, -n);
const daysAhead = (n: number) => addDays(today, n);
/** `n` weekdays before today: interviews and applications land on working days. */
function workdaysAgo(n: number): string {
  let d = today;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (!isWeekend(d)) left--;
  }
  return d;
}
/** The day the follow-up window of `stages`' latest stage opens, by the rules engine itself. */
const opensOn = (stages: SeedStage[]) => planFollowUp({ stages, today: stages.at(-1)!.on }).opensOn!;

function demoJobs(): SeedJob[] {
  const orchidInterview: SeedStage = {
    kind: "interview", on: workdaysAgo(22), answerBy: workdaysAgo(19), time: "09:30", withWhom: "Dr Maya Okafor, lab manager",
    note: "Panel of two. Asked about stock control and supplier orders; they'd decide by the end of the week.",
  };
  const orchidStart: SeedStage[] = [{ kind: "applied", on: workdaysAgo(30) }, orchidInterview];
  const birchwoodApplied: SeedStage = { kind: "applied", on: workdaysAgo(14), note: "Applied through their careers page; cover letter v3." };

  return [
    {
      company: "Northwind Analytics", role: "Data analyst", expect: "due",
      sourceUrl: "https://jobs.example.com/northwind-analytics/data-analyst",
      contactName: "Priya Shah", contactPhone: "+44 20 7946 0321", contactEmail: "priya.shah@northwind.example",
      notes: "Referred by Dev (ex-colleague, platform team). Hybrid: Tuesdays and Thursdays in the Leeds office. Salary range posted: £38–42k.",
      stages: [{ kind: "applied", on: workdaysAgo(9), note: "Sent CV and a short cover letter on the posting's form." }],
    },
    {
      company: "Harbour & Finch Architects", role: "Office manager", expect: "due",
      sourceUrl: "https://harbourfinch.example.com/careers/office-manager",
      contactName: "Helen Carter", contactPhone: "+44 161 496 0872", contactEmail: "helen@harbourfinch.example",
      notes: "Small practice, 25 people. The interview ran 50 minutes and went well.",
      stages: [
        { kind: "applied", on: workdaysAgo(16) },
        {
          kind: "interview", on: workdaysAgo(7), answerBy: workdaysAgo(4), time: "10:30", withWhom: "Helen Carter, practice director",
          note: "Great rapport. She said I seemed a great fit, they were seeing more candidates that week and would get back to me.",
        },
      ],
    },
    {
      company: "Pinecone Software", role: "Junior developer", expect: "waiting",
      sourceUrl: "https://careers.example.org/pinecone/junior-developer",
      contactName: "Sam Rivera", contactPhone: "+44 113 496 0455",
      notes: "Take-home exercise mentioned in the posting. Remote-first, one day a month in Manchester.",
      stages: [{ kind: "applied", on: daysAgo(6) }],
    },
    {
      company: "Lumen Media", role: "Marketing coordinator", expect: "waiting",
      sourceUrl: "https://lumen.example.net/jobs/marketing-coordinator",
      contactName: "Ana Souza", contactEmail: "talent@lumen.example.net",
      notes: "Portfolio link included. Closing date for applications is the end of the month.",
      stages: [{ kind: "applied", on: daysAgo(2) }],
    },
    {
      company: "Kestrel Aviation", role: "Customer support lead", expect: "waiting",
      sourceUrl: "https://kestrel-aviation.example.com/careers/support-lead",
      contactName: "Jon Ivers", contactPhone: "+44 117 496 0610",
      notes: "Shift pattern: four on, four off. Airport parking provided.",
      stages: [
        { kind: "applied", on: workdaysAgo(12) },
        { kind: "heard_back", on: workdaysAgo(6), note: "Jon called to invite me to interview." },
        {
          kind: "interview", on: workdaysAgo(1), answerBy: daysAhead(12), time: "15:00", withWhom: "Jon Ivers, support manager",
          note: "They are interviewing until the end of next week and will decide in about two weeks.",
        },
      ],
    },
    {
      company: "Fjord Finance", role: "Project coordinator", expect: "upcoming",
      sourceUrl: "https://fjordfinance.example.com/jobs/project-coordinator",
      contactName: "Tom Becker", contactPhone: "+44 20 7946 0958", contactEmail: "t.becker@fjordfinance.example",
      notes: "Read their annual report before the interview. Ask about the systems migration.",
      stages: [
        { kind: "applied", on: workdaysAgo(10) },
        { kind: "heard_back", on: workdaysAgo(4), note: "Recruiter emailed to book an interview." },
        {
          kind: "interview", on: nextBusinessDayOnOrAfter(daysAhead(3)), time: "14:00", withWhom: "Tom Becker (hiring manager) and Ana Lopes (HR)",
          note: "On site, 45 minutes. Ask for Tom at the 2nd floor reception.",
        },
      ],
    },
    {
      company: "Cobalt Logistics", role: "Warehouse supervisor", expect: "followed_up",
      sourceUrl: "https://cobalt-logistics.example.com/vacancies/warehouse-supervisor",
      contactName: "Lee Chen", contactEmail: "recruitment@cobalt-logistics.example.com",
      notes: "Night shifts for the first three months.",
      stages: [
        { kind: "applied", on: workdaysAgo(15) },
        { kind: "follow_up", on: workdaysAgo(12), channel: "email", note: "Emailed to check they had my application. Too soon: it still counts as the one follow-up." },
      ],
    },
    {
      company: "Birchwood Health", role: "Bookkeeper", expect: "followed_up",
      sourceUrl: "https://birchwood-health.example.org/careers/bookkeeper",
      contactName: "Sam Okoro", contactPhone: "+44 131 496 0177",
      notes: "Part-time, 24 hours a week. Xero experience asked for.",
      stages: [
        birchwoodApplied,
        { kind: "follow_up", on: opensOn([birchwoodApplied]), channel: "phone", note: "Called Sam: short and polite. Shortlisting finishes next week." },
      ],
    },
    {
      company: "Meridian Foods", role: "Sales associate", expect: "answered",
      sourceUrl: "https://meridianfoods.example.com/jobs/sales-associate",
      contactName: "Maya Patel", contactPhone: "+44 29 2018 0934",
      notes: "Regional role, company car.",
      stages: [
        { kind: "applied", on: workdaysAgo(8) },
        { kind: "heard_back", on: workdaysAgo(2), note: "HR emailed: shortlisting ends this week, they'll call either way." },
      ],
    },
    {
      company: "Orchid Biotech", role: "Lab operations coordinator", expect: "closed",
      sourceUrl: "https://orchid-bio.example.com/careers/lab-ops",
      contactName: "Maya Okafor", contactPhone: "+44 1632 960 022", contactEmail: "m.okafor@orchid-bio.example.com",
      notes: "Second round was a site visit and a short presentation.",
      stages: [
        ...orchidStart,
        { kind: "follow_up", on: opensOn(orchidStart), channel: "phone", note: "Called: still very interested; they were finishing interviews that week." },
        { kind: "interview", on: workdaysAgo(12), time: "13:00", withWhom: "Dr Maya Okafor and the head of operations", note: "Second round." },
        { kind: "offer", on: workdaysAgo(5), note: "Offer by phone, written offer to follow. Start date to agree." },
      ],
    },
    {
      company: "Granite Insurance", role: "Claims handler", expect: "closed",
      sourceUrl: "https://granite-insurance.example.com/jobs/claims-handler",
      contactName: "Lee Carter", contactPhone: "+44 121 496 0740",
      notes: "",
      stages: [
        { kind: "applied", on: workdaysAgo(26) },
        { kind: "interview", on: workdaysAgo(18), time: "11:00", withWhom: "Lee Carter, claims team leader" },
        { kind: "rejected", on: workdaysAgo(11), note: "Polite email: they went with an internal candidate. Asked for feedback." },
      ],
    },
    {
      company: "Saffron Hospitality", role: "Events coordinator", expect: "closed",
      sourceUrl: "https://saffron-hospitality.example.com/careers/events",
      contactName: "Rosa Diaz", contactEmail: "rosa@saffron-hospitality.example.com",
      notes: "",
      stages: [
        { kind: "applied", on: workdaysAgo(24) },
        { kind: "heard_back", on: workdaysAgo(20), note: "Rosa called: the role is mostly weekends." },
        { kind: "withdrawn", on: workdaysAgo(13), note: "Withdrew: weekends only doesn't work for me." },
      ],
    },
    {
      company: "Quarry Builders", role: "Site administrator", expect: "archived", archivedOn: workdaysAgo(40),
      sourceUrl: "https://quarry-builders.example.com/jobs/site-admin",
      notes: "The posting was taken down; an agency filled it.",
      stages: [{ kind: "applied", on: workdaysAgo(50) }],
    },
  ];
}

/** Checks every job lands where it should today before anything is written. */
function check(jobs: SeedJob[]): void {
  for (const job of jobs) {
    if (job.expect === "archived") continue;
    const status = planFollowUp({ stages: job.stages, today }).status;
    if (status !== job.expect) throw new Error(`demo data: ${job.company} is "${status}" today (${today}), expected "${job.expect}"`);
  }
}

const utcDate = (d: string) => new Date(`${d}T00:00:00Z`);

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run this with `npm run seed:demo`.");
  const jobs = demoJobs();
  check(jobs);
  const passwordHash = await hash(DEMO.password);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    await db.$transaction(
      async (tx) => {
        // Cascades to the user's jobs, stages, comments, links and grants.
        await tx.user.deleteMany({ where: { email: { in: [DEMO.email, COACH.email] } } });
        const user = await tx.user.create({
          data: { email: DEMO.email, name: DEMO.name, timeZone: DEMO.timeZone, passwordHash },
          select: { id: true },
        });
        const coach = await tx.user.create({
          data: { email: COACH.email, name: COACH.name, timeZone: COACH.timeZone, passwordHash },
          select: { id: true },
        });
        await tx.coachGrant.create({ data: { ownerId: user.id, coachEmail: COACH.email, coachId: coach.id, acceptedAt: new Date() } });
        let commented = false;
        for (const job of jobs) {
          const { id: jobId } = await tx.job.create({
            data: {
              userId: user.id,
              company: job.company,
              role: job.role,
              sourceUrl: job.sourceUrl ?? null,
              contactName: job.contactName ?? null,
              contactPhone: job.contactPhone ?? null,
              contactEmail: job.contactEmail ?? null,
              notes: job.notes,
              archivedAt: job.archivedOn ? new Date(`${job.archivedOn}T12:00:00Z`) : null,
            },
            select: { id: true },
          });
          const written: (SeedStage & { id: string })[] = [];
          for (const stage of [...job.stages].sort((a, b) => a.on.localeCompare(b.on))) {
            // A follow-up spends its stage's one follow-up, as logFollowUp records it.
            let spends: { forStageId: string; early: boolean } | undefined;
            if (stage.kind === "follow_up") {
              const verdict = canLogFollowUp({ stages: written, on: stage.on, today });
              if (!verdict.ok) throw new Error(`demo data: ${job.company}'s follow-up on ${stage.on}: ${verdict.reason}`);
              spends = { forStageId: verdict.stage.id, early: verdict.early };
            }
            const { id } = await tx.stage.create({
              data: {
                jobId,
                kind: stage.kind,
                on: utcDate(stage.on),
                answerBy: stage.answerBy ? utcDate(stage.answerBy) : null,
                time: stage.time ?? null,
                withWhom: stage.withWhom ?? null,
                channel: stage.channel ?? null,
                note: stage.note ?? "",
                ...spends,
              },
              select: { id: true },
            });
            written.push({ ...stage, id });
          }
          if (job.expect === "due" && !commented) {
            commented = true;
            await tx.comment.create({ data: { jobId, authorId: coach.id, body: "Good timing for this call: mention the dashboard project from your portfolio." } });
          }
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } finally {
    await db.$disconnect();
  }

  const count = (status: SeedJob["expect"]) => jobs.filter((j) => j.expect === status).length;
  console.log(
    [
      "",
      `Demo account ready: ${jobs.length} jobs, dated around today (${today}, ${DEMO.timeZone}).`,
      `  ${count("due")} due, ${count("waiting")} waiting, ${count("upcoming")} interview ahead, ${count("followed_up")} followed up,` +
        ` ${count("answered")} heard back, ${count("closed")} closed, ${count("archived")} archived.`,
      "",
      "Sign in at http://localhost:3000/signin (after `npm start`) with",
      `  Email     ${DEMO.email}`,
      `  Password  ${DEMO.password}`,
      `and their coach with ${COACH.email} (same password).`,
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(`[seed] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
