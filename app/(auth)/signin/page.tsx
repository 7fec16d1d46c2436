import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { returnQuery, returnTo } from "@/app/_lib/return-to";
import { getViewer } from "@/lib/data/session";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends a browser back here with ?error= when a sign-in failed without the form's script.
const SIGN_IN_ERRORS = {
  RateLimited: "Too many attempts. Wait a few minutes and try again.",
  other: "Email or password is incorrect.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  // Only pages of this site: never another origin after sign-in, however the value is written.
  const next = await returnTo(callbackUrl);
  if (await getViewer()) redirect(next);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={next} initialMessage={error ? SIGN_IN_ERRORS[error === "RateLimited" ? "RateLimited" : "other"] : undefined} />
      <p className="mt-6 text-sm text-slate-700">
        New to Callback?{" "}
        <Link className="font-semibold text-brand-700 underline" href={`/signup${returnQuery(next)}`}>
          Create an account
        </Link>
      </p>
    </>
  );
}
