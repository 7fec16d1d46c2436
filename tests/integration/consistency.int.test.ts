import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStage, createJob, logFollowUp } from "@/lib/data/jobs";
import { addDays, dayOfWeek } from "@/lib/followup/dates";
import { publicHolidays } from "@/lib/followup/holidays";
import * as snapshot from "@/lib/followup/snapshot";
import { updateWorkingCalendar } from "@/lib/data/working-calendar";
import { listTimeline } from "@/lib/data/timeline";
import { checkConsistency } from "../../bench/check-consistency.mjs";
import { newUser, signInAs } from "./helpers";

// bench/check-consistency.mjs, the check `npm run load` and the drills run after their
// traffic: it passes on data the app wrote, and it notices each kind of damage. The damage
// is done inside a transaction that is rolled back, so the shared test database stays clean.
const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

/** A user with three jobs written through lib/data: applied only, followed up, interview followed up, plus an answer. */
async function userWithHistory() {
  const today = todayIn();
  const user = await newUser();
  await signInAs(user);
  const plain = await createJob({ company: "Initech", role: "Analyst", appliedOn: addDays(today, -3) });
  const followed = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today, -20) });
  const followUp = await logFollowUp({ jobId: followed.id, on: addDays(today, -10) });
  const interviewed = await createJob({ company: "Globex", role: "Designer", appliedOn: addDays(today, -30) });
  const interview = await addStage({ jobId: interviewed.id, kind: "interview", on: addDays(today, -12), answerInDays: "3" });
  await logFollowUp({ jobId: interviewed.id, on: addDays(today, -5) });
  const heardBack = await addStage({ jobId: interviewed.id, kind: "heard_back", on: addDays(today, -2) });
  return { user, plain: plain.id, followed: followed.id, followUp: followUp.id, interviewed: interviewed.id, interview: interview.id, heardBack: heardBack.id };
}

const rules = { ...snapshot, publicHolidays };
const check = (userIds: string[]) => checkConsistency(client, { userIds, rules });
const violations = (result: Awaited<ReturnType<typeof check>>) => Object.fromEntries(result.checks.filter((c) => c.violations > 0).map((c) => [c.name, c.examples]));

