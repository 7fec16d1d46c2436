// Benchmark accounts with realistic job histories, written straight to Postgres with `pg`
// (one INSERT ... SELECT unnest(...) per table: seconds, not minutes, for 2,000 jobs).
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";

const DAY = 86_400_000;
const TIME_ZONE = "America/New_York";

const COMPANIES = [
  "Acme Analytics", "Birchwood Health", "Cobalt Logistics", "Dovetail Studio", "Evergreen Energy", "Fjord Finance",
  "Granite Insurance", "Harbor Robotics", "Indigo Labs", "Juniper Retail", "Kestrel Aviation", "Lumen Media",
  "Meridian Foods", "Northwind Traders", "Orchid Biotech", "Pinecone Software", "Quarry Builders", "Redwood Legal",
  "Saffron Hospitality", "Tidewater Shipping", "Umbra Security", "Vantage Education", "Willow Care", "Yarrow Farms",
];
const ROLES = [
  "Office manager", "Customer support lead", "Data analyst", "Warehouse supervisor", "Junior developer",
  "Marketing coordinator", "Bookkeeper", "Project coordinator", "Nurse practitioner", "Sales associate",
];
const CONTACTS = ["Sam Rivera", "Priya Shah", "Tom Becker", "Ana Souza", "Lee Chen", "Maya Okafor", "Jon Ivers"];
const NOTES = ["", "", "Referred by a former colleague.", "Hybrid, three days on site.", "Salary range posted: 52-60k."];

/** mulberry32: seeded, so every run seeds (and bench/rules-bench.ts times) the same histories. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const id = () => randomBytes(12).toString("hex");
const isoDate = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const between = (rand, min, max) => min + Math.floor(rand() * (max - min + 1));

/** Today's calendar day (days since the epoch) in the accounts' time zone. */
function todayDay() {
  const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return Math.round(Date.parse(`${ymd}T00:00:00Z`) / DAY);
}

/**
 * One job's history, dates over the last ~6 months: applied only, applied + follow-up,
 * applied + heard back, one to three interviews (with or without an answer-by date, some
 * followed up), an interview still ahead, and endings (offer, rejection, withdrawal).
 */
function makeJob(rand, today, userId, index) {
  const jobId = id();
  const stages = [];
  let day = today - between(rand, 0, 180);
  const add = (kind, on, extra = {}) => {
    const stage = {
      id: id(), jobId, kind, on, time: null, withWhom: null, answerBy: null, channel: null,
      note: "", early: false, forStageId: null, createdAt: new Date(on * DAY + 9 * 3_600_000 + stages.length * 60_000), ...extra,
    };
    stages.push(stage);
    return stage;
  };
  const followUp = (spends) => {
    const on = spends.on + between(rand, 4, 12);
    if (on > today) return false;
    const channel = rand() < 0.6 ? "email" : "phone";
    add("follow_up", on, { forStageId: spends.id, channel, note: channel === "email" ? "Sent a short note." : "Left a voicemail." });
    day = on;
    return true;
  };
  const applied = add("applied", day);
  const shape = rand();
  let open = true; // whether an ending may follow
  if (shape < 0.22) {
    // applied only
  } else if (shape < 0.37) {
    followUp(applied);
  } else if (shape < 0.45) {
    day = Math.min(today, day + between(rand, 3, 20));
    add("heard_back", day, { note: "They will be in touch after the first round." });
  } else if (shape < 0.52) {
    // An interview still ahead: a recent application, maybe followed up, then a date on the calendar.
    applied.on = day = today - between(rand, 3, 30);
    applied.createdAt = new Date(day * DAY + 9 * 3_600_000);
    if (rand() < 0.5) followUp(applied);
    add("interview", today + between(rand, 1, 14), { time: "10:30", withWhom: pick(rand, CONTACTS), note: "Video call" });
    open = false;
  } else {
    const interviews = between(rand, 1, 3);
    for (let n = 0; n < interviews; n++) {
      const on = day + between(rand, 3, 14);
      if (on > today) break;
      day = on;
      const answerBy = rand() < 0.5 ? { answerBy: isoDate(on + between(rand, 3, 10)) } : {};
      const interview = add("interview", on, { time: pick(rand, ["09:00", "11:00", "14:30"]), withWhom: pick(rand, CONTACTS), note: n === 0 ? "Phone screen" : "Panel", ...answerBy });
      if (rand() < 0.4) followUp(interview);
    }
    if (rand() < 0.3) {
      day = Math.min(today, day + between(rand, 2, 10));
      add("heard_back", day, { note: "Moving to the next step." });
    }
  }
  if (open && rand() < 0.25) {
    const ending = rand();
    add(ending < 0.2 ? "offer" : ending < 0.85 ? "rejected" : "withdrawn", Math.min(today, day + between(rand, 2, 21)));
  }
  for (const stage of stages) {
    stage.on = isoDate(stage.on);
  }
  const hasContact = rand() < 0.6;
  const job = {
    id: jobId, userId,
    company: `${pick(rand, COMPANIES)}${index % 3 === 0 ? "" : ` ${index}`}`,
    role: pick(rand, ROLES),
    sourceUrl: rand() < 0.7 ? `https://jobs.example.com/${index}` : null,
    contactName: hasContact ? pick(rand, CONTACTS) : null,
    contactPhone: hasContact && rand() < 0.5 ? `+1 555 01${String(index % 100).padStart(2, "0")}` : null,
    contactEmail: hasContact ? `hiring${index}@example.com` : null,
    notes: pick(rand, NOTES),
    archivedAt: rand() < 0.04 ? new Date() : null,
    createdAt: stages[0].createdAt,
  };
  const comments = rand() < 0.05 ? [{ id: id(), jobId, authorId: userId, body: "Ask about the start date.", createdAt: new Date() }] : [];
  return { job, stages, comments };
}

