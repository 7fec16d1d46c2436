import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportClient } from "@/app/(app)/clients/[clientId]/insights/export/route";
import { GET as exportOwn } from "@/app/(app)/insights/export/route";
import { GET as exportShared } from "@/app/share/[token]/insights/export/route";
import { getClientInsights, getInsights, openSharedInsights, type InsightsView } from "@/lib/data/insights";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/followup/dates";
import { newUser, signInAs, signOut } from "./helpers";

// The authorization matrix of the Insights reads (issue 16), as tests/integration/
// sharing-authorization.int.test.ts has it for the rest of lib/data: every viewer × every read
// and download. The owner sees their figures; a coach only through a live grant; a link only
// when its owner ticked "show insights". Every refusal is "not found" (or "sign in"), says
// nothing about the owner, and leaves the database as it was.

// The shared export reads the client's address from the request headers: each case its own, so
// the per-address limits of one never reach another.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const todayIn = (timeZone = "Europe/London") => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const VIEWERS = ["owner", "other user", "coach", "revoked coach", "pending coach", "anonymous"] as const;
const LINKS = ["ticked link", "link without the tick", "revoked ticked link", "expired ticked link", "unknown link"] as const;
type ViewerName = (typeof VIEWERS)[number];
type LinkName = (typeof LINKS)[number];
type User = Awaited<ReturnType<typeof newUser>>;

let owner: User;
let users: Record<Exclude<ViewerName, "anonymous">, User>;
let tokens: Record<LinkName, string>;
let worldStart: Date;

beforeAll(async () => {
  worldStart = new Date(Date.now() - 1000);
  owner = await newUser({ name: "Owner Olive" });
  const other = await newUser({ name: "Other Oscar" });
  const coach = await newUser({ name: "Coach Carla" });
  const revokedCoach = await newUser({ name: "Revoked Rita" });
  const pendingCoach = await newUser({ name: "Pending Pat" });
  users = { owner, "other user": other, coach, "revoked coach": revokedCoach, "pending coach": pendingCoach };
  const grant = (c: User, accepted: boolean, revoked: boolean) =>
    db.coachGrant.create({ data: { ownerId: owner.id, coachEmail: c.email, coachId: accepted ? c.id : null, acceptedAt: accepted ? new Date() : null, revokedAt: revoked ? new Date() : null } });
  await grant(coach, true, false);
  await grant(revokedCoach, true, true);
  await grant(pendingCoach, false, false);

  const today = todayIn();
  // Three live applications (one interviewed, one answered) and an archived one; the other user has one of their own.
  const job = (userId: string, stages: { kind: "applied" | "interview" | "heard_back" | "rejected"; on: string }[], archived = false) =>
    db.job.create({ data: { userId, company: "Acme", role: "Engineer", archivedAt: archived ? new Date() : null, stages: { create: stages.map((s) => ({ kind: s.kind, on: day(s.on) })) } } });
  await job(owner.id, [{ kind: "applied", on: addDays(today, -30) }, { kind: "interview", on: addDays(today, -20) }]);
  await job(owner.id, [{ kind: "applied", on: addDays(today, -25) }, { kind: "heard_back", on: addDays(today, -20) }]);
  await job(owner.id, [{ kind: "applied", on: addDays(today, -10) }]);
  await job(owner.id, [{ kind: "applied", on: addDays(today, -12) }, { kind: "rejected", on: addDays(today, -5) }], true);
  await job(other.id, [{ kind: "applied", on: addDays(today, -3) }]);

  const fresh = () => randomBytes(32).toString("base64url");
  tokens = { "ticked link": fresh(), "link without the tick": fresh(), "revoked ticked link": fresh(), "expired ticked link": fresh(), "unknown link": fresh() };
  const link = (token: string, extra: { showInsights?: boolean; revokedAt?: Date; expiresAt?: Date }) =>
    db.shareLink.create({ data: { userId: owner.id, label: "For my coach", tokenHash: sha256(token), ...extra } });
  await link(tokens["ticked link"], { showInsights: true });
  await link(tokens["link without the tick"], {});
  await link(tokens["revoked ticked link"], { showInsights: true, revokedAt: new Date() });
  await link(tokens["expired ticked link"], { showInsights: true, expiresAt: new Date(Date.now() - 60_000) });
});

/** Every table the owner's data lives in, for the rows made since this file began (rate-limit counters aside). */
async function snapshot() {
  const since = { createdAt: { gte: worldStart } };
  const [jobs, stages, links, grants] = await Promise.all([
    db.job.findMany({ where: since, orderBy: { id: "asc" } }),
    db.stage.findMany({ where: since, orderBy: { id: "asc" } }),
    db.shareLink.findMany({ where: since, orderBy: { id: "asc" } }),
    db.coachGrant.findMany({ where: since, orderBy: { id: "asc" } }),
  ]);
  // The plan columns are a cache of the rules engine's verdict, not anyone's data.
  return { jobs: jobs.map((j) => Object.fromEntries(Object.entries(j).filter(([k]) => !k.startsWith("plan")))), stages, links, grants };
}

async function as(viewer: ViewerName) {
  if (viewer === "anonymous") signOut();
  else await signInAs(users[viewer]);
}

type Outcome = "ok" | "not_found" | "unauthenticated" | "inactive";
async function outcomeOf<T>(promise: Promise<T>): Promise<{ outcome: Outcome; value: T | AppError | null }> {
  try {
    const value = await promise;
    return { outcome: value === null ? "inactive" : "ok", value };
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== "not_found" && error.code !== "unauthenticated")) throw error;
    return { outcome: error.code, value: error };
  }
}

