import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getViewer()) redirect("/timeline");
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <SignUpForm zones={zones} />
      <p className="mt-6 text-sm text-slate-700">
        Already have an account?{" "}
        <Link className="font-semibold text-brand-700 underline" href="/signin">
          Sign in
        </Link>
      </p>
    </>
  );
}