/** Columns of rows, for `unnest`: one array per column. Instants go in as UTC (Prisma's convention for timestamp(3)). */
const cell = (value) => (value instanceof Date ? value.toISOString().slice(0, -1) : value ?? null);
const columns = (rows, keys) => keys.map((key) => rows.map((row) => cell(row[key])));

/**
 * Creates one account per size (e.g. [20, 200, 2000]) and returns
 * [{ jobs, email, name, password, userId, stages }]. One password for all: it is hashed once.
 */
export async function seedAccounts(client, sizes) {
  const password = `bench-${randomBytes(9).toString("base64url")}`;
  const passwordHash = await hash(password);
  const today = todayDay();
  const users = [];
  const jobs = [];
  const stages = [];
  const comments = [];
  const accounts = [];
  for (const size of sizes) {
    const userId = id();
    const name = `Bench Seeker ${size}`;
    const email = `bench-${size}-${randomBytes(4).toString("hex")}@example.test`;
    users.push({ id: userId, email, name, passwordHash, timeZone: TIME_ZONE });
    const rand = prng(0xca11bac + size);
    let stageCount = 0;
    for (let i = 0; i < size; i++) {
      const made = makeJob(rand, today, userId, i);
      jobs.push(made.job);
      stages.push(...made.stages);
      comments.push(...made.comments);
      stageCount += made.stages.length;
    }
    accounts.push({ jobs: size, email, name, password, userId, stages: stageCount });
  }

  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "timeZone", "updatedAt")
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      columns(users, ["id", "email", "name", "passwordHash", "timeZone"]),
    );
    await client.query(
      `INSERT INTO "Job" (id, "userId", company, role, "sourceUrl", "contactName", "contactPhone", "contactEmail", notes, "archivedAt", "createdAt", "updatedAt")
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamp[], $11::timestamp[])`,
      columns(jobs, ["id", "userId", "company", "role", "sourceUrl", "contactName", "contactPhone", "contactEmail", "notes", "archivedAt", "createdAt"]),
    );
    // Follow-ups reference stages of the same statement: Postgres checks the foreign key at the end of it.
    await client.query(
      `INSERT INTO "Stage" (id, "jobId", kind, "on", time, "withWhom", "answerBy", channel, note, early, "forStageId", "createdAt")
       SELECT s.id, s.job, s.kind::"StageKind", s.on, s.time, s.who, s.answer, s.channel::"Channel", s.note, s.early, s.for, s.created
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::timestamp[])
         AS s(id, job, kind, "on", time, who, answer, channel, note, early, "for", created)`,
      columns(stages, ["id", "jobId", "kind", "on", "time", "withWhom", "answerBy", "channel", "note", "early", "forStageId", "createdAt"]),
    );
    await client.query(
      `INSERT INTO "Comment" (id, "jobId", "authorId", body, "createdAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp[])`,
      columns(comments, ["id", "jobId", "authorId", "body", "createdAt"]),
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  await client.query("ANALYZE");
  return accounts;
}
