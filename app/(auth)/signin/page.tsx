import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  if (await getViewer()) redirect("/timeline");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: never redirect to another origin after sign-in.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/timeline";
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={next} />
      <p className="mt-6 text-sm text-slate-700">
        New to Callback?{" "}
        <Link className="font-semibold text-brand-700 underline" href="/signup">
          Create an account
        </Link>
      </p>
    </>
  );
}
