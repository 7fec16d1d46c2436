import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { deleteAccount } from "@/lib/data/account";
import { addComment, deleteComment } from "@/lib/data/comments";
import { updateDigestSettings } from "@/lib/data/digests";
import { acceptInvitation, declineInvitation, inviteCoach, revokeGrant } from "@/lib/data/grants";
import { addStage, archiveJob, createJob, deleteStage, getJob, logFollowUp, restoreJob, updateJob } from "@/lib/data/jobs";
import { createShareLink, revokeShareLink, setShareLinkInsights } from "@/lib/data/shares";
import { importJobs, previewImport } from "@/lib/data/transfer";
import { changePassword, createUser, updateSettings } from "@/lib/data/users";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, signInAs, signOut, testAddress, uniqueEmail } from "./helpers";

// Malformed, oversized, wrong-typed and hostile input thrown at every write of lib/data: each
// is refused with a typed AppError ("invalid" naming the field, or "not_found" for an id),
// never a crash (a Prisma or Postgres error would be a 500), and nothing is stored.

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const today = todayIn();

const KB100 = "x".repeat(100_000);
const WRONG_TYPES: unknown[] = [42, -1, Number.NaN, true, ["Acme"], { toString: "Acme" }, { $gt: "" }, new Date(), () => "Acme"];
const UNSAFE: unknown[] = ["Acme\u0000Corp", "Acme\u202Eproc", "\u2066Acme\u2069", "Acme\u0007", KB100];
const BAD = {
  /** One-line required text (names, company, label). */
  required: ["", "   ", "\u200B\u200B", "Acme\nInjected: header", null, ...UNSAFE, ...WRONG_TYPES],
  /** One-line optional text. */
  optional: ["Acme\r\nX", null, ...UNSAFE, ...WRONG_TYPES],
  /** Multi-line text (notes, comments). */
  long: [null, ...UNSAFE, ...WRONG_TYPES],
  date: ["", "2024-02-30", "2023-13-01", "2024-1-5", "yesterday", "2024-01-01T00:00:00Z", "0001-01-01", "9999-12-31", "2024-01-01'; --", null, 20240101, ...WRONG_TYPES],
  optionalDate: ["2024-02-30", "2023-13-01", "tomorrow", "2024-01-01T00:00:00Z", "0001-01-01", "9999-12-31", null, 20240101, ...WRONG_TYPES],
  /** A link's secret: 43 base64url characters, nothing else. */
  token: ["", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}\u0000`, `${"A".repeat(42)}/`, "' OR '1'='1", "x".repeat(100_000), null, ...WRONG_TYPES],
  id: ["", "../../etc/passwd", "' OR '1'='1", "1; DROP TABLE \"Job\"", "x".repeat(65), "cabc\u0000", "ｃａｂｃ", null, ...WRONG_TYPES],
  email: ["", "not-an-email", "a@b", "<script>alert(1)</script>@example.com", `${"x".repeat(250)}@example.com`, "a@example.com\u0000", null, ...WRONG_TYPES],
  optionalEmail: ["not-an-email", "a@b", "<script>@example.com", `${"x".repeat(250)}@example.com`, null, ...WRONG_TYPES],
  timeZone: ["", "Mars/Olympus", "UTC\u0000", "Europe/London'; DROP TABLE \"User\"; --", "x".repeat(65), null, ...WRONG_TYPES],
  newPassword: ["", "short", "x".repeat(129), "password", null, 12345678, ["a long passphrase"], { length: 20 }],
  password: ["", "x".repeat(1025), null, 12345678, ["a long passphrase"]],
  url: ["javascript:alert(1)", "not a link", "ftp://example.com", `https://example.com/${"x".repeat(2000)}`, "https://a b", null, ...WRONG_TYPES],
  phone: ["call me maybe", "<script>", "1".repeat(41), "+1\u0000", null, ...WRONG_TYPES],
  requestId: ["has space", "x".repeat(65), "<script>", "../", 5, ["a"]],
  kind: ["applied", "follow_up", "INTERVIEW", "", null, 1, ["interview"]],
  channel: ["sms", "PHONE", null, 1, ["phone"]],
  answerInDays: ["-1", "91", "1.5", "abc", "Infinity", "1e400", 3, null],
  time: ["24:00", "9:30", "12:60", "noon", 1230],
  checkbox: ["yes", "ON", 1, {}, ["on"]],
  /** A choice that must be said either way: true or false (as a form sends them), never absent. */
  boolean: [undefined, null, "", "on", "yes", "TRUE", "1", 1, 0, {}, ["true"]],
  confirm: ["", "no", false, 0, null],
} satisfies Record<string, unknown[]>;
const NOT_AN_OBJECT: unknown[] = [null, undefined, "company=Acme", 42, [], true, [["company", "Acme"]]];

