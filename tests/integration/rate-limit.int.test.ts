import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { verify } from "@node-rs/argon2";
import NextAuth from "next-auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { initialState } from "@/app/_lib/action-state";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { LIMITS, hit, isLimited, type Limit } from "@/lib/data/rate-limit";
import { verifyCredentials } from "@/lib/data/users";
import { newUser, uniqueEmail } from "./helpers";

// The request headers a server action sees (server/client-address.ts sets x-callback-client-ip).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

// The real argon2, counted: how many verifications a sign-in attempt costs, and against what.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

const testLimit = (max: number, windowSeconds = 60): Limit => ({ name: `test-${randomUUID()}`, max, windowSeconds });

describe("hit(): fixed windows counted in Postgres", () => {
  it("allows `max` attempts, then refuses with the time left in the window", async () => {
    const limit = testLimit(3, 120);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hit(limit, "subject"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]!.retryAfterSeconds).toBeGreaterThan(110);
    expect(results[4]!.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it("counts each subject apart; an email's letter case is the same subject", async () => {
    const limit = testLimit(2);
    await hit(limit, "Someone@Example.test");
    await hit(limit, "someone@example.test");
    expect((await hit(limit, "SOMEONE@EXAMPLE.TEST")).allowed).toBe(false);
    expect((await hit(limit, "someone-else@example.test")).allowed).toBe(true);
    // The same subject under another limit has a counter of its own.
    expect((await hit(testLimit(2), "someone@example.test")).allowed).toBe(true);
  });

  it("holds under concurrency: 40 simultaneous attempts on a limit of 10 let exactly 10 through", async () => {
    const limit = testLimit(10);
    const results = await Promise.all(Array.from({ length: 40 }, () => hit(limit, "burst")));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("starts a new window once the old one is over", async () => {
    const limit = testLimit(2, 60);
    for (let i = 0; i < 3; i++) await hit(limit, "later");
    expect((await hit(limit, "later")).allowed).toBe(false);
    await db.$executeRaw`UPDATE "RateLimit" SET "windowStart" = now() - interval '61 seconds' WHERE "key" = ${`${limit.name}:later`}`;
    expect((await hit(limit, "later")).allowed).toBe(true);
    expect((await hit(limit, "later")).allowed).toBe(true);
    expect((await hit(limit, "later")).allowed).toBe(false);
  });

  it("isLimited() peeks without counting", async () => {
    const limit = testLimit(2);
    for (let i = 0; i < 5; i++) expect(await isLimited(limit, "peek")).toBe(false);
    await hit(limit, "peek");
    expect(await isLimited(limit, "peek")).toBe(false);
    await hit(limit, "peek");
    expect(await isLimited(limit, "peek")).toBe(true);
  });
});

describe("the production limits", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("are 10 password checks per account and address, 100 per account, 50 per address in 15 minutes; 20 sign-ups per address an hour", () => {
    expect(LIMITS.signInPerAccountAddress).toMatchObject({ max: 10, windowSeconds: 900 });
    expect(LIMITS.signInPerAccount).toMatchObject({ max: 100, windowSeconds: 900 });
    expect(LIMITS.signInPerAddress).toMatchObject({ max: 50, windowSeconds: 900 });
    expect(LIMITS.signUpPerAddress).toMatchObject({ max: 20, windowSeconds: 3600 });
  });

  it("RATE_LIMIT_SCALE can only raise them (a typo, zero or a fraction never lowers them)", async () => {
    const maxWith = async (scale: string) => {
      vi.resetModules();
      vi.stubEnv("RATE_LIMIT_SCALE", scale);
      return (await import("@/lib/data/rate-limit")).LIMITS.signInPerAccountAddress.max;
    };
    expect(await maxWith("100")).toBe(1000);
    for (const scale of ["0", "0.01", "-5", "abc", ""]) expect(await maxWith(scale), scale).toBe(10);
  });
});

describe("sign-up: 20 per client address an hour", () => {
  const form = (email: string, password = "a perfectly good passphrase") => {
    const data = new FormData();
    data.set("name", "Signup Burst");
    data.set("email", email);
    data.set("password", password);
    data.set("timeZone", "Europe/London");
    return data;
  };

  it("refuses the 21st from one address, whatever X-Forwarded-For says, and creates nothing", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    for (let i = 1; i <= 20; i++) {
      request.headers = new Headers({ "x-callback-client-ip": address, "x-forwarded-for": `203.0.113.${i}` });
      // Refused input counts too: the limit is checked before anything else.
      const state = await signUpAction(initialState, i % 2 ? form(uniqueEmail("burst")) : form(uniqueEmail("burst"), "short"));
      expect(state.message ?? "", `sign-up ${i}`).not.toMatch(/Too many/);
    }
    const email = uniqueEmail("one-too-many");
    request.headers = new Headers({ "x-callback-client-ip": address, "x-forwarded-for": "192.0.2.1" });
    const refused = await signUpAction(initialState, form(email));
    expect(refused).toEqual({ ok: false, message: "Too many sign-ups from this network. Try again in an hour." });
    expect(await db.user.count({ where: { email } })).toBe(0);

    // Another address is not affected.
    request.headers = new Headers({ "x-callback-client-ip": `${address}-other` });
    expect(await signUpAction(initialState, form(email))).toEqual({ ok: true });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

describe("sign-in: an unknown email costs what a wrong password costs", () => {
  const verifyMock = vi.mocked(verify);
  beforeEach(() => {
    verifyMock.mockClear();
  });
  const ARGON2_OWASP = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

  it("verifies exactly one argon2id hash with the real parameters, whether or not the account exists", async () => {
    const user = await newUser();
    const cases = {
      "wrong password": { email: user.email, password: "not the password" },
      "unknown email": { email: uniqueEmail("nobody"), password: "not the password" },
      "malformed email": { email: "not-an-email", password: "not the password" },
      "empty password": { email: user.email, password: "" },
    };
    for (const [name, input] of Object.entries(cases)) {
      verifyMock.mockClear();
      expect(await verifyCredentials(input), name).toBeNull();
      expect(verifyMock, name).toHaveBeenCalledTimes(1);
      expect(verifyMock.mock.calls[0]![0], name).toMatch(ARGON2_OWASP);
    }
  });

  // Timing, measured loosely on purpose: both paths must do real argon2 work (>= 5 ms; a
  // skipped verification takes well under 1 ms) and their medians over 7 tries must be within
  // a factor of 3 (argon2 at these parameters takes ~70 ms here; scheduling noise on a busy
  // CI machine moves single samples by far more than a few ms, so no tighter bound is stable).
  it("takes about as long for an unknown email as for a wrong password", async () => {
    const user = await newUser();
    const median = async (input: { email: string; password: string }) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        expect(await verifyCredentials(input)).toBeNull();
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    await verifyCredentials({ email: uniqueEmail("warm-up"), password: "x" }); // the dummy hash is made once
    const wrong = await median({ email: user.email, password: "not the password" });
    const unknown = await median({ email: uniqueEmail("nobody"), password: "not the password" });
    expect(wrong).toBeGreaterThanOrEqual(5);
    expect(unknown).toBeGreaterThanOrEqual(5);
    expect(unknown / wrong).toBeGreaterThan(0.33);
    expect(unknown / wrong).toBeLessThan(3);
  });
});

describe("session cookies, as next-auth sets them with our options", () => {
  afterEach(() => vi.unstubAllEnvs());

  /** next-auth's own handler with our options, as app/api/auth/[...nextauth] runs it (in its
   *  request/response form, which needs no Next request context): CSRF, then credentials. */
  async function call(action: string[], init: { method: string; cookies?: Record<string, string>; body?: Record<string, string> }) {
    const headers = new Map<string, unknown>();
    let body: unknown;
    const res = {
      status: () => res,
      setHeader: (name: string, value: unknown) => (headers.set(name.toLowerCase(), value), res),
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      json: (b: unknown) => ((body = b), res),
      send: (b: unknown) => ((body = b), res),
      end: () => res,
    };
    const req = { query: { nextauth: action }, headers: {}, cookies: {}, ...init };
    await NextAuth(req as never, res as never, authOptions);
    const setCookie = [headers.get("set-cookie") ?? []].flat() as string[];
    return { body, cookies: setCookie.map((c) => ({ name: c.split("=")[0]!, attributes: c.split(";").slice(1).map((a) => a.trim().toLowerCase()) })), setCookie };
  }

  async function signInCookies(origin: string, email: string, password: string) {
    vi.stubEnv("NEXTAUTH_URL", origin);
    const csrf = await call(["csrf"], { method: "GET" });
    const cookies = Object.fromEntries(csrf.setCookie.map((c) => c.split(";")[0]!.split("=")).map(([k, v]) => [k!, decodeURIComponent(v!)]));
    const { csrfToken } = csrf.body as { csrfToken: string };
    const response = await call(["callback", "credentials"], { method: "POST", cookies, body: { csrfToken, email, password, json: "true" } });
    return { csrf: csrf.cookies, session: response.cookies.find((c) => c.name.endsWith("next-auth.session-token")) };
  }

  it("over https: __Secure- and __Host- prefixed, Secure, HttpOnly, SameSite=Lax", async () => {
    const user = await newUser();
    const { csrf, session } = await signInCookies("https://callback.example", user.email, user.password);
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session?.attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    const csrfCookie = csrf.find((c) => c.name.includes("csrf-token"));
    expect(csrfCookie?.name).toBe("__Host-next-auth.csrf-token");
    expect(csrfCookie?.attributes).toEqual(expect.arrayContaining(["secure", "httponly"]));
  });

  it("over plain http (local use): no prefix and no Secure flag, still HttpOnly and SameSite=Lax", async () => {
    const user = await newUser();
    const { session } = await signInCookies("http://localhost:3000", user.email, user.password);
    expect(session?.name).toBe("next-auth.session-token");
    expect(session?.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax"]));
    expect(session?.attributes).not.toContain("secure");
  });

  it("sets no session cookie for a wrong password", async () => {
    const user = await newUser();
    const { session } = await signInCookies("https://callback.example", user.email, "not the password");
    expect(session).toBeUndefined();
  });
});
