import NextAuth from "next-auth";
import { authOptions, signInAttempt } from "@/lib/auth/options";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * Sign-in attempts are counted where the credentials are checked (authorize → lib/data), after
 * next-auth's CSRF check. A refused attempt gets 429 with Retry-After and no session cookie; the
 * body next-auth's client expects ({ url }) is kept so the sign-in form can say what happened.
 */
async function POST(request: Request, ctx: Ctx) {
  const attempt: { retryAfterSeconds?: number } = {};
  const response = await signInAttempt.run(attempt, () => handler(request, ctx));
  if (attempt.retryAfterSeconds === undefined) return response;
  return Response.json(
    { url: new URL("/signin?error=RateLimited", request.url).toString(), message: "Too many attempts. Wait a few minutes and try again." },
    { status: 429, headers: { "Retry-After": String(attempt.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

export { handler as GET, POST };