type User = Awaited<ReturnType<typeof newUser>>;
type World = { owner: User; coach: User; activeId: string; staged: { jobId: string; stageId: string }; archivedId: string; linkId: string; pendingId: string; invitationToken: string; commentId: string };

/** Fresh per case, so a write accepted by one case never changes what the next one sees. */
async function world(): Promise<World> {
  const owner = await newUser({ name: "Fuzz Owner", password: `owner passphrase ${randomUUID()}` });
  const coach = await newUser({ name: "Fuzz Coach" });
  const inviter = await newUser({ name: "Fuzz Inviter" });
  await signInAs(owner);
  const active = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today, -14) });
  const stagedJob = await createJob({ company: "Initech", role: "Analyst", appliedOn: addDays(today, -20) });
  const stage = await addStage({ jobId: stagedJob.id, kind: "heard_back", on: addDays(today, -2) });
  const archived = await createJob({ company: "Globex", role: "Tester", appliedOn: addDays(today, -30) });
  await archiveJob({ jobId: archived.id });
  const link = await createShareLink({ label: "Coach" });
  const grant = await inviteCoach({ email: coach.email });
  const pending = await inviteCoach({ email: uniqueEmail("pending") });
  await signInAs(coach);
  await acceptInvitation({ token: linkToken(grant) }, testAddress());
  const comment = await addComment({ clientId: owner.id, jobId: active.id, body: "A note" });
  await signInAs(inviter);
  const invitation = await inviteCoach({ email: owner.email });
  return {
    owner, coach, activeId: active.id, staged: { jobId: stagedJob.id, stageId: stage.id }, archivedId: archived.id,
    linkId: link.id, pendingId: pending.id, invitationToken: linkToken(invitation), commentId: comment.id,
  };
}

