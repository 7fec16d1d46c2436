import http from "node:http";
import { randomUUID } from "node:crypto";
import { request as apiRequest } from "@playwright/test";
import { baseURL, strictURL } from "../playwright.config";
import { sql } from "./db";
import { addJob, browserToday, expect, newAccount, signUp, test, type Account } from "./fixtures";

// The findings of the outside security test (issue 12), each tested for its whole class:
// return addresses, what the sign-in limit counts, who can be locked out, bad bytes in any
// input, and the nonce of pages Next could serve from a build-time copy.

/** Every way a return address has been seen to lead a browser off-site. */
const OFF_SITE = [
  "/\\evil.example",
  "/\t/evil.example",
  "/\\/evil.example",
  "//evil.example",
  "/\n/evil.example",
  "\\\\evil.example",
  "///evil.example",
  "https://evil.example/timeline",
  "http://evil.example",
  `${baseURL.replace("http://", "http://user@")}@evil.example/`,
  "javascript:alert(document.domain)",
  " //evil.example",
];

test.describe("return addresses: only pages of this site (finding 1)", () => {
  test.beforeEach(async ({ context }) => {
    // Should anything lead off-site, the browser lands here instead of failing to resolve.
    await context.route((url) => url.hostname.endsWith("evil.example"), (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
  });

  test("after signing in, every off-site callbackUrl lands on the timeline, a same-site one is kept", async ({ browser }) => {
    // Fourteen real sign-ins (argon2 each) and twice as many page loads: ~60 s on a busy 2-core machine.
    test.slow();
    const account = newAccount("Redirect Target");
    const page = await browser.newPage();
    await signUp(page, account);
    await page.context().clearCookies();
    await page.context().route((url) => url.hostname.endsWith("evil.example"), (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
    // "/%5Cevil.example" is this site's own (non-existent) page "/%5Cevil.example": it may stay.
    for (const value of [...OFF_SITE, "/settings", "/%5Cevil.example"]) {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(value)}`);
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password").fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      const expected = value.startsWith("/%") ? value : value === "/settings" ? "/settings" : "/timeline";
      await expect(page, JSON.stringify(value)).toHaveURL(`${baseURL}${expected}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(baseURL);
      // Signed in already: the sign-in page sends the visitor on by the same rule.
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(value)}`);
      await expect(page, `signed in, ${JSON.stringify(value)}`).toHaveURL(`${baseURL}${expected}`);
      await page.context().clearCookies();
    }
    await page.close();
  });
});

test.describe("next-auth's callbackUrl over HTTP (finding 1)", () => {
  let account: Account;
  test.beforeAll(async ({ browser }) => {
    account = newAccount("Callback Api");
    const page = await browser.newPage();
    await signUp(page, account);
    await page.close();
  });

  test("sign-in and sign-out bodies and the callback-url cookie never send the browser off-site", async () => {
    for (const value of OFF_SITE) {
      const api = await apiRequest.newContext({ baseURL });
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const signIn = await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: account.email, password: account.password, callbackUrl: value, json: "true" },
        maxRedirects: 0,
      });
      expect(signIn.status(), JSON.stringify(value)).toBe(200);
      const { url } = (await signIn.json()) as { url: string };
      expect(new URL(url).origin, `sign-in ${JSON.stringify(value)}`).toBe(baseURL);

      const signOut = await api.post("/api/auth/signout", { form: { csrfToken, callbackUrl: value, json: "true" }, maxRedirects: 0 });
      const out = (await signOut.json()) as { url: string };
      expect(new URL(out.url).origin, `sign-out ${JSON.stringify(value)}`).toBe(baseURL);

      // The same value in next-auth's callback-url cookie.
      const viaCookie = await api.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
      const location = viaCookie.headers().location;
      if (location) expect(new URL(location, baseURL).origin, `signin page ${JSON.stringify(value)}`).toBe(baseURL);
      await api.dispose();
    }
  });
});

// ---- The sign-in limit, on the server with the production limits -------------------------

/** A sign-in over HTTP from a chosen loopback address (127.0.0.x), with its own cookies. */
class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly from: string,
    readonly origin = strictURL,
  ) {}

  async send(method: string, path: string, body?: { type: "form" | "json" | "raw"; data: string }) {
    const url = new URL(path, this.origin);
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    if (body) headers["content-type"] = body.type === "json" ? "application/json" : "application/x-www-form-urlencoded";
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: url.port, path: url.pathname + url.search, method, headers, localAddress: this.from }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c) => (text += c)).on("end", () => {
          for (const c of [res.headers["set-cookie"] ?? []].flat()) {
            const [pair] = c.split(";");
            const [k, ...v] = pair!.split("=");
            this.cookies.set(k!, v.join("="));
          }
          resolve({ status: res.statusCode!, headers: res.headers, text });
        });
      });
      req.on("error", reject);
      req.end(body?.data);
    });
  }

  async csrf() {
    return (JSON.parse((await this.send("GET", "/api/auth/csrf")).text) as { csrfToken: string }).csrfToken;
  }

  /** Credentials in any body format: `fields` are sent in order (a name may repeat). */
  async signIn(fields: [string, string][], format: "form" | "json" = "form") {
    const csrfToken = await this.csrf();
    const all: [string, string][] = [["csrfToken", csrfToken], ...fields, ["json", "true"]];
    const data = format === "json" ? JSON.stringify(Object.fromEntries(all)) : new URLSearchParams(all).toString();
    return this.send("POST", "/api/auth/callback/credentials", { type: format, data });
  }
}
const signedIn = (r: { headers: http.IncomingHttpHeaders }) => [r.headers["set-cookie"] ?? []].flat().some((c) => c.startsWith("next-auth.session-token="));

test.describe("what the sign-in limit counts (findings 2, 4 and 6; production limits)", () => {
  test.describe.configure({ mode: "serial" });
  const accounts: Record<string, Account> = {};

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    for (const name of ["json", "duplicate", "decoy", "unicode", "stranger", "csrf"]) {
      const account = { ...newAccount(`Limit ${name}`), email: `limit-${name}-${randomUUID().slice(0, 8)}@example.test` };
      await signUp(page, account);
      await page.context().clearCookies();
      accounts[name] = account;
    }
    await page.close();
  });
  // Each test works from addresses of its own; the per-address counters start clean.
  test.beforeEach(async () => {
    await sql(`DELETE FROM "RateLimit" WHERE key LIKE 'signin:addr:%'`);
  });

  test("a JSON body is counted like a form: ten JSON guesses, then the right password in a form is refused", async () => {
    const client = new Client("127.0.0.3");
    const { email, password } = accounts.json!;
    for (let i = 0; i < 10; i++) expect((await client.signIn([["email", email], ["password", `guess ${i}`]], "json")).status, `guess ${i}`).toBe(401);
    const refused = await client.signIn([["email", email], ["password", password]]);
    expect(refused.status).toBe(429);
    expect(signedIn(refused)).toBe(false);
    expect((await client.signIn([["email", email], ["password", password]], "json")).status).toBe(429);
  });

  test("a repeated email field is counted under the address that is checked (the last), not the first", async () => {
    const client = new Client("127.0.0.4");
    const victim = accounts.duplicate!;
    const decoy = accounts.decoy!;
    for (let i = 0; i < 10; i++) {
      const r = await client.signIn([["email", decoy.email], ["email", victim.email], ["password", `guess ${i}`]]);
      expect(r.status, `guess ${i}`).toBe(401);
    }
    expect((await client.signIn([["email", victim.email], ["password", victim.password]])).status).toBe(429);
    // The decoy's budget was never touched: it signs in from the same address.
    const decoyIn = await client.signIn([["email", decoy.email], ["password", decoy.password]]);
    expect(decoyIn.status).toBe(200);
    expect(signedIn(decoyIn)).toBe(true);
  });

  test("letter case, spaces and Unicode compatibility forms of an address are one account", async () => {
    const client = new Client("127.0.0.5");
    const { email, password } = accounts.unicode!;
    const wide = [...email].map((c) => (/[a-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
    const forms = [email.toUpperCase(), ` ${email} `, wide, email.replace("@example.test", "@EXAMPLE.TEST")];
    for (let i = 0; i < 10; i++) expect((await client.signIn([["email", forms[i % forms.length]!], ["password", `guess ${i}`]])).status, `guess ${i}`).toBe(401);
    expect((await client.signIn([["email", email], ["password", password]])).status).toBe(429);
  });

  test("a stranger's ten wrong passwords do not lock the owner out of their own address", async () => {
    const stranger = new Client("127.0.0.6");
    const owner = new Client("127.0.0.7");
    const { email, password } = accounts.stranger!;
    for (let i = 0; i < 10; i++) expect((await stranger.signIn([["email", email], ["password", `guess ${i}`]])).status, `guess ${i}`).toBe(401);
    expect((await stranger.signIn([["email", email], ["password", password]])).status).toBe(429);
    const own = await owner.signIn([["email", email], ["password", password]]);
    expect(own.status).toBe(200);
    expect(signedIn(own)).toBe(true);
  });

  test("requests without a valid CSRF token are refused before they are counted", async () => {
    const client = new Client("127.0.0.8");
    const { email, password } = accounts.csrf!;
    for (let i = 0; i < 15; i++) {
      const r = await client.send("POST", "/api/auth/callback/credentials", { type: "form", data: new URLSearchParams({ email, password: `guess ${i}`, csrfToken: i % 2 ? "forged" : "", json: "true" }).toString() });
      expect(r.status, `forged ${i}`).not.toBe(429);
      expect(signedIn(r)).toBe(false);
    }
    const own = await client.signIn([["email", email], ["password", password]]);
    expect(own.status).toBe(200);
    expect(signedIn(own)).toBe(true);
  });

  test("a NUL byte or other bad bytes in the credentials are an ordinary refusal, never a 500", async () => {
    const client = new Client("127.0.0.9");
    const hostile = ["a\u0000b@example.test", "\u0000", `${accounts.json!.email}\u0000`, "\u202Eadmin@example.test", "x".repeat(5000), "\uFFFF@example.test"];
    for (const email of hostile) {
      for (const format of ["form", "json"] as const) {
        const r = await client.signIn([["email", email], ["password", "p\u0000ss"]], format);
        expect(r.status, `${format} ${JSON.stringify(email.slice(0, 20))}`).toBe(401);
      }
    }
    // Wrong types in a JSON body too.
    const csrfToken = await client.csrf();
    for (const email of [42, ["a@example.test"], { $ne: null }, null]) {
      const r = await client.send("POST", "/api/auth/callback/credentials", { type: "json", data: JSON.stringify({ csrfToken, email, password: "x", json: "true" }) });
      expect(r.status, JSON.stringify(email)).toBeLessThan(500);
    }
  });
});

// ---- Bad input anywhere is a 4xx, never a 500 (finding 4) ---------------------------------

test.describe("bad bytes in every place a request carries input (finding 4)", () => {
  test("paths, queries and bodies with NUL and control characters get a 4xx or a page, never a 500", async ({ page, account: _account }) => {
    const jobId = await addJob(page, { company: `Nulco ${randomUUID().slice(0, 6)}`, role: "Engineer", appliedOn: await browserToday(page) }).then(() => new URL(page.url()).pathname.split("/").at(-1)!);
    const bad = ["%00", "abc%00", "%00%01%1F", "%C0%80", "%FF", "%E2%80%AE", "x".repeat(3000)];
    const paths = bad.flatMap((b) => [
      `/jobs/${b}`,
      `/jobs/${jobId}?logged=${b}`,
      `/clients/${b}`,
      `/clients/${b}/jobs/${b}`,
      `/share/${b}`,
      `/share/${b}/jobs/${b}`,
      `/api/calendar/${b}.ics`,
      `/timeline?expand=${b}`,
      `/signin?callbackUrl=${b}`,
      `/signup?callbackUrl=${b}`,
      `/api/export?format=${b}`,
      `/${b}`,
    ]);
    for (const path of paths) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path.slice(0, 80)).toBeLessThan(500);
    }
    for (const body of ['{"on":"2026-01-01\\u0000"}', '{"channel":"phone\\u0000"}', '{"note":"\\u0000"}', "\u0000", '{"on":{"$gt":""}}']) {
      for (const id of [jobId, "%00"]) {
        const response = await page.request.post(`/api/jobs/${id}/follow-ups`, { headers: { "content-type": "application/json", origin: baseURL }, data: body });
        expect(response.status(), `${id} ${body}`).toBeGreaterThanOrEqual(400);
        expect(response.status(), `${id} ${body}`).toBeLessThan(500);
      }
    }
  });
});

// ---- Every page runs with its own nonce (finding 7) ---------------------------------------

test.describe("every page, the not-found and error pages included, runs with zero CSP violations (finding 7)", () => {
  test("pages Next could have served from a build-time copy carry this response's nonce", async ({ page, account: _account }) => {
    // The test fixture fails the test on any CSP violation in the console; here the nonces are read too.
    const paths = ["/no-such-page", "/jobs/no-such-job", "/clients/no-such-client", "/share/no-such-token", `/${randomUUID()}/deeper`, "/signin", "/timeline"];
    const seen = new Set<string>();
    for (const path of [...paths, ...paths]) {
      const response = await page.goto(path);
      const header = response!.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(header)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(seen.has(nonce!), `${path}: a fresh nonce`).toBe(false);
      seen.add(nonce!);
      // Every script the server sent carries this response's nonce (those Next adds later inherit
      // trust through 'strict-dynamic').
      const scriptNonces = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => /\snonce="([^"]*)"/.exec(m[0])?.[1] ?? "");
      expect(scriptNonces.length, path).toBeGreaterThan(0);
      expect(new Set(scriptNonces), path).toEqual(new Set([nonce]));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    // The not-found page says what to do next, in the app's look.
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to your timeline" })).toBeVisible();
  });
});

// Signed-out visitors and a share link reader see the same: shared-link pages have no session.
test("a signed-out visitor's not-found page has its nonce too", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
  const scriptNonces = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => /\snonce="([^"]*)"/.exec(m[0])?.[1] ?? "");
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  await context.close();
});

