import { AsyncLocalStorage } from "node:async_hooks";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { TooManyAttempts } from "@/lib/data/credentials";
import { env } from "@/lib/env";
import { endSession, startSession } from "@/lib/data/session";
import { verifyCredentials } from "@/lib/data/users";
import { safeReturnTo } from "@/lib/validation/return-to";


/**
 * One sign-in request, for app/api/auth/[...nextauth]/route.ts: authorize() says here when the
 * attempt was refused by a limit, so the route can answer 429 with Retry-After (next-auth itself
 * only knows 401).
 */
export const signInAttempt = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

// The secret comes from NEXTAUTH_SECRET (set by scripts/start.mjs or the environment).
export const authOptions: NextAuthOptions = {
  // Read per request (a getter), so importing the options reads no configuration; the absolute
  // lifetime is also checked against the database (lib/data/session.ts).
  session: {
    strategy: "jwt",
    get maxAge() {
      return env().SESSION_MAX_AGE_DAYS * 86_400;
    },
  },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // next-auth calls this only after its CSRF check, with the body it parsed (form or JSON;
      // a repeated field is its last value): the attempt is counted here, on exactly what is checked.
      async authorize(credentials, req) {
        const forwarded = (req?.headers as Record<string, unknown> | undefined)?.["x-callback-client-ip"];
        const address = typeof forwarded === "string" && forwarded ? forwarded : "unknown";
        try {
          const user = await verifyCredentials({ email: credentials?.email, password: credentials?.password }, { address });
          return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
        } catch (error) {
          if (!(error instanceof TooManyAttempts)) throw error;
          const attempt = signInAttempt.getStore();
          if (attempt) attempt.retryAfterSeconds = error.retryAfterSeconds;
          throw new Error("RateLimited");
        }
      },
    }),
  ],
  callbacks: {
    // Every return address next-auth reads (callbackUrl of sign-in and sign-out, its cookie)
    // goes through the one rule: a page of this site, or the timeline.
    redirect({ url, baseUrl }) {
      return new URL(safeReturnTo(url, baseUrl), baseUrl).toString();
    },
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; sessionVersion: number };
        token.uid = u.id;
        token.sv = u.sessionVersion;
        token.authAt = Date.now();
        token.sid = await startSession(u.id);
      }
      return token;
    },
    async session({ session, token }) {
      // For next-auth's client only; the server reads the token itself (lib/auth/session-cookie.ts)
      // and checks the absolute lifetime and session version against the database (lib/data/session.ts).
      return { ...session, uid: token.uid, sv: token.sv, authAt: token.authAt, sid: token.sid } as typeof session;
    },
  },
  events: {
    // The cookie is cleared by next-auth; deleting the session row makes every copy of it void.
    async signOut({ token }) {
      await endSession(token?.sid);
    },
  },
};
