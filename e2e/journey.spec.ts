import { addDays, nextBusinessDayOnOrAfter } from "../lib/followup/dates";
import { addJob, browserToday, expect, shown, test } from "./fixtures";

// Issue 14, items 6-17: what a job seeker and a coach meet at every step.

test("one date style: the card, its explanation and the history write a day alike, in the right tense", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  const appliedOn = addDays(today, -14);
  await addJob(page, { company: "Tyrell", role: "Replicant Designer", appliedOn });
  const lastYear = `${Number(today.slice(0, 4)) - 1}-12-15`;
  await addJob(page, { company: "Wallace", role: "Archivist", appliedOn: lastYear });

  await page.goto("/timeline");
  await expect(page.getByText(`Today is ${shown(today, today)}`)).toBeVisible();
  const card = page.getByRole("article", { name: /Tyrell/ });
  const opensOn = nextBusinessDayOnOrAfter(addDays(appliedOn, 7));
  await expect(card).toContainText(`Window opened ${shown(opensOn, today)}`);
  await expect(card.getByRole("list", { name: "History" })).toContainText(`Applied ${shown(appliedOn, today)}`);
  await card.getByText("Why, and what to say on the call").click();
  await expect(card).toContainText(`You applied on ${shown(appliedOn, today)}.`);
  // The window is behind us: it opened, it does not "open".
  await expect(card).toContainText(`So the window opened on ${shown(opensOn, today)}, the first weekday`);

  // Another year's date says which year.
  const old = page.getByRole("article", { name: /Wallace/ });
  expect(shown(lastYear, today)).toMatch(/ \d{4}$/);
  await expect(old.getByRole("list", { name: "History" })).toContainText(`Applied ${shown(lastYear, today)}`);
});

test("a confirmation goes away after the next change, a reload or a return to the page", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Soylent", role: "Taster", appliedOn: addDays(today, -3) });
  const added = page.getByRole("status").filter({ hasText: "Job added" });
  await expect(page).not.toHaveURL(/added=/);
  // The address no longer carries it: a reload does not say it again.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Soylent");
  await expect(added).toHaveCount(0);

  await addJob(page, { company: "Cyberdyne", role: "Engineer", appliedOn: addDays(today, -3) });
  const news = page.getByRole("form", { name: "Add an interview or news" });
  await news.getByLabel("What happened").selectOption("heard_back");
  await news.getByRole("button", { name: "Add to history" }).click();
  const stageAdded = page.getByRole("status").filter({ hasText: "Added to the job's history" });
  await expect(stageAdded).toBeVisible();
  await expect(added).toHaveCount(0);

  // Another form's change retires it too.
  await page.getByText("Edit details").click();
  await page.getByLabel("Role").fill("Senior Engineer");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(stageAdded).toHaveCount(0);

  // Away and back by the browser's own buttons.
  await page.getByRole("link", { name: "← Back to timeline" }).click();
  await expect(page).toHaveURL(/\/timeline$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cyberdyne");
  await expect(page.getByRole("status").filter({ hasText: /Job added|Saved\.|Added to/ })).toHaveCount(0);
});
