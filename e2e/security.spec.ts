import http from "node:http";
import { randomUUID } from "node:crypto";
import { request as apiRequest, type APIRequestContext, type APIResponse, type Browser, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { baseURL, strictURL } from "../playwright.config";
import { sql } from "./db";
import { expect, formAlert, newAccount, pageHeaderProblems, signIn, signUp, test, type Account } from "./fixtures";

// The defences, from the outside: rate limits (on a second server with the production limits),
// sessions, authorization that does not depend on proxy.ts, cross-origin server actions,
// headers, nothing secret in any page, and oversized bodies.

const SECRET = process.env.NEXTAUTH_SECRET ?? "test-secret-for-the-test-run-only-0123456789";
const SESSION_COOKIE = "next-auth.session-token";

const browserToday = (page: Page) => page.evaluate(() => new Intl.DateTimeFormat("en-CA").format(new Date()));

async function addJob(page: Page, company: string) {
  await page.goto("/jobs/new");
  await page.getByLabel("Company").fill(company);
  await page.getByLabel("Role").fill("Engineer");
  await page.getByLabel("Date applied").fill(await browserToday(page));
  await page.getByRole("button", { name: "Add job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

const setCookies = (response: APIResponse) => response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
const sessionCookie = (response: APIResponse) => setCookies(response).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

/** Next-auth's own sign-in over HTTP: a CSRF token (and its cookie), then the credentials. */
async function postSignIn(api: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, headers, maxRedirects: 0 });
}

/** Accounts made through the sign-up page, in a browser of their own. */
async function signUpAccounts(browser: Browser, names: string[]): Promise<Account[]> {
  const page = await browser.newPage();
  const accounts: Account[] = [];
  for (const name of names) {
    const account = newAccount(name);
    await signUp(page, account);
    await page.context().clearCookies();
    accounts.push(account);
  }
  await page.close();
  return accounts;
}

/** Another user, made once for the file: the one whose data must never show up. */
let other: Account;
test.beforeAll(async ({ browser }) => {
  [other] = (await signUpAccounts(browser, ["Otto Other"])) as [Account];
});

test.describe("sessions", () => {
  test("the session cookie is HttpOnly and SameSite=Lax; a wrong password and an unknown email get the same answer", async ({ request }) => {
    const ok = await postSignIn(request, other.email, other.password);
    expect(ok.status()).toBe(200);
    const cookie = sessionCookie(ok);
    expect(cookie, "a session cookie on success").toBeDefined();
    const attributes = cookie!.split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    // Plain http here: no Secure flag (next-auth adds it, and the __Secure- prefix, for an https NEXTAUTH_URL).
    expect(attributes).not.toContain("secure");
    expect((await request.get("/settings")).status()).toBe(200);

    const anonymous = await apiRequest.newContext({ baseURL });
    const wrong = await postSignIn(anonymous, other.email, "not the password at all");
    const unknown = await postSignIn(anonymous, `nobody-${randomUUID()}@example.test`, other.password);
    for (const response of [wrong, unknown]) {
      expect(sessionCookie(response)).toBeUndefined();
    }
    expect(unknown.status()).toBe(wrong.status());
    const [wrongBody, unknownBody] = [(await wrong.json()) as { url: string }, (await unknown.json()) as { url: string }];
    expect(Object.keys(unknownBody)).toEqual(Object.keys(wrongBody));
    expect(new URL(wrongBody.url).searchParams.get("error")).toBe("CredentialsSignin");
    expect(unknownBody.url).toBe(wrongBody.url);
    await anonymous.dispose();
  });

  test("a garbage, foreign-secret, stale or expired token is signed out (redirect to sign-in, never an error)", async () => {
    const [user] = await sql<{ id: string; sessionVersion: number }>(`SELECT id, "sessionVersion" FROM "User" WHERE email = $1`, [other.email]);
    // A live session row, as sign-in makes one (its id travels in the token).
    const sid = `e2e-${randomUUID()}`;
    await sql(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`, [sid, user!.id]);
    const claims = { uid: user!.id, sv: user!.sessionVersion, authAt: Date.now(), sid };
    const tokens: Record<string, string> = {
      garbage: "not-a-token",
      "random JWE-shaped": `${"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0"}..${"A".repeat(22)}.${"B".repeat(40)}.${"C".repeat(22)}`,
      "another secret": await encode({ token: claims, secret: "someone-elses-secret-0123456789abcdef" }),
      "an old session version": await encode({ token: { ...claims, sv: claims.sv - 1 }, secret: SECRET }),
      "a deleted user": await encode({ token: { ...claims, uid: "cnotarealuserid00000000000" }, secret: SECRET }),
      "past the absolute lifetime": await encode({ token: { ...claims, authAt: Date.now() - 31 * 86_400_000 }, secret: SECRET }),
      "a signed-out session": await encode({ token: { ...claims, sid: "signed-out-session-id" }, secret: SECRET }),
      "no claims": await encode({ token: { sub: user!.id }, secret: SECRET }),
    };
    const anonymous = await apiRequest.newContext({ baseURL });
    for (const [name, token] of Object.entries(tokens)) {
      for (const path of ["/timeline", "/settings"]) {
        const response = await anonymous.get(path, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 });
        expect(response.status(), `${name} on ${path}`).toBe(307);
        expect(new URL(response.headers().location!, baseURL).pathname, `${name} on ${path}`).toBe("/signin");
      }
    }
    // The control: the same claims, signed with the server's secret, are a session.
    const valid = await anonymous.get("/settings", { headers: { cookie: `${SESSION_COOKIE}=${await encode({ token: claims, secret: SECRET })}` }, maxRedirects: 0 });
    expect(valid.status()).toBe(200);
    expect(await valid.text()).toContain(other.email);
    await anonymous.dispose();
  });

  test("sign out everywhere ends the other browser's session on its next page load", async ({ page, browser, account }) => {
    const otherContext = await browser.newContext();
    const second = await otherContext.newPage();
    await signIn(second, account);

    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Signed out everywhere" })).toBeVisible();

    await second.goto("/timeline");
    await expect(second).toHaveURL(/\/signin/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/signin/);
    await otherContext.close();
  });

  test("a password change ends the other browser's session; the new password works", async ({ page, browser, account }) => {
    const otherContext = await browser.newContext();
    const second = await otherContext.newPage();
    await signIn(second, account);

    await page.goto("/settings");
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill("a different long passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

    await second.goto("/settings");
    await expect(second).toHaveURL(/\/signin/);
    await signIn(second, { email: account.email, password: "a different long passphrase" });
    await otherContext.close();
  });

  test("sign-out removes the session cookie and the pages ask to sign in", async ({ page, context, account: _account }) => {
    expect((await context.cookies()).map((c) => c.name)).toContain(SESSION_COOKIE);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/signin/);
  });

  // Sign-out deletes the session's row (its id is in the token), so a copy of the cookie taken
  // before (a shared computer, malware) stops working too.
  test("a session token copied before sign-out no longer works after it", async ({ page, context, browser, account: _account }) => {
    const copied = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    const thief = await browser.newContext();
    await thief.addCookies([copied]);
    const response = await thief.request.get("/settings", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    await thief.close();
  });
});

test.describe("authorization does not depend on proxy.ts", () => {
  const bypasses: Record<string, Record<string, string>> = {
    "no special header": {},
    "x-middleware-subrequest (middleware)": { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    "x-middleware-subrequest (proxy)": { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    "x-middleware-subrequest (src/middleware)": { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
    "RSC: 1": { RSC: "1" },
    "RSC prefetch": { RSC: "1", "Next-Router-Prefetch": "1" },
  };

  test("signed out or signed in as someone else, no header trick shows the owner's data", async ({ page, account }) => {
    const company = `Ownerco ${randomUUID().slice(0, 8)}`;
    const jobId = await addJob(page, company);
    const owned = [company, account.email, account.name];
    const intruder = await apiRequest.newContext({ baseURL });
    expect((await postSignIn(intruder, other.email, other.password)).status()).toBe(200);
    const anonymous = await apiRequest.newContext({ baseURL });

    for (const [who, api] of [["anonymous", anonymous], ["another user", intruder]] as const) {
      for (const path of ["/timeline", `/jobs/${jobId}`, "/settings"]) {
        for (const [trick, headers] of Object.entries(bypasses)) {
          const response = await api.get(path, { headers, maxRedirects: 0 });
          const label = `${who}, ${path}, ${trick}`;
          const body = await response.text();
          expect(response.status(), label).toBeLessThan(500);
          for (const secret of owned) expect(body, label).not.toContain(secret);
          if (who === "anonymous" && !headers.RSC) {
            expect([307, 404], label).toContain(response.status());
            if (response.status() === 307) expect(new URL(response.headers().location!, baseURL).pathname, label).toBe("/signin");
          }
          if (who === "another user" && path.startsWith("/jobs/") && !headers.RSC) expect(response.status(), label).toBe(404);
        }
      }
    }
    // The control: the owner, through the same requests, does see it.
    const own = await page.request.get(`/jobs/${jobId}`, { headers: bypasses["x-middleware-subrequest (proxy)"] });
    expect(await own.text()).toContain(company);
    await Promise.all([intruder.dispose(), anonymous.dispose()]);
  });
});

test.describe("server actions", () => {
  test("a server action replayed from another origin is refused and creates nothing", async ({ page, account: _account }) => {
    await page.goto("/jobs/new");
    await page.getByLabel("Company").fill("Original Co");
    await page.getByLabel("Role").fill("Engineer");
    await page.getByLabel("Date applied").fill(await browserToday(page));
    const [posted] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
      page.getByRole("button", { name: "Add job" }).click(),
    ]);
    await expect(page.getByRole("status").filter({ hasText: "Job added" })).toBeVisible();

    const original = posted.postDataBuffer()!.toString("latin1");
    const requestIdField = /(name="(?:_?\d+_)?requestId"\r\n\r\n)([A-Za-z0-9_-]+)/;
    expect(original, "the form carries a request id (replays of the same one are deduplicated)").toMatch(requestIdField);
    // A fresh request id and company, so an accepted replay would be a new, visible job.
    const forge = (company: string) =>
      Buffer.from(original.replace("Original Co", company).replace(requestIdField, (_m, head: string) => head + randomUUID().replaceAll("-", "")), "latin1");
    const headers = Object.fromEntries(
      Object.entries(await posted.allHeaders()).filter(([name]) => !["cookie", "content-length", "host", "connection", "origin", "referer"].includes(name) && !name.startsWith(":")),
    );
    const replay = (company: string, origin: string) =>
      page.request.post(posted.url(), { headers: { ...headers, origin, referer: `${origin}/jobs/new` }, data: forge(company), maxRedirects: 0 });

    // Next compares Origin with the host and aborts the action (500, an error in the payload).
    for (const [company, origin] of [["Evil Co", "http://evil.example"], ["Null Co", "null"], ["Lookalike Co", "http://localhost.evil.example"]]) {
      const evil = await replay(company!, origin!);
      expect(evil.status(), origin).toBeGreaterThanOrEqual(400);
      expect(evil.headers()["x-action-redirect"], origin).toBeUndefined();
    }
    // The control: the very same replay from the app's own origin is accepted.
    const same = await replay("Control Co", new URL(baseURL).origin);
    expect(same.status()).toBe(200);
    expect(same.headers()["x-action-redirect"]).toMatch(/^\/jobs\/[a-z0-9]+\?added=1/);

    await page.goto("/timeline");
    await expect(page.getByRole("article", { name: /Control Co/ })).toBeVisible();
    await expect(page.getByRole("article", { name: /Original Co/ })).toBeVisible();
    await expect(page.getByRole("article", { name: /Evil Co|Null Co|Lookalike Co/ })).toHaveCount(0);
  });
});

test.describe("headers", () => {
  test("every page has an enforced CSP with a fresh nonce and frame-ancestors 'none'; HSTS only over https", async ({ page, account: _account }) => {
    const jobId = await addJob(page, "Headerco");
    const paths = ["/timeline", `/jobs/${jobId}`, "/jobs/new", "/settings", "/sharing", "/clients", "/no-such-page", `/share/${"A".repeat(43)}`, `/invitations/${"A".repeat(43)}`];
    const nonces = new Set<string>();
    for (const path of paths) {
      const response = await page.request.get(path);
      expect(response.headers()["content-type"], path).toMatch(/^text\/html/);
      expect(pageHeaderProblems(response), path).toEqual([]);
      nonces.add(/'nonce-([^']+)'/.exec(response.headers()["content-security-policy"]!)![1]!);
      expect(response.headers()["strict-transport-security"], `${path} over http`).toBeUndefined();
    }
    expect(nonces.size, "a fresh nonce per response").toBe(paths.length);
    // The nonce in the header is the one on the page's scripts.
    const response = await page.goto("/timeline");
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"]!)![1]!;
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    expect(await page.locator("script[src]").evaluateAll((scripts, n) => scripts.every((s) => (s as HTMLScriptElement).nonce === n), nonce)).toBe(true);

    for (const path of ["/signin", "/timeline"]) {
      const https = await page.request.get(path, { headers: { "x-forwarded-proto": "https" }, maxRedirects: 0 });
      expect(https.headers()["strict-transport-security"], path).toMatch(/max-age=\d{7,}/);
    }
    expect((await page.request.get("/signin", { maxRedirects: 0 })).headers()["strict-transport-security"]).toBeUndefined();
  });

  test("the page's scripts and styles arrive with Brotli (the build's .br files), nosniff and immutable; a client without br gets Next's own", async ({ page }) => {
    const assets: { url: string; headers: Record<string, string>; size: number }[] = [];
    page.on("response", async (r) => {
      if (new URL(r.url()).pathname.startsWith("/_next/static/") && ["script", "stylesheet"].includes(r.request().resourceType()))
        assets.push({ url: r.url(), headers: await r.allHeaders(), size: (await r.body()).length });
    });
    await page.goto("/signin");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect.poll(() => assets.length).toBeGreaterThan(3);
    const big = assets.filter((a) => a.size >= 1024);
    expect(big.length).toBeGreaterThan(3);
    for (const a of big) {
      expect(a.headers["content-encoding"], a.url).toBe("br");
      expect(a.headers["x-content-type-options"], a.url).toBe("nosniff");
      expect(a.headers["cache-control"], a.url).toMatch(/immutable/);
    }
    // The same file, asked for without Brotli: Next's answer, the same bytes once unpacked.
    const script = big.find((a) => a.url.endsWith(".js"))!;
    const plain = await page.request.get(script.url, { headers: { "accept-encoding": "gzip" } });
    expect(plain.headers()["content-encoding"] ?? "gzip").not.toBe("br");
    expect((await plain.body()).length).toBe(script.size);
  });

  test("shared pages and invitation links are not cached, indexed or leaked through Referer", async ({ request }) => {
    // Signed out, an invitation link only asks to sign in (nothing is looked up): 200.
    const pages = { [`/share/${"A".repeat(43)}`]: 404, [`/share/${"B".repeat(43)}/jobs/cnotarealjob0000000000000`]: 404, "/share/short": 404, [`/invitations/${"A".repeat(43)}`]: 200, "/invitations/short": 404 };
    for (const [path, status] of Object.entries(pages)) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(status);
      const headers = response.headers();
      expect(headers["referrer-policy"], path).toBe("no-referrer");
      expect(headers["x-robots-tag"], path).toMatch(/noindex/);
      expect(headers["cache-control"], path).toMatch(/no-store/);
      expect(pageHeaderProblems(response), path).toEqual([]);
    }
  });
});

test.describe("nothing secret reaches a page", () => {
  test("no password hash, session secret, token hash or other user's email in any page or RSC payload", async ({ page, account }) => {
    const jobId = await addJob(page, "Leakcheck Ltd");
    await page.goto("/sharing");
    await page.getByLabel("Label").fill("For my coach");
    await page.getByRole("button", { name: "Create link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "shown only this once" })).toBeVisible();
    const shareUrl = await page.getByLabel("Your new link").inputValue();
    await page.getByLabel("Coach's email").fill(`coach-${Date.now()}@example.test`);
    await page.getByRole("button", { name: "Invite coach" }).click();
    const invitationUrl = await page.getByLabel("Invitation link").inputValue();

    const [user] = await sql<{ id: string; passwordHash: string }>(`SELECT id, "passwordHash" FROM "User" WHERE email = $1`, [account.email]);
    const hashes = await sql<{ tokenHash: string }>(`SELECT "tokenHash" FROM "ShareLink" WHERE "userId" = $1`, [user!.id]);
    expect(hashes).toHaveLength(1);
    const invitations = await sql<{ tokenHash: string }>(`SELECT "tokenHash" FROM "CoachGrant" WHERE "ownerId" = $1`, [user!.id]);
    expect(invitations).toHaveLength(1);
    const forbidden = {
      "an argon2 hash": "$argon2",
      "the password hash": user!.passwordHash,
      "the password hash's salt and digest": user!.passwordHash.split("$").at(-1)!,
      "the session secret": SECRET,
      "another user's email": other.email,
      "a share-token hash": hashes[0]!.tokenHash,
      "an invitation-token hash": invitations[0]!.tokenHash,
      "the password": account.password,
    };

    const checked: string[] = [];
    // The invitation page, opened by its sender ("this is your own invitation").
    for (const path of ["/timeline", `/jobs/${jobId}`, "/jobs/new", "/settings", "/sharing", "/clients", new URL(shareUrl).pathname, new URL(invitationUrl).pathname]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const rsc = await page.request.get(path, { headers: { RSC: "1" } });
      const texts = { raw: await response!.text(), rendered: await page.content(), rsc: await rsc.text() };
      for (const [kind, text] of Object.entries(texts)) {
        for (const [what, value] of Object.entries(forbidden)) expect(text.includes(value), `${what} in ${kind} ${path}`).toBe(false);
      }
      checked.push(texts.raw);
    }
    // The control: the raw responses do carry the page's data (the RSC payload included).
    expect(checked.join("")).toContain("self.__next_f");
    expect(checked[3]).toContain(account.email);
  });
});

test.describe("oversized and undeclared bodies", () => {
  /** A 10 MB POST, timed. */
  async function bigPost(api: APIRequestContext, path: string, headers: Record<string, string>) {
    const started = Date.now();
    const response = await api.post(path, { data: Buffer.alloc(10 * 1024 * 1024, "a"), headers, maxRedirects: 0 });
    return { status: response.status(), ms: Date.now() - started, body: await response.text() };
  }

  test("a 10 MB body is refused with 413 before Next reads it, a chunked one with 411, and the server stays up", async ({ request }) => {
    for (const [path, headers] of [
      ["/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded" }],
      ["/jobs/new", { "content-type": "multipart/form-data; boundary=x", "next-action": "0".repeat(42) }],
      ["/signup", { "content-type": "text/plain;charset=UTF-8", "next-action": "0".repeat(42) }],
    ] as const) {
      const result = await bigPost(request, path, headers);
      expect(result.status, path).toBe(413);
      expect(result.body, path).toContain("payload_too_large");
      expect(result.ms, path).toBeLessThan(5_000);
    }

    // No Content-Length at all (chunked): refused, since the cap is enforced on the declared length.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${baseURL}/api/auth/callback/credentials`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("email=a%40b.c&password=");
      req.write("x".repeat(64 * 1024));
      req.end();
    });
    expect(chunked).toBe(411);

    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ db: "ok" });
  });
});

