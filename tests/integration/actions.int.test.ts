import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as clientActions from "@/app/(app)/clients/actions";
import * as invitationActions from "@/app/invitations/[token]/actions";
import * as jobActions from "@/app/(app)/jobs/actions";
import * as digestActions from "@/app/(app)/settings/digest-actions";
import * as workingCalendarActions from "@/app/(app)/settings/working-calendar-actions";
import * as signOutActions from "@/app/_lib/sign-out-action";
import * as settingsActions from "@/app/(app)/settings/actions";
import * as sharingActions from "@/app/(app)/sharing/actions";
import * as transferActions from "@/app/(app)/transfer/actions";
import * as signupActions from "@/app/(auth)/signup/actions";
import { initialState, type ActionState } from "@/app/_lib/action-state";
import { db } from "@/lib/db";
import { createCalendarFeed } from "@/lib/data/calendar";
import { addComment } from "@/lib/data/comments";
import { acceptInvitation, inviteCoach } from "@/lib/data/grants";
import { addStage, archiveJob, createJob, logFollowUp } from "@/lib/data/jobs";
import { createShareLink } from "@/lib/data/shares";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, signInAs, signOut, testAddress, uniqueEmail } from "./helpers";

// Server actions are public POST endpoints: anyone can call any of them with any FormData,
// whatever page they are on. Here each one is called directly, with the owner's ids, by an
// anonymous visitor, by another user and by the owner's own coach: every call is refused (or,
// for an action on one's own account, touches only the caller's account) and everything the
// owner has is exactly as it was.

// The sign-up action reads the client address (server/client-address.ts sets it).
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-callback-client-ip": `actions-test-${process.pid}` }) }));

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

type User = Awaited<ReturnType<typeof newUser>>;
type World = {
  owner: User; coach: User;
  activeId: string; archivedId: string; interviewId: string; followUpId: string;
  linkId: string; grantId: string; pendingGrantId: string; receivedGrantId: string; commentId: string;
};

/** The owner: an active job with its history, an archived one, a link, a feed, an accepted coach who commented, a pending invitation, and one received. */
async function ownerWorld(): Promise<World> {
  const today = todayIn();
  // Every newUser() shares one default password: the owner's must be theirs alone.
  const owner = await newUser({ name: "Owner Olive", password: `owner's passphrase ${randomUUID()}` });
  const coach = await newUser({ name: "Coach Carla" });
  const inviter = await newUser({ name: "Inviter Ian" });
  await signInAs(owner);
  const active = await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(today, -30), contactName: "Jane", notes: "private" });
  const interview = await addStage({ jobId: active.id, kind: "interview", on: addDays(today, -10), answerInDays: "3" });
  const followUp = await logFollowUp({ jobId: active.id, on: addDays(today, -1) });
  const archived = await createJob({ company: "Globex", role: "Analyst", appliedOn: addDays(today, -40) });
  await archiveJob({ jobId: archived.id });
  const link = await createShareLink({ label: "For my coach" });
  await createCalendarFeed();
  // Directly: turning digests on needs e-mail configured, which tests do not have.
  await db.user.update({ where: { id: owner.id }, data: { dailyDigest: true, weeklyCoachDigest: true } });
  const grant = await inviteCoach({ email: coach.email });
  const pending = await inviteCoach({ email: uniqueEmail("pending-coach") });
  await signInAs(coach);
  await acceptInvitation({ token: linkToken(grant) }, testAddress());
  const comment = await addComment({ clientId: owner.id, jobId: active.id, body: "Ask about the roadmap." });
  await signInAs(inviter);
  const received = await inviteCoach({ email: owner.email });
  signOut();
  return {
    owner, coach, activeId: active.id, archivedId: archived.id, interviewId: interview.id, followUpId: followUp.id,
    linkId: link.id, grantId: grant.id, pendingGrantId: pending.id, receivedGrantId: received.id, commentId: comment.id,
  };
}

/** Everything of the owner's, every column (password hash, session version, feed token hash, timestamps). */
async function snapshot(w: World) {
  const byId = { orderBy: { id: "asc" } } as const;
  return {
    // All but pageVersion: a counter of what the owner's pages show, which the coach's own
    // changes may move (their name shows next to their comments); it holds no data.
    user: await db.user.findUniqueOrThrow({ where: { id: w.owner.id }, omit: { pageVersion: true } }),
    jobs: await db.job.findMany({ where: { userId: w.owner.id }, include: { stages: byId, comments: byId }, ...byId }),
    links: await db.shareLink.findMany({ where: { userId: w.owner.id }, ...byId }),
    grantsGiven: await db.coachGrant.findMany({ where: { ownerId: w.owner.id }, ...byId }),
    grantsReceived: await db.coachGrant.findMany({ where: { coachEmail: w.owner.email }, ...byId }),
    digests: await db.digestDelivery.findMany({ where: { userId: w.owner.id } }),
  };
}

