import { addDays, nextBusinessDayOnOrAfter } from "../lib/followup/dates";
import { addJob, browserToday, expect, expectNoSeriousA11yViolations, formAlert, shown, test } from "./fixtures";

test("the empty timeline teaches what to do and offers the first job", async ({ page, account: _account }) => {
  await page.goto("/timeline");
  await expect(page.getByRole("heading", { name: "Add your first job" })).toBeVisible();
  await expect(page.getByText(/one short, polite phone call/i)).toBeVisible();
  await page.getByRole("link", { name: "Add your first job" }).click();
  await expect(page).toHaveURL(/\/jobs\/new$/);
  await expectNoSeriousA11yViolations(page);
});

test("a new application waits until the first business day a week later", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Acme", role: "Product Designer", appliedOn: today });
  const opensOn = nextBusinessDayOnOrAfter(addDays(today, 7));
  await page.goto("/timeline");
  const card = page.getByRole("article", { name: /Acme/ });
  await expect(card.getByText("Waiting", { exact: true })).toBeVisible();
  await expect(card).toContainText(`Opens ${shown(opensOn, today)}`);
  await card.getByText("Why, and what to say on the call").click();
  await expect(card).toContainText("at least a week has passed");
  await expectNoSeriousA11yViolations(page);
});

test("an interview past its promised date is due; the one follow-up is logged and a second is refused", async ({ page, context, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Globex", role: "Frontend Engineer", appliedOn: addDays(today, -12) });
  const jobUrl = page.url().replace(/\?.*$/, "");

  await page.getByLabel("What happened").selectOption("interview");
  await page.getByLabel("Date", { exact: true }).fill(addDays(today, -6));
  await page.getByLabel("With whom").fill("Dana, hiring manager");
  await page.getByLabel("Promised answer by").fill(addDays(today, -4));
  await page.getByRole("button", { name: "Add to history" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to the job's history" })).toBeVisible();

  await page.goto("/timeline");
  const due = page.getByRole("region", { name: /Due now/ });
  const card = due.getByRole("article", { name: /Globex/ });
  await expect(card.getByText("Call due")).toBeVisible();
  await card.getByText("Why, and what to say on the call").click();
  await expect(card.getByRole("listitem").filter({ hasText: /very interested/i })).toBeVisible();
  await expect(card).toContainText(/update on the process/i);
  await expect(card).toContainText(/day or two/i);

  // A second tab keeps the follow-up form open, as a stale page or a replay would.
  const stale = await context.newPage();
  await stale.goto(jobUrl);
  await expect(stale.getByRole("button", { name: "Log follow-up" })).toBeEnabled();

  await card.getByRole("link", { name: /Log follow-up/ }).click();
  await page.getByLabel("What was said").fill("Asked for an update; they will decide next week.");
  await page.getByRole("button", { name: "Log follow-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Log follow-up" })).toHaveCount(0);
  await expect(page.getByText(/used this stage's one follow-up/)).toBeVisible();

  await page.goto("/timeline");
  const spentSection = page.getByRole("region", { name: /Follow-up spent/ });
  const spent = spentSection.getByRole("listitem").filter({ hasText: "Globex" });
  await expect(spent.getByText("Followed up", { exact: true })).toBeVisible();
  await expect(spentSection.getByRole("link", { name: /Log follow-up/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Due now/ })).toHaveCount(0);

  await stale.getByRole("button", { name: "Log follow-up" }).click();
  await expect(formAlert(stale)).toContainText(`You already followed up on this interview on ${shown(today, today)}. The advice is to follow up just once.`);
  await stale.close();
});

test("after a save the news form is clean and matches its select: heard back, then an interview with its promised date", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Hooli", role: "Recruiter", appliedOn: addDays(today, -12) });

  const news = page.getByRole("form", { name: "Add an interview or news" });
  await news.getByLabel("What happened").selectOption("heard_back");
  await news.getByLabel("Date", { exact: true }).fill(addDays(today, -10));
  await news.getByLabel("What they said").fill("They would like to meet.");
  await news.getByRole("button", { name: "Add to history" }).click();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText(`Heard back ${shown(addDays(today, -10), today)}`);

  // No reload and no re-choosing: the select says "Interview", so the interview's fields are there, empty.
  await expect(news.getByLabel("What happened")).toHaveValue("interview");
  await expect(news.getByRole("textbox", { name: /^Note/ })).toHaveValue("");
  await expect(news.getByLabel("Date", { exact: true })).toHaveValue(today);
  const promised = addDays(today, 1);
  await news.getByLabel("Date", { exact: true }).fill(addDays(today, -1));
  await news.getByLabel("With whom").fill("Sam, head of talent");
  await news.getByLabel("Promised answer by").fill(promised);
  await news.getByRole("button", { name: "Add to history" }).click();

  await expect(history).toContainText(`Interview ${shown(addDays(today, -1), today)} with Sam, head of talent · answer promised by ${shown(promised, today)}`);
  // The day after the promise (the column's rule), not the week of the default.
  const opensOn = nextBusinessDayOnOrAfter(addDays(promised, 1));
  await expect(page.getByText(`· Opens ${shown(opensOn, today)}`)).toBeVisible();
  await page.getByText("Why, and what to say on the call").click();
  await expect(page.getByRole("region", { name: "What to do next" })).toContainText("They said they would get back to you by");
  await expect(news.getByLabel("What happened")).toHaveValue("interview");
  await expect(news.getByLabel("Promised answer by")).toHaveValue("");
});

test("before the window opens, the follow-up form says what an early call costs and asks first", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Vandelay", role: "Importer", appliedOn: today });
  const jobUrl = page.url().replace(/\?.*$/, "");
  const opensOn = nextBusinessDayOnOrAfter(addDays(today, 7));
  const form = page.getByRole("form", { name: "Log your follow-up" });
  await expect(form).toContainText(`The window opens ${shown(opensOn, today)}. Logging a call now uses up your one follow-up for this application.`);

  // The first click only asks; "Not yet" leaves nothing logged.
  await form.getByRole("button", { name: "Log follow-up" }).click();
  const confirm = form.getByRole("group", { name: /before the window opens/ });
  await expect(confirm.getByRole("button", { name: "Yes, log it now" })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole("button", { name: "Not yet" }).click();
  await expect(confirm).toHaveCount(0);
  await page.goto(jobUrl);
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText(`Applied ${shown(today, today)}`);
  await expect(history).not.toContainText("Followed up");

  await form.getByLabel("What was said").fill("Couldn't wait.");
  await form.getByRole("button", { name: "Log follow-up" }).click();
  await form.getByRole("button", { name: "Yes, log it now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "before the window opened" })).toBeVisible();
  await expect(history).toContainText(`Followed up ${shown(today, today)} by phone (early)`);
  await expect(page.getByRole("form", { name: "Log your follow-up" })).toHaveCount(0);
});

test("a second follow-up refused in a stale tab brings that tab to the truth", async ({ page, context, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Pendant", role: "Publisher", appliedOn: addDays(today, -14) });
  const jobUrl = page.url().replace(/\?.*$/, "");
  const stale = await context.newPage();
  await stale.goto(jobUrl);
  await expect(stale.getByText("Call due", { exact: true })).toBeVisible();

  await page.getByLabel("What was said").fill("Spoke to the recruiter.");
  await page.getByRole("button", { name: "Log follow-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();

  await stale.getByRole("button", { name: "Log follow-up" }).click();
  await expect(formAlert(stale)).toContainText(`You already followed up on this application on ${shown(today, today)}. The advice is to follow up just once.`);
  // Without a reload: no form, no "due", and the history has the call the other tab logged.
  await expect(stale.getByRole("button", { name: "Log follow-up" })).toHaveCount(0);
  await expect(stale.getByText("Call due", { exact: true })).toHaveCount(0);
  await expect(stale.getByText("Followed up", { exact: true })).toBeVisible();
  const history = stale.getByRole("region", { name: "History" });
  await expect(history).toContainText(`Followed up ${shown(today, today)} by phone`);
  await expect(history).toContainText("Spoke to the recruiter.");
  await stale.close();
});

test("a due card keeps the talking points folded and offers the call as one tap", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Kramerica", role: "Intern", appliedOn: addDays(today, -14), contactName: "Helen Carter", contactPhone: "020 7946 0000" });
  const jobUrl = page.url().replace(/\?.*$/, "");
  await page.goto("/timeline");
  const card = page.getByRole("region", { name: /Due now/ }).getByRole("article", { name: /Kramerica/ });
  await expect(card.getByRole("link", { name: "Call Helen Carter · 020 7946 0000" })).toHaveAttribute("href", "tel:02079460000");
  const point = card.getByRole("listitem").filter({ hasText: /why you.re interested in the role/ });
  await expect(point).toBeHidden();
  await card.getByText("Why, and what to say on the call").click();
  await expect(point).toBeVisible();

  await page.goto(jobUrl);
  await expect(page.getByRole("region", { name: "What to do next" }).getByRole("link", { name: "Call Helen Carter · 020 7946 0000" })).toHaveAttribute("href", "tel:02079460000");
});

test("bad input keeps what was typed and says what to fix next to the field", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await page.goto("/jobs/new");
  await page.getByLabel("Role").fill("Data Analyst");
  await page.getByLabel("Date applied").fill(addDays(today, 3));
  await page.getByLabel("Where you found it").fill("not a link");
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByLabel("Company")).toHaveAccessibleDescription(/Company is required/);
  await expect(page.getByLabel("Date applied")).toHaveAccessibleDescription(/cannot be in the future/);
  await expect(page.getByLabel("Where you found it")).toHaveAccessibleDescription(/https:\/\//);
  await expect(page.getByLabel("Role")).toHaveValue("Data Analyst");
  await expect(page).toHaveURL(/\/jobs\/new$/);
});

test("an empty job form says what each field needs, once", async ({ page, account: _account }) => {
  await page.goto("/jobs/new");
  await page.getByLabel("Date applied").fill("");
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByLabel("Company")).toHaveAccessibleDescription("Company is required.");
  await expect(page.getByLabel("Role")).toHaveAccessibleDescription("Role is required.");
  await expect(page.getByLabel("Date applied")).toHaveAccessibleDescription(/^Callback suggests .* this date\. Date applied is required\.$/);
  await expect(page.getByText("Company is required.")).toHaveCount(1);
  await expect(page.getByText(/YYYY/)).toHaveCount(0);
});

test("archiving asks first, hides the job, and can be undone", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Initech", role: "QA Lead", appliedOn: today });
  await page.getByRole("button", { name: "Archive job" }).click();
  await page.getByRole("button", { name: "Yes, archive" }).click();
  await expect(page.getByRole("button", { name: /Restore Initech/ })).toBeVisible();
  await page.goto("/timeline");
  await expect(page.getByRole("article", { name: /Initech/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Archived \(1\)/ })).toBeVisible();
  await page.getByRole("link", { name: "Show archived jobs" }).click();
  await page.getByRole("link", { name: /Initech/ }).click();
  await page.getByRole("button", { name: /Restore Initech/ }).click();
  await expect(page.getByRole("button", { name: "Archive job" })).toBeVisible();
  await page.goto("/timeline");
  await expect(page.getByRole("article", { name: /Initech/ })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the timeline and the job form fit the screen", async ({ page, account: _account }) => {
    const today = await browserToday(page);
    await addJob(page, { company: "Umbrella Corporation International", role: "Senior Customer Success Manager", appliedOn: today });
    for (const path of ["/timeline", "/jobs/new"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await expectNoSeriousA11yViolations(page);
  });
});
