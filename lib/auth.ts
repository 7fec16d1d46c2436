import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession, startSession } from "@/lib/data/session";
import { verifyCredentials } from "@/lib/data/users";

/** What the JWT carries: no grants, no roles (those are read from the database). */
export type SessionClaims = { uid: string; sv: number; authAt: number; sid: string };

// The same bounds as lib/env.ts, which checks the absolute lifetime against the database.
const maxAgeDays = Math.min(365, Math.max(1, Math.floor(Number(process.env.SESSION_MAX_AGE_DAYS ?? 30) || 30)));

// The secret comes from NEXTAUTH_SECRET (set by scripts/start.mjs or the environment).
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: maxAgeDays * 86_400 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const user = await verifyCredentials({ email: credentials?.email, password: credentials?.password });
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
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
      // The server reads these back through getServerSession; the absolute lifetime and
      // session version are checked against the database in lib/data/session.ts.
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
