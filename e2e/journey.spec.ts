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
