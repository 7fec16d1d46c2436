"use client";

import { useState } from "react";
import { ConfirmAction } from "@/app/_components/confirm-action";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { createShareLinkAction, inviteCoachAction, revokeGrantAction, revokeShareLinkAction, setShareLinkInsightsAction } from "./actions";

export function CreateLinkForm({ today }: { today: string }) {
  const { state, onSubmit, pending, errors } = useFormAction(createShareLinkAction);
  const path = state.ok ? state.data?.path : undefined;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending} aria-labelledby="create-link-heading">
        <h2 id="create-link-heading" className="text-lg font-semibold">
          Share with a private link
        </h2>
        <p className="text-sm text-slate-700">
          Anyone with the link sees your timeline and each job&apos;s history, read-only: they cannot change anything. You can revoke it at any time.
        </p>
        {path ? null : <FormMessage state={state} />}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Label" name="label" required defaultValue={state.values?.label} errors={errors.label} hint="Who it is for, e.g. your coach's name." />
          <Field label="Expires on" name="expiresOn" type="date" min={today} defaultValue={state.values?.expiresOn} errors={errors.expiresOn} hint="The link works until the end of that day." />
        </div>
        <div className="flex items-start gap-2">
          <input id="field-includePrivate" type="checkbox" name="includePrivate" className="mt-1 size-4" aria-describedby="field-includePrivate-hint" />
          <div>
            <label htmlFor="field-includePrivate" className="field-label">
              Include contact details and private notes
            </label>
            <p id="field-includePrivate-hint" className="field-hint">
              Off: the link shows everything except contact details and private notes. Private notes are never shown unless you tick this.
            </p>
          </div>
        </div>
        <div className="flex items-start gap-2">
          <input id="field-includeInsights" type="checkbox" name="includeInsights" className="mt-1 size-4" aria-describedby="field-includeInsights-hint" />
          <div>
            <label htmlFor="field-includeInsights" className="field-label">
              Show my insights
            </label>
            <p id="field-includeInsights-hint" className="field-hint">
              Your figures: how many applications got an answer or an interview, how long answers took, and whether following up paid off. Off unless you tick it.
            </p>
          </div>
        </div>
        <SubmitButton pending={pending} pendingText="Creating…">
          Create link
        </SubmitButton>
      </form>
      {path ? <NewLink path={path} message={state.message ?? ""} label="Your new link" /> : null}
    </div>
  );
}

/** A new link (to share, or an invitation's), shown this once: the server keeps only its hash. */
function NewLink({ path, message, label, id = "new-link" }: { path: string; message: string; label: string; id?: string }) {
  const url = new URL(path, window.location.origin).toString();
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3">
      <p role="status" className="text-sm text-green-900">
        {message}
      </p>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input id={id} readOnly value={url} className="field-input mt-0 font-mono" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="btn-secondary shrink-0"
          onClick={() =>
            navigator.clipboard.writeText(url).then(
              () => setCopied("Copied to the clipboard."),
              () => setCopied("Could not copy: select the link and copy it yourself."),
            )
          }
        >
          Copy link<span className="sr-only"> ({label})</span>
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {copied}
      </p>
    </div>
  );
}

/** Asked first; afterwards the link is listed under "Revoked and expired links", with its use. */
export function RevokeLinkButton({ linkId, label }: { linkId: string; label: string }) {
  return (
    <ConfirmAction
      action={revokeShareLinkAction}
      fields={{ linkId }}
      trigger="Revoke"
      triggerDetail={`link ${label}`}
      question={`Revoke the link “${label}”? It stops opening at once, for everyone who has it.`}
      confirm="Yes, revoke"
      pendingText="Revoking…"
      done={`Link “${label}” revoked. It no longer opens; it is listed below under Revoked and expired links.`}
    />
  );
}

/**
 * Whether an active link shows the owner's insights, and the button that turns it the other way.
 * The form says which way (never a toggle of whatever is stored), so a second press sends the same
 * answer. The focus stays on the button, whose name then says the way back; the state is its
 * description, and what changed is said in a status message below.
 */