/** The owner's figures as the owner sees them: three live applications and the archived one left out. */
const expectOwnersFigures = (view: InsightsView, archivedLeftOut: number) => {
  expect(view.ownerName).toBe("Owner Olive");
  expect(view.insights.funnel.map((s) => s.count)).toEqual([3, 2, 1, 0]);
  expect(view.insights.archivedLeftOut).toBe(archivedLeftOut);
};

describe("getInsights (the viewer's own figures)", () => {
  const expected: Record<ViewerName, Outcome> = { owner: "ok", "other user": "ok", coach: "ok", "revoked coach": "ok", "pending coach": "ok", anonymous: "unauthenticated" };
  it.each(VIEWERS)("%s", async (viewer) => {
    await as(viewer);
    const before = await snapshot();
    const { outcome, value } = await outcomeOf(getInsights("all"));
    expect(outcome).toBe(expected[viewer]);
    expect(await snapshot()).toEqual(before);
    if (outcome !== "ok") return;
    const view = value as InsightsView;
    // Everyone gets their own figures; only the owner's hold the owner's jobs.
    if (viewer === "owner") expectOwnersFigures(view, 1);
    else expect(view.insights.applications).toBe(viewer === "other user" ? 1 : 0);
  });
});

describe("getClientInsights (the owner's figures, for a coach)", () => {
  const expected: Record<ViewerName, Outcome> = {
    owner: "not_found", "other user": "not_found", coach: "ok", "revoked coach": "not_found", "pending coach": "not_found", anonymous: "unauthenticated",
  };
  it.each(VIEWERS)("%s", async (viewer) => {
    await as(viewer);
    const before = await snapshot();
    const { outcome, value } = await outcomeOf(getClientInsights(owner.id, "all"));
    expect(outcome).toBe(expected[viewer]);
    expect(await snapshot()).toEqual(before);
    // A coach never sees archived jobs, not even as a count.
    if (outcome === "ok") expectOwnersFigures(value as InsightsView, 0);
    if (outcome === "not_found") expect((value as AppError).message).toBe("That client was not found.");
  });

  it("is not found for a malformed or unknown client id, as for a refused one", async () => {
    await as("coach");
    for (const clientId of ["", "x".repeat(500), "'; DROP TABLE", randomUUID(), users["other user"].id]) {
      expect((await outcomeOf(getClientInsights(clientId, "all"))).outcome).toBe("not_found");
    }
  });
});

describe("openSharedInsights (the owner's figures, through a link)", () => {
  const expected: Record<LinkName, Outcome> = {
    "ticked link": "ok", "link without the tick": "inactive", "revoked ticked link": "inactive", "expired ticked link": "inactive", "unknown link": "inactive",
  };
  // Signed-in or not, whoever holds a link sees the same: a session changes nothing.
  it.each(LINKS.flatMap((link) => (["anonymous", "other user", "revoked coach"] as const).map((viewer) => ({ link, viewer }))))("$link, as $viewer", async ({ link, viewer }) => {
    await as(viewer);
    const before = await snapshot();
    const { outcome, value } = await outcomeOf(openSharedInsights(tokens[link], `matrix-${randomUUID()}`, "all"));
    expect(outcome).toBe(expected[link]);
    const after = await snapshot();
    if (outcome === "ok") {
      expectOwnersFigures(value as InsightsView, 0);
      // The visit is counted on the link, and nothing else changes.
      expect({ ...after, links: [] }).toEqual({ ...before, links: [] });
      const opened = (rows: typeof before.links) => rows.find((l) => l.tokenHash === sha256(tokens[link]))!.openCount;
      expect(opened(after.links)).toBe(opened(before.links) + 1);
    } else {
      expect(after).toEqual(before);
    }
  });
});

describe("the CSV downloads answer as the reads do, and a refusal says nothing about the owner", () => {
  const get = (path: string) => {
    request.headers = new Headers({ "x-callback-client-ip": `matrix-${randomUUID()}` });
    return new Request(`http://localhost${path}?period=all`);
  };
  const cases: { name: string; viewer: ViewerName; run: () => Promise<Response>; status: number }[] = [
    { name: "own export", viewer: "owner", run: () => exportOwn(get("/insights/export")), status: 200 },
    { name: "own export", viewer: "anonymous", run: () => exportOwn(get("/insights/export")), status: 401 },
    ...VIEWERS.map((viewer) => ({
      name: "client export",
      viewer,
      run: () => exportClient(get(`/clients/${owner.id}/insights/export`), { params: Promise.resolve({ clientId: owner.id }) }),
      status: viewer === "coach" ? 200 : viewer === "anonymous" ? 401 : 404,
    })),
    ...LINKS.map((link) => ({
      name: `shared export (${link})`,
      viewer: "anonymous" as const,
      run: () => exportShared(get(`/share/${tokens[link]}/insights/export`), { params: Promise.resolve({ token: tokens[link] }) }),
      status: link === "ticked link" ? 200 : 404,
    })),
  ];
  it.each(cases)("$name as $viewer: $status", async ({ viewer, run, status }) => {
    await as(viewer);
    const res = await run();
    expect(res.status).toBe(status);
    const body = await res.text();
    if (status === 200) {
      expect(body).toContain("Funnel,Applied,3,applications");
    } else {
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(body).not.toMatch(/Olive|Acme|Funnel/);
    }
  });
});
