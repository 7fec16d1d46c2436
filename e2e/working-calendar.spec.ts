import { publicHolidays } from "../lib/followup/holidays";
import { planFollowUp } from "../lib/followup/rules";
import { addJob, browserToday, expect, expectNoSeriousA11yViolations, formAlert, shown, test } from "./fixtures";

// Issue 15: a job seeker in England sets their holidays; a Christmas application's window moves
// off Christmas and Boxing Day. The app takes "today" from the real clock, so the example is the
// latest Christmas whose application date has passed: applied 18 Dec, a week before Christmas
// (in 2026, Fri 18 Dec: the window opens Tue 29 Dec instead of Fri 25 Dec).
test.use({ timezoneId: "Europe/London" });

function christmasExample(today: string) {
  const year = today >= `${today.slice(0, 4)}-12-18` ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const appliedOn = `${year}-12-18`;
  const stages = [{ kind: "applied" as const, on: appliedOn }];
  const plain = planFollowUp({ stages, today }).opensOn!;
  const england = planFollowUp({ stages, today, calendar: { holidays: publicHolidays("GB-ENG", year, year + 1) } }).opensOn!;
  return { year, appliedOn, plain, england };
}

test("set England in the settings: a Christmas application opens after the holidays, on the timeline and the job page", async ({ page, account: _ }) => {
  const today = await browserToday(page);
  const { year, appliedOn, plain, england } = christmasExample(today);
  // The issue's own example, and the one a 2025 clock gives.
  if (year === 2026) expect([plain, england]).toEqual(["2026-12-25", "2026-12-29"]);
  if (year === 2025) expect([plain, england]).toEqual(["2025-12-25", "2025-12-29"]);
  await addJob(page, { company: "Acme", role: "Shop Assistant", appliedOn });

  const card = page.getByRole("article", { name: /Acme/ });
  await page.goto("/timeline");
  await expect(card.getByText(new RegExp(`(Opens|Window opened) ${shown(plain, today)}`))).toBeVisible();

  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Working week and holidays" });
  const region = form.getByLabel("Public holidays of");
  // The browser's zone only suggests a country: nothing is chosen until the person says so.
  await expect(region).toHaveValue("");
  await expect(form.getByRole("button", { name: "Use United Kingdom (GB)" })).toBeVisible();
  const days = form.getByRole("group", { name: "Working days" });
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await expect(days.getByLabel(day)).toBeChecked();
  for (const day of ["Saturday", "Sunday"]) await expect(days.getByLabel(day)).not.toBeChecked();
  await expectNoSeriousA11yViolations(page);

  // A region that does not exist: the error is next to the field, and what was typed stays.
  await region.fill("Atlantis");
  await form.getByRole("button", { name: "Save working week and holidays" }).click();
  await expect(formAlert(page)).toContainText("Check the highlighted fields");
  await expect(form.getByText("Choose a country or region from the list")).toBeVisible();
  await expect(region).toHaveValue("Atlantis");
  await expect(region).toHaveAttribute("aria-invalid", "true");

  await region.fill("England, United Kingdom (GB-ENG)");
  await form.getByRole("button", { name: "Save working week and holidays" }).click();
  await expect(form.getByRole("status")).toContainText("Working week and holidays saved");
  await page.reload();
  await expect(form.getByLabel("Public holidays of")).toHaveValue("England, United Kingdom (GB-ENG)");

  const opened = new RegExp(`(Opens|Window opened) ${shown(england, today)}`);
  await page.goto("/timeline");
  await expect(card.getByText(opened)).toBeVisible();
  // The note beside the date (the explanation under "Why" ends with the same sentence).
  const note = /^[A-Z][a-z]{2} \d{1,2} Dec.* public holidays in England, so the window (opens|opened) on/;
  await expect(card.getByText(note)).toContainText(shown(england, today));

  await card.getByRole("heading", { name: /Acme/ }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Acme/ })).toBeVisible();
  await expect(page.getByText(opened).first()).toBeVisible();
  await expect(page.getByText(note)).toContainText(shown(england, today));
});

test("working days as checkboxes: a week without a day is refused, a Monday-to-Saturday week is saved", async ({ page, account: _ }) => {
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Working week and holidays" });
  const days = form.getByRole("group", { name: "Working days" });
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await days.getByLabel(day).uncheck();
  await form.getByRole("button", { name: "Save working week and holidays" }).click();
  await expect(form.getByText("Choose at least one working day")).toBeVisible();

  // By keyboard: Saturday ticked with the space bar.
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await days.getByLabel(day).check();
  await days.getByLabel("Saturday").focus();
  await page.keyboard.press("Space");
  await form.getByRole("button", { name: "Save working week and holidays" }).click();
  await expect(form.getByRole("status")).toContainText("Working week and holidays saved");
  await page.reload();
  await expect(page.getByRole("group", { name: "Working days" }).getByLabel("Saturday")).toBeChecked();
  await expect(page.getByRole("group", { name: "Working days" }).getByLabel("Sunday")).not.toBeChecked();
});
