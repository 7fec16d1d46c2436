import fs from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { addDays } from "../lib/followup/dates";
import { browserToday, expect, expectNoSeriousA11yViolations, formAlert, test } from "./fixtures";


async function upload(page: Page, name: string, content: string) {
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: `Preview of ${name}` })).toBeVisible();
}


test("a small CSV is previewed with its column mapping, imported after confirming, and its jobs are on the timeline", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  const csv = [
    "Company,Job Title,Date Applied,Status,Status Date,Where",
    `Acme Robotics,Product Designer,${addDays(today, -30)},Applied,,https://jobs.example.com/acme`,
    `Globex,Frontend Engineer,${addDays(today, -20)},Interviewing,${addDays(today, 3)},`,
    `Initech,Analyst,${addDays(today, -40)},Rejected,${addDays(today, -25)},`,
  ].join("\n");

  await page.goto("/timeline");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import & export" }).click();
  await expect(page.getByRole("heading", { name: "Import & export", level: 1 })).toBeVisible();
  await upload(page, "my-jobs.csv", csv);

  // The detected mapping, each column with a select to change it.
  await expect(page.getByRole("combobox", { name: "Company column" })).toHaveValue("company");
  await expect(page.getByRole("combobox", { name: "Job Title column" })).toHaveValue("role");
  await expect(page.getByRole("combobox", { name: "Date Applied column" })).toHaveValue("appliedOn");
  await expect(page.getByRole("combobox", { name: "Status column", exact: true })).toHaveValue("status");
  await expect(page.getByRole("combobox", { name: "Where column" })).toHaveValue("");
  const jobs = page.getByRole("table", { name: /as they will be imported/ });
  await expect(jobs.getByRole("row", { name: /Globex/ })).toContainText(`Interview ${addDays(today, 3)}`);
  await expect(jobs.getByRole("row", { name: /Initech/ })).toContainText(`Rejected ${addDays(today, -25)}`);
  await expectNoSeriousA11yViolations(page);

  // Reading a column differently needs a fresh preview before the import.
  await page.getByRole("combobox", { name: "Where column" }).selectOption({ label: "Link" });
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Update preview" }).click();
  await expect(page.getByRole("combobox", { name: "Where column" })).toHaveValue("sourceUrl");
  await page.getByRole("button", { name: "Import 3 jobs" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 3 jobs." })).toBeVisible();

  await page.getByRole("link", { name: "See them on your timeline" }).click();
  await expect(page).toHaveURL(/\/timeline$/);
  await expect(page.getByRole("region", { name: /Due now/ }).getByRole("article", { name: /Acme Robotics/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Interviews ahead/ }).getByRole("article", { name: /Globex/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Closed \(1\)/ })).toBeVisible();
  await page.getByRole("article", { name: /Acme Robotics/ }).getByRole("link", { name: /Acme Robotics/ }).first().click();
  await expect(page.getByRole("link", { name: "https://jobs.example.com/acme" })).toBeVisible();
});

test("a CSV with a bad row shows the row's error and imports nothing", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  const csv = [
    "Company,Role,Date applied",
    `Acme,Engineer,${addDays(today, -10)}`,
    "Globex,Analyst,2026-13-40",
    `Initech,Designer,${addDays(today, -5)}`,
  ].join("\n");
  await page.goto("/transfer");
  await upload(page, "bad.csv", csv);

  await expect(page.getByText("Row 3: Date applied '2026-13-40' is not a real date.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Nothing can be imported" })).toBeVisible();
  await expect(page.getByRole("table", { name: /as they will be imported/ }).getByRole("row", { name: /Globex/ })).toContainText("Problem");
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await page.goto("/timeline");
  await expect(page.getByRole("heading", { name: "Add your first job" })).toBeVisible();
});

test("the CSV export downloads the user's jobs, formulas neutralised, and imports back", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await page.goto("/jobs/new");
  await page.getByLabel("Company").fill("=HYPERLINK(\"http://evil.example\")");
  await page.getByLabel("Role").fill("Support Engineer");
  await page.getByLabel("Date applied").fill(addDays(today, -8));
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();

  await page.goto("/transfer");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`callback-jobs-${today}.csv`);
  const content = fs.readFileSync((await download.path())!, "utf8");
  const [header, ...rows] = parse(content, { bom: true }) as string[][];
  expect(header!.slice(0, 3)).toEqual(["Job number", "Company", "Role"]);
  expect(rows).toEqual([
    expect.arrayContaining(["1", "'=HYPERLINK(\"http://evil.example\")", "Support Engineer", "Applied", addDays(today, -8)]),
  ]);

  // Callback reads its own export column for column.
  await upload(page, download.suggestedFilename(), content);
  await expect(page.getByRole("combobox", { name: "Job number column" })).toHaveValue("job");
  await expect(page.getByRole("combobox", { name: "Entry date column" })).toHaveValue("entryDate");
  await expect(page.getByRole("table", { name: /as they will be imported/ })).toContainText('=HYPERLINK("http://evil.example")');
  await expect(formAlert(page)).toHaveCount(0);
});
