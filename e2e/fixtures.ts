import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";

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

/** The form's own alert (Next's route announcer is an empty role=alert too). */
export const formAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

/** A signed-up user in its own page; console errors (e.g. CSP violations) fail the test. */
export const test = base.extend<{ account: Account; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(err.message));
    await use(errors);
    expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e)), "no CSP violations").toEqual([]);
  },
  account: async ({ page }, use) => {
    const account = newAccount();
    await signUp(page, account);
    await use(account);
  },
});

export { expect };