type Attack = {
  call: (w: World) => Promise<ActionState>;
  /** An action on the caller's own account (no id in it): a signed-in caller may use it, on themselves. */
  own?: true;
};

const today = todayIn();
/** Every exported server action, aimed at the owner's records. */
const attacks = {
  jobs: {
    createJobAction: { own: true, call: () => jobActions.createJobAction(initialState, form({ company: "Mine", role: "Role", appliedOn: today, userId: "OWNER", requestId: randomUUID().replaceAll("-", "") })) },
    updateJobAction: { call: (w) => jobActions.updateJobAction(initialState, form({ jobId: w.activeId, company: "Hacked", role: "Hacked", appliedOn: addDays(today, -31), notes: "pwned" })) },
    addStageAction: { call: (w) => jobActions.addStageAction(initialState, form({ jobId: w.activeId, kind: "rejected", on: today })) },
    logFollowUpAction: { call: (w) => jobActions.logFollowUpAction(initialState, form({ jobId: w.activeId, on: today })) },
    archiveJobAction: { call: (w) => jobActions.archiveJobAction(initialState, form({ jobId: w.activeId })) },
    restoreJobAction: { call: (w) => jobActions.restoreJobAction(initialState, form({ jobId: w.archivedId })) },
    deleteStageAction: { call: (w) => jobActions.deleteStageAction(initialState, form({ jobId: w.activeId, stageId: w.interviewId })) },
  },
  settings: {
    updateSettingsAction: { own: true, call: (w) => settingsActions.updateSettingsAction(initialState, form({ name: "Hacked", timeZone: "UTC", id: w.owner.id, email: w.owner.email })) },
    changePasswordAction: { call: (w) => settingsActions.changePasswordAction(initialState, form({ currentPassword: w.owner.password, newPassword: "an attacker's passphrase" })) },
    signOutEverywhereAction: { own: true, call: () => settingsActions.signOutEverywhereAction() },
    createCalendarFeedAction: { own: true, call: () => settingsActions.createCalendarFeedAction() },
    revokeCalendarFeedAction: { own: true, call: () => settingsActions.revokeCalendarFeedAction() },
    deleteAccountAction: { call: (w) => settingsActions.deleteAccountAction(initialState, form({ password: w.owner.password, confirm: w.owner.email, userId: w.owner.id })) },
  },
  digest: {
    updateDigestSettingsAction: { own: true, call: (w) => digestActions.updateDigestSettingsAction(initialState, form({ dailyDigest: "false", weeklyCoachDigest: "false", userId: w.owner.id })) },
  },
  workingCalendar: {
    updateWorkingCalendarAction: { own: true, call: (w) => workingCalendarActions.updateWorkingCalendarAction(initialState, form({ workdays: "1", holidayRegion: "GB-ENG", userId: w.owner.id })) },
  },
  signOut: {
    // Ends the caller's own session (whoever calls it), then sends them to sign in.
    signOutAction: { own: true, call: () => signOutActions.signOutAction() },
  },
  signup: {
    // Public by design; with the owner's email it must not touch the owner's account.
    signUpAction: { call: (w) => signupActions.signUpAction(initialState, form({ name: "Taken", email: w.owner.email.toUpperCase(), password: "an attacker's passphrase", timeZone: "UTC" })) },
  },
  sharing: {
    createShareLinkAction: { own: true, call: (w) => sharingActions.createShareLinkAction(initialState, form({ label: "Mine", userId: w.owner.id })) },
    revokeShareLinkAction: { call: (w) => sharingActions.revokeShareLinkAction(initialState, form({ linkId: w.linkId })) },
    // The owner's link was made without "show my insights": turning it on would change the row.
    setShareLinkInsightsAction: { call: (w) => sharingActions.setShareLinkInsightsAction(initialState, form({ linkId: w.linkId, showInsights: "true" })) },
    inviteCoachAction: { own: true, call: (w) => sharingActions.inviteCoachAction(initialState, form({ email: uniqueEmail("my-coach"), ownerId: w.owner.id })) },
    revokeGrantAction: { call: (w) => sharingActions.revokeGrantAction(initialState, form({ grantId: w.grantId })) },
  },
  transfer: {
    importAction: {
      own: true,
      call: (w) => transferActions.importAction(initialState, form({ step: "import", content: `Company,Role,Date applied\nImported,Role,${addDays(today, -3)}\n`, userId: w.owner.id, requestId: randomUUID().replaceAll("-", "") })),
    },
  },
  invitations: {
    // What a stranger may know of an invitation: its id, the address it went to. Never its link.
    acceptInvitationAction: { call: (w) => invitationActions.acceptInvitationAction(initialState, form({ grantId: w.pendingGrantId })) },
    declineInvitationAction: { call: (w) => invitationActions.declineInvitationAction(initialState, form({ grantId: w.receivedGrantId })) },
  },
  clients: {
    addCommentAction: { call: (w) => clientActions.addCommentAction(initialState, form({ clientId: w.owner.id, jobId: w.activeId, body: "Injected" })) },
    deleteCommentAction: { call: (w) => clientActions.deleteCommentAction(initialState, form({ commentId: w.commentId, clientId: w.owner.id })) },
  },
} satisfies Record<string, Record<string, Attack>>;

