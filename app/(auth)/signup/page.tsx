import type { Metadata } from "next";
import { timeZoneNames } from "@/lib/time/zone-names";
import Link from "next/link";
import { redirect } from "next/navigation";
import { returnQuery, returnTo } from "@/app/_lib/return-to";
import { getViewer } from "@/lib/data/session";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = await returnTo((await searchParams).callbackUrl);
  if (await getViewer()) redirect(next);
  const zones = timeZoneNames();
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <SignUpForm zones={zones} callbackUrl={next} />
      <p className="mt-6 text-sm text-slate-700">
        Already have an account?{" "}
        <Link className="font-semibold text-brand-700 underline" href={`/signin${returnQuery(next)}`}>
          Sign in
        </Link>
      </p>
    </>
  );
}
