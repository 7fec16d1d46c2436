"use client";

import { SubmitButton } from "@/app/_components/submit-button";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useTransition } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { TimeZoneField } from "@/app/_components/time-zone-field";
import { initialState } from "@/app/_lib/action-state";
import { signUpAction } from "./actions";

export function SignUpForm({ zones, callbackUrl }: { zones: string[]; callbackUrl: string }) {
  const router = useRouter();
  const [state, dispatch, pending] = useActionState(signUpAction, initialState);
  const [signingIn, startSignIn] = useTransition();
  const credentials = useRef<{ email: string; password: string } | null>(null);

  // After the account exists, sign in with what was typed (kept in memory, never sent back).
  useEffect(() => {
    if (!state.ok || !credentials.current) return;
    const creds = credentials.current;
    credentials.current = null;
    startSignIn(async () => {
      const result = await signIn("credentials", { ...creds, redirect: false });
      router.replace(result?.ok && !result.error ? callbackUrl : "/signin");
      router.refresh();
    });
  }, [state, router, callbackUrl]);

  // Never keep a password around after a refused attempt.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.ok && state.message) {
      const password = formRef.current?.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
    }
  }, [state]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    // Dispatching inside a transition (rather than <form action>) keeps what was typed in the fields.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    startSignIn(() => dispatch(form));
  }

  const errors = state.fieldErrors ?? {};
  const busy = pending || signingIn;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={busy}>
      <FormMessage state={state.ok ? { ok: true, message: "Account created. Signing you in…" } : state} />
      <Field label="Name" name="name" autoComplete="name" required errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required errors={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
       
        errors={errors.password}
        hint="At least 8 characters. A long phrase is easiest to remember."
      />
      <TimeZoneField zones={zones} errors={errors.timeZone} />
      <SubmitButton className="btn-primary w-full" pending={busy} pendingText="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