export function LinkInsightsToggle({ linkId, label, shown }: { linkId: string; label: string; shown: boolean }) {
  const { state, onSubmit, pending } = useFormAction(setShareLinkInsightsAction);
  const stateId = `link-${linkId}-insights`;
  return (
    <form onSubmit={onSubmit} aria-busy={pending} className="flex flex-wrap items-center gap-x-3 gap-y-2 pt-1">
      <input type="hidden" name="linkId" value={linkId} />
      <input type="hidden" name="showInsights" value={shown ? "false" : "true"} />
      <p id={stateId} className="text-slate-700">
        {shown ? "Shows your insights" : "Does not show your insights"}
      </p>
      <SubmitButton className="btn-secondary" pending={pending} pendingText={shown ? "Hiding…" : "Showing…"} describedBy={stateId} keepFocus>
        {shown ? "Hide insights" : "Show insights"}
        <span className="sr-only"> on link {label}</span>
      </SubmitButton>
      <p role={state.ok || !state.message ? "status" : "alert"} className={`basis-full ${state.ok ? "text-green-800" : "text-red-700"}`}>
        {state.message}
      </p>
    </form>
  );
}

/** `days`: how long an invitation link works (lib/data/grants.ts INVITATION_DAYS). */
export function InviteCoachForm({ days }: { days: number }) {
  const { state, onSubmit, pending, errors } = useFormAction(inviteCoachAction);
  const path = state.ok ? state.data?.path : undefined;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending} aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite a coach
        </h2>
        <p className="text-sm text-slate-700">
          You get an invitation link for your coach (we also e-mail it to them when this server sends e-mail). Whoever opens the link first can accept it,
          signed in to their own Callback account, so send it only to your coach. It works once, for {days} days. Your coach then sees your
          timeline and job histories, with contact details but never your private notes, and can leave you comments. They cannot change anything.
        </p>
        {path ? null : <FormMessage state={state} />}
        <Field label="Coach's email" name="email" type="email" autoComplete="off" required defaultValue={state.ok ? undefined : state.values?.email} errors={errors.email} />
        <SubmitButton pending={pending} pendingText="Inviting…">
          Invite coach
        </SubmitButton>
      </form>
      {path ? <NewLink path={path} message={state.message ?? ""} label="Invitation link" id="new-invitation-link" /> : null}
    </div>
  );
}

/**
 * A new link for a pending or expired invitation (the old one stops working), beside `children`
 * (the remove button); the link is shown once, across the whole row below.
 */
export function SendAgainButton({ email, grantId, children }: { email: string; grantId: string; children: React.ReactNode }) {
  const { state, onSubmit, pending } = useFormAction(inviteCoachAction);
  const path = state.ok ? state.data?.path : undefined;
  return (
    <>
      <div className="flex flex-wrap items-start gap-2">
        <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
          <input type="hidden" name="email" value={email} />
          {state.message && !state.ok ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
          <SubmitButton className="btn-secondary" pending={pending} pendingText="Sending…">
            Send again<span className="sr-only"> to {email}</span>
          </SubmitButton>
        </form>
        {children}
      </div>
      {path ? (
        <div className="basis-full">
          <NewLink path={path} message={state.message ?? ""} label={`New invitation link for ${email}`} id={`invitation-link-${grantId}`} />
        </div>
      ) : null}
    </>
  );
}

/** Removes a coach with access, or withdraws a pending invitation: asked first, then said. */
export function RemoveCoachButton({ grantId, email, who, active }: { grantId: string; email: string; who: string; active: boolean }) {
  return (
    <ConfirmAction
      action={revokeGrantAction}
      fields={{ grantId }}
      trigger="Remove"
      triggerDetail={`coach ${email}`}
      question={active ? `Remove ${who}? They lose access to your job search at once.` : `Withdraw the invitation to ${who}? Its link stops working.`}
      confirm={active ? "Yes, remove" : "Yes, withdraw"}
      pendingText={active ? "Removing…" : "Withdrawing…"}
      done={active ? `${who} removed. They no longer see your job search.` : `Invitation to ${who} withdrawn. Its link no longer works.`}
    />
  );
}
