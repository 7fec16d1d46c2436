import type { Page, Response } from "@playwright/test";
import { addJob, browserToday, expect, newAccount, signUp, test } from "./fixtures";

// The app server sends an unchanged timeline again instead of rendering it again
// (server/page-cache.ts). What a user must never notice: a stale page, someone else's
// page, or a page whose scripts the browser refuses.

const cacheOf = (response: Response | null) => response?.headers()["x-callback-page-cache"];
const nonceOf = (response: Response | null) => /'nonce-([^']+)'/.exec(response?.headers()["content-security-policy"] ?? "")?.[1];

/** Opens the timeline until the server answers from its store (it stores a page after sending it). */
async function openStoredTimeline(page: Page): Promise<Response> {
  let response: Response | null = null;
  await expect(async () => {
    response = await page.goto("/timeline");
    expect(cacheOf(response)).toBe("hit");
  }).toPass({ timeout: 10_000 });
  return response!;
}

test("a timeline opened again comes from the store, works, and still shows every change", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Stored Co", role: "Analyst", appliedOn: today });

  const first = await page.goto("/timeline");
  expect(cacheOf(first)).toBe("miss");
  const stored = await openStoredTimeline(page);
  await expect(page.getByRole("link", { name: /^Stored Co — Analyst/ })).toBeVisible();
  // Its own nonce, and the browser runs its scripts (the fixture fails the test on any CSP
  // violation): client navigation works from a stored page.
  expect(nonceOf(stored)).toBeTruthy();
  expect(nonceOf(stored)).not.toBe(nonceOf(first));
  const again = await page.goto("/timeline");
  expect(cacheOf(again)).toBe("hit");
  expect(nonceOf(again)).not.toBe(nonceOf(stored));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Add a job" }).click();
  await expect(page.getByRole("heading", { name: "Add a job" })).toBeVisible();

  // A change: the next timeline is rendered again and shows it, and so does the stored one after.
  await addJob(page, { company: "Changed Ltd", role: "Engineer", appliedOn: today });
  const afterChange = await page.goto("/timeline");
  expect(cacheOf(afterChange)).toBe("miss");
  await expect(page.getByRole("link", { name: /^Changed Ltd — Engineer/ })).toBeVisible();
  await openStoredTimeline(page);
  await expect(page.getByRole("link", { name: /^Changed Ltd — Engineer/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Stored Co — Analyst/ })).toBeVisible();
});

test("two people on one server each get only their own stored timeline, and a signed-out cookie gets none", async ({ browser }) => {
  const people = await Promise.all(
    ["Avery Stone", "Blake Reed"].map(async (name) => {
      const context = await browser.newContext();
      return { account: newAccount(name), company: `${name.split(" ")[0]} Works`, context, page: await context.newPage() };
    }),
  );
  try {
    for (const { account, company, page } of people) {
      await signUp(page, account);
      await addJob(page, { company, role: "Designer", appliedOn: await browserToday(page) });
    }
    for (const me of people) {
      await openStoredTimeline(me.page);
      await expect(me.page.getByRole("link", { name: `${me.company} — Designer` })).toBeVisible();
      for (const other of people.filter((p) => p !== me)) {
        await expect(me.page.getByText(other.company)).toHaveCount(0);
        await expect(me.page.getByText(other.account.name)).toHaveCount(0);
      }
    }

    // Avery's cookie, copied before signing out, must not be given the stored page afterwards.
    const [avery] = people;
    const copied = await avery!.context.cookies();
    await avery!.page.getByRole("button", { name: "Sign out" }).click();
    await expect(avery!.page).toHaveURL(/\/signin/);
    const replay = await browser.newContext();
    try {
      await replay.addCookies(copied);
      const replayPage = await replay.newPage();
      const response = await replayPage.goto("/timeline");
      expect(cacheOf(response)).not.toBe("hit");
      await expect(replayPage).toHaveURL(/\/signin/);
      await expect(replayPage.getByText(avery!.company)).toHaveCount(0);
    } finally {
      await replay.close();
    }
  } finally {
    await Promise.all(people.map((p) => p.context.close()));
  }
});
