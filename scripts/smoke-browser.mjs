// Used by scripts/smoke-embedded.sh: signs up (or in) through the real pages in Chromium.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const [mode, base, email, password] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const page = await browser.newPage();
  if (mode === "signup") {
    await page.goto(`${base}/signup`);
    await page.getByLabel("Name").fill("Smoke Test");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
  } else {
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.waitForURL(/\/timeline$/, { timeout: 30_000 });
  console.log(`${mode}: reached ${page.url()}`);
} finally {
  await browser.close();
}
