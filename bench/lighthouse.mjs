#!/usr/bin/env node
// `npm run bench:lighthouse` (also the last part of a full `npm run bench`): Lighthouse 12.2.3,
// mobile preset (its default: a mid-range phone, simulated slow 4G), with Debian's Chromium, on
// the pages a job seeker meets most: the timeline, a job page, the new-job form (signed in) and
// a share page (a coach's link, signed out). The production build against a throwaway database
// seeded with one account of 20 jobs (the size of a real search in its second month).
// Prints each page's figures beside the targets of issue #17 and writes
// bench/results/lighthouse.json. A missed target is not a failure; a broken run is.
//
// Lighthouse is run with `npx lighthouse@12.2.3` (pinned: 12.3 and later need Node 22, and a
// devDependency would add 111 MB and 146 packages to every `npm ci` for a measurement CI does
// not make); npx fetches it from the npm registry once and keeps it in npm's cache.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { root } from "../scripts/lib/database.mjs";
import { signIn } from "./lib/bench-http.mjs";
import { build, cleanupStack, fmt, seed, startServer, throwawayDatabase } from "./lib/drill-app.mjs";

export const LIGHTHOUSE = "lighthouse@12.2.3";
export const TARGETS = { performance: 99, lcpMs: 1200, tbtMs: 50, bestPractices: 100, accessibility: 100, scriptKb: 110 };
const CHROME = process.env.CHROMIUM_PATH || process.env.CHROME_PATH || "/usr/bin/chromium";

