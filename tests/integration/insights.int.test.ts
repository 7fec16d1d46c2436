import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as exportOwn } from "@/app/(app)/insights/export/route";
import { getInsights, openSharedInsights } from "@/lib/data/insights";
import { countSqlQueries } from "@/lib/data/metrics";
import { createShareLink, listShareLinks, openSharedTimeline } from "@/lib/data/shares";
import { db } from "@/lib/db";
import { addDays, type Stage } from "@/lib/followup";
import { computeInsights, type InsightJob } from "@/lib/insights";
import { todayIn } from "@/lib/time/zones";
import { newUser, signInAs, signOut } from "./helpers";

// The data layer's half of the Insights page: the right stages of the right jobs, in the owner's
// zone, in one statement, handed to the pure definitions (lib/insights, unit-tested by hand).

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
type Draft = { archived?: boolean; stages: Stage[] };

async function addJobs(userId: string, drafts: Draft[]) {
  for (const [n, draft] of drafts.entries()) {
    await db.job.create({
      data: {
        userId, company: `Company ${n}`, role: "Analyst", archivedAt: draft.archived ? new Date() : null,
        // createdAt in history order: the engine breaks ties between same-day entries by it.
        stages: { create: draft.stages.map((s, i) => ({ kind: s.kind, on: day(s.on), answerBy: s.answerBy ? day(s.answerBy) : null, createdAt: new Date(Date.now() + i) })) },
      },
    });
  }
}

/** A small search around `today`: answered, followed up, interviewed with a promise, withdrawn, archived, old. */
function search(today: string): Draft[] {
  const d = (n: number) => addDays(today, n);
  return [
    { stages: [{ kind: "applied", on: d(-40) }, { kind: "follow_up", on: d(-31) }, { kind: "heard_back", on: d(-25) }] },
    { stages: [{ kind: "applied", on: d(-20) }, { kind: "interview", on: d(-12), answerBy: d(-9) }, { kind: "heard_back", on: d(-7) }, { kind: "offer", on: d(-2) }] },
    { stages: [{ kind: "applied", on: d(-10) }] },
    { stages: [{ kind: "applied", on: d(-15) }, { kind: "withdrawn", on: d(-11) }] },
    { archived: true, stages: [{ kind: "applied", on: d(-5) }, { kind: "rejected", on: d(-3) }] },
    { stages: [{ kind: "applied", on: d(-200) }, { kind: "rejected", on: d(-150) }] },
  ];
}
const asJobs = (drafts: Draft[]): InsightJob[] => drafts.map((d) => ({ archived: d.archived ?? false, stages: d.stages }));

describe("getInsights", () => {
  it("gives the pure definitions the owner's jobs, archived ones flagged, and no one else's", async () => {
    const owner = await newUser({ timeZone: "America/New_York" });
    const other = await newUser();
    const today = todayIn(owner.timeZone);
    await addJobs(owner.id, search(today));
    await addJobs(other.id, search(todayIn(other.timeZone)));
    await signInAs(owner);
    for (const period of ["30", "90", "all"] as const) {
      const view = await getInsights(period);
      expect(view.insights).toEqual(computeInsights({ jobs: asJobs(search(today)), today, period }));
    }
    const all = await getInsights("all");
    expect([all.insights.applications, all.insights.archivedLeftOut, all.insights.funnel[3]!.count]).toEqual([5, 1, 1]);
    // Anything but a known period is the default (90 days).
    expect((await getInsights("365")).period).toBe("90");
  });

  it("counts days in the owner's time zone", async () => {
    // At 23:30 UTC it is already tomorrow in Kiritimati (UTC+14) and still today in Pago Pago (UTC-11).
    const now = new Date("2026-06-10T23:30:00Z");
    for (const [timeZone, today, counted] of [["Pacific/Kiritimati", "2026-06-11", 0], ["Pacific/Pago_Pago", "2026-06-10", 1]] as const) {
      const user = await newUser({ timeZone });
      await addJobs(user.id, [{ stages: [{ kind: "applied", on: "2026-05-12" }] }]);
      await signInAs(user);
      const view = await getInsights("30", now);
      expect(view.today).toBe(today);
      // The last 30 days of 11 June start on 13 May; of 10 June, on 12 May.
      expect([view.insights.from, view.insights.applications]).toEqual([addDays(today, -29), counted]);
    }
  });

  it("reads a constant number of statements whatever the number of jobs", async () => {
    const owner = await newUser();
    await signInAs(owner);
    const today = todayIn(owner.timeZone);
    await addJobs(owner.id, search(today));
    const small = await countSqlQueries(() => getInsights("all"));
    await addJobs(owner.id, Array.from({ length: 8 }, () => search(today)).flat());
    const large = await countSqlQueries(() => getInsights("all"));
    expect(large.result.insights.applications).toBe(small.result.insights.applications * 9);
    expect(large.queries).toBe(small.queries);
    // The session, then the stages.
    expect(small.queries).toBe(2);
  });
});

describe("the share link's 'show insights' tick", () => {
  it("is off unless ticked, listed to the owner, and told to the shared timeline", async () => {
    const owner = await newUser();
    await signInAs(owner);
    await addJobs(owner.id, search(todayIn(owner.timeZone)));
    const plain = await createShareLink({ label: "Without" });
    const ticked = await createShareLink({ label: "With", includeInsights: "on" });
    const links = await listShareLinks();
    expect(links.map((l) => [l.label, l.includeInsights])).toEqual([["With", true], ["Without", false]]);
    signOut();
    const address = `test-${randomUUID()}`;
    expect((await openSharedTimeline(plain.token, address))?.showInsights).toBe(false);
    expect((await openSharedTimeline(ticked.token, address))?.showInsights).toBe(true);
    expect(await openSharedInsights(plain.token, address, "all")).toBeNull();
    const view = await openSharedInsights(ticked.token, address, "all");
    // Through a link, archived jobs are left out and not even counted.
    expect([view?.insights.applications, view?.insights.archivedLeftOut]).toEqual([5, 0]);
  });
});

describe("GET /insights/export", () => {
  it("downloads the owner's figures as CSV, private and never cached", async () => {
    const owner = await newUser();
    await signInAs(owner);
    const today = todayIn(owner.timeZone);
    await addJobs(owner.id, search(today));
    const res = await exportOwn(new Request("http://localhost/insights/export?period=all"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="callback-insights-all-${today}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).toContain("Funnel,Applied,5,applications");
    expect(body).not.toContain("Company");
  });

  it("answers 401 to a signed-out visitor", async () => {
    signOut();
    const res = await exportOwn(new Request("http://localhost/insights/export"));
    expect(res.status).toBe(401);
  });
});
