"use client";

import { SubmitButton } from "@/app/_components/submit-button";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { SignInInput } from "@/lib/validation/auth";
import { fieldErrorsOf } from "@/lib/validation/fields";

export function SignInForm({ callbackUrl, initialMessage }: { callbackUrl: string; initialMessage?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<{ ok: boolean; message?: string; fieldErrors?: Record<string, string[]> }>({ ok: false, message: initialMessage });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setState({ ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) });
      return;
    }
    startTransition(async () => {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
      } else if (result?.status === 429) {
        setState({ ok: false, message: "Too many attempts. Wait a few minutes and try again." });
      } else {
        // The same words for an unknown email and a wrong password.
        setState({ ok: false, message: "Email or password is incorrect." });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      <FormMessage state={state} />
      <Field label="Email" name="email" type="email" autoComplete="email" required errors={state.fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <SubmitButton className="btn-primary w-full" pending={pending} pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
