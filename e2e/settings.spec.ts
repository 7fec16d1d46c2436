import { addDays } from "../lib/followup/dates";
import { addJob, browserToday, expect, expectNoSeriousA11yViolations, formAlert, test } from "./fixtures";




test("a calendar feed: shown once, subscribable, replaced (the old URL stops) and turned off", async ({ page, context, account: _ }) => {
  await addJob(page, { company: "Acme", role: "Product Designer", appliedOn: addDays(await browserToday(page), -10) });

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Calendar feed" });
  await expect(section.getByText("You have no calendar feed.")).toBeVisible();
  await section.getByRole("button", { name: "Create calendar feed" }).click();
  await expect(section.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  await expect(section.getByText(/Your feed is on, since/)).toBeVisible();
  const url = await section.getByLabel("Feed URL").inputValue();
  expect(url).toMatch(/^http:\/\/[^/]+\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  expect(await section.getByLabel("Webcal URL").inputValue()).toBe(url.replace(/^http:/, "webcal:"));

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await section.getByRole("button", { name: "Copy URL", exact: true }).click();
  await expect(section.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expectNoSeriousA11yViolations(page);

  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toContain("no-store");
  expect(feed.headers()["x-robots-tag"]).toContain("noindex");
  const body = await feed.text();
  expect(body).toMatch(/^BEGIN:VCALENDAR/);
  expect(body).toContain("SUMMARY:Call Acme about the Product Designer role");

  // Shown once: after a reload the token is nowhere in the page, but the feed is still on.
  const token = url.split("/api/calendar/")[1]!.replace(".ics", "");
  await page.reload();
  await expect(section.getByText(/Your feed is on, since/)).toBeVisible();
  await expect(section.getByLabel("Feed URL")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  await section.getByRole("button", { name: "Replace with a new URL" }).click();
  await expect(section.getByLabel("Feed URL")).not.toHaveValue(url);
  const replaced = await section.getByLabel("Feed URL").inputValue();
  expect(replaced).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(replaced)).status()).toBe(200);

  await section.getByRole("button", { name: "Turn off feed" }).click();
  await expect(section.getByRole("status").filter({ hasText: "turned off" })).toBeVisible();
  await expect(section.getByText("You have no calendar feed.")).toBeVisible();
  await expect(section.getByLabel("Feed URL")).toHaveCount(0);
  expect((await page.request.get(replaced)).status()).toBe(404);
});

test("deleting the account: a wrong password is refused next to the field; the right one deletes it and signs out", async ({ page, account }) => {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Delete account" });
  const password = section.getByLabel("Password");
  const confirm = section.getByLabel(/I understand that my account and all its data will be deleted/);

  await password.fill("not my password");
  await confirm.check();
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/That is not your password/);
  await expect(formAlert(page)).toContainText("Check the highlighted fields");
  await expect(page).toHaveURL(/\/settings$/);

  // Without the box ticked, nothing happens either.
  await password.fill(account.password);
  await confirm.uncheck();
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(confirm).toHaveAccessibleDescription(/Tick the box/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await password.fill(account.password);
  await confirm.check();
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/timeline");
  await expect(page).toHaveURL(/\/signin/);

  // The account is gone: signing in again fails like any wrong email or password.
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText("Email or password is incorrect");
  await expect(page).toHaveURL(/\/signin/);
});
