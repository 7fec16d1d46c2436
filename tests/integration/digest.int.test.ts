import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, inviteCoach, revokeGrant, listGrantsGiven } from "@/lib/data/grants";
import { onEmbeddedDatabase } from "@/lib/data/digests";
import { createJob, logFollowUp } from "@/lib/data/jobs";
import { db } from "@/lib/db";
import { addDays, dayOfWeek } from "@/lib/followup/dates";
import { DIGEST_LEASE_MS, runDigestTick } from "@/lib/worker/digest-tick";
import { DIGEST_CRON, DIGEST_QUEUE, startDigestWorker } from "@/lib/worker/digest-worker";
import { readMailSettings, smtpMailer, type Mailer } from "@/lib/mail";
import { startSmtpCapture } from "./digest-smtp";
import { linkToken, newUser, signInAs, signOut, testAddress } from "./helpers";

// The digests end to end: the tick (called directly with an injected `now`, or through real
// pg-boss workers) on the real database, sending over SMTP to a real SMTP server in this process.

// Digests are off on the embedded database (lib/data/digests.ts onEmbeddedDatabase): its socket
// interleaves concurrent connections' statements, which these tests do on purpose.
const embedded = await onEmbeddedDatabase();

const BASE = "http://callback.test";
const FROM = "Callback <digests@callback.test>";
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
const mailers: Mailer[] = [];

function newMailer(): Mailer {
  const settings = readMailSettings({ SMTP_URL: smtp.url, SMTP_FROM: FROM });
  if (!settings.ok) throw new Error(settings.message);
  const mailer = smtpMailer(settings.config);
  mailers.push(mailer);
  return mailer;
}

const tick = (now: Date, mailer = newMailer()) => runDigestTick({ now, mailer, baseUrl: BASE, log: () => {} });