/** More of the same, aimed elsewhere: the archived job, the pending grant, the owner's stage through the caller's own job. */
const moreAttacks: Record<string, (w: World, ownJobId: string) => Promise<ActionState>> = {
  "logFollowUpAction on the archived job": (w) => jobActions.logFollowUpAction(initialState, form({ jobId: w.archivedId, on: today })),
  "archiveJobAction on the archived job": (w) => jobActions.archiveJobAction(initialState, form({ jobId: w.archivedId })),
  "deleteStageAction of the follow-up": (w) => jobActions.deleteStageAction(initialState, form({ jobId: w.activeId, stageId: w.followUpId })),
  "deleteStageAction through the caller's own job": (w, own) => jobActions.deleteStageAction(initialState, form({ jobId: own, stageId: w.interviewId })),
  "addStageAction through the caller's own job id in a second field": (w, own) => jobActions.addStageAction(initialState, form({ jobId: w.activeId, job: own, kind: "offer", on: today })),
  "revokeGrantAction of the pending invitation": (w) => sharingActions.revokeGrantAction(initialState, form({ grantId: w.pendingGrantId })),
  "acceptInvitationAction of the invitation sent to the owner": (w) => invitationActions.acceptInvitationAction(initialState, form({ grantId: w.receivedGrantId })),
  "acceptInvitationAction with a made-up token": () => invitationActions.acceptInvitationAction(initialState, form({ token: "A".repeat(43) })),
  "acceptInvitationAction with the owner's email as the token": (w) => invitationActions.acceptInvitationAction(initialState, form({ token: w.owner.email, email: w.owner.email })),
  "declineInvitationAction of the owner's pending invitation by id": (w) => invitationActions.declineInvitationAction(initialState, form({ grantId: w.pendingGrantId })),
};

type Outcome = { state: ActionState } | { redirect: string };
/** Runs an action the way Next does: redirect() throws NEXT_REDIRECT (a success path); any other throw is a bug. */
async function run(call: () => Promise<ActionState>): Promise<Outcome> {
  try {
    return { state: await call() };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest };
    throw error;
  }
}

function expectRefused(outcome: Outcome, label: string, message?: RegExp) {
  expect("redirect" in outcome ? `redirected: ${outcome.redirect}` : "no redirect", label).toBe("no redirect");
  const { state } = outcome as { state: ActionState };
  expect(state.ok, label).toBe(false);
  expect(state.message, label).toMatch(message ?? /\S/);
  // Never a password echoed back.
  expect(JSON.stringify(state), label).not.toMatch(/passphrase|correct horse battery/);
}

const allAttacks = Object.values(attacks).flatMap((group) => Object.entries(group) as [string, Attack][]);

let w: World;
beforeAll(async () => {
  w = await ownerWorld();
});