// Last in the file: these share the per-address counters of 127.0.0.1 (in the database, across
// both servers), so they run in order, after clearing them, and count every attempt they make.
test.describe("rate limits at production values (second server, RATE_LIMIT_SCALE=1)", () => {
  test.describe.configure({ mode: "serial" });
  let alice: Account;
  let strict: APIRequestContext;
  /** Sign-in attempts from this address since the counters were cleared. */
  let attempts = 0;
  const attempt = (email: string, password: string, headers: Record<string, string> = {}) => {
    attempts++;
    return postSignIn(strict, email, password, headers);
  };

  test.beforeAll(async ({ browser }) => {
    [alice] = (await signUpAccounts(browser, ["Alice Limit"])) as [Account];
    // Earlier tests (on either server) signed in and up from this same address, and signing
    // Alice up signed her in once.
    await sql(`DELETE FROM "RateLimit" WHERE key LIKE 'signin:%' OR key LIKE 'signup:%'`);
    strict = await apiRequest.newContext({ baseURL: strictURL });
  });
  test.afterAll(async () => strict?.dispose());

  test("sign-in: the 11th attempt for one account is refused with 429, even with the right password", async () => {
    for (let i = 1; i <= 10; i++) {
      const response = await attempt(alice.email, `wrong password ${i}`);
      expect(response.status(), `attempt ${i}`).toBe(401);
    }
    const refused = await attempt(alice.email, alice.password);
    expect(refused.status()).toBe(429);
    expect(sessionCookie(refused)).toBeUndefined();
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Too many attempts/);
    // The email's letter case and spaces do not make it another account.
    expect((await attempt(`  ${alice.email.toUpperCase()} `, alice.password)).status()).toBe(429);

    // The limit is the account's: another account from the same address still signs in.
    const another = await attempt(other.email, other.password);
    expect(another.status()).toBe(200);
    expect(sessionCookie(another)).toBeDefined();
  });

  test("sign-up: the 21st from one address in an hour is refused, whatever X-Forwarded-For says", async ({ page }) => {
    // The action's answer, read on its way to the page (a streamed response's body is not kept).
    let answer: Promise<string> = Promise.resolve("");
    await page.route("**/signup", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      answer = response.text();
      await route.fulfill({ response });
    });
    await page.goto(`${strictURL}/signup`);
    const submit = async (email: string, password: string) => {
      await page.getByLabel("Name").fill("Many Signups");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
        page.getByRole("button", { name: "Create account" }).click(),
      ]);
      await request.response();
      return { request, limited: (await answer).includes("Too many sign-ups") };
    };

    // 1 in the browser, 2 to 20 replayed over HTTP from "different" forwarded addresses.
    // Refused input counts too (the limit is checked first), and costs no password hash.
    const first = await submit(`many-${randomUUID()}@example.test`, "short");
    expect(first.limited).toBe(false);
    const headers = Object.fromEntries(Object.entries(await first.request.allHeaders()).filter(([name]) => !["cookie", "content-length", "host", "connection"].includes(name)));
    for (let i = 2; i <= 20; i++) {
      const replay = await page.request.post(first.request.url(), { headers: { ...headers, "x-forwarded-for": `198.51.100.${i}` }, data: first.request.postDataBuffer()! });
      expect(replay.status(), `sign-up ${i}`).toBe(200);
      expect(await replay.text(), `sign-up ${i}`).not.toContain("Too many sign-ups");
    }
    // 21st: valid, in the browser, with yet another forwarded address.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.21" });
    const email = `one-too-many-${randomUUID()}@example.test`;
    expect((await submit(email, "a perfectly good passphrase")).limited).toBe(true);
    await expect(formAlert(page)).toHaveText(/Too many sign-ups from this network/);
    await expect(page).toHaveURL(/\/signup$/);
    expect(await sql(`SELECT id FROM "User" WHERE email = $1`, [email])).toEqual([]);
  });

  test("sign-in: the 51st attempt from one address is refused, however X-Forwarded-For rotates", async () => {
    const statuses: number[] = [];
    while (attempts < 50) {
      // A new unknown email each time, so only the per-address limit can apply.
      const response = await attempt(`nobody-${randomUUID()}@example.test`, "any password", { "x-forwarded-for": `203.0.113.${attempts % 250}` });
      statuses.push(response.status());
    }
    expect(statuses.filter((s) => s !== 401), "every attempt up to the 50th is answered normally").toEqual([]);

    // 51st and 52nd: an unknown email, then a real account's right password; new forwarded
    // addresses, even a forged client-address header (the server overwrites it with the socket's).
    const refused = await attempt(other.email.replace("@", "+x@"), "any password", { "x-forwarded-for": "192.0.2.77", "x-callback-client-ip": "192.0.2.78", "x-real-ip": "192.0.2.79" });
    expect(refused.status()).toBe(429);
    const withRightPassword = await attempt(other.email, other.password, { "x-forwarded-for": "192.0.2.80" });
    expect(withRightPassword.status()).toBe(429);
    expect(sessionCookie(withRightPassword)).toBeUndefined();
    expect(Number(withRightPassword.headers()["retry-after"])).toBeGreaterThan(0);
  });
});