/** One Lighthouse run of `url` (mobile preset); resolves with the figures the targets judge. */
export async function lighthouse(url, { cookie } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callback-lighthouse-"));
  try {
    const out = path.join(dir, "report.json");
    const args = [
      "--yes",
      LIGHTHOUSE,
      url,
      "--output=json",
      `--output-path=${out}`,
      "--quiet",
      "--only-categories=performance,accessibility,best-practices",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ];
    if (cookie) {
      const headers = path.join(dir, "headers.json");
      fs.writeFileSync(headers, JSON.stringify({ Cookie: cookie }));
      args.push(`--extra-headers=${headers}`);
    }
    await run("npx", args, { env: { ...process.env, CHROME_PATH: CHROME } });
    return figures(JSON.parse(fs.readFileSync(out, "utf8")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd, args, { env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.slice(0, 3).join(" ")} exited ${code}:\n${output.slice(-2000)}`))));
  });
}

/** What a report says about the targets: scores (0–100), LCP and TBT (ms), scripts sent (compressed). */
export function figures(report) {
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const audit = (id) => report.audits[id];
  const requests = audit("network-requests")?.details?.items ?? [];
  const scripts = requests.filter((r) => r.resourceType === "Script");
  const failing = (category) =>
    report.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && (report.audits[ref.id].score ?? 1) < 1)
      .map((ref) => ref.id);
  return {
    finalUrl: report.finalDisplayedUrl ?? report.finalUrl,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    lcpMs: audit("largest-contentful-paint").numericValue,
    tbtMs: audit("total-blocking-time").numericValue,
    cls: audit("cumulative-layout-shift").numericValue,
    fcpMs: audit("first-contentful-paint").numericValue,
    scriptKb: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0) / 1024,
    scriptFiles: scripts.length,
    consoleErrors: audit("errors-in-console")?.details?.items?.length ?? 0,
    failing: { accessibility: failing("accessibility"), bestPractices: failing("best-practices") },
  };
}

export function meets(f) {
  return {
    performance: f.performance >= TARGETS.performance,
    lcp: f.lcpMs <= TARGETS.lcpMs,
    tbt: f.tbtMs <= TARGETS.tbtMs,
    bestPractices: f.bestPractices >= TARGETS.bestPractices,
    accessibility: f.accessibility >= TARGETS.accessibility,
    scripts: f.scriptKb <= TARGETS.scriptKb,
  };
}

export function lighthouseReport(pages) {
  const mark = (ok) => (ok ? "✓" : "✗");
  const pad = (s, n) => String(s).padEnd(n);
  const lines = [
    `Lighthouse ${LIGHTHOUSE.split("@")[1]}, mobile preset, Debian's Chromium (targets: performance ≥ ${TARGETS.performance}, LCP ≤ ${fmt(TARGETS.lcpMs / 1000, 1)} s, TBT ≤ ${TARGETS.tbtMs} ms, best practices ${TARGETS.bestPractices}, accessibility ${TARGETS.accessibility}, JS ≤ ${TARGETS.scriptKb} KB)`,
    `${pad("page", 22)} ${pad("perf", 6)} ${pad("LCP s", 8)} ${pad("TBT ms", 8)} ${pad("CLS", 6)} ${pad("BP", 5)} ${pad("a11y", 6)} ${pad("JS KB (files)", 15)} console errors`,
  ];
  for (const { name, figures: f } of pages) {
    const ok = meets(f);
    lines.push(
      `${pad(name, 22)} ${pad(`${f.performance} ${mark(ok.performance)}`, 6)} ${pad(`${fmt(f.lcpMs / 1000, 2)} ${mark(ok.lcp)}`, 8)} ${pad(`${fmt(f.tbtMs)} ${mark(ok.tbt)}`, 8)} ${pad(fmt(f.cls, 3), 6)} ${pad(`${f.bestPractices} ${mark(ok.bestPractices)}`, 5)} ${pad(`${f.accessibility} ${mark(ok.accessibility)}`, 6)} ${pad(`${fmt(f.scriptKb, 1)} (${f.scriptFiles}) ${mark(ok.scripts)}`, 15)} ${f.consoleErrors}`,
    );
    const failing = [...f.failing.accessibility, ...f.failing.bestPractices];
    if (failing.length) lines.push(`${pad("", 22)} not passed: ${failing.join(", ")}`);
  }
  return lines;
}

/** Starts its own server and database, runs every page, prints and saves the figures. */
export async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const cleanups = cleanupStack("lighthouse");
  const log = (m) => console.log(`[lighthouse] ${m}`);
  try {
    await build();
    const database = await throwawayDatabase(cleanups, { prefix: "callback_lighthouse" });
    const [account] = await seed(database.url, { count: 1, jobs: 20 });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const token = randomBytes(32).toString("base64url");
    let jobId;
    try {
      ({ rows: [{ id: jobId }] } = await client.query(`SELECT id FROM "Job" WHERE "userId" = $1 AND "archivedAt" IS NULL ORDER BY "createdAt" LIMIT 1`, [account.userId]));
      await client.query(`INSERT INTO "ShareLink" (id, "userId", label, "tokenHash") VALUES ($1, $2, 'Coach', $3)`, [
        `lighthouse${Date.now()}`,
        account.userId,
        createHash("sha256").update(token).digest("hex"),
      ]);
    } finally {
      await client.end();
    }
    const { base } = await startServer(cleanups, database);
    const cookie = await signIn(base, account);
    const pages = [
      { name: "timeline", url: `${base}/timeline`, cookie },
      { name: "job page", url: `${base}/jobs/${jobId}`, cookie },
      { name: "new-job form", url: `${base}/jobs/new`, cookie },
      { name: "share page", url: `${base}/share/${token}` },
    ];
    const results = [];
    for (const page of pages) {
      log(`${page.name}: ${page.url.replace(token, "<token>")}`);
      const f = await lighthouse(page.url, { cookie: page.cookie });
      // A redirect to sign-in would measure the wrong page.
      if (new URL(f.finalUrl).pathname !== new URL(page.url).pathname) throw new Error(`${page.name}: Lighthouse ended on ${f.finalUrl}, not the page asked for`);
      results.push({ name: page.name, path: new URL(page.url).pathname.replace(token, "<token>"), figures: f, meets: meets(f) });
    }
    console.log(["", ...lighthouseReport(results)].join("\n"));
    const file = path.join(root, "bench", "results", "lighthouse.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), lighthouse: LIGHTHOUSE, chromium: CHROME, targets: TARGETS, pages: results }, null, 2));
    return results;
  } finally {
    await cleanups.run();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`[lighthouse] failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  });
}
