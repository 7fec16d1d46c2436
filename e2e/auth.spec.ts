import { expect, formAlert, newAccount, signIn, signUp, test } from "./fixtures";

test("sign up, sign out, sign in, reach the home page", async ({ page, consoleErrors }) => {
  const account = newAccount("Robin Park");
  await signUp(page, account);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your timeline");
  await expect(page.getByRole("banner")).toContainText("Robin Park");
  await expect(page.getByRole("link", { name: "Add your first job" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/timeline");
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, account);
  await expect(page.getByRole("banner")).toContainText("Robin Park");
  expect(consoleErrors.filter((e) => /Refused/.test(e))).toEqual([]);
});

test("a signed-out visitor signs in from the home page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign-up field errors are shown next to the field, announced, and what was typed is kept", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Sam");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/valid email/);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/at least 8 characters/);
  await expect(formAlert(page)).toContainText("Check the highlighted fields");
  await expect(page.getByLabel("Name")).toHaveValue("Sam");
  await expect(email).toHaveValue("not-an-email");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("a duplicate email gets a clear error", async ({ page, browser }) => {
  const account = newAccount();
  await signUp(page, account);
  const other = await browser.newPage();
  await other.goto("/signup");
  await other.getByLabel("Name").fill("Someone Else");
  await other.getByLabel("Email").fill(account.email);
  await other.getByLabel("Password").fill("another long passphrase");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByLabel("Email")).toHaveAccessibleDescription(/already exists/);
  await other.close();
});

test("wrong password and unknown email give the same message", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("the wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const wrong = await formAlert(page).textContent();

  await page.getByLabel("Email").fill("nobody-here@example.test");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText(wrong ?? "");
  expect(wrong).toContain("Email or password is incorrect");
});