describe("every server action is in this matrix", () => {
  const modules = {
    "app/(app)/jobs/actions.ts": ["jobs", jobActions],
    "app/(app)/settings/actions.ts": ["settings", settingsActions],
    "app/(app)/settings/digest-actions.ts": ["digest", digestActions],
    "app/(app)/settings/working-calendar-actions.ts": ["workingCalendar", workingCalendarActions],
    "app/_lib/sign-out-action.ts": ["signOut", signOutActions],
    "app/(auth)/signup/actions.ts": ["signup", signupActions],
    "app/(app)/sharing/actions.ts": ["sharing", sharingActions],
    "app/(app)/transfer/actions.ts": ["transfer", transferActions],
    "app/(app)/clients/actions.ts": ["clients", clientActions],
    "app/invitations/[token]/actions.ts": ["invitations", invitationActions],
  } as const;

  it("every file of server actions under app/ is here", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && /^\s*["']use server["']/.test(fs.readFileSync(full, "utf8"))) files.push(path.relative(process.cwd(), full));
      }
    };
    walk(path.join(process.cwd(), "app"));
    expect(files.sort(), "a new actions file: import it and add its actions to the attacks above").toEqual(Object.keys(modules).sort());
  });

  it.each(Object.values(modules))("every action of %s", (group, module) => {
    expect(Object.keys(module).sort(), `a new action in ${group}: add it to the attacks above`).toEqual(Object.keys(attacks[group]).sort());
  });
});

describe("an anonymous visitor", () => {
  it("is refused by every action, and nothing of the owner's changes", async () => {
    const before = await snapshot(w);
    const users = await db.user.count();
    signOut();
    for (const [name, attack] of allAttacks) {
      const outcome = await run(() => attack.call(w));
      // Signing out with no session is only the way to the sign-in page.
      if (name === "signOutAction") {
        expect(outcome, name).toEqual({ redirect: expect.stringContaining("/signin") });
        continue;
      }
      expectRefused(outcome, name, name === "signUpAction" ? /already exists|Check the highlighted/ : /^Please sign in again\.$/);
    }
    for (const [name, call] of Object.entries(moreAttacks)) expectRefused(await run(() => call(w, w.activeId)), name, /^Please sign in again\.$/);
    expect(await snapshot(w)).toEqual(before);
    expect(await db.user.count()).toBe(users);
  });
});

describe.each([
  ["another user", async () => newUser({ name: "Intruder Ivan" })],
  ["the owner's own coach", async () => w.coach],
] as const)("%s", (who, caller) => {
  it("is refused by every action aimed at the owner's records, and nothing of the owner's changes", async () => {
    const before = await snapshot(w);
    const attacker = await caller();
    await signInAs(attacker);
    const own = await createJob({ company: "Own job", role: "Role", appliedOn: addDays(today, -5) });
    await signInAs(attacker);

    for (const [name, attack] of allAttacks) {
      if (attack.own) continue;
      // The coach may comment on the owner's jobs and remove their own comment: that is the grant.
      if (who === "the owner's own coach" && (name === "addCommentAction" || name === "deleteCommentAction")) continue;
      expectRefused(await run(() => attack.call(w)), `${who}: ${name}`);
    }
    for (const [name, call] of Object.entries(moreAttacks)) expectRefused(await run(() => call(w, own.id)), `${who}: ${name}`);
    expect(await snapshot(w)).toEqual(before);
    // Nothing moved onto the caller's own job either.
    expect(await db.stage.count({ where: { jobId: own.id } })).toBe(1);
  });

  it("acting on their own account with the owner's ids in the form touches only their own account", async () => {
    const before = await snapshot(w);
    const attacker = await caller();
    await signInAs(attacker);
    for (const [name, attack] of allAttacks) {
      if (!attack.own) continue;
      await run(() => attack.call(w));
      // signOutEverywhere ends the caller's session: sign in again for the next one.
      await signInAs(attacker);
      expect(await snapshot(w), `${who}: ${name}`).toEqual(before);
    }
    // What was created belongs to the caller.
    expect(await db.job.count({ where: { userId: attacker.id, company: "Mine" } })).toBe(1);
    expect(await db.shareLink.count({ where: { userId: attacker.id, label: "Mine" } })).toBe(1);
    expect(await db.coachGrant.count({ where: { ownerId: attacker.id } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: attacker.id } })).name).toBe("Hacked");
    expect(await db.job.count({ where: { userId: attacker.id, company: "Imported" } })).toBe(1);
  });
});

describe("the owner (the control)", () => {
  it("the same calls do change the owner's records", async () => {
    const mine = await ownerWorld();
    await signInAs(mine.owner);
    const before = await snapshot(mine);
    const outcome = await run(() => attacks.jobs.updateJobAction.call(mine));
    expect(outcome).toEqual({ state: { ok: true, message: "Saved." } });
    const after = await snapshot(mine);
    expect(after.jobs.find((j) => j.id === mine.activeId)?.company).toBe("Hacked");
    expect(after).not.toEqual(before);
  });
});
