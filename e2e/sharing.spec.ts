import type { Page, Response } from "@playwright/test";
import { addDays } from "../lib/followup/dates";
import { addJob, browserToday, expect, expectNoA11yViolations, expectNoSeriousA11yViolations, newAccount, signUp, test } from "./fixtures";




async function expectFitsTheScreen(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** What every shared page (and the inactive-link page) must send. */
function expectSharedHeaders(response: Response | null) {
  const headers = response?.headers() ?? {};
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
}

test("a private link: shown once, opens a read-only timeline, and stops the moment it is revoked", async ({ page, context, browser, account, consoleErrors: _ }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Initech", role: "Data Analyst", appliedOn: addDays(today, -20), contactName: "Peter Contact", notes: "Private: salary hopes" });

  await page.goto("/sharing");
  await expect(page.getByText("No links yet — create one for your coach")).toBeVisible();
  await page.getByLabel("Label").fill("Coach Carla");
  await expect(page.getByLabel("Include contact details and private notes")).not.toBeChecked();
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  const url = await page.getByLabel("Your new link").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  const token = url.split("/share/")[1]!;

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const links = page.getByRole("list", { name: "Active links" });
  await expect(links.getByRole("heading", { name: "Coach Carla" })).toBeVisible();
  await expect(links).toContainText("Not opened yet");
  await expect(links).toContainText("Without contact details and private notes");
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsTheScreen(page);

  // Shown once: after a reload the token is nowhere in the page.
  await page.reload();
  await expect(links.getByRole("heading", { name: "Coach Carla" })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // A visitor with nothing but the link.
  const visitorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await visitorContext.newPage();
  const opened = await visitor.goto(url);
  expect(opened?.status()).toBe(200);
  expectSharedHeaders(opened);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s job search`);
  const card = visitor.getByRole("article", { name: /Initech/ });
  await expect(card.getByText("Call due")).toBeVisible();
  await expect(visitor.getByRole("link", { name: /Log follow-up/ })).toHaveCount(0);
  await expect(visitor.getByRole("link", { name: /Add a job/ })).toHaveCount(0);
  await expect(visitor.getByRole("navigation")).toHaveCount(0);
  await expect(visitor.locator("form")).toHaveCount(0);
  await expect(visitor.getByText("Peter Contact")).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);
  await expectFitsTheScreen(visitor);

  await card.getByRole("link", { name: /Initech/ }).click();
  await expect(visitor).toHaveURL(new RegExp(`/share/${token}/jobs/[a-z0-9]+$`));
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("Initech");
  await expect(visitor.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(visitor.locator("form, input, textarea, select")).toHaveCount(0);
  await expect(visitor.getByRole("button", { name: /remove|archive|edit|log/i })).toHaveCount(0);
  await expect(visitor.getByText("Private: salary hopes")).toHaveCount(0);
  await expect(visitor.getByText("Peter Contact")).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);
  await expectFitsTheScreen(visitor);

  await page.reload();
  await expect(links).toContainText("Opened 2 times");

  // Revoked once confirmed; the visitor's next request finds nothing.
  await page.getByRole("button", { name: "Revoke link Coach Carla" }).click();
  await page.getByRole("group", { name: /^Revoke the link “Coach Carla”\?/ }).getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("No active links — create one for your coach above.")).toBeVisible();
  const revoked = await visitor.reload();
  expect(revoked?.status()).toBe(404);
  expectSharedHeaders(revoked);
  await expect(visitor.getByRole("heading", { name: "This link is no longer active" })).toBeVisible();
  await expect(visitor.getByText("Initech")).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitor);

  // An unknown token gets exactly the same answer.
  const unknown = await visitor.goto(`/share/${"A".repeat(43)}`);
  expect(unknown?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "This link is no longer active" })).toBeVisible();
  await visitorContext.close();
});

test("a coach account: invited with a link shown once, signs up from it, accepts, comments; removed, it sees nothing on its next page load", async ({ page, context, browser, account, consoleErrors: _ }) => {
  test.slow(); // three accounts, and now a confirmation before the removal: near a minute on a busy machine
  const today = await browserToday(page);
  await addJob(page, { company: "Hooli", role: "Platform Engineer", appliedOn: addDays(today, -20), contactName: "Gavin Contact", notes: "Private: dream job" });
  const jobUrl = page.url().replace(/\?.*$/, "");
  // The link goes to one address; the coach signs up with another: holding the link is what counts.
  const invitedAddress = `e2e-invited-${Date.now()}@example.test`;
  const coach = newAccount("Casey Coach");

  await page.goto("/sharing");
  await expect(page.getByText("No coaches yet — invite one above.")).toBeVisible();
  await page.getByLabel("Coach's email").fill(invitedAddress);
  await page.getByRole("button", { name: "Invite coach" }).click();
  await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  const url = await page.getByLabel("Invitation link").inputValue();
  expect(url).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  const token = url.split("/invitations/")[1]!;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link (Invitation link)" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(url);
  const access = page.getByRole("list", { name: "Who has access" });
  await expect(access).toContainText(invitedAddress);
  await expect(access).toContainText("not accepted yet");
  await expectNoSeriousA11yViolations(page);
  // Shown once: after a reload the token is nowhere in the page.
  await page.reload();
  await expect(access).toContainText(invitedAddress);
  expect(await page.content()).not.toContain(token);

  // The coach, signed out in a browser of their own, opens the copied link and signs up from it.
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  const landing = await coachPage.goto(copied);
  expectSharedHeaders(landing);
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText("You have been invited to coach someone on Callback");
  await expect(coachPage.getByText(account.name)).toHaveCount(0);
  await expectNoSeriousA11yViolations(coachPage);
  await coachPage.getByRole("link", { name: "Create an account" }).click();
  await expect(coachPage).toHaveURL(/\/signup\?callbackUrl=/);
  await coachPage.getByLabel("Name").fill(coach.name);
  await coachPage.getByLabel("Email").fill(coach.email);
  await coachPage.getByLabel("Password").fill(coach.password);
  await coachPage.getByRole("button", { name: "Create account" }).click();
  // Back on the invitation, now signed in: who invites them, and as which account they would accept.
  await expect(coachPage).toHaveURL(new RegExp(`/invitations/${token}$`));
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name} invites you to coach them`);
  await expect(coachPage.getByText(`You are signed in as ${coach.name} (${coach.email})`)).toBeVisible();
  await expectNoSeriousA11yViolations(coachPage);
  await coachPage.getByRole("button", { name: `Accept invitation from ${account.name}` }).click();
  await expect(coachPage).toHaveURL(/\/clients\/[a-z0-9]+$/);
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s timeline`);
  await expect(coachPage.getByRole("status").filter({ hasText: `Invitation accepted: you now coach ${account.name}.` })).toBeVisible();
  await coachPage.goto("/clients");
  const clients = coachPage.getByRole("region", { name: "People you coach" });
  await expect(clients.getByRole("term").filter({ hasText: "Due today" })).toBeVisible();
  await clients.getByRole("link", { name: account.name }).click();
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s timeline`);
  const card = coachPage.getByRole("article", { name: /Hooli/ });
  await expect(coachPage.getByRole("link", { name: /Log follow-up/ })).toHaveCount(0);
  await card.getByRole("link", { name: /Hooli/ }).click();
  await expect(coachPage.getByRole("heading", { level: 1 })).toContainText("Hooli");
  // Coach accounts see contact details, never private notes (docs/decisions/005-coach-visibility.md).
  await expect(coachPage.getByText("Gavin Contact")).toBeVisible();
  await expect(coachPage.getByText("Private: dream job")).toHaveCount(0);
  await expect(coachPage.getByRole("button", { name: /archive|log follow-up|add to history/i })).toHaveCount(0);

  await coachPage.getByLabel("Comment", { exact: true }).fill("Ask about the team's roadmap when you call.");
  await coachPage.getByRole("button", { name: "Add comment" }).click();
  await expect(coachPage.getByRole("status").filter({ hasText: "Comment added" })).toBeVisible();
  await expect(coachPage.getByRole("region", { name: "Your comments" })).toContainText("Ask about the team's roadmap when you call.");
  await expectNoSeriousA11yViolations(coachPage);
  const clientJobUrl = coachPage.url();

  // The job seeker sees it on their timeline and on the job.
  await page.goto("/timeline");
  const own = page.getByRole("article", { name: /Hooli/ });
  await expect(own.getByRole("heading", { name: "From your coach" })).toBeVisible();
  await expect(own).toContainText("Casey Coach: Ask about the team's roadmap when you call.");
  await page.goto(jobUrl);
  await expect(page.getByText("Ask about the team's roadmap when you call.")).toBeVisible();

  await page.goto("/sharing");
  await expect(access).toContainText(`Casey Coach (${coach.email}), invited at ${invitedAddress}`);
  await expect(access).toContainText("Has access since");

  // Someone else, even signed up with the invited address, opening the spent link: no longer valid.
  const squatterContext = await browser.newContext();
  const squatter = await squatterContext.newPage();
  await signUp(squatter, { name: "Mallory Squatter", email: invitedAddress, password: "another long passphrase" });
  const spent = await squatter.goto(url);
  expect(spent?.status()).toBe(404);
  expectSharedHeaders(spent);
  await expect(squatter.getByRole("heading", { level: 1 })).toHaveText("This invitation is no longer valid");
  await expect(squatter.getByRole("button", { name: /accept/i })).toHaveCount(0);
  await expect(squatter.getByText(account.name)).toHaveCount(0);
  await expectNoSeriousA11yViolations(squatter);
  await squatter.goto("/clients");
  await expect(squatter.getByText(/No clients yet/)).toBeVisible();
  await expect(squatter.getByText(account.name)).toHaveCount(0);
  await squatterContext.close();

  await page.getByRole("button", { name: `Remove coach ${invitedAddress}` }).click();
  await page.getByRole("group", { name: /^Remove Casey Coach\?/ }).getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByText("No coaches yet — invite one above.")).toBeVisible();

  // The coach's very next page load has no access.
  const after = await coachPage.goto(clientJobUrl);
  expect(after?.status()).toBe(404);
  await expect(coachPage.getByText("Ask about the team's roadmap")).toHaveCount(0);
  await coachPage.goto("/clients");
  await expect(coachPage.getByText(/No clients yet/)).toBeVisible();
  await coachContext.close();
});

