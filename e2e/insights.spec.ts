import fs from "node:fs";
import type { Page } from "@playwright/test";
import { addDays } from "../lib/followup/dates";
import { addJob, browserToday, expect, expectNoSeriousA11yViolations, test } from "./fixtures";

async function expectFitsTheScreen(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Three applications: one silent for weeks, one interviewed (answer promised), one this week. */
async function addAFewJobs(page: Page) {
  const today = await browserToday(page);
  await addJob(page, { company: "Acme", role: "Data Analyst", appliedOn: addDays(today, -40) });
  await addJob(page, { company: "Globex", role: "Frontend Engineer", appliedOn: addDays(today, -20) });
  await page.getByLabel("What happened").selectOption("interview");
  await page.getByLabel("Date", { exact: true }).fill(addDays(today, -12));
  await page.getByLabel("Promised answer by").fill(addDays(today, -9));
  await page.getByRole("button", { name: "Add to history" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to the job's history" })).toBeVisible();
  await addJob(page, { company: "Initech", role: "Analyst", appliedOn: addDays(today, -3) });
}

test("a job seeker with a few jobs sees their funnel, in words and as a table, and downloads it", async ({ page, account: _account }) => {
  await page.goto("/insights");
  await expect(page.getByRole("heading", { level: 1, name: "Your insights" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing to count yet" })).toBeVisible();
  await expect(page.getByText("No applications in the last 90 days.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await addAFewJobs(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(page.getByRole("link", { name: "Last 90 days" })).toHaveAttribute("aria-current", "page");

  const funnel = page.getByRole("region", { name: "From application to offer" });
  await expect(funnel.getByText("Of 3 applications, 1 (33%) heard anything, 1 (33%) got an interview and 0 (0%) an offer.")).toBeVisible();
  await expect(funnel.getByText("Only 3 applications in this period: each new one moves these shares a lot.")).toBeVisible();
  const table = funnel.getByRole("table", { name: "Applications reaching each step" });
  await expect(table).toBeHidden();
  await funnel.getByText("The numbers").click();
  await expect(table.getByRole("row", { name: /Applied/ }).getByRole("cell")).toHaveText(["3", "100%"]);
  await expect(table.getByRole("row", { name: /Heard anything/ }).getByRole("cell")).toHaveText(["1", "33%"]);
  await expect(table.getByRole("row", { name: /Interview/ }).getByRole("cell")).toHaveText(["1", "33%"]);
  await expect(table.getByRole("row", { name: /Offer/ }).getByRole("cell")).toHaveText(["0", "0%"]);

  // The promise (three days before the interview's answer date was due) is still unanswered.
  const promises = page.getByRole("region", { name: "Promises kept" });
  await expect(promises).toContainText("Employers answered by the promised date 0 of 1 times (0%).");
  await expect(page.getByRole("region", { name: "Did the call pay off?" })).toContainText("Too few to tell whether the call makes a difference");
  await expectNoSeriousA11yViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the figures (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^callback-insights-90-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain("Funnel,Applied,3,applications");
  expect(csv).toContain("Funnel,Heard anything,1,applications");

  // The last 30 days hold two of the three applications.
  await page.getByRole("link", { name: "Last 30 days" }).click();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
  await expect(funnel.getByText(/^Of 2 applications, 1 \(50%\) heard anything/)).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsTheScreen(page);
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(funnel).toBeVisible();
});

test("a share link shows the insights only when its owner ticked it", async ({ page, browser, account }) => {
  await addAFewJobs(page);
  const linkFor = async (label: string, tick: boolean) => {
    await page.goto("/sharing");
    await page.getByLabel("Label").fill(label);
    await expect(page.getByLabel("Show my insights")).not.toBeChecked();
    if (tick) await page.getByLabel("Show my insights").check();
    await page.getByRole("button", { name: "Create link" }).click();
    return page.getByLabel("Your new link").inputValue();
  };
  const ticked = await linkFor("With insights", true);
  const plain = await linkFor("Timeline only", false);

  const visitor = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await visitor.goto(ticked);
  await visitor.getByRole("link", { name: `${account.name}'s insights` }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s insights`);
  await expect(visitor.getByRole("region", { name: "From application to offer" })).toContainText("Of 3 applications");
  await expectFitsTheScreen(visitor);
  await expectNoSeriousA11yViolations(visitor);

  await visitor.goto(plain);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s job search`);
  await expect(visitor.getByRole("link", { name: /insights/ })).toHaveCount(0);
  const refused = await visitor.goto(`${plain}/insights`);
  expect(refused?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "This link is no longer active" })).toBeVisible();
  await expect(visitor.getByText("Of 3 applications")).toHaveCount(0);
});
