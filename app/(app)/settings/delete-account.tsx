"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { deleteAccountAction } from "./actions";

export function DeleteAccountForm() {
  const { state, onSubmit, pending, errors } = useFormAction(deleteAccountAction);
  // The account is gone, with every session and this browser's cookie (the action cleared it).
  const router = useRouter();
  useEffect(() => {
    if (state.ok) router.replace("/signin");
  }, [state.ok, router]);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="delete-heading">
      <h2 id="delete-heading" className="text-lg font-semibold">
        Delete account
      </h2>
      <p className="text-sm text-slate-700">
        This deletes your account and everything in it, for good: your jobs and their history, your share links and calendar feed, the coaches you
        share with and the clients you coach, and the comments you wrote. It cannot be undone.
      </p>
      <FormMessage state={state} />
      <Field
        id="delete-password"
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
        errors={errors.password}
        hint="Your current password, to confirm it is you."
      />
      <div>
        <div className="flex items-start gap-2">
          <input
            id="delete-confirm"
            type="checkbox"
            name="confirm"
            required
            className="mt-1 size-4"
            aria-invalid={errors.confirm?.length ? true : undefined}
            aria-describedby={errors.confirm?.length ? "delete-confirm-error" : undefined}
          />
          <label htmlFor="delete-confirm" className="field-label mt-0">
            I understand that my account and all its data will be deleted for good
          </label>
        </div>
        {errors.confirm?.length ? (
          <p id="delete-confirm-error" className="field-error">
            {errors.confirm.join(" ")}
          </p>
        ) : null}
      </div>
      <SubmitButton pending={pending || state.ok} pendingText={state.ok ? "Signing out…" : "Deleting…"} className="btn-danger">
        Delete my account
      </SubmitButton>
    </form>
  );
}
