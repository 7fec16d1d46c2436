import { vi } from "vitest";

// The session cookie is decoded by next-auth in a real request; here the test says whose
// claims the request carries (tests/integration/helpers.ts). Everything after that (the
// database check of the session version, every query) is the real code on the real database.
vi.mock("@/lib/auth/session-cookie", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session-cookie")>()),
  requestClaims: async () => (globalThis as { __testClaims?: unknown }).__testClaims ?? null,
  // Clearing the cookie means the next "request" carries no claims (the browser tests check the real cookie).
  clearSessionCookie: async () => {
    (globalThis as { __testClaims?: unknown }).__testClaims = null;
  },
}));

// next/cache needs a Next request; the data layer never calls it, server actions do.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
