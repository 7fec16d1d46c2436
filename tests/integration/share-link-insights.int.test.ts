import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setShareLinkInsightsAction } from "@/app/(app)/sharing/actions";
import { initialState } from "@/app/_lib/action-state";
import { db } from "@/lib/db";
import { acceptInvitation, inviteCoach } from "@/lib/data/grants";
import { openSharedInsights } from "@/lib/data/insights";
import { createJob } from "@/lib/data/jobs";
import { countSqlQueries } from "@/lib/data/metrics";
import { createShareLink, listShareLinks, openSharedTimeline, revokeShareLink, setShareLinkInsights } from "@/lib/data/shares";
import { addDays } from "@/lib/followup/dates";
import { linkToken, newUser, refusal, signInAs, signOut, testAddress } from "./helpers";

// Issue 16's leftover: "show my insights" turned on or off after a link was made. Only the link's
// owner may, only while the link works; the link's Insights page follows on its very next request.

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());

/** A signed-in owner with a job and a link made without "show my insights". */
async function ownerWithLink() {
  const owner = await newUser({ name: "Olive Owner" });
  await signInAs(owner);
  await createJob({ company: "Acme", role: "Engineer", appliedOn: addDays(todayIn(owner.timeZone), -10) });
  const link = await createShareLink({ label: "For my coach" });
  return { owner, ...link };
}

/** The link's row, every column: a refusal must leave it exactly as it was. */
const row = (id: string) => db.shareLink.findUniqueOrThrow({ where: { id } });

/** What a visitor holding the link gets: the Insights page (or not), and whether the timeline offers it. */
async function visitorSees(token: string) {
  const insights = await openSharedInsights(token, testAddress(), "all");
  const timeline = await openSharedTimeline(token, testAddress());
  return { insights: insights !== null, offered: timeline?.showInsights ?? null };
}

describe("setShareLinkInsights: the owner", () => {
  it("turns it on and off; the link's Insights page and the timeline's offer follow on the next request", async () => {
    const { owner, id, token } = await ownerWithLink();
    expect(await visitorSees(token)).toEqual({ insights: false, offered: false });

    await signInAs(owner);
    expect(await setShareLinkInsights({ linkId: id, showInsights: true })).toEqual({ showInsights: true });
    expect((await listShareLinks()).find((l) => l.id === id)?.includeInsights).toBe(true);
    signOut();
    expect(await visitorSees(token)).toEqual({ insights: true, offered: true });
    const view = await openSharedInsights(token, testAddress(), "all");
    expect([view?.ownerName, view?.insights.applications]).toEqual(["Olive Owner", 1]);

    // As a form sends it.
    await signInAs(owner);
    expect(await setShareLinkInsights({ linkId: id, showInsights: "false" })).toEqual({ showInsights: false });
    expect((await listShareLinks()).find((l) => l.id === id)?.includeInsights).toBe(false);
    signOut();
    expect(await visitorSees(token)).toEqual({ insights: false, offered: false });

    await signInAs(owner);
    await setShareLinkInsights({ linkId: id, showInsights: "true" });
    signOut();
    expect(await visitorSees(token)).toEqual({ insights: true, offered: true });
  });

  it("changes that one column of that one link: the other link, the rest of the row stay as they were", async () => {
    const { id } = await ownerWithLink();
    const other = await createShareLink({ label: "Another", includeInsights: "on" });
    const [before, otherBefore] = [await row(id), await row(other.id)];
    await setShareLinkInsights({ linkId: id, showInsights: true });
    expect(await row(id)).toEqual({ ...before, showInsights: true });
    expect(await row(other.id)).toEqual(otherBefore);
  });

  it("says which way, so sending it twice changes nothing more", async () => {
    const { id } = await ownerWithLink();
    await setShareLinkInsights({ linkId: id, showInsights: true });
    const once = await row(id);
    expect(await setShareLinkInsights({ linkId: id, showInsights: true })).toEqual({ showInsights: true });
    expect(await row(id)).toEqual(once);
  });

  it("is one conditional UPDATE after the session check, as revoking is, and like it moves no page version", async () => {
    const { owner, id } = await ownerWithLink();
    const other = await createShareLink({ label: "To revoke" });
    const version = async () => (await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { pageVersion: true } })).pageVersion;
    const before = await version();
    const set = await countSqlQueries(() => setShareLinkInsights({ linkId: id, showInsights: true }));
    const revoke = await countSqlQueries(() => revokeShareLink({ linkId: other.id }));
    // The session check, then BEGIN, the UPDATE and COMMIT (Prisma's updateMany): no read first.
    expect([set.queries, revoke.queries]).toEqual([4, 4]);
    expect(await version()).toBe(before);
  });
});

