import { pathToFileURL } from "node:url";
import { publicHolidays } from "../lib/followup/holidays";
import { planFollowUp, type Stage, type WorkingCalendar } from "../lib/followup/rules";
// The same seeded generator as the benchmark's seeding (plain ESM, typed by bench-seed.d.mts).
import { prng } from "./lib/bench-seed.mjs";

// Times planFollowUp over deterministic job histories. Target: at least 200,000 plans/s,
// so the timeline and the calendar feed can plan every job on every request; also with a
// working calendar (issue 15: England's public holidays, as a user in England has them).

const EPOCH = Date.UTC(2026, 0, 5) / 86_400_000;

function dateAt(day: number): string {
  return new Date((EPOCH + day) * 86_400_000).toISOString().slice(0, 10);
}

type BenchStage = Stage & { id: number; note?: string };

/** One job: an application, then some follow-ups, interviews, answers or an ending. */
function makeJob(rand: () => number, id: number): { stages: BenchStage[]; today: string } {
  let day = Math.floor(rand() * 90);
  const stages: BenchStage[] = [{ id, kind: "applied", on: dateAt(day) }];
  const step = () => (day += 1 + Math.floor(rand() * 9));
  const shape = rand();
  if (shape < 0.25) {
    // applied only
  } else if (shape < 0.4) {
    stages.push({ id, kind: "follow_up", on: dateAt(step()) });
  } else if (shape < 0.5) {
    stages.push({ id, kind: "heard_back", on: dateAt(step()) });
  } else {
    const interviews = 1 + Math.floor(rand() * 2);
    for (let n = 0; n < interviews; n++) {
      const on = step();
      const promise = rand() < 0.5 ? { answerBy: dateAt(on + Math.floor(rand() * 5)) } : {};
      stages.push({ id, kind: "interview", on: dateAt(on), note: "panel", ...promise });
      if (rand() < 0.4) stages.push({ id, kind: "follow_up", on: dateAt(step()) });
    }
    if (rand() < 0.3) stages.push({ id, kind: "heard_back", on: dateAt(step()) });
  }
  if (rand() < 0.2) stages.push({ id, kind: rand() < 0.5 ? "rejected" : "offer", on: dateAt(step()) });
  // Today lands anywhere from just before the last event to a fortnight after it.
  const today = dateAt(day - 2 + Math.floor(rand() * 16));
  // Half the jobs arrive out of order, as rows from different tables might.
  return { stages: rand() < 0.5 ? stages.reverse() : stages, today };
}

/** The benchmark's deterministic job histories, exported so their mix can be checked. */
export function makeJobs(count: number, seed = 0xca11bac): { stages: BenchStage[]; today: string }[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => makeJob(rand, i));
}

/** England's public holidays around the benchmark's dates, with its name: what lib/data passes for a user there. */
export function englandCalendar(): WorkingCalendar {
  return { workdays: [1, 2, 3, 4, 5], holidays: publicHolidays("GB-ENG", 2025, 2027), regionName: "England" };
}

export async function benchRules(
  opts: { jobs?: number; rounds?: number; calendar?: WorkingCalendar } = {},
): Promise<{ plansPerSecond: number; bestPlansPerSecond: number; jobs: number; rounds: number }> {
  const count = opts.jobs ?? 10_000;
  const rounds = opts.rounds ?? 15;
  const calendar = opts.calendar;
  const jobs = calendar ? makeJobs(count).map((job) => ({ ...job, calendar })) : makeJobs(count);

  let sink = 0;
  const runOnce = () => {
    for (const job of jobs) sink += planFollowUp(job).explanation.length;
  };
  for (let i = 0; i < 5; i++) runOnce(); // warm-up: let the JIT settle

  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    runOnce();
    const ns = Number(process.hrtime.bigint() - start);
    rates.push((count * 1e9) / ns);
    await new Promise((resolve) => setImmediate(resolve)); // let GC and the event loop breathe
  }
  if (sink === 0) throw new Error("benchmark produced no plans");
  rates.sort((a, b) => a - b);
  return {
    plansPerSecond: Math.round(rates[Math.floor(rates.length / 2)]!),
    bestPlansPerSecond: Math.round(rates[rates.length - 1]!),
    jobs: count,
    rounds,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: without "type": "module" tsx runs this file as CommonJS.
  const line = (label: string, r: Awaited<ReturnType<typeof benchRules>>) =>
    console.log(
      `${label}: ${r.plansPerSecond.toLocaleString("en")} plans/s median, ` +
        `${r.bestPlansPerSecond.toLocaleString("en")} best (${r.jobs.toLocaleString("en")} jobs x ${r.rounds} rounds)`,
    );
  // One figure per process (`--calendar` for the second), each measured on an engine warmed on its own path.
  if (process.argv.includes("--calendar")) void benchRules({ calendar: englandCalendar() }).then((r) => line("planFollowUp with a calendar", r));
  else void benchRules().then((r) => line("planFollowUp", r));
}
