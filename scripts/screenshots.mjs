#!/usr/bin/env node
// `node scripts/screenshots.mjs [base URL]`: the pictures in docs/ (and the home page's, in public/),
// taken from the demo (`npm run seed:demo`, then `npm start`) at phone and desktop width: the
// timeline, a job's page and the coach's view of the timeline.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { root } from "./lib/database.mjs";

const base = process.argv[2] ?? "http://localhost:3000";
const password = "demo follow-up 2026";
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"] });

async function signedIn(email, width) {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: width < 600 ? 2 : 1, timezoneId: "Europe/London", locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/timeline$/);
  return page;
}

async function shoot(page, file, { fullPage = true } = {}) {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(root, file), fullPage });
  console.log(`wrote ${file}`);
}

/** The first due job's explanation open, as a reader would have it. */
async function openFirstDue(page) {
  const due = page.getByRole("region", { name: /Due now/ }).getByRole("article").first();
  await due.getByText(/^Why, and what/).click();
  return due;
}

try {
  for (const width of [390, 1280]) {
    const suffix = width === 1280 ? "" : "-390";
    const page = await signedIn("demo@callback.test", width);
    const due = await openFirstDue(page);
    await shoot(page, `docs/screenshot-timeline${suffix}.png`);
    if (width === 1280) await shoot(page, "public/screenshot-timeline.png", { fullPage: false });
    await due.getByRole("heading").getByRole("link").click();
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page.getByText(/^Why, and what/).click();
    await shoot(page, `docs/screenshot-job${suffix}.png`);
    await page.context().close();

    const coach = await signedIn("coach@callback.test", width);
    await coach.goto(`${base}/clients`);
    await coach.getByRole("region", { name: "People you coach" }).getByRole("link", { name: "Demo Job Seeker" }).click();
    await coach.getByRole("heading", { name: "Demo Job Seeker's timeline" }).waitFor();
    await openFirstDue(coach);
    await shoot(coach, `docs/screenshot-coach${suffix}.png`);
    await coach.context().close();
  }
} finally {
  await browser.close();
}
