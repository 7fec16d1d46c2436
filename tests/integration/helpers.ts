import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import type { SessionClaims } from "@/lib/auth/session-cookie";

const holder = globalThis as { __testClaims?: Partial<SessionClaims> | null };

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID()}@example.test`;

export async function newUser(overrides: Partial<{ name: string; email: string; password: string; timeZone: string }> = {}) {
  const { createUser } = await import("@/lib/data/users");
  const password = overrides.password ?? "correct horse battery";
  const user = await createUser({ name: "Test User", email: uniqueEmail(), timeZone: "Europe/London", ...overrides, password });
  return { ...user, password };
}

export async function signInAs(user: { id: string }) {
  const { db } = await import("@/lib/db");
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
  const { startSession } = await import("@/lib/data/session");
  holder.__testClaims = { uid: user.id, sv: row.sessionVersion, authAt: Date.now(), sid: await startSession(user.id) };
  return holder.__testClaims;
}

export function signOut() {
  holder.__testClaims = null;
}

/** Use a specific set of claims, e.g. an old token after a session-version bump. */
export function useClaims(claims: Partial<SessionClaims> | null) {
  holder.__testClaims = claims;
}

/** A client address of its own, so no test shares a rate-limit counter with another. */
export const testAddress = () => `test-${randomUUID()}`;

/** The link token of an invitation that was just sent (not one for a coach who already has access). */
export function linkToken(invitation: { status: "sent"; token: string } | { status: "active" }): string {
  if (invitation.status !== "sent") throw new Error("expected a new invitation link, the coach already has access");
  return invitation.token;
}

/** Awaits a call that must be refused, and returns its AppError (anything else fails the test). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, "expected the call to be refused with an AppError").toBeInstanceOf(AppError);
  return error as AppError;
}