/** Row counts of every table, and a digest of every column of everything of the owner's: one query. */
async function state(w: World) {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Job") AS jobs, (SELECT count(*) FROM "Stage") AS stages,
           (SELECT count(*) FROM "ShareLink") AS links, (SELECT count(*) FROM "CoachGrant") AS grants, (SELECT count(*) FROM "Comment") AS comments,
           (SELECT md5(u::text) FROM "User" u WHERE u.id = ${w.owner.id}) AS owner,
           (SELECT md5(string_agg(j::text, ',' ORDER BY j.id)) FROM "Job" j WHERE j."userId" = ${w.owner.id}) AS "ownerJobs",
           (SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) FROM "Stage" s JOIN "Job" j ON j.id = s."jobId" WHERE j."userId" = ${w.owner.id}) AS "ownerStages",
           (SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM "Comment" c JOIN "Job" j ON j.id = c."jobId" WHERE j."userId" = ${w.owner.id}) AS "ownerComments",
           (SELECT md5(string_agg(l::text, ',' ORDER BY l.id)) FROM "ShareLink" l WHERE l."userId" = ${w.owner.id}) AS "ownerLinks",
           (SELECT md5(string_agg(g::text, ',' ORDER BY g.id)) FROM "CoachGrant" g WHERE g."ownerId" = ${w.owner.id} OR g."coachEmail" = ${w.owner.email}) AS "ownerGrants"`;
  return row;
}

type Target = {
  /** Who calls it: the owner, the owner's coach (comments) or nobody (sign-up). */
  as: "owner" | "coach" | "anonymous";
  call: (input: unknown) => Promise<unknown>;
  valid: (w: World) => Record<string, unknown>;
  fields: Partial<Record<string, keyof typeof BAD>>;
  /** What a refusal may be: "invalid", or "not_found" for an id that does not parse or exist. */
  codes: AppErrorCode[];
};

const targets: Record<string, Target> = {
  createUser: {
    as: "anonymous", call: createUser, codes: ["invalid"],
    valid: () => ({ name: "New Person", email: uniqueEmail("fuzz"), password: "a long passphrase here", timeZone: "Europe/Paris" }),
    fields: { name: "required", email: "email", password: "newPassword", timeZone: "timeZone" },
  },
  createJob: {
    as: "owner", call: createJob, codes: ["invalid"],
    valid: () => ({ company: "Umbrella", role: "Chemist", appliedOn: addDays(today, -3), sourceUrl: "https://example.com/job", contactName: "Ada", contactPhone: "+44 20 7946 0000", contactEmail: "ada@example.com", notes: "Line one\nLine two", requestId: randomUUID() }),
    fields: { company: "required", role: "required", appliedOn: "date", sourceUrl: "url", contactName: "optional", contactPhone: "phone", contactEmail: "optionalEmail", notes: "long", requestId: "requestId" },
  },
  updateJob: {
    as: "owner", call: updateJob, codes: ["invalid", "not_found"],
    valid: (w) => ({ jobId: w.activeId, company: "Acme 2", role: "Lead", appliedOn: addDays(today, -13), sourceUrl: "", contactName: "", contactPhone: "", contactEmail: "", notes: "" }),
    fields: { jobId: "id", company: "required", role: "required", appliedOn: "date", sourceUrl: "url", contactName: "optional", contactPhone: "phone", contactEmail: "optionalEmail", notes: "long" },
  },
  addStage: {
    as: "owner", call: addStage, codes: ["invalid", "not_found"],
    valid: (w) => ({ jobId: w.activeId, kind: "interview", on: addDays(today, -1), time: "14:30", withWhom: "Dana", answerInDays: "5", note: "Went well", requestId: randomUUID() }),
    fields: { jobId: "id", kind: "kind", on: "date", time: "time", withWhom: "optional", answerInDays: "answerInDays", note: "long", requestId: "requestId" },
  },
  "addStage (promised date)": {
    as: "owner", call: addStage, codes: ["invalid", "not_found"],
    valid: (w) => ({ jobId: w.activeId, kind: "interview", on: addDays(today, -1), answerBy: addDays(today, 3) }),
    fields: { answerBy: "optionalDate" },
  },
  logFollowUp: {
    as: "owner", call: logFollowUp, codes: ["invalid", "not_found"],
    valid: (w) => ({ jobId: w.activeId, on: today, channel: "email", note: "Called", requestId: randomUUID() }),
    fields: { jobId: "id", on: "date", channel: "channel", note: "long", requestId: "requestId" },
  },
  archiveJob: { as: "owner", call: archiveJob, codes: ["invalid", "not_found"], valid: (w) => ({ jobId: w.activeId }), fields: { jobId: "id" } },
  restoreJob: { as: "owner", call: restoreJob, codes: ["invalid", "not_found"], valid: (w) => ({ jobId: w.archivedId }), fields: { jobId: "id" } },
  deleteStage: { as: "owner", call: deleteStage, codes: ["invalid", "not_found"], valid: (w) => ({ ...w.staged }), fields: { jobId: "id", stageId: "id" } },
  updateSettings: {
    as: "owner", call: updateSettings, codes: ["invalid"],
    valid: () => ({ name: "Renamed", timeZone: "America/New_York" }),
    fields: { name: "required", timeZone: "timeZone" },
  },
  changePassword: {
    as: "owner", call: changePassword, codes: ["invalid"],
    valid: (w) => ({ currentPassword: w.owner.password, newPassword: "a brand new passphrase" }),
    fields: { currentPassword: "password", newPassword: "newPassword" },
  },
  deleteAccount: {
    as: "owner", call: deleteAccount, codes: ["invalid"],
    valid: (w) => ({ password: w.owner.password, confirm: "on" }),
    fields: { password: "password", confirm: "confirm" },
  },
  updateDigestSettings: {
    as: "owner", call: updateDigestSettings, codes: ["invalid"],
    valid: () => ({ dailyDigest: "false", weeklyCoachDigest: "" }),
    fields: { dailyDigest: "checkbox", weeklyCoachDigest: "checkbox" },
  },
  createShareLink: {
    as: "owner", call: createShareLink, codes: ["invalid"],
    valid: () => ({ label: "Mentor", expiresOn: addDays(today, 30), includePrivate: "on" }),
    fields: { label: "required", expiresOn: "optionalDate", includePrivate: "checkbox" },
  },
  revokeShareLink: { as: "owner", call: revokeShareLink, codes: ["not_found"], valid: (w) => ({ linkId: w.linkId }), fields: { linkId: "id" } },
  setShareLinkInsights: {
    as: "owner", call: setShareLinkInsights, codes: ["invalid", "not_found"],
    valid: (w) => ({ linkId: w.linkId, showInsights: "true" }),
    fields: { linkId: "id", showInsights: "boolean" },
  },
  inviteCoach: { as: "owner", call: inviteCoach, codes: ["invalid"], valid: () => ({ email: uniqueEmail("coach") }), fields: { email: "email" } },
  revokeGrant: { as: "owner", call: revokeGrant, codes: ["not_found"], valid: (w) => ({ grantId: w.pendingId }), fields: { grantId: "id" } },
  // Each call from an address of its own: a malformed token counts as a miss against its address.
  acceptInvitation: { as: "owner", call: (input) => acceptInvitation(input, testAddress()), codes: ["not_found"], valid: (w) => ({ token: w.invitationToken }), fields: { token: "token" } },
  declineInvitation: { as: "owner", call: (input) => declineInvitation(input, testAddress()), codes: ["not_found"], valid: (w) => ({ token: w.invitationToken }), fields: { token: "token" } },
  addComment: {
    as: "coach", call: addComment, codes: ["invalid", "not_found"],
    valid: (w) => ({ clientId: w.owner.id, jobId: w.activeId, body: "Good luck with the call" }),
    fields: { clientId: "id", jobId: "id", body: "long" },
  },
  deleteComment: { as: "coach", call: deleteComment, codes: ["not_found"], valid: (w) => ({ commentId: w.commentId }), fields: { commentId: "id" } },
};

async function actAs(w: World, as: Target["as"]) {
  if (as === "anonymous") signOut();
  else await signInAs(as === "owner" ? w.owner : w.coach);
}

/** The call's error: an AppError with one of `codes` and a short, plain message. Anything else fails. */
async function refusal(promise: Promise<unknown>, codes: AppErrorCode[], label: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${label}: expected a refusal`).not.toBeNull();
  expect(error, `${label}: ${String(error)}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(codes, `${label}: code ${appError.code}`).toContain(appError.code);
  expect(appError.message.length, label).toBeLessThan(200);
  for (const messages of Object.values(appError.fieldErrors)) {
    for (const m of messages) {
      expect(m.length, label).toBeLessThan(200);
      expect(m, `${label}: the input echoed in a message`).not.toMatch(/<script|DROP TABLE|xxxxxxxxxx/);
    }
  }
  return appError;
}

const describeValue = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v) : Array.isArray(v) ? "an array" : v === null ? "null" : typeof v);

describe("every write refuses each malformed field, names it, and stores nothing", () => {
  it.each(Object.keys(targets))("%s", async (name) => {
    const target = targets[name]!;
    const w = await world();
    await actAs(w, target.as);
    const before = await state(w);

    for (const bad of NOT_AN_OBJECT) {
      await actAs(w, target.as);
      const error = await refusal(target.call(bad), target.codes, `${name}(${describeValue(bad)})`);
      expect(error.message).toMatch(/\S/);
    }
    for (const [field, kind] of Object.entries(target.fields)) {
      for (const value of BAD[kind!]) {
        await actAs(w, target.as);
        const label = `${name}: ${field} = ${describeValue(value)}`;
        const error = await refusal(target.call({ ...target.valid(w), [field]: value }), target.codes, label);
        if (error.code === "invalid") expect(Object.keys(error.fieldErrors), label).toContain(field);
      }
    }
    expect(await state(w), `${name} stored something`).toEqual(before);

    // The control: the untouched input is accepted, so each refusal above was the bad field's.
    await actAs(w, target.as);
    await expect(target.call(target.valid(w))).resolves.not.toThrow();
  });
});

describe("hostile but well-formed text is stored exactly as typed, as data", () => {
  it("script tags, SQL and mixed scripts round-trip through a job, a name and a share label", async () => {
    const w = await world();
    await signInAs(w.owner);
    const jobsBefore = await db.job.count();
    const hostile = {
      company: "<script>alert(document.cookie)</script>",
      role: `'; DROP TABLE "Job"; --`,
      contactName: "Robert'); DELETE FROM \"User\";--",
      notes: "' OR 1=1; --\n<img src=x onerror=alert(1)>\n{{constructor.constructor('alert(1)')()}}\n${7*7} 😀 中文 עברית مرحبا",
    };
    const { id } = await createJob({ ...hostile, appliedOn: addDays(today, -2) });
    const job = await getJob(id);
    expect({ company: job.company, role: job.role, contactName: job.contactName, notes: job.notes }).toEqual(hostile);
    expect(await db.job.count()).toBe(jobsBefore + 1);

    await updateSettings({ name: "<b>Bold</b> & 'quoted'", timeZone: "Asia/Kolkata" });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.owner.id } })).name).toBe("<b>Bold</b> & 'quoted'");
    const link = await createShareLink({ label: "\"; DROP TABLE \"ShareLink\"; --" });
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: link.id } })).label).toBe("\"; DROP TABLE \"ShareLink\"; --");
  });
});

