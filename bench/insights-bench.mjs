// The Insights page in `npm run bench` (issue 16): GET /insights?period=all (every job counted:
// the page's most expensive period) for each benchmark account, always rendered (the page cache
// keeps only /timeline), at the benchmark's connections. Targets: p99 under the benchmark's limit
// at every size; the same number of SQL statements per request at every size; and cost growing
// no worse than linearly with the jobs (the page's time alone, largest account over smallest,
// is at most the ratio of their jobs).
//
// Written to be wired into the benchmark by its caller, whatever file the benchmark lives in: the
// HTTP helpers and the measurement come in as arguments (fetchPage, probe, measure and signIn of
// bench-http.mjs and the benchmark's own measure()).

export const INSIGHTS_PATH = "/insights?period=all";

/**
 * @param {{ base: string, accounts: { jobs: number, email: string, password: string, name: string }[], connections: number,
 *   signIn: Function, fetchPage: Function, probe: Function, measure: Function, log?: (message: string) => void }} options
 */
export async function benchInsights({ base, accounts, connections, signIn, fetchPage, probe, measure, log = () => {} }) {
  const rows = [];
  for (const account of accounts) {
    const cookie = await signIn(base, account);
    const url = `${base}${INSIGHTS_PATH}`;
    // The page must be the signed-in job seeker's own figures, with a funnel to count.
    const { body } = await fetchPage(url, { cookie, mustContain: "Your insights" });
    const funnel = body.toString("utf8").match(/Of ([\d,]+) applications?,/);
    if (!funnel) throw new Error(`${INSIGHTS_PATH} at ${account.jobs} jobs: no funnel summary in the page`);
    const { sqlQueries, sequentialMs } = await probe(base, url, { cookie, mustContain: "Your insights", samples: 5 });
    const result = await measure(url, { cookie, sequentialMs, connections, label: `${INSIGHTS_PATH} at ${account.jobs} jobs` });
    await fetchPage(url, { cookie, mustContain: "Your insights" });
    rows.push({ jobs: account.jobs, applications: Number(funnel[1].replace(/,/g, "")), htmlBytes: body.length, sqlQueries, sequentialMs, ...result });
    log(`${INSIGHTS_PATH} at ${account.jobs} jobs: ${result.requestsPerSecond.toFixed(1)} req/s, p99 ${result.latencyMs.p99} ms, ${sequentialMs.toFixed(1)} ms alone`);
  }
  return rows;
}

/** The targets, in the benchmark's { name, ok, figure } form. */
export function insightsTargets(rows, { p99Ms, fmt = (n, d = 0) => n.toFixed(d) }) {
  const first = rows[0];
  const last = rows.at(-1);
  const sqlKnown = rows.every((r) => typeof r.sqlQueries === "number");
  const costRatio = last.sequentialMs / first.sequentialMs;
  const jobsRatio = last.jobs / first.jobs;
  return [
    {
      name: `insights: p99 < ${p99Ms} ms at every size (rendered)`,
      ok: rows.every((r) => r.latencyMs.p99 < p99Ms),
      figure: rows.map((r) => `${fmt(r.jobs)} jobs ${fmt(r.latencyMs.p99, 1)} ms`).join(", "),
    },
    {
      name: "insights: constant SQL statements per request across sizes",
      ok: sqlKnown ? new Set(rows.map((r) => r.sqlQueries)).size === 1 : null,
      figure: sqlKnown ? rows.map((r) => r.sqlQueries).join(", ") : "n/a (the server does not expose its counter)",
    },
    {
      name: "insights: cost grows no worse than linearly with the jobs",
      ok: costRatio <= jobsRatio,
      figure: `${fmt(costRatio, 1)}× the time alone for ${fmt(jobsRatio, 1)}× the jobs`,
    },
  ];
}

/** Report lines in the benchmark's table style. */
export function insightsReport(rows, { fmt = (n, d = 0) => n.toFixed(d), pad = (s, n) => String(s).padStart(n) } = {}) {
  const lines = [`Insights page (GET ${INSIGHTS_PATH}, signed in, rendered every time)`];
  lines.push(`${pad("jobs", 6)} ${pad("counted", 8)} ${pad("req/s", 9)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("alone ms", 9)} ${pad("HTML bytes", 11)} ${pad("SQL/request", 12)}`);
  for (const r of rows) {
    lines.push(
      `${pad(fmt(r.jobs), 6)} ${pad(fmt(r.applications), 8)} ${pad(fmt(r.requestsPerSecond, 1), 9)} ${pad(fmt(r.latencyMs.p50, 1), 8)} ${pad(fmt(r.latencyMs.p99, 1), 8)} ${pad(fmt(r.sequentialMs, 1), 9)} ${pad(fmt(r.htmlBytes), 11)} ${pad(r.sqlQueries ?? "n/a", 12)}`,
    );
  }
  return lines;
}
