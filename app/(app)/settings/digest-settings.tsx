"use client";

import { FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { updateDigestSettingsAction } from "./digest-actions";

/** Exactly what getDigestSettings() in lib/data/digests.ts returns. */
export type DigestSettingsProps = {
  email: "on" | "not_configured" | "embedded_database";
  dailyDigest: boolean;
  weeklyCoachDigest: boolean;
  coaching: boolean;
  timeZone: string;
};

function Checkbox({ name, label, hint, defaultChecked, disabled }: { name: string; label: string; hint: string; defaultChecked: boolean; disabled: boolean }) {
  const id = `field-${name}`;
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" name={name} className="mt-1 size-4" defaultChecked={defaultChecked} disabled={disabled} aria-describedby={`${id}-hint`} />
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      </div>
    </div>
  );
}

const UNAVAILABLE = {
  not_configured: "E-mail is not configured on this server, so Callback cannot send reminders. Whoever runs it can turn e-mail on (the SMTP settings).",
  embedded_database: "E-mail reminders are off on this server: they need a Postgres server, and this one runs on the embedded database.",
} as const;

export function DigestSettings({ email, dailyDigest, weeklyCoachDigest, coaching, timeZone }: DigestSettingsProps) {
  const emailConfigured = email === "on";
  const { state, onSubmit, pending } = useFormAction(updateDigestSettingsAction);
  const saved = state.ok && state.data ? { daily: state.data.dailyDigest === "true", weekly: state.data.weeklyCoachDigest === "true" } : { daily: dailyDigest, weekly: weeklyCoachDigest };
  // The coach digest is offered to coaches, and to anyone who still has it on (to turn it off).
  const showWeekly = coaching || saved.weekly;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="digests-heading">
      <h2 id="digests-heading" className="text-lg font-semibold">
        E-mail reminders
      </h2>
      {email === "on" ? null : <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">{UNAVAILABLE[email]}</p>}
      <FormMessage state={state} />
      <Checkbox
        name="dailyDigest"
        label="Morning digest"
        hint={`On days when a follow-up call is due, an e-mail soon after 8:00 (${timeZone}) with each call and what to say. No e-mail on days with nothing due.`}
        defaultChecked={saved.daily}
        disabled={!emailConfigured}
      />
      {showWeekly ? (
        <Checkbox
          name="weeklyCoachDigest"
          label="Weekly coach digest"
          hint={`Every Monday soon after 8:00 (${timeZone}), each of your clients with how many calls are due, waiting and followed up.`}
          defaultChecked={saved.weekly}
          disabled={!emailConfigured}
        />
      ) : null}
      {emailConfigured ? (
        <SubmitButton pending={pending} pendingText="Saving…">
          Save e-mail settings
        </SubmitButton>
      ) : null}
    </form>
  );
}