describe("bench/check-consistency.mjs", () => {
  it("checks stored plans against the owner's working calendar (issue 15)", async () => {
    const { user } = await userWithHistory();
    // Applied on the last Friday: a week later is a Friday, not a working day from Sunday to Thursday.
    let friday = todayIn();
    while (dayOfWeek(friday) !== 5) friday = addDays(friday, -1);
    await createJob({ company: "Umbrella", role: "Clerk", appliedOn: friday });
    await updateWorkingCalendar({ workdays: ["7", "1", "2", "3", "4"], holidayRegion: "GB-ENG" });
    await listTimeline(); // recomputes the plans the change cleared
    const result = await check([user.id]);
    expect(violations(result)).toEqual({});
    expect(result.pendingSnapshots).toBe(0);
    // The week changed behind the app's back (no snapshot cleared): the stored Sunday is found stale.
    await client.query(`UPDATE "User" SET workdays = '{1,2,3,4,5}' WHERE id = $1`, [user.id]);
    expect(Object.keys(violations(await check([user.id])))).toEqual([expect.stringMatching(/match the rules engine/)]);
  });

  it("finds nothing wrong with data the app wrote", async () => {
    const { user } = await userWithHistory();
    const result = await check([user.id]);
    expect(violations(result)).toEqual({});
    expect(result.ok).toBe(true);
    expect(result.checks.length).toBeGreaterThanOrEqual(9);
  });

  type Fixture = Awaited<ReturnType<typeof userWithHistory>>;
  const damage: { what: string; check: RegExp; corrupt: (f: Fixture) => Promise<string> }[] = [
    {
      what: "a follow-up pointing at another job's stage",
      check: /same job/,
      corrupt: async (f) => {
        const { rows } = await client.query(`SELECT id FROM "Stage" WHERE "jobId" = $1 AND kind = 'applied'`, [f.plain]);
        await client.query(`UPDATE "Stage" SET "forStageId" = $1 WHERE id = $2`, [rows[0].id, f.followUp]);
        return f.followUp;
      },
    },
    {
      what: "a follow-up pointing at a 'heard back' entry",
      check: /same job/,
      corrupt: async (f) => {
        await client.query(`UPDATE "Stage" SET "forStageId" = $1 WHERE id = $2`, [f.heardBack, f.followUp]);
        return f.followUp;
      },
    },
    {
      what: "an interview pointing at a stage as if it were a follow-up",
      check: /only follow-ups/,
      corrupt: async (f) => {
        const { rows } = await client.query(`SELECT id FROM "Stage" WHERE "jobId" = $1 AND kind = 'applied'`, [f.interviewed]);
        await client.query(`UPDATE "Stage" SET "forStageId" = $1 WHERE id = $2`, [rows[0].id, f.interview]);
        return f.interview;
      },
    },
    {
      what: "two follow-ups for one stage (with the unique index dropped, in the same transaction)",
      check: /at most one/,
      corrupt: async (f) => {
        const { rows } = await client.query(`SELECT "forStageId" FROM "Stage" WHERE id = $1`, [f.followUp]);
        await client.query(`DROP INDEX "Stage_forStageId_key"`);
        await client.query(
          `INSERT INTO "Stage" (id, "jobId", kind, "on", "forStageId", channel) VALUES ('dupfollowup' || md5(random()::text), $1, 'follow_up', CURRENT_DATE, $2, 'phone')`,
          [f.followed, rows[0].forStageId],
        );
        return rows[0].forStageId;
      },
    },
    {
      what: "a job whose applied stage is gone",
      check: /exactly one applied/,
      corrupt: async (f) => {
        await client.query(`DELETE FROM "Stage" WHERE "jobId" = $1 AND kind = 'applied'`, [f.plain]);
        return f.plain;
      },
    },
    {
      what: "a job with a second applied stage",
      check: /exactly one applied/,
      corrupt: async (f) => {
        await client.query(`INSERT INTO "Stage" (id, "jobId", kind, "on") VALUES ('dupapplied' || md5(random()::text), $1, 'applied', CURRENT_DATE)`, [f.plain]);
        return f.plain;
      },
    },
    {
      what: "a plan version without a phase",
      check: /snapshot complete/,
      corrupt: async (f) => {
        await client.query(`UPDATE "Job" SET "planPhase" = NULL WHERE id = $1`, [f.followed]);
        return f.followed;
      },
    },
    {
      what: "a stale plan snapshot (a write whose refresh never ran)",
      check: /match the rules engine/,
      corrupt: async (f) => {
        await client.query(`UPDATE "Job" SET "planPhase" = 'closed' WHERE id = $1`, [f.followed]);
        return f.followed;
      },
    },
    {
      what: "stages and comments left behind by a job deleted with its triggers off",
      check: /no stage without its job|no comment on a missing job/,
      corrupt: async (f) => {
        await client.query(`INSERT INTO "Comment" (id, "jobId", "authorId", body) VALUES ('orphancomment' || md5(random()::text), $1, $2, 'Hello')`, [f.plain, f.user.id]);
        // Foreign keys are triggers: a replica session skips them (superuser only, this transaction only).
        await client.query(`SET LOCAL session_replication_role = replica`);
        await client.query(`DELETE FROM "Job" WHERE id = $1`, [f.plain]);
        const { rows } = await client.query(`SELECT id FROM "Stage" WHERE "jobId" = $1`, [f.plain]);
        return rows[0].id;
      },
    },
  ];

  it.each(damage)("notices $what", async ({ check: which, corrupt }) => {
    const fixture = await userWithHistory();
    await client.query("BEGIN");
    try {
      const id = await corrupt(fixture);
      const result = await check([fixture.user.id]);
      expect(result.ok).toBe(false);
      const found = result.checks.filter((c) => which.test(c.name) && c.violations > 0);
      expect(found.length, `expected a violation of ${which}, got ${JSON.stringify(violations(result))}`).toBeGreaterThan(0);
      expect(found.flatMap((c) => c.examples)).toContain(id);
    } finally {
      await client.query("ROLLBACK");
    }
    // Rolled back: the same data passes again.
    expect(violations(await check([fixture.user.id]))).toEqual({});
  });
});