// Property: whatever the input (each field valid, hostile, random or of any type, or absent),
// every write either succeeds or refuses with an expected AppError, and a refusal stores nothing.
describe("random input never crashes a write", () => {
  const anyValue = (valid: unknown, kind: keyof typeof BAD | undefined) =>
    fc.oneof(
      { arbitrary: fc.constant(valid), weight: 3 },
      { arbitrary: fc.constantFrom(...(kind ? BAD[kind] : BAD.long)), weight: 3 },
      { arbitrary: fc.string({ unit: "binary", maxLength: 300 }), weight: 2 },
      { arbitrary: fc.anything(), weight: 1 },
    );

  it.each(Object.keys(targets))("%s", async (name) => {
    const target = targets[name]!;
    const w = await world();
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(Object.entries(target.valid(w)).map(([field, valid]) => [field, anyValue(valid, target.fields[field])])), { requiredKeys: [] }),
        async (input) => {
          // A success may end the session (a password change) or delete the account: start over.
          if (!(await db.user.findUnique({ where: { id: w.owner.id } }))) Object.assign(w, await world());
          await actAs(w, target.as);
          const before = await state(w);
          const outcome = await target.call(input).then(
            () => null,
            (e: unknown) => e,
          );
          if (outcome === null) return;
          expect(outcome, String(outcome)).toBeInstanceOf(AppError);
          expect([...target.codes, "conflict", "already_followed_up", "unauthenticated", "unavailable"]).toContain((outcome as AppError).code);
          expect(await state(w)).toEqual(before);
        },
      ),
      { numRuns: 30 },
    );
  });
});

