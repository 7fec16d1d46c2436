"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { TimeZoneField } from "@/app/_components/time-zone-field";
import { useFormAction } from "@/app/_lib/use-form-action";
import { changePasswordAction, signOutEverywhereAction, updateSettingsAction } from "./actions";

export function ProfileForm({ name, timeZone, zones }: { name: string; timeZone: string; zones: string[] }) {
  const { state, onSubmit, pending, errors } = useFormAction(updateSettingsAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="text-lg font-semibold">
        Profile
      </h2>
      <FormMessage state={state} />
      <Field label="Name" name="name" required defaultValue={name} errors={errors.name} autoComplete="name" />
      <TimeZoneField zones={zones} defaultValue={timeZone} errors={errors.timeZone} />
      <SubmitButton pending={pending} pendingText="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}

/** After a success every session (this one too) has ended: go to sign-in. */
function useSignedOutRedirect(ok: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (ok) {
      const t = setTimeout(() => router.replace("/signin"), 1500);
      return () => clearTimeout(t);
    }
  }, [ok, router]);
}

export function PasswordForm() {
  const { state, onSubmit, pending, errors } = useFormAction(changePasswordAction);
  useSignedOutRedirect(state.ok);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-lg font-semibold">
        Change password
      </h2>
      <FormMessage state={state} />
      <Field label="Current password" name="currentPassword" type="password" required autoComplete="current-password" errors={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" required minLength={8} autoComplete="new-password" errors={errors.newPassword} hint="At least 8 characters. Changing it signs you out everywhere." />
      <SubmitButton pending={pending} pendingText="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const { state, onSubmit, pending } = useFormAction(signOutEverywhereAction);
  useSignedOutRedirect(state.ok);
  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <p className="text-sm text-slate-700">Signed in on a shared or lost device? End every session, this one included.</p>
      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingText="Signing out…" className="btn-danger">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
