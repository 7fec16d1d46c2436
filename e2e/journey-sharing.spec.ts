import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { addDays } from "../lib/followup/dates";
import { sql } from "./db";
import { addJob, becomeCoach, browserToday, createShareLink, expect, expectNoA11yViolations, newAccount, shown, signUp, test } from "./fixtures";

// Issue 14, items 9 and 10, and the keyboard and axe rules of its "Done when", for sharing and the coach.

const at = (day: string, today: string) => `${shown(day, today)} at \\d\\d:\\d\\d`;

test("revoking a link asks first, says what happened, and keeps the link listed with its use", async ({ page, browser, account: _account }) => {
  const today = await browserToday(page);
  const url = await createShareLink(page, "Coach Carla");
  const active = page.getByRole("list", { name: "Active links" });
  await expect(active).toContainText(`Created ${shown(today, today)} · does not expire`);
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(url);
  await visitor.reload();
  await page.reload();
  await expect(active).toContainText(new RegExp(`Opened 2 times, last ${at(today, today)}`));

  // The first press only asks. Cancel keeps the link, and gives the focus back.
  const revoke = page.getByRole("button", { name: "Revoke link Coach Carla" });
  await revoke.click();
  const ask = page.getByRole("group", { name: "Revoke the link “Coach Carla”? It stops opening at once, for everyone who has it." });
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(ask).toHaveCount(0);
  await expect(revoke).toBeFocused();
  expect((await visitor.reload())?.status()).toBe(200);
  // Escape is a cancel too.
  await revoke.press("Enter");
  await expect(ask).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(ask).toHaveCount(0);
  await expect(revoke).toBeFocused();

  await revoke.click();
  await ask.getByRole("button", { name: "Yes, revoke" }).click();
  const said = page.getByRole("status").filter({ hasText: "Link “Coach Carla” revoked. It no longer opens; it is listed below under Revoked and expired links." });
  await expect(said).toBeVisible();
  await expect(said).toBeFocused();
  await expect(page.getByText("No active links — create one for your coach above.")).toBeVisible();
  await expect(page.getByText(/No links yet/)).toHaveCount(0);
  const past = page.getByRole("list", { name: "Revoked and expired links" });
  await expect(past.getByRole("heading", { name: "Coach Carla" })).toBeVisible();
  await expect(past).toContainText(new RegExp(`Revoked ${at(today, today)} · created ${shown(today, today)}`));
  await expect(past).toContainText(new RegExp(`Opened 3 times, last ${at(today, today)}`));
  expect((await visitor.reload())?.status()).toBe(404);

  // The message is about the last change: the next one retires it, and so does a return to the page.
  await createShareLink(page, "Mentor");
  await expect(said).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Active links" }).getByRole("heading", { name: "Mentor" })).toBeVisible();
  await expect(past.getByRole("heading", { name: "Coach Carla" })).toBeVisible();
  await visitor.context().close();
});

test("the sharing form refuses over-long input next to the field instead of cutting it short", async ({ page, account: _account }) => {
  await page.goto("/sharing");
  const label = `Coach ${"L".repeat(100)}`;
  await page.getByLabel("Label").fill(label);
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByLabel("Label")).toHaveAccessibleDescription(/Label must be at most 100 characters\.$/);
  await expect(page.getByLabel("Label")).toHaveValue(label);
  const email = `${"c".repeat(250)}@example.test`;
  await page.getByLabel("Coach's email").fill(email);
  await page.getByRole("button", { name: "Invite coach" }).click();
  await expect(page.getByLabel("Coach's email")).toHaveAccessibleDescription("Email must be at most 254 characters.");
  await expect(page.getByLabel("Coach's email")).toHaveValue(email);
});