/** The instant at which the wall clock in `timeZone` reads `day` `time` (HH:MM). */
function at(timeZone: string, day: string, time: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = Object.fromEntries(format.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
    guess += wall - Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`);
  }
  return new Date(guess);
}
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

// Yesterday (UTC) and before: every job's applied date is in the past in any zone, as the app requires.
const D = addDays(new Date().toISOString().slice(0, 10), -1);

type JobSpec = { company: string; appliedOn: string; contactName?: string; contactPhone?: string; notes?: string };

async function seeker(timeZone: string, jobs: JobSpec[], { daily = true, name = "Job Seeker" } = {}) {
  const user = await newUser({ timeZone, name });
  await signInAs(user);
  const ids: string[] = [];
  for (const job of jobs) ids.push((await createJob({ role: "Engineer", ...job })).id);
  signOut();
  if (daily) await db.user.update({ where: { id: user.id }, data: { dailyDigest: true } });
  return { ...user, jobIds: ids };
}

async function rows(userId: string) {
  const found = await db.digestDelivery.findMany({ where: { userId }, orderBy: { day: "asc" }, select: { kind: true, day: true, sentAt: true, createdAt: true } });
  return found.map((r) => ({ ...r, day: r.day.toISOString().slice(0, 10) }));
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  for (const mailer of mailers) mailer.close();
  await smtp.close();
});

describe.skipIf(embedded)("the morning digest", () => {
  it("sends each opted-in user what is due today, with the talking points, and nothing of anyone else's", async () => {
    const zone = "Europe/Berlin";
    const ana = await seeker(zone, [
      { company: "Acme Rockets", appliedOn: addDays(D, -20), contactName: "Dana Smith", contactPhone: "+44 20 7946 0000", notes: "PRIVATE note for ana only" },
      { company: "Later Ltd", appliedOn: addDays(D, -1) },
    ]);
    const ben = await seeker(zone, [{ company: "Bolt & <Bikes>", appliedOn: addDays(D, -30) }]);
    const cleo = await seeker(zone, [{ company: "Crane Co", appliedOn: addDays(D, -20) }], { daily: false });
    const dev = await seeker(zone, [{ company: "Dawn Corp", appliedOn: addDays(D, -1) }]);
    const now = at(zone, D, "09:00");

    await tick(now);

    const [mail, ...extra] = smtp.to(ana.email);
    expect(extra).toHaveLength(0);
    expect(mail!.to).toEqual([ana.email]);
    expect(mail!.from).toBe("digests@callback.test");
    expect(mail!.user).toBe("digest"); // authenticated with SMTP_URL's credentials
    expect(mail!.subject).toBe("Callback: 1 follow-up call due today");
    expect(mail!.text).toContain("Hello, Job Seeker.");
    expect(mail!.text).toContain("Acme Rockets: Engineer");
    expect(mail!.text).toContain("Follow up by phone");
    expect(mail!.text).toContain("Whom to call: Dana Smith, +44 20 7946 0000");
    expect(mail!.text).toContain("Why now: You applied on");
    expect(mail!.text).toContain("- Say that you applied for the role, and when.");
    expect(mail!.text).toContain("- Keep it short and polite, not pushy: one call, just the once.");
    expect(mail!.text).toContain(`${BASE}/jobs/${ana.jobIds[0]}`);
    expect(mail!.html).toContain("<li>Say that you applied for the role, and when.</li>");
    for (const other of ["Later Ltd", "PRIVATE", "Bolt", "Crane", "Dawn"]) {
      expect(mail!.text).not.toContain(other);
      expect(mail!.html).not.toContain(other);
    }

    const [benMail, ...benExtra] = smtp.to(ben.email);
    expect(benExtra).toHaveLength(0);
    expect(benMail!.text).toContain("Bolt & <Bikes>: Engineer");
    expect(benMail!.html).toContain("Bolt &amp; &lt;Bikes&gt;: Engineer");
    expect(benMail!.html).not.toContain("<Bikes>");
    expect(benMail!.text).not.toContain("Acme");

    expect(smtp.to(cleo.email)).toHaveLength(0); // did not opt in
    expect(await rows(cleo.id)).toEqual([]);
    // Nothing due: no e-mail, and the day is settled so later ticks do not look again.
    expect(smtp.to(dev.email)).toHaveLength(0);
    expect(await rows(dev.id)).toEqual([{ kind: "daily", day: D, sentAt: now, createdAt: now }]);
    expect(await rows(ana.id)).toEqual([{ kind: "daily", day: D, sentAt: now, createdAt: now }]);

    // Later ticks the same day send nothing more.
    await tick(minutesAfter(now, 5));
    await tick(at(zone, D, "23:59"));
    for (const user of [ana, ben, dev]) expect(smtp.to(user.email).length).toBe(user === dev ? 0 : 1);
  });

  it("goes out from 08:00 in each user's own time zone", async () => {
    const tokyo = await seeker("Asia/Tokyo", [{ company: "Tokyo Trains", appliedOn: addDays(D, -20) }]);
    const york = await seeker("America/New_York", [{ company: "York Yachts", appliedOn: addDays(D, -20) }]);

    // 07:59 in Tokyo on D is the evening of the day before in New York: its digest is due there.
    await tick(at("Asia/Tokyo", D, "07:59"));
    expect(smtp.to(tokyo.email)).toHaveLength(0);
    expect((await rows(york.id)).map((r) => r.day)).toEqual([addDays(D, -1)]);
    expect(smtp.to(york.email)).toHaveLength(1);

    await tick(at("Asia/Tokyo", D, "08:00"));
    expect(smtp.to(tokyo.email)).toHaveLength(1);
    expect((await rows(tokyo.id)).map((r) => r.day)).toEqual([D]);

    await tick(at("America/New_York", D, "07:59"));
    expect(smtp.to(york.email)).toHaveLength(1);
    await tick(at("America/New_York", D, "08:00"));
    expect(smtp.to(york.email)).toHaveLength(2);
    expect((await rows(york.id)).map((r) => r.day)).toEqual([addDays(D, -1), D]);
    expect(smtp.to(tokyo.email)).toHaveLength(1);
  });

  it("catches up a run missed at 08:00 later the same day, and skips a day missed altogether", async () => {
    const zone = "Europe/Lisbon";
    const user = await seeker(zone, [{ company: "Missed Run Inc", appliedOn: addDays(D, -25) }]);
    const first = addDays(D, -2);

    await tick(at(zone, first, "07:55"));
    expect(smtp.to(user.email)).toHaveLength(0);
    // Every server was down from 08:00 to 13:00: the first tick after that sends it.
    await tick(at(zone, first, "13:10"));
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(smtp.to(user.email)[0]!.text).toContain("Missed Run Inc");
    // No tick at all on the next day; the one after that sends its own day only.
    await tick(at(zone, D, "08:05"));
    expect(smtp.to(user.email)).toHaveLength(2);
    expect((await rows(user.id)).map((r) => r.day)).toEqual([first, D]);
    expect((await rows(user.id)).every((r) => r.sentAt)).toBe(true);
  });

  it("retries a failed send once its lease runs out, never sends a sent digest again, and gives up when the day ends", async () => {
    const zone = "Europe/Paris";
    const user = await seeker(zone, [{ company: "Flaky Mail SA", appliedOn: addDays(D, -20) }]);
    const giveUp = await seeker(zone, [{ company: "Bounce SARL", appliedOn: addDays(D, -20) }]);
    const day = addDays(D, -1);
    const start = at(zone, day, "08:00");
    smtp.reject(user.email);
    smtp.reject(giveUp.email);

    const failed = await tick(start);
    expect(failed.failed).toBeGreaterThanOrEqual(2);
    expect(smtp.to(user.email)).toHaveLength(0);
    expect(await rows(user.id)).toEqual([{ kind: "daily", day, sentAt: null, createdAt: start }]);

    smtp.accept(user.email);
    // Within the lease the claim still belongs to the failed attempt: nobody retries yet.
    await tick(minutesAfter(start, 5));
    expect(smtp.to(user.email)).toHaveLength(0);
    const retryAt = new Date(start.getTime() + DIGEST_LEASE_MS);
    await tick(retryAt);
    expect(smtp.to(user.email)).toHaveLength(1);
    expect(await rows(user.id)).toEqual([{ kind: "daily", day, sentAt: retryAt, createdAt: retryAt }]);
    await tick(minutesAfter(retryAt, 60));
    expect(smtp.to(user.email)).toHaveLength(1);

    // Still failing all day: retried each lease, then left behind when the day is over.
    await tick(at(zone, day, "23:50"));
    smtp.accept(giveUp.email);
    await tick(at(zone, D, "09:00"));
    const mails = smtp.to(giveUp.email);
    expect(mails).toHaveLength(1);
    const giveUpRows = await rows(giveUp.id);
    expect(giveUpRows.map((r) => [r.day, r.sentAt !== null])).toEqual([
      [day, false],
      [D, true],
    ]);
    expect(giveUpRows[0]!.createdAt).toEqual(at(zone, day, "23:50")); // the last retry that day
  });

  it("sends each digest once when two tick runners race at the same moment, first sends and retries alike", async () => {
    const zone = "Europe/Madrid";
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => seeker(zone, [{ company: `Race ${i} SL`, appliedOn: addDays(D, -20) }])));
    for (const day of [addDays(D, -3), addDays(D, -2), addDays(D, -1)]) {
      const now = at(zone, day, "08:01");
      const [a, b] = await Promise.all([tick(now, newMailer()), tick(now, newMailer())]);
      expect(a.failed + b.failed).toBe(0);
      for (const user of users) {
        expect(await db.digestDelivery.count({ where: { userId: user.id, day: new Date(`${day}T00:00:00Z`) } })).toBe(1);
      }
    }
    // Retries race too: every send fails, then two ticks find the same expired leases.
    const day = D;
    const start = at(zone, day, "08:01");
    for (const user of users) smtp.reject(user.email);
    expect((await tick(start)).failed).toBeGreaterThanOrEqual(users.length);
    for (const user of users) smtp.accept(user.email);
    const retryAt = new Date(start.getTime() + DIGEST_LEASE_MS);
    await Promise.all([tick(retryAt, newMailer()), tick(retryAt, newMailer())]);
    for (const [i, user] of users.entries()) {
      const mails = smtp.to(user.email);
      expect(mails).toHaveLength(4);
      expect(mails.every((m) => m.text.includes(`Race ${i} SL`) && (m.text.match(/Race \d SL/g) ?? []).length === 1)).toBe(true);
    }
  });

  it("three servers starting their workers at once on a database without the queue's schema all start (found by the cluster drill: a deadlock)", async () => {
    const admin = new URL(process.env.DATABASE_URL!);
    const name = `callback_queue_setup_${process.pid}_${Date.now()}`;
    const run = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await run(`CREATE DATABASE "${name}"`);
    const fresh = new URL(admin);
    fresh.pathname = `/${name}`;
    const started: Awaited<ReturnType<typeof startDigestWorker>>[] = [];
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 3 }, () => startDigestWorker({ connectionString: fresh.toString(), mailer: newMailer(), baseUrl: BASE, log: () => {} }).then((w) => (started.push(w), w))),
      );
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "started"))).toEqual(["started", "started", "started"]);
      // One schedule, whatever the number of servers that registered it.
      expect((await started[0]!.boss.getSchedules()).filter((s) => s.name === DIGEST_QUEUE)).toHaveLength(1);
    } finally {
      await Promise.all(started.map((w) => w.stop()));
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it("sends each digest once with two pg-boss workers taking tick jobs from the same queue", async () => {
    const zone = "Europe/Rome";
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => seeker(zone, [{ company: `Queue ${i} SpA`, appliedOn: addDays(D, -20) }])));
    const now = at(zone, D, "08:30");
    const logs: string[] = [];
    const options = { mailer: newMailer(), baseUrl: BASE, now: () => now, schedule: false, pollingIntervalSeconds: 0.5, log: (l: string) => logs.push(l) };
    const connectionString = process.env.DATABASE_URL!;
    const one = await startDigestWorker({ connectionString, ...options });
    const two = await startDigestWorker({ connectionString, ...options, mailer: newMailer(), schedule: true });
    try {
      // Every server registers the same schedule: one row, one job per five minutes.
      expect((await one.boss.getSchedules()).filter((s) => s.name === DIGEST_QUEUE)).toEqual([expect.objectContaining({ cron: DIGEST_CRON })]);
      await two.boss.unschedule(DIGEST_QUEUE); // the test sends its own ticks
      const jobs: string[] = [];
      for (let i = 0; i < 3; i++) {
        for (const worker of [one, two]) jobs.push((await worker.boss.send(DIGEST_QUEUE, {}))!);
      }
      await expect
        .poll(async () => (await Promise.all(jobs.map((id) => one.boss.getJobById(DIGEST_QUEUE, id, { includeArchive: true })))).map((j) => j?.state), { timeout: 30_000, interval: 200 })
        .toEqual(jobs.map(() => "completed"));
      for (const user of users) {
        expect(smtp.to(user.email)).toHaveLength(1);
        expect(await rows(user.id)).toEqual([{ kind: "daily", day: D, sentAt: now, createdAt: now }]);
      }
      expect(logs.filter((l) => l.includes("will retry"))).toEqual([]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});

/** The Monday on or before `date`. */
const mondayOnOrBefore = (date: string) => addDays(date, -((dayOfWeek(date) + 6) % 7));

describe.skipIf(embedded)("the weekly coach digest", () => {
  it("goes out on Monday from 08:00 in the coach's zone, with each live client's counts and nothing more", async () => {
    const M = mondayOnOrBefore(D);
    const coach = await newUser({ name: "Casey Coach", timeZone: "Asia/Tokyo" });
    const connect = async (name: string, jobs: JobSpec[], end: "live" | "revoked" | "pending") => {
      const client = await seeker("Europe/Berlin", jobs, { daily: false, name });
      await signInAs(client);
      const invitation = await inviteCoach({ email: coach.email });
      const { id } = invitation;
      if (end !== "pending") {
        await signInAs(coach);
        await acceptInvitation({ token: linkToken(invitation) }, testAddress());
      }
      if (end === "revoked") {
        await signInAs(client);
        await revokeGrant({ grantId: id });
        expect(await listGrantsGiven()).toEqual([]);
      }
      signOut();
      return client;
    };
    const xena = await connect(
      "Xena Client",
      [
        { company: "Xenon Due GmbH", appliedOn: addDays(M, -20) },
        { company: "Xenon Waiting GmbH", appliedOn: addDays(M, -2) },
        { company: "Xenon Called GmbH", appliedOn: addDays(M, -30) },
      ],
      "live",
    );
    await signInAs(xena);
    await logFollowUp({ jobId: xena.jobIds[2], on: addDays(M, -15) });
    signOut();
    await connect("Yuri Client", [], "live");
    await connect("Zed Revoked", [{ company: "Zed Due AG", appliedOn: addDays(M, -20) }], "revoked");
    await connect("Wes Pending", [{ company: "Wes Due AG", appliedOn: addDays(M, -20) }], "pending");
    await db.user.update({ where: { id: coach.id }, data: { weeklyCoachDigest: true } });
    // Opted in but coaching nobody: nothing to send, nothing recorded.
    const idle = await newUser({ timeZone: "Asia/Tokyo" });
    await db.user.update({ where: { id: idle.id }, data: { weeklyCoachDigest: true } });

    await tick(at("Asia/Tokyo", addDays(M, -1), "09:00")); // Sunday
    await tick(at("Asia/Tokyo", M, "07:59"));
    expect(smtp.to(coach.email)).toHaveLength(0);

    await tick(at("Asia/Tokyo", M, "08:30"));
    const [mail, ...extra] = smtp.to(coach.email);
    expect(extra).toHaveLength(0);
    expect(mail!.subject).toBe("Callback: your clients this week (2 clients)");
    expect(mail!.text).toContain("Hello, Casey Coach.");
    expect(mail!.text).toContain("- Xena Client: 1 due, 1 waiting, 1 followed up");
    expect(mail!.text).toContain(`${BASE}/clients/${xena.id}`);
    expect(mail!.text).toContain("- Yuri Client: 0 due, 0 waiting, 0 followed up");
    for (const hidden of ["Zed", "Wes", "Xenon"]) {
      expect(mail!.text).not.toContain(hidden);
      expect(mail!.html).not.toContain(hidden);
    }
    expect(await rows(coach.id)).toEqual([{ kind: "weekly_coach", day: M, sentAt: at("Asia/Tokyo", M, "08:30"), createdAt: at("Asia/Tokyo", M, "08:30") }]);

    await tick(at("Asia/Tokyo", M, "18:00"));
    await tick(at("Asia/Tokyo", addDays(M, 1), "09:00")); // Tuesday
    expect(smtp.to(coach.email)).toHaveLength(1);
    await tick(at("Asia/Tokyo", addDays(M, 7), "08:00")); // the next Monday
    expect(smtp.to(coach.email)).toHaveLength(2);
    expect(smtp.to(idle.email)).toHaveLength(0);
    expect(await rows(idle.id)).toEqual([]);
  });
});
