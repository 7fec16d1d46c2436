import { addDays, nextBusinessDayOnOrAfter } from "../lib/followup/dates";
import { addJob, becomeCoach, browserToday, createShareLink, expect, expectNoA11yViolations, newAccount, shown, signUp, test } from "./fixtures";

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

const unbroken = (n: number) => `https://jobs.example.com/${"x".repeat(n - 25)}`;

/** How far the page scrolls sideways (0 when it fits). */
const sidewaysScroll = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const width of [390, 1280]) {
  test(`over-long words wrap at ${width} px: no page scrolls sideways`, async ({ page, account: _account }) => {
    await page.setViewportSize({ width, height: 900 });
    const today = await browserToday(page);
    const long = unbroken(200);
    await addJob(page, { company: long, role: unbroken(200), appliedOn: addDays(today, -20), contactName: unbroken(200), notes: unbroken(3000) });
    const jobUrl = page.url();
    const news = page.getByRole("form", { name: "Add an interview or news" });
    await news.getByLabel("Date", { exact: true }).fill(addDays(today, -12));
    await news.getByLabel("With whom").fill(unbroken(200));
    await news.getByRole("textbox", { name: /^Note/ }).fill(unbroken(2000));
    await news.getByRole("button", { name: "Add to history" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added to the job's history" })).toBeVisible();
    for (const path of [jobUrl, "/timeline", "/timeline?section=due", "/jobs/new", "/settings"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await sidewaysScroll(page), `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
  });
}

test("text over a field's limit is refused next to the field, never cut short", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await page.goto("/jobs/new");
  const company = unbroken(201);
  await page.getByLabel("Company").fill(company);
  await page.getByLabel("Role").fill("Analyst");
  await page.getByLabel("Date applied").fill(today);
  await page.getByLabel("Contact person").fill("A".repeat(250));
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByLabel("Company")).toHaveAccessibleDescription("Company must be at most 200 characters.");
  await expect(page.getByLabel("Contact person")).toHaveAccessibleDescription("Contact name must be at most 200 characters.");
  // Everything typed is still there, to shorten.
  await expect(page.getByLabel("Company")).toHaveValue(company);
  await expect(page).toHaveURL(/\/jobs\/new$/);

  await page.getByLabel("Company").fill(company.slice(0, 200));
  await page.getByLabel("Contact person").fill("Ada");
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();
  const news = page.getByRole("form", { name: "Add an interview or news" });
  await news.getByLabel("With whom").fill("W".repeat(201));
  await news.getByRole("button", { name: "Add to history" }).click();
  await expect(news.getByLabel("With whom")).toHaveAccessibleDescription("With whom must be at most 200 characters.");
  await expect(news.getByLabel("With whom")).toHaveValue("W".repeat(201));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("status badges stay on one line beside long names and next steps", async ({ page, account: _account }) => {
    const today = await browserToday(page);
    const jobs = [
      { company: "Massive Dynamic Incorporated", role: "Senior Principal Staff Engineer", news: null },
      { company: "Oscorp Industries International", role: "Head of Research Partnerships", news: "heard_back" },
      { company: "Gringotts Wizarding Bank", role: "Curse Breaker and Vault Auditor", news: "rejected" },
      { company: "Stark Industries Worldwide", role: "Chief Armour Technology Lead", news: "interview" },
    ] as const;
    for (const job of jobs) {
      await addJob(page, { company: job.company, role: job.role, appliedOn: addDays(today, -30) });
      if (job.news === null) {
        await page.getByRole("form", { name: "Log your follow-up" }).getByRole("button", { name: "Log follow-up" }).click();
        await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();
        continue;
      }
      const news = page.getByRole("form", { name: "Add an interview or news" });
      await news.getByLabel("What happened").selectOption(job.news);
      await news.getByLabel("Date", { exact: true }).fill(job.news === "interview" ? addDays(today, 5) : addDays(today, -2));
      await news.getByRole("button", { name: "Add to history" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Added to the job's history" })).toBeVisible();
    }
    for (const path of ["/timeline", "/timeline?section=closed"]) {
      await page.goto(path);
      const badges = page.getByRole("main").getByText(/^(Call due|Waiting|Interview ahead|Followed up|Heard back|Closed)$/);
      expect(await badges.count()).toBeGreaterThanOrEqual(path.endsWith("closed") ? 1 : 3);
      for (const badge of await badges.all()) {
        const lines = await badge.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
        expect(lines, `"${await badge.textContent()}" on ${path} is on one line`).toBeLessThan(1.8);
      }
    }
  });
});

test("a promise \"in N days\" shows the day it means as it is typed, in calendar days", async ({ page, account: _account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Aperture", role: "Test Subject", appliedOn: addDays(today, -10) });
  const news = page.getByRole("form", { name: "Add an interview or news" });
  const interviewOn = addDays(today, -3);
  await news.getByLabel("Date", { exact: true }).fill(interviewOn);
  await news.getByLabel("in a number of days").check();
  const days = news.getByLabel("Answer promised in (days)");
  await expect(days).toHaveAccessibleDescription(/^Calendar days, weekends included, counted from the interview date\.$/);
  await days.fill("3");
  await expect(days).toHaveAccessibleDescription(`Calendar days, weekends included, counted from the interview date: in 3 days = ${shown(addDays(interviewOn, 3), today)}.`);
  await days.fill("10");
  await expect(days).toHaveAccessibleDescription(new RegExp(`in 10 days = ${shown(addDays(interviewOn, 10), today)}\\.$`));
  // A new interview date moves the day with it.
  await news.getByLabel("Date", { exact: true }).fill(addDays(today, -1));
  await expect(days).toHaveAccessibleDescription(new RegExp(`in 10 days = ${shown(addDays(today, 9), today)}\\.$`));

  await news.getByRole("button", { name: "Add to history" }).click();
  await expect(page.getByRole("region", { name: "History" })).toContainText(`answer promised by ${shown(addDays(today, 9), today)}`);
});

test("a coach and a link visitor read of the job seeker in the third person", async ({ page, browser, account }) => {
  const today = await browserToday(page);
  await addJob(page, { company: "Umbrella", role: "Researcher", appliedOn: addDays(today, -20) });
  await page.getByRole("button", { name: "Log follow-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();
  await addJob(page, { company: "Weyland", role: "Pilot", appliedOn: addDays(today, -20) });
  const ownCard = async (p: import("@playwright/test").Page, name: RegExp) => {
    const card = p.getByRole("article", { name });
    await card.getByText(/^Why, and what (to|they can) say on the call$/).click();
    return card;
  };

  // The job seeker's own words are to them.
  await page.goto("/timeline");
  await expect(page.getByRole("region", { name: /Follow-up spent/ })).toContainText("You followed up once.");
  await expect(await ownCard(page, /Weyland/)).toContainText(`You applied on ${shown(addDays(today, -20), today)}.`);

  const coach = newAccount("Morgan Coach");
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  await signUp(coachPage, coach);
  await becomeCoach(page, coachPage, coach, account.name);
  await coachPage.getByRole("region", { name: "People you coach" }).getByRole("link", { name: account.name }).click();
  const link = await createShareLink(page, "Mentor");
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(link);

  for (const reader of [coachPage, visitor]) {
    const spent = reader.getByRole("region", { name: /Follow-up spent/ });
    await expect(spent).toContainText("They followed up once. If they're a strong candidate, the employer will call.");
    await expect(spent).toContainText("Followed up: now it is the employer’s turn");
    const card = await ownCard(reader, /Weyland/);
    await expect(card).toContainText("Their follow-up call is due");
    await expect(card).toContainText(`They applied on ${shown(addDays(today, -20), today)}.`);
    await expect(card.getByRole("heading", { name: "On the call, they can say:" })).toBeVisible();
    await expect(card.getByRole("listitem").filter({ hasText: "That they applied for the role, and when." })).toBeVisible();
    await spent.getByRole("link", { name: /Umbrella/ }).click();
    await expect(reader.getByRole("heading", { level: 1 })).toContainText("Umbrella");
    await reader.getByText("Why", { exact: true }).click();
    const next = reader.getByRole("region", { name: "What to do next" });
    await expect(next).toContainText(`They followed up on this application on ${shown(today, today)}.`);
    // Nothing of the job seeker's "you" about the job, outside the column's own quoted words.
    for (const part of [next, reader.getByRole("main").locator("header")]) {
      const text = (await part.allInnerTexts()).join("\n");
      expect(text.replace(/“[^”]*”/g, "")).not.toMatch(/\byou(r|’re|'re)?\b/i);
    }
  }
  await coachContext.close();
  await visitor.context().close();
});

test("the navigation fits the person: Clients for a coach, no push to add a job for one who tracks none", async ({ page, browser, account }) => {
  const nav = (p: import("@playwright/test").Page) => p.getByRole("navigation", { name: "Main" });
  // A job seeker coaches no one: no "Clients".
  await page.goto("/timeline");
  await expect(nav(page).getByRole("link", { name: "Add a job" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: /Clients/ })).toHaveCount(0);

  const coach = newAccount("Riley Coach");
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  await signUp(coachPage, coach);
  await expect(nav(coachPage).getByRole("link", { name: /Clients/ })).toHaveCount(0);

  await page.goto("/sharing");
  await page.getByLabel("Coach's email").fill(coach.email);
  await page.getByRole("button", { name: "Invite coach" }).click();
  await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();

  // Invited (a link they have not opened yet): nothing changes for them.
  await coachPage.goto("/timeline");
  await expect(nav(coachPage).getByRole("link", { name: /Clients/ })).toHaveCount(0);
  // Accepted through the link: "Clients" is there, and nothing pushes a job of their own.
  await coachPage.goto(link);
  await coachPage.getByRole("button", { name: `Accept invitation from ${account.name}` }).click();
  await expect(coachPage).toHaveURL(/\/clients\/[a-z0-9]+$/);
  await coachPage.goto("/timeline");
  await expect(nav(coachPage).getByRole("link", { name: "Add a job" })).toHaveCount(0);
  await expect(coachPage.getByRole("link", { name: "Add your first job" })).toHaveCount(0);
  await coachPage.goto("/clients");
  await expect(coachPage.getByRole("region", { name: "People you coach" }).getByRole("link", { name: account.name })).toBeVisible();
  await coachPage.goto("/timeline");
  await expect(coachPage.getByRole("region", { name: "Your clients" })).toContainText("You coach 1 person");
  await expect(nav(coachPage).getByRole("link", { name: "Clients", exact: true })).toBeVisible();
  await expect(nav(coachPage).getByRole("link", { name: "Add a job" })).toHaveCount(0);
  await expectNoA11yViolations(coachPage);

  // Their own search, when they start one, is there as for anyone.
  await coachPage.getByRole("link", { name: "Track a job of your own" }).click();
  await addJob(coachPage, { company: "Nakatomi", role: "Negotiator", appliedOn: await browserToday(coachPage) });
  await expect(nav(coachPage).getByRole("link", { name: "Add a job" })).toBeVisible();
  await expect(nav(coachPage).getByRole("link", { name: "Clients", exact: true })).toBeVisible();
  // The job seeker who invited them still coaches no one.
  await page.goto("/timeline");
  await expect(nav(page).getByRole("link", { name: /Clients/ })).toHaveCount(0);
  await coachContext.close();
});

for (const width of [390, 1280]) {
  test(`a signed-out visitor's home page at ${width} px: what Callback does, the rules, a picture, sign up and sign in`, async ({ page, consoleErrors }) => {
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/when to follow up on a job application/i);
    const rules = page.getByRole("region", { name: /The rules/ }).getByRole("listitem");
    await expect(rules).toHaveCount(3);
    await expect(rules.nth(0)).toContainText("wait at least a week");
    await expect(rules.nth(2)).toContainText("Only once");
    const picture = page.getByRole("img", { name: /timeline in Callback/ });
    await expect(picture).toBeVisible();
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page);
    expect(consoleErrors).toEqual([]);
    await page.getByRole("main").getByRole("link", { name: /Sign up/ }).click();
    await expect(page).toHaveURL(/\/signup$/);
  });
}

test("a signed-in visitor to the home page goes to their timeline", async ({ page, account: _account }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/timeline$/);
});

test("an icon and a web app manifest; no page logs an error or fails to load a part of itself", async ({ page, browser, account, consoleErrors }) => {
  test.slow(); // every page of the journey, for three people
  const failed: string[] = [];
  const watch = (p: import("@playwright/test").Page) => {
    p.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    // A prefetch cut short by the next navigation is aborted, not failed.
    p.on("requestfailed", (r) => {
      if (r.failure()?.errorText !== "net::ERR_ABORTED") failed.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`);
    });
  };
  watch(page);

  // The icons the page names, the browser's default /favicon.ico and the manifest's own.
  await page.goto("/timeline");
  const icons = await page.locator('link[rel~="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThanOrEqual(2);
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBeTruthy();
  const manifest = await (await page.request.get(manifestHref!)).json();
  expect(manifest).toMatchObject({ name: "Callback", start_url: "/timeline", display: "standalone" });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const href of [...icons, "/favicon.ico", ...manifest.icons.map((i: { src: string }) => i.src)]) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(/^image\//);
  }

  // Every page a job seeker, their coach and a link visitor meet.
  const today = await browserToday(page);
  await addJob(page, { company: "Virtucon", role: "Analyst", appliedOn: addDays(today, -9), contactName: "Ada", contactPhone: "020 7946 0000" });
  const jobPath = new URL(page.url()).pathname;
  const link = await createShareLink(page, "Everyone");
  const coach = newAccount("Avery Coach");
  const coachContext = await browser.newContext();
  const coachPage = await coachContext.newPage();
  watch(coachPage);
  await signUp(coachPage, coach);
  await becomeCoach(page, coachPage, coach, account.name);
  const visitor = await (await browser.newContext()).newPage();
  watch(visitor);

  const visits: [import("@playwright/test").Page, string][] = [
    ...["/timeline", "/timeline?section=due", jobPath, "/jobs/new", "/sharing", "/transfer", "/settings"].map((p) => [page, p] as [typeof page, string]),
    [coachPage, "/clients"],
    [visitor, "/"],
    [visitor, "/signin"],
    [visitor, "/signup"],
    [visitor, link],
  ];
  for (const [who, path] of visits) {
    await who.goto(path);
    await expect(who.getByRole("heading", { level: 1 })).toBeVisible();
    await who.waitForLoadState("networkidle");
  }
  await coachPage.getByRole("region", { name: "People you coach" }).getByRole("link", { name: account.name }).click();
  await coachPage.getByRole("article", { name: /Virtucon/ }).getByRole("link", { name: /Virtucon/ }).click();
  await expect(coachPage.getByRole("heading", { level: 1 })).toContainText("Virtucon");
  await visitor.getByRole("article", { name: /Virtucon/ }).getByRole("link", { name: /Virtucon/ }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("Virtucon");
  for (const who of [coachPage, visitor]) await who.waitForLoadState("networkidle");

  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
  await coachContext.close();
  await visitor.context().close();
});

test.describe("in Kolkata", () => {
  test.use({ timezoneId: "Asia/Calcutta" });

  test("time zones go by their current names and can be searched by city", async ({ page }) => {
    await page.goto("/signup");
    const zone = page.getByRole("combobox", { name: "Time zone" });
    // The browser says "Asia/Calcutta" (an old name): the form offers and shows the current one.
    await expect(zone).toHaveValue("Asia/Kolkata");
    await expect(zone).toHaveAccessibleDescription(/Type a city to search/);
    const suggestions = page.locator("datalist#time-zone-names option");
    for (const current of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "UTC"]) await expect(suggestions.and(page.locator(`[value="${current}"]`))).toHaveCount(1);
    for (const old of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon"]) await expect(suggestions.and(page.locator(`[value="${old}"]`))).toHaveCount(0);
    await expectNoA11yViolations(page);

    const account = newAccount("Priya Shah");
    await page.getByLabel("Name").fill(account.name);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/timeline$/);

    // A city alone, typed: saved under its zone's current name.
    await page.goto("/settings");
    await expect(zone).toHaveValue("Asia/Kolkata");
    await zone.fill("kyiv");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    await page.reload();
    await expect(zone).toHaveValue("Europe/Kyiv");
    await zone.fill("Atlantis");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(zone).toHaveAccessibleDescription(/Choose a time zone from the list\./);
    await expectNoA11yViolations(page);
  });
});

for (const width of [390, 1280]) {
  test(`axe finds no violation of any impact on the journey's pages at ${width} px`, async ({ page, browser, account }) => {
    test.slow(); // some twenty pages, each analysed
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/timeline");
    await expectNoA11yViolations(page); // the empty timeline
    const today = await browserToday(page);
    await addJob(page, { company: "Initrode", role: "Analyst", appliedOn: addDays(today, -12), contactName: "Sam", contactPhone: "020 7946 0001", notes: "Private" });
    const jobPath = new URL(page.url()).pathname;
    await addJob(page, { company: "Prestige", role: "Worldwide", appliedOn: addDays(today, -2) });
    const news = page.getByRole("form", { name: "Add an interview or news" });
    await news.getByLabel("in a number of days").check();
    await news.getByLabel("Answer promised in (days)").fill("3");
    await page.getByText("Edit details").click();
    await page.getByRole("button", { name: "Log follow-up" }).click(); // early: the confirmation
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "Yes, log it now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Follow-up logged" })).toBeVisible();
    await expectNoA11yViolations(page);

    for (const path of ["/timeline", jobPath, "/jobs/new", "/settings"]) {
      await page.goto(path);
      for (const why of await page.getByText(/^Why/).all()) await why.click();
      await expectNoA11yViolations(page);
    }
    const link = await createShareLink(page, "Axe");
    const coach = newAccount("Quinn Coach");
    const coachContext = await browser.newContext({ viewport: { width, height: 900 } });
    const coachPage = await coachContext.newPage();
    await signUp(coachPage, coach);
    await becomeCoach(page, coachPage, coach, account.name);
    await expectNoA11yViolations(coachPage);
    await coachPage.goto("/timeline");
    await expectNoA11yViolations(coachPage);
    await coachPage.goto("/clients");
    await coachPage.getByRole("region", { name: "People you coach" }).getByRole("link", { name: account.name }).click();
    await expect(coachPage.getByRole("heading", { level: 1 })).toContainText(account.name);
    await expectNoA11yViolations(coachPage);
    await coachPage.getByRole("article", { name: /Initrode/ }).getByRole("link", { name: /Initrode/ }).click();
    await expect(coachPage.getByRole("heading", { level: 1 })).toContainText("Initrode");
    await expectNoA11yViolations(coachPage);

    const visitor = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    for (const path of ["/", "/signin", "/signup", link]) {
      await visitor.goto(path);
      await expectNoA11yViolations(visitor);
    }
    await visitor.getByRole("article", { name: /Initrode/ }).getByRole("link", { name: /Initrode/ }).click();
    await expect(visitor.getByRole("heading", { level: 1 })).toContainText("Initrode");
    await expectNoA11yViolations(visitor);
    await coachContext.close();
    await visitor.context().close();
  });
}
