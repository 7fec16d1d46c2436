import type { Metadata } from "next";
import { PasswordForm, ProfileForm, SignOutEverywhereForm } from "./settings-forms";
import { pageViewer } from "@/app/_lib/page-auth";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await pageViewer();
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="text-sm text-slate-700">Signed in as {viewer.email}.</p>
      <section className="card">
        <ProfileForm name={viewer.name} timeZone={viewer.timeZone} zones={zones} />
      </section>
      <section className="card">
        <PasswordForm />
      </section>
      <section className="card">
        <SignOutEverywhereForm />
      </section>
    </div>
  );
}