describe("setShareLinkInsights: refused, nothing changed", () => {
  it("another user's link: not found, as for a link that does not exist", async () => {
    const { id, token } = await ownerWithLink();
    const before = await row(id);
    const intruder = await newUser({ name: "Ivan Intruder" });
    await signInAs(intruder);
    const error = await refusal(setShareLinkInsights({ linkId: id, showInsights: true }));
    expect([error.code, error.message]).toEqual(["not_found", "That link was not found."]);
    const unknown = await refusal(setShareLinkInsights({ linkId: "c".repeat(25), showInsights: true }));
    expect([unknown.code, unknown.message]).toEqual([error.code, error.message]);
    expect(await row(id)).toEqual(before);
    signOut();
    expect(await visitorSees(token)).toEqual({ insights: false, offered: false });
  });

  it("the owner's own coach (a live grant reads, never writes): not found", async () => {
    const { owner, id } = await ownerWithLink();
    const coach = await newUser({ name: "Carla Coach" });
    const invitation = await inviteCoach({ email: coach.email });
    await signInAs(coach);
    await acceptInvitation({ token: linkToken(invitation) }, testAddress());
    const before = await row(id);
    expect((await refusal(setShareLinkInsights({ linkId: id, showInsights: true }))).code).toBe("not_found");
    expect(await row(id)).toEqual(before);
    expect(before.userId).toBe(owner.id);
  });

  it("an anonymous visitor: asked to sign in", async () => {
    const { id } = await ownerWithLink();
    const before = await row(id);
    signOut();
    expect((await refusal(setShareLinkInsights({ linkId: id, showInsights: true }))).code).toBe("unauthenticated");
    expect(await row(id)).toEqual(before);
  });

  it("a revoked link, or an expired one, even its owner's: not found, and it does not open", async () => {
    const { id, token } = await ownerWithLink();
    await revokeShareLink({ linkId: id });
    const revoked = await row(id);
    expect((await refusal(setShareLinkInsights({ linkId: id, showInsights: true }))).code).toBe("not_found");
    expect(await row(id)).toEqual(revoked);
    expect(await openSharedInsights(token, testAddress(), "all")).toBeNull();

    const expiring = await createShareLink({ label: "Short", expiresOn: todayIn() });
    await db.shareLink.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const expired = await row(expiring.id);
    expect((await refusal(setShareLinkInsights({ linkId: expiring.id, showInsights: true }))).code).toBe("not_found");
    expect(await row(expiring.id)).toEqual(expired);
    expect(await openSharedInsights(expiring.token, testAddress(), "all")).toBeNull();
  });

  it("anything but true or false: refused as invalid, naming the field", async () => {
    const { id } = await ownerWithLink();
    const before = await row(id);
    for (const showInsights of [undefined, null, "", "on", "yes", "TRUE", "1", 1, 0, {}, ["true"]]) {
      const error = await refusal(setShareLinkInsights({ linkId: id, showInsights }));
      expect(error.code, JSON.stringify(showInsights)).toBe("invalid");
      expect(Object.keys(error.fieldErrors)).toEqual(["showInsights"]);
    }
    expect(await row(id)).toEqual(before);
  });

  it("an id that cannot be one, or no object at all: not found", async () => {
    const { id } = await ownerWithLink();
    const before = await row(id);
    const badIds = ["", "not a link id", `${id}'; --`, "x".repeat(65), `${id}\u0000`, 42, null, [id], { id }];
    for (const linkId of badIds) {
      expect((await refusal(setShareLinkInsights({ linkId, showInsights: true }))).code, JSON.stringify(linkId)).toBe("not_found");
    }
    for (const input of [null, undefined, id, 42, [id, true]]) {
      expect((await refusal(setShareLinkInsights(input))).code, JSON.stringify(input)).toBe("not_found");
    }
    expect(await row(id)).toEqual(before);
  });
});

describe("setShareLinkInsightsAction", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };

  it("returns the envelope: what changed on success, a message (and nothing changed) on a refusal", async () => {
    const { id } = await ownerWithLink();
    expect(await setShareLinkInsightsAction(initialState, form({ linkId: id, showInsights: "true" }))).toEqual({
      ok: true, message: "Insights shown: the link now opens your insights too.",
    });
    expect(await setShareLinkInsightsAction(initialState, form({ linkId: id, showInsights: "false" }))).toEqual({
      ok: true, message: "Insights hidden: the link no longer opens your insights.",
    });
    const before = await row(id);
    const missing = await setShareLinkInsightsAction(initialState, form({ linkId: id }));
    expect(missing).toMatchObject({ ok: false, message: "Check the highlighted fields.", fieldErrors: { showInsights: ["Choose whether the link shows your insights."] } });
    const stranger = await setShareLinkInsightsAction(initialState, form({ linkId: `c${randomUUID().replaceAll("-", "")}`, showInsights: "true" }));
    expect(stranger).toMatchObject({ ok: false, message: "That link was not found." });
    expect(await row(id)).toEqual(before);
  });
});
