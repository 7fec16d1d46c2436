import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (apt-get install chromium); `npx playwright install` cannot download here.
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://localhost:${port}`;
// A second server with the production rate limits (RATE_LIMIT_SCALE=1), for e2e/security.spec.ts.
// Both servers share the test database, so both count against the same per-address counters.
const strictPort = Number(process.env.E2E_STRICT_PORT ?? 3124);
export const strictURL = `http://localhost:${strictPort}`;
// The app server as `npm start` runs it: the bundle scripts/lib/build.mjs writes (`npm test` builds before this runs).
const server = `node --max-old-space-size=320 --max-semi-space-size=8 ${path.join(process.env.NEXT_DIST_DIR || ".next", "callback-server.cjs")}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // Several checkouts' worth of work may run browser tests side by side: each can keep its own.
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: [
    {
      command: server,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { MALLOC_ARENA_MAX: "2", NEXTAUTH_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), NODE_ENV: "production", RATE_LIMIT_SCALE: "100" },
    },
    {
      command: server,
      url: `${strictURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { MALLOC_ARENA_MAX: "2", NEXTAUTH_URL: strictURL, NEXT_TELEMETRY_DISABLED: "1", PORT: String(strictPort), NODE_ENV: "production", RATE_LIMIT_SCALE: "1", TRUST_PROXY: "0" },
    },
  ],
});