// The CSV import writes many rows at once: hostile cells, broken quoting, odd delimiters and
// random bytes are either imported exactly as reported or refused with nothing written.
describe("random CSV never crashes the import", () => {
  const cell = fc.oneof(
    fc.constantFrom("Acme", "Engineer", addDays(today, -5), "25/12/2024", "2024-02-30", "interview", "rejected", "=HYPERLINK(\"http://evil\")", "+1 555", "'; DROP TABLE \"Job\"; --", "<script>alert(1)</script>", "\"unterminated", "a\"b", "", " ", "\u202Eevil", "\u0000"),
    fc.string({ unit: "binary", maxLength: 30 }),
  );
  // Some files are all good rows (so imports do happen), most have something hostile in them.
  const goodRow = fc.constantFrom(["<b>Acme</b>", "Engineer", addDays(today, -5)], ["'; DROP TABLE \"Job\"; --", "Analyst", addDays(today, -9)], ["=1+1", "@SUM(A1)", addDays(today, -2)]);
  const csv = fc.tuple(
    fc.oneof(
      { arbitrary: fc.constant("Company,Role,Date applied"), weight: 4 },
      { arbitrary: fc.constantFrom("Company,Role,Date applied,Status,Status date", "Company;Role;Date applied", "company\trole\tapplied", "", "Job number,Company,Role,Entry,Entry date"), weight: 2 },
    ),
    fc.oneof(fc.array(goodRow, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(goodRow, fc.array(cell, { maxLength: 6 })), { maxLength: 8 })),
    fc.oneof({ arbitrary: fc.constant(","), weight: 3 }, { arbitrary: fc.constantFrom(";", "\t"), weight: 1 }),
    fc.constantFrom("\n", "\r\n"),
    // Files with an odd number of rows quote their cells properly; the others leave quotes raw.
  ).map(([header, rows, delimiter, eol]) => [header, ...rows.map((r) => r.map((c) => (/[",;\t\r\n]/.test(c) && rows.length % 2 ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter))].join(eol));

  it("imports exactly what it reports, or refuses and writes nothing", async () => {
    const w = await world();
    const seen = { imported: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(csv, fc.option(fc.constantFrom("dmy", "mdy", "bogus", 42 as unknown as string)), async (content, dateOrder) => {
        await signInAs(w.owner);
        const input = { content, ...(dateOrder === null ? {} : { dateOrder }), requestId: randomUUID().replaceAll("-", "") };
        const preview = await previewImport(input).catch((e: unknown) => e);
        if (!(preview as { digest?: string }).digest) expect(preview, String(preview)).toBeInstanceOf(AppError);
        const before = await state(w);
        const outcome = await importJobs(input).then(
          (r) => r,
          (e: unknown) => e,
        );
        const after = await state(w);
        if (outcome instanceof Error) {
          expect(outcome, String(outcome)).toBeInstanceOf(AppError);
          expect(["invalid", "conflict"]).toContain((outcome as AppError).code);
          expect(after).toEqual(before);
          seen.refused++;
        } else {
          const { imported } = outcome as { imported: number };
          expect(Number(after!.jobs)).toBe(Number(before!.jobs) + imported);
          if (imported > 0) seen.imported++;
        }
      }),
      { numRuns: 60 },
    );
    // Both paths were exercised, so the property is not vacuous.
    expect(seen.imported).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
