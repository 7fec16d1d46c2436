import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth";
import { LIMITS, hit } from "@/lib/data/rate-limit";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * Sign-in attempts are limited per account and per client address before next-auth sees
 * them; a limited attempt gets 429 and no session cookie. The body next-auth's client
 * expects ({ url }) is kept so the sign-in form can say what happened.
 */
async function POST(request: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    const address = request.headers.get("x-callback-client-ip") ?? "unknown";
    const [perAddress, perAccount] = await Promise.all([
      hit(LIMITS.signInPerAddress, address),
      email ? hit(LIMITS.signInPerAccount, email) : Promise.resolve({ allowed: true, retryAfterSeconds: 0 }),
    ]);
    if (!perAddress.allowed || !perAccount.allowed) {
      const retry = Math.max(perAddress.retryAfterSeconds, perAccount.retryAfterSeconds);
      return Response.json(
        { url: new URL("/signin?error=RateLimited", request.url).toString(), message: "Too many attempts. Wait a few minutes and try again." },
        { status: 429, headers: { "Retry-After": String(retry), "Cache-Control": "no-store" } },
      );
    }
  }
  return handler(request, ctx);
}

export { handler as GET, POST };
