import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page, type Response } from "@playwright/test";

export type Account = { name: string; email: string; password: string };

export const newAccount = (name = "Jordan Lee"): Account => ({
  name,
  email: `e2e-${randomUUID()}@example.test`,
  password: "a long test passphrase",
});

export async function signUp(page: Page, account: Account) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/timeline$/);
}

export async function signIn(page: Page, account: Pick<Account, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/timeline$/);
}

/** The form's own alert, not Next's route announcer (also role=alert, reading out a new page's title after a client-side navigation). */
export const formAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ }).and(page.locator(":not(#__next-route-announcer__)"));

/** What every HTML page must be sent with; returns what is wrong, or nothing. */
export function pageHeaderProblems(response: Pick<Response, "headers" | "status" | "url">): string[] {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const problems: string[] = [];
  if (!csp) problems.push("no enforced Content-Security-Policy");
  if (headers["content-security-policy-report-only"]) problems.push("a Report-Only CSP");
  if (!/(^|;)\s*frame-ancestors 'none'/.test(csp)) problems.push("CSP without frame-ancestors 'none'");
  if (!/(^|;)\s*script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/.test(csp)) problems.push("CSP script-src without a nonce");
  if (headers["x-content-type-options"] !== "nosniff") problems.push("no X-Content-Type-Options: nosniff");
  return problems.map((p) => `${response.status()} ${new URL(response.url()).pathname}: ${p}`);
}

/**
 * A signed-up user in its own page. For every test (auto), in every page it opens (also in
 * contexts it creates with browser.newContext/newPage): console errors are collected and CSP
 * violations fail the test, and every HTML page must carry the security headers.
 */
export const test = base.extend<{ account: Account; consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page, browser }, use) => {
      const errors: string[] = [];
      const badHeaders: string[] = [];
      const watchPage = (p: Page) => {
        p.on("console", (msg) => {
          if (msg.type() === "error") errors.push(msg.text());
        });
        p.on("pageerror", (err) => errors.push(err.message));
        p.on("response", (response) => {
          const html = /^text\/html/.test(response.headers()["content-type"] ?? "");
          if (response.request().isNavigationRequest() && html) badHeaders.push(...pageHeaderProblems(response));
        });
      };
      const watchContext = (context: BrowserContext) => {
        context.pages().forEach(watchPage);
        context.on("page", watchPage);
      };
      watchContext(page.context());
      // browser.newPage() goes through newContext() too. Restored after the test.
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const context = await newContext.apply(browser, args);
        watchContext(context);
        return context;
      };
      try {
        await use(errors);
      } finally {
        browser.newContext = newContext;
      }
      expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), "no CSP violations").toEqual([]);
      expect(badHeaders, "every HTML page has the security headers").toEqual([]);
    },
    { auto: true },
  ],
  account: async ({ page }, use) => {
    const account = newAccount();
    await signUp(page, account);
    await use(account);
  },
});

export { expect };

/** The user's "today": the browser's (sign-up defaults the time zone to the browser's). */
export const browserToday = (page: Page) => page.evaluate(() => new Intl.DateTimeFormat("en-CA").format(new Date()));

/**
 * How Callback writes a day everywhere, the rules' sentences included: "Mon 7 Sep", and
 * "Fri 26 Dec 2025" when the year is not today's. Written here apart from the app's own code.
 */
export function shown(date: string, today: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...options }).format(at);
  const day = `${part({ weekday: "short" })} ${at.getUTCDate()} ${part({ month: "short" }).slice(0, 3)}`;
  return date.slice(0, 4) === today.slice(0, 4) ? day : `${day} ${date.slice(0, 4)}`;
}

/** Adds a job through the form and waits for the confirmation. */
export async function addJob(page: Page, job: { company: string; role: string; appliedOn: string; contactName?: string; contactPhone?: string; notes?: string }) {
  await page.goto("/jobs/new");
  await page.getByLabel("Company").fill(job.company);
  await page.getByLabel("Role").fill(job.role);
  await page.getByLabel("Date applied").fill(job.appliedOn);
  if (job.contactName) await page.getByLabel("Contact person").fill(job.contactName);
  if (job.contactPhone) await page.getByLabel("Phone").fill(job.contactPhone);
  if (job.notes) await page.getByLabel("Notes").fill(job.notes);
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();
}

/** A private link to `page`'s account's timeline, through the sharing page. */
export async function createShareLink(page: Page, label: string): Promise<string> {
  await page.goto("/sharing");
  await page.getByLabel("Label").fill(label);
  await page.getByRole("button", { name: "Create link" }).click();
  return page.getByLabel("Your new link").inputValue();
}

/** `coachPage` (signed in as `coach`) becomes the coach of `page`'s account, whose name is `ownerName`. */
export async function becomeCoach(page: Page, coachPage: Page, coach: Account, ownerName: string) {
  await page.goto("/sharing");
  await page.getByLabel("Coach's email").fill(coach.email);
  await page.getByRole("button", { name: "Invite coach" }).click();
  await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  await coachPage.goto(await page.getByLabel("Invitation link").inputValue());
  await coachPage.getByRole("button", { name: `Accept invitation from ${ownerName}` }).click();
  // Accepting opens the client's timeline; only then is the grant there to list.
  await expect(coachPage).toHaveURL(/\/clients\/[a-z0-9]+$/);
  await coachPage.goto("/clients");
  await expect(coachPage.getByRole("region", { name: "People you coach" }).getByRole("link", { name: ownerName })).toBeVisible();
}

/** axe on the current page: no serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** axe on the current page: no violation of any impact (issue 14: every page we touch). */
export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