test("a link's insights, turned on and then off from /sharing: whoever holds the link sees them, then is refused", async ({ page, browser, account, consoleErrors: _ }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Pied Piper", role: "Compression Engineer", appliedOn: addDays(today, -12) });

  await page.goto("/sharing");
  await page.getByLabel("Label").fill("Coach Quinn");
  await expect(page.getByLabel("Show my insights")).not.toBeChecked();
  await page.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByLabel("Your new link").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);

  const row = page.getByRole("list", { name: "Active links" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Coach Quinn" }) });
  const show = row.getByRole("button", { name: "Show insights on link Coach Quinn" });
  const hide = row.getByRole("button", { name: "Hide insights on link Coach Quinn" });
  await expect(show).toHaveAccessibleDescription("Does not show your insights");
  await expect(hide).toHaveCount(0);

  // A visitor with nothing but the link, in a browser of their own: no insights yet.
  const visitorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s job search`);
  await expect(visitor.getByRole("link", { name: /insights/ })).toHaveCount(0);
  expect((await visitor.goto(`${url}/insights`))?.status()).toBe(404);

  // On, from the keyboard: the focus stays on the button, which now offers the way back.
  await show.focus();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("status")).toHaveText("Insights shown: the link now opens your insights too.");
  await expect(hide).toBeFocused();
  await expect(hide).toHaveAccessibleDescription("Shows your insights");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFitsTheScreen(page);
  await expectNoA11yViolations(page);

  await visitor.goto(url);
  await visitor.getByRole("link", { name: `${account.name}'s insights` }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s insights`);
  await expect(visitor.getByRole("region", { name: "From application to offer" })).toContainText("Of 1 application");
  const download = await visitor.request.get(`${url}/insights/export?period=all`);
  expect([download.status(), download.headers()["content-type"]]).toEqual([200, "text/csv; charset=utf-8"]);

  // Off: the visitor's very next request is refused, the export too, and the timeline stops offering it.
  await hide.click();
  await expect(row.getByRole("status")).toHaveText("Insights hidden: the link no longer opens your insights.");
  await expect(show).toBeFocused();
  await expect(show).toHaveAccessibleDescription("Does not show your insights");
  const refused = await visitor.reload();
  expect(refused?.status()).toBe(404);
  expectSharedHeaders(refused);
  await expect(visitor.getByRole("heading", { name: "This link is no longer active" })).toBeVisible();
  await expect(visitor.getByText("Of 1 application")).toHaveCount(0);
  expect((await visitor.request.get(`${url}/insights/export?period=all`)).status()).toBe(404);
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s job search`);
  await expect(visitor.getByRole("link", { name: /insights/ })).toHaveCount(0);
  await visitorContext.close();

  // What the owner set is what the page says after a reload.
  await page.reload();
  await expect(show).toHaveAccessibleDescription("Does not show your insights");
});
