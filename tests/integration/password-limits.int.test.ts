import { randomUUID } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { deleteAccount } from "@/lib/data/account";
import { TooManyAttempts } from "@/lib/data/credentials";
import { LIMITS, hit, isLimited, keyOf } from "@/lib/data/rate-limit";
import { changePassword, verifyCredentials } from "@/lib/data/users";
import { newUser, signInAs } from "./helpers";

// Every password check counts, keyed by what is actually checked (docs/decisions/012): the
// variants of one address are one account; a stranger's address cannot spend the owner's budget;
// the settings' current-password checks count like sign-ins; bad input never reaches Postgres raw.

// The address the settings' checks see (lib/data/request.ts reads the request's headers).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verifyMock = vi.mocked(verify);

const address = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const refused = (e: unknown) => e instanceof TooManyAttempts && e.code === "rate_limited" && e.retryAfterSeconds > 800;

beforeEach(() => {
  request.headers = new Headers({ "x-callback-client-ip": address() });
});

describe("sign-in: one count per checked account, whatever form its address takes", () => {
  it("letter case, spaces and Unicode compatibility forms of the address all count against one account", async () => {
    const user = await newUser({ email: `casey-${randomUUID().slice(0, 8)}@example.test` });
    const from = address();
    const [local, domain] = user.email.split("@") as [string, string];
    const fullwidth = [...local].map((c) => (/[a-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
    const variants = [user.email.toUpperCase(), `  ${user.email} `, `${fullwidth}@${domain}`, `${local}@${domain.toUpperCase()}`, user.email.normalize("NFD")];
    for (let i = 0; i < 10; i++) {
      expect(await verifyCredentials({ email: variants[i % variants.length], password: `wrong ${i}` }, { address: from })).toBeNull();
    }
    verifyMock.mockClear();
    await expect(verifyCredentials({ email: user.email, password: user.password }, { address: from })).rejects.toSatisfy(refused);
    await expect(verifyCredentials({ email: `${fullwidth}@${domain}`, password: user.password }, { address: from })).rejects.toSatisfy(refused);
    // Refused before any hash is checked.
    expect(verifyMock).not.toHaveBeenCalled();
  });

  it("the fullwidth form of an address signs in to the same account (it is the account that is counted)", async () => {
    const user = await newUser({ email: `wide-${randomUUID().slice(0, 8)}@example.test` });
    const wide = [...user.email].map((c) => (/[a-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
    expect((await verifyCredentials({ email: wide, password: user.password }, { address: address() }))?.id).toBe(user.id);
  });

  it("input that names no valid account counts against the address only, and never fails on the way to Postgres", async () => {
    const from = address();
    const hostile = ["a\u0000b@example.test", "\u0000", "x".repeat(10_000), "alice@example.test\u0000", "\uD800@example.test", "a\u202E@example.test"];
    for (const email of hostile) expect(await verifyCredentials({ email, password: "whatever" }, { address: from })).toBeNull();
    for (const email of [42, ["a@example.test", "b@example.test"], { $ne: null }, null]) {
      expect(await verifyCredentials({ email, password: "whatever" }, { address: from })).toBeNull();
    }
    // Every one of them was counted against the address, and against no account.
    expect(await isLimited({ ...LIMITS.signInPerAddress, max: 10 }, from)).toBe(true);
    expect(await db.rateLimit.count({ where: { key: { startsWith: `${LIMITS.signInPerAccountAddress.name}:` }, AND: { key: { contains: from } } } })).toBe(0);
  });

  it("a NUL byte, a control character or a huge subject makes a valid, bounded key", async () => {
    const limit = { name: `test-${randomUUID()}`, max: 2, windowSeconds: 60 };
    for (const subject of ["a\u0000b", "\u0007", "x".repeat(100_000), ["alice@example.test", "10.0.0.1\u0000"], "\uDC00"]) {
      expect((await hit(limit, subject)).allowed).toBe(true);
      expect(keyOf(limit.name, subject).length).toBeLessThan(200);
    }
  });
});

describe("a stranger cannot lock the owner out (docs/decisions/012)", () => {
  it("ten wrong passwords from one address refuse that address only; the owner signs in from theirs", async () => {
    const owner = await newUser();
    const stranger = address();
    for (let i = 0; i < 10; i++) expect(await verifyCredentials({ email: owner.email, password: `guess ${i}` }, { address: stranger })).toBeNull();
    await expect(verifyCredentials({ email: owner.email, password: owner.password }, { address: stranger })).rejects.toSatisfy(refused);
    expect((await verifyCredentials({ email: owner.email, password: owner.password }, { address: address() }))?.id).toBe(owner.id);
  });

  it("guessing spread over many addresses stops at the account's ceiling, except from an address the owner signed in from", async () => {
    const owner = await newUser();
    const home = address();
    expect((await verifyCredentials({ email: owner.email, password: owner.password }, { address: home }))?.id).toBe(owner.id);
    // The ceiling reached by a botnet (the counter set directly: 100 real argon2 checks would only slow the test).
    await db.rateLimit.upsert({
      where: { key: keyOf(LIMITS.signInPerAccount.name, owner.email) },
      create: { key: keyOf(LIMITS.signInPerAccount.name, owner.email), count: LIMITS.signInPerAccount.max, windowStart: new Date() },
      update: { count: LIMITS.signInPerAccount.max, windowStart: new Date() },
    });
    verifyMock.mockClear();
    await expect(verifyCredentials({ email: owner.email, password: owner.password }, { address: address() })).rejects.toSatisfy(refused);
    expect(verifyMock).not.toHaveBeenCalled();
    // The owner's own place still works, and still counts per address.
    expect((await verifyCredentials({ email: owner.email, password: owner.password }, { address: home }))?.id).toBe(owner.id);
  });
});

describe("the settings' password checks count like sign-ins", () => {
  it("change password: ten wrong current passwords, then the right one is refused and nothing changes", async () => {
    const user = await newUser();
    await signInAs(user);
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true } });
    for (let i = 0; i < 10; i++) {
      await expect(changePassword({ currentPassword: `guess ${i}`, newPassword: "a brand new passphrase" })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(changePassword({ currentPassword: user.password, newPassword: "a brand new passphrase" })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true } })).toEqual(before);
  });

  it("delete account: ten wrong passwords, then the right one is refused and the account stays", async () => {
    const user = await newUser();
    await signInAs(user);
    for (let i = 0; i < 10; i++) await expect(deleteAccount({ password: `guess ${i}`, confirm: true })).rejects.toMatchObject({ code: "invalid" });
    await expect(deleteAccount({ password: user.password, confirm: true })).rejects.toMatchObject({ code: "rate_limited" });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("guesses in settings and at sign-in share one budget", async () => {
    const user = await newUser();
    await signInAs(user);
    const from = request.headers.get("x-callback-client-ip")!;
    for (let i = 0; i < 5; i++) await expect(changePassword({ currentPassword: `guess ${i}`, newPassword: "a brand new passphrase" })).rejects.toMatchObject({ code: "invalid" });
    for (let i = 0; i < 5; i++) expect(await verifyCredentials({ email: user.email, password: `guess ${i}` }, { address: from })).toBeNull();
    await expect(verifyCredentials({ email: user.email, password: user.password }, { address: from })).rejects.toSatisfy(refused);
  });
});

describe("sign-up tells whether an address is taken only within its limit (docs/decisions/013)", () => {
  it("after 20 sign-ups from one address, probing an existing account gets the limit's answer, not the account's", async () => {
    const { signUpAction } = await import("@/app/(auth)/signup/actions");
    const { initialState } = await import("@/app/_lib/action-state");
    const existing = await newUser();
    const form = (email: string) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ name: "Prober", email, password: "a perfectly good passphrase", timeZone: "UTC" })) data.set(k, v);
      return data;
    };
    const first = await signUpAction(initialState, form(existing.email));
    expect(first.fieldErrors?.email?.[0]).toMatch(/already exists/);
    for (let i = 2; i <= 20; i++) await signUpAction(initialState, form(`probe-${i}-${randomUUID()}@example.test`));
    const probe = await signUpAction(initialState, form(existing.email));
    expect(probe).toEqual({ ok: false, message: "Too many sign-ups from this network. Try again in an hour." });
  });
});