/** A user's id, for addresses a removed coach might still hold. */
const userId = async (email: string) => (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;

test("removing a coach asks first and says so; the removed coach meets one no-access page, whether or not the client exists", async ({ page, browser, account }) => {
  test.slow(); // three accounts
  const today = await browserToday(page);
  await addJob(page, { company: "Hooli", role: "Engineer", appliedOn: addDays(today, -20) });
  const jobId = new URL(page.url()).pathname.split("/").pop()!;
  const coach = newAccount("Casey Coach");
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  await signUp(coachPage, coach);
  await becomeCoach(page, coachPage, coach, account.name);
  await expect(coachPage.getByRole("region", { name: "People you coach" })).toContainText(`coaching since ${shown(today, today)}`);

  // Someone else's client: another job seeker who shares with a coach of their own.
  const other = newAccount("Olive Other");
  const otherPage = await (await browser.newContext()).newPage();
  await signUp(otherPage, other);
  await sql(`INSERT INTO "CoachGrant" (id, "ownerId", "coachEmail", "coachId", "acceptedAt") VALUES ($1, $2, $3, $4, now())`, [
    `c${randomUUID().replaceAll("-", "").slice(0, 24)}`, await userId(other.email), account.email, await userId(account.email),
  ]);
  const ownerId = await userId(account.email);
  const otherId = await userId(other.email);
  const neverId = `c${randomUUID().replaceAll("-", "").slice(0, 24)}`;
  const pages = (clientId: string) => [`/clients/${clientId}`, `/clients/${clientId}/jobs/${jobId}`, `/clients/${clientId}/insights`, `/clients/${clientId}?section=closed`];

  // While a coach: the pages open, and a comment over its limit is refused beside the field.
  for (const path of pages(ownerId)) expect((await coachPage.goto(path))?.status(), path).toBe(200);
  await coachPage.goto(pages(ownerId)[1]!);
  const comment = "C".repeat(1001);
  await coachPage.getByLabel("Comment", { exact: true }).fill(comment);
  await coachPage.getByRole("button", { name: "Add comment" }).click();
  await expect(coachPage.getByLabel("Comment", { exact: true })).toHaveAccessibleDescription(/Comment must be at most 1000 characters\.$/);
  await expect(coachPage.getByLabel("Comment", { exact: true })).toHaveValue(comment);

  await page.goto("/sharing");
  await page.getByRole("button", { name: `Remove coach ${coach.email}` }).click();
  const ask = page.getByRole("group", { name: "Remove Casey Coach? They lose access to your job search at once." });
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  expect((await coachPage.goto(pages(ownerId)[0]!))?.status(), "nothing happens before the confirmation").toBe(200);
  await ask.getByRole("button", { name: "Yes, remove" }).click();
  const said = page.getByRole("status").filter({ hasText: "Casey Coach removed. They no longer see your job search." });
  await expect(said).toBeFocused();
  await expect(page.getByText("No coaches yet — invite one above.")).toBeVisible();

  // Revoked, never existed, someone else's: the same status and the same page, naming nobody.
  // (The page as rendered: Next streams the same parts of it in varying order.)
  for (const [i, template] of pages("ID").entries()) {
    const seen = new Set<string>();
    for (const id of [ownerId, neverId, otherId]) {
      const path = template.replace("ID", id);
      const response = await coachPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText("You no longer have access");
      await expect(coachPage.getByRole("main")).not.toContainText(account.name);
      await expect(coachPage.getByRole("main")).not.toContainText(other.name);
      seen.add(JSON.stringify([await coachPage.title(), await coachPage.locator("body").evaluate((b) => b.innerHTML.replace(/nonce="[^"]*"/g, "").replace(/<script[\s\S]*?<\/script>/g, ""))]).replaceAll(id, "ID"));
    }
    expect(seen.size, `${template}: one page for all three`).toBe(1);
    if (i === 0) await expectNoA11yViolations(coachPage);
  }
  await coachPage.getByRole("link", { name: "Go to your clients" }).click();
  await expect(coachPage).toHaveURL(/\/clients$/);
  await expect(coachPage.getByText(/No clients yet/)).toBeVisible();
  await coachContext.close();
  await otherPage.context().close();
});

test("an invitation opened signed out brings a coach back to it after signing in; accepting says what happened and where to go", async ({ page, browser, account }) => {
  const today = await browserToday(page);
  const coach = newAccount("Dana Coach");
  const setup = await (await browser.newContext()).newPage();
  await signUp(setup, coach);
  await setup.context().close();
  // The coach has an account, and opens the link signed out.
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();

  await page.goto("/sharing");
  await page.getByLabel("Coach's email").fill(coach.email);
  await page.getByRole("button", { name: "Invite coach" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  await page.reload();
  await expect(page.getByRole("list", { name: "Who has access" })).toContainText(new RegExp(`Invitation sent ${shown(today, today)}, not accepted yet: the link works until ${at(addDays(today, 14), today)}`));

  await coachPage.goto(link);
  await coachPage.getByRole("link", { name: "Sign in" }).click();
  await coachPage.getByLabel("Email").fill(coach.email);
  await coachPage.getByLabel("Password").fill(coach.password);
  await coachPage.getByRole("button", { name: "Sign in" }).click();
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name} invites you to coach them`);
  await expect(coachPage.getByText(new RegExp(`The invitation works once, until ${at(addDays(today, 14), today)}\\.`))).toBeVisible();
  await coachPage.getByRole("button", { name: `Accept invitation from ${account.name}` }).click();
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s timeline`);
  const said = coachPage.getByRole("status").filter({ hasText: `Invitation accepted: you now coach ${account.name}.` });
  await expect(said).toContainText(`You find ${account.name} again under Clients.`);
  await expect(coachPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" })).toBeVisible();
  await expect(coachPage).toHaveURL(/\/clients\/[a-z0-9]+$/);
  await coachPage.reload();
  await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s timeline`);
  await expect(said).toHaveCount(0);
  await coachContext.close();
});

/** Where the focus is, and whether it is shown (the focus outline of app/globals.css). */
async function focusShown(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { focused: false, shown: false, name: "" };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return { focused: true, shown: outlined && box.width > 0 && box.height > 0, name: `${el.tagName} ${(el.textContent || el.getAttribute("name") || "").trim().slice(0, 40)}` };
  });
}

/** Tab (or Shift+Tab) until `target` has the focus, the focus shown at every stop on the way. */
async function tabTo(page: Page, target: Locator, { back = false } = {}) {
  for (let stop = 0; stop < 80; stop++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focus = await focusShown(page);
    expect(focus, `the focus is shown on ${focus.name}`).toMatchObject({ focused: true, shown: true });
  }
  throw new Error(`${back ? "Shift+Tab" : "Tab"} never reached ${target}`);
}

test("the core journey by keyboard alone: sign in, add a job, log a follow-up, share a link and revoke it", async ({ page, browser }) => {
  test.slow();
  const account = newAccount("Kim Keys");
  const setup = await (await browser.newContext()).newPage();
  await signUp(setup, account);
  await setup.context().close();

  await page.goto("/signin");
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(signIn).toBeEnabled();
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(account.email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(account.password);
  await tabTo(page, signIn);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/timeline$/);

  const nav = page.getByRole("navigation", { name: "Main" });
  await tabTo(page, nav.getByRole("link", { name: "Add a job" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Add a job/);
  await expect(page.getByRole("button", { name: "Add job" })).toBeEnabled();
  await tabTo(page, page.getByLabel("Company"));
  await page.keyboard.type("Keyboard Co");
  await tabTo(page, page.getByLabel("Role"));
  await page.keyboard.type("Typist");
  // "Date applied" is today unless changed.
  await tabTo(page, page.getByRole("button", { name: "Add job" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();

  // Today is before the window opens: the form asks first, and its question takes the focus.
  const logForm = page.getByRole("form", { name: "Log your follow-up" });
  await expect(logForm.getByRole("button", { name: "Log follow-up" })).toBeEnabled();
  await tabTo(page, logForm.getByRole("button", { name: "Log follow-up" }));
  await page.keyboard.press("Enter");
  const yes = page.getByRole("button", { name: "Yes, log it now" });
  await expect(yes).toBeFocused();
  expect(await focusShown(page)).toMatchObject({ shown: true });
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();

  // Back up the page to the navigation.
  await tabTo(page, nav.getByRole("link", { name: "Sharing" }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sharing");
  await expect(page.getByRole("button", { name: "Create link" })).toBeEnabled();
  await tabTo(page, page.getByLabel("Label"));
  await page.keyboard.type("Coach by keyboard");
  await tabTo(page, page.getByRole("button", { name: "Create link" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  const url = await page.getByLabel("Your new link").inputValue();

  const revoke = page.getByRole("button", { name: "Revoke link Coach by keyboard" });
  await tabTo(page, revoke);
  await page.keyboard.press("Enter");
  const ask = page.getByRole("group", { name: /^Revoke the link “Coach by keyboard”\?/ });
  await expect(ask.getByRole("button", { name: "Cancel" })).toBeFocused();
  expect(await focusShown(page)).toMatchObject({ shown: true });
  await page.keyboard.press("Tab");
  await expect(ask.getByRole("button", { name: "Yes, revoke" })).toBeFocused();
  expect(await focusShown(page)).toMatchObject({ shown: true });
  await page.keyboard.press("Enter");
  const said = page.getByRole("status").filter({ hasText: "Link “Coach by keyboard” revoked." });
  await expect(said).toBeFocused();
  await expect(page.getByRole("list", { name: "Revoked and expired links" }).getByRole("heading", { name: "Coach by keyboard" })).toBeVisible();
  // From the message the keyboard goes on through the page, the focus still shown.
  await page.keyboard.press("Tab");
  expect(await focusShown(page)).toMatchObject({ focused: true, shown: true });

  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(url))?.status()).toBe(404);
  await visitor.context().close();
});

for (const width of [390, 1280]) {
  test(`axe finds no violation of any impact on the sharing, coaching and error pages at ${width} px`, async ({ page, browser, account }) => {
    test.slow(); // some fifteen pages, each analysed
    await page.setViewportSize({ width, height: 900 });
    const today = await browserToday(page);
    await addJob(page, { company: "Initrode", role: "Analyst", appliedOn: addDays(today, -12) });
    const jobPath = new URL(page.url()).pathname;

    // Sharing with an active link, a revoked one, an open question, a pending invitation and a coach.
    await createShareLink(page, "Revoked soon");
    await page.getByRole("button", { name: "Revoke link Revoked soon" }).click();
    await page.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(page.getByRole("status").filter({ hasText: "revoked" })).toBeFocused();
    await expectNoA11yViolations(page);
    await page.getByLabel("Label").fill("With insights");
    await page.getByLabel("Show my insights").check();
    await page.getByRole("button", { name: "Create link" }).click();
    const link = await page.getByLabel("Your new link").inputValue();
    await page.getByLabel("Coach's email").fill(`pending-${randomUUID()}@example.test`);
    await page.getByRole("button", { name: "Invite coach" }).click();
    const invitation = await page.getByLabel("Invitation link").inputValue();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Revoke link With insights" }).click();
    await expectNoA11yViolations(page);
    await page.goto("/insights");
    await expectNoA11yViolations(page);
    await page.goto(invitation);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This is your own invitation");
    await expectNoA11yViolations(page);

    const visitor = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    for (const path of [invitation, `${link}/insights`, `/share/${"A".repeat(43)}`, `/invitations/${"A".repeat(43)}`, "/no-such-page"]) {
      await visitor.goto(path);
      await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoA11yViolations(visitor);
    }

    const coach = newAccount("Quinn Coach");
    const coachContext = await browser.newContext({ viewport: { width, height: 900 } });
    const coachPage = await coachContext.newPage();
    await signUp(coachPage, coach);
    await coachPage.goto(invitation);
    await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name} invites you to coach them`);
    await expectNoA11yViolations(coachPage);
    await coachPage.getByRole("button", { name: `Accept invitation from ${account.name}` }).click();
    await expect(coachPage.getByRole("status").filter({ hasText: "Invitation accepted" })).toBeVisible();
    await expectNoA11yViolations(coachPage);
    const clientPath = new URL(coachPage.url()).pathname;
    await coachPage.goto(`${clientPath}/insights`);
    await expect(coachPage.getByRole("heading", { level: 1 })).toHaveText(`${account.name}'s insights`);
    await expectNoA11yViolations(coachPage);
    await coachPage.goto("/clients");
    await expectNoA11yViolations(coachPage);
    for (const path of [`/clients/c${"0".repeat(24)}`, `${clientPath}/jobs/${jobPath.split("/").pop()}x`, "/no-such-page"]) {
      await coachPage.goto(path);
      await expect(coachPage.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoA11yViolations(coachPage);
    }
    await coachContext.close();
    await visitor.context().close();
  });
}
