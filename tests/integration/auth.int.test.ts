import { describe, expect, it } from "vitest";
import { encode, decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changePassword, createUser, signOutEverywhere, verifyCredentials } from "@/lib/data/users";
import { requireUser, viewerFromClaims } from "@/lib/data/session";
import { newUser, signInAs, uniqueEmail, useClaims } from "./helpers";

describe("sign-up", () => {
  it("creates exactly one user with an argon2id hash of the whole password", async () => {
    const email = uniqueEmail();
    const password = "a".repeat(100) + "-long-passphrase-ok";
    await createUser({ name: "Ada", email: email.toUpperCase(), password, timeZone: "America/New_York" });
    const rows = await db.user.findMany({ where: { email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]!.passwordHash).not.toContain(password);
    // Hashed whole: a password that differs only after byte 72 must not verify.
    expect(await verifyCredentials({ email, password })).not.toBeNull();
    expect(await verifyCredentials({ email, password: password.slice(0, 100) + "-long-passphrase-no" })).toBeNull();
  });

  it("refuses a duplicate email with a clear error next to the field", async () => {
    const user = await newUser();
    const error = await createUser({ name: "Other", email: user.email, password: "another good one", timeZone: "UTC" }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors.email[0]).toMatch(/already exists/);
    expect(await db.user.count({ where: { email: user.email } })).toBe(1);
  });

  it.each([
    ["short password", { password: "short" }, "password", /at least 8/],
    ["too long password", { password: "x".repeat(129) }, "password", /at most 128/],
    ["common password", { password: "Password123" }, "password", /too common/],
    ["bad email", { email: "not-an-email" }, "email", /valid email/],
    ["empty name", { name: "   " }, "name", /required/],
    ["unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", /time zone/i],
  ])("refuses %s and stores nothing", async (_label, override, field, message) => {
    const email = uniqueEmail();
    const error = await createUser({ name: "Bad", email, password: "good password here", timeZone: "UTC", ...override }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors[field][0]).toMatch(message);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("sign-in", () => {
  it("accepts the right password, in any letter case of the email", async () => {
    const user = await newUser();
    const result = await verifyCredentials({ email: user.email.toUpperCase(), password: user.password });
    expect(result?.id).toBe(user.id);
    expect(result).not.toHaveProperty("passwordHash");
  });

  it("refuses a wrong password exactly as it refuses an unknown email", async () => {
    const user = await newUser();
    const wrong = await verifyCredentials({ email: user.email, password: "not the password" });
    const unknown = await verifyCredentials({ email: uniqueEmail("nobody"), password: user.password });
    expect(wrong).toBeNull();
    expect(unknown).toBeNull();
  });
});

describe("sessions", () => {
  it("a session-version bump invalidates an old token", async () => {
    const user = await newUser();
    const claims = await signInAs(user);
    expect((await requireUser()).id).toBe(user.id);
    await signOutEverywhere();
    useClaims(claims);
    expect(await viewerFromClaims(claims)).toBeNull();
    await expect(requireUser()).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("signing out ends that session for every copy of its token, and only that session", async () => {
    const user = await newUser();
    const phone = await signInAs(user);
    const laptop = await signInAs(user);
    const { endSession } = await import("@/lib/data/session");
    await endSession(phone!.sid);
    expect(await viewerFromClaims(phone)).toBeNull();
    expect((await viewerFromClaims(laptop))?.id).toBe(user.id);
    // A token whose session id was never issued is signed out too.
    expect(await viewerFromClaims({ ...laptop, sid: "made-up" })).toBeNull();
  });

  it("the navigation's sign-out ends this browser's session only: its token is void, the user's other session and another user's stay", async () => {
    const user = await newUser();
    const other = await newUser();
    const otherClaims = await signInAs(other);
    const laptop = await signInAs(user);
    const phone = await signInAs(user);
    const { signOutAction } = await import("@/app/_lib/sign-out-action");
    // redirect() throws Next's redirect, as it does in a real action.
    await expect(signOutAction()).rejects.toMatchObject({ digest: expect.stringContaining("/signin") });
    expect(await viewerFromClaims(phone)).toBeNull();
    expect((await viewerFromClaims(laptop))?.id).toBe(user.id);
    expect((await viewerFromClaims(otherClaims))?.id).toBe(other.id);
  });

  it("a password change ends existing sessions", async () => {
    const user = await newUser();
    const claims = await signInAs(user);
    await changePassword({ currentPassword: user.password, newPassword: "a brand new passphrase" });
    expect(await viewerFromClaims(claims)).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "a brand new passphrase" })).not.toBeNull();
  });

  it("a token older than the absolute lifetime is signed out", async () => {
    const user = await newUser();
    const claims = await signInAs(user);
    expect(await viewerFromClaims(claims)).not.toBeNull();
    expect(await viewerFromClaims({ ...claims, authAt: Date.now() - 31 * 86_400_000 })).toBeNull();
  });

  it("a token signed with another secret decodes to nothing", async () => {
    const user = await newUser();
    const token = await encode({ token: { uid: user.id, sv: 1, authAt: Date.now() }, secret: "someone-elses-secret-0123456789" });
    await expect(decode({ token, secret: process.env.NEXTAUTH_SECRET! })).rejects.toThrow();
    const tampered = token.slice(0, -4) + "AAAA";
    await expect(decode({ token: tampered, secret: "someone-elses-secret-0123456789" })).rejects.toThrow();
  });
});
