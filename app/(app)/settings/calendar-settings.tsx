"use client";

import { useState } from "react";
import { FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "./actions";

/**
 * One component for the whole section, so the URL shown after "Create" survives the page
 * refreshing itself into its "feed on" state (a swapped-in form would lose it).
 */
export function CalendarFeedSettings({ active, since }: { active: boolean; since: string | null }) {
  const create = useFormAction(createCalendarFeedAction);
  const revoke = useFormAction(revokeCalendarFeedAction);
  const path = create.state.ok && active ? create.state.data?.path : undefined;
  return (
    <div className="space-y-4">
      <h2 id="calendar-heading" className="text-lg font-semibold">
        Calendar feed
      </h2>
      <p className="text-sm text-slate-700">
        Subscribe to a private feed in Google Calendar, Apple Calendar or Outlook: it shows the day each follow-up window opens and your
        interviews, and updates itself. Anyone with its URL can read it, so keep it to yourself.
      </p>
      <p className="text-sm font-medium text-slate-900">{active ? `Your feed is on, since ${since ?? "earlier"}.` : "You have no calendar feed."}</p>
      {/* Successes speak once: a new URL in its own box below, "turned off" while it is off. */}
      {create.state.ok ? null : <FormMessage state={create.state} />}
      {revoke.state.ok && active ? null : <FormMessage state={revoke.state} />}
      <div className="flex flex-wrap gap-3">
        <form onSubmit={create.onSubmit}>
          <SubmitButton pending={create.pending} pendingText="Creating…" className={active ? "btn-secondary" : "btn-primary"}>
            {active ? "Replace with a new URL" : "Create calendar feed"}
          </SubmitButton>
        </form>
        {active ? (
          <form onSubmit={revoke.onSubmit}>
            <SubmitButton pending={revoke.pending} pendingText="Turning off…" className="btn-danger">
              Turn off feed
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {active ? (
        <p className="text-sm text-slate-600">A new URL stops the old one at once: subscribe again with the new one wherever you used it.</p>
      ) : null}
      {path ? <NewFeedUrl key={path} path={path} message={create.state.message ?? ""} /> : null}
    </div>
  );
}

/** The feed's URL, shown this once: the server keeps only its hash. */
function NewFeedUrl({ path, message }: { path: string; message: string }) {
  const url = new URL(path, window.location.origin).toString();
  const webcal = url.replace(/^https?:/, "webcal:");
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied("Copied to the clipboard."),
      () => setCopied("Could not copy: select the URL and copy it yourself."),
    );
  return (
    <div className="space-y-3 rounded-md border border-green-200 bg-green-50 p-3">
      <p role="status" className="text-sm text-green-900">
        {message}
      </p>
      <div className="space-y-1">
        <label htmlFor="feed-url" className="field-label">
          Feed URL
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input id="feed-url" readOnly value={url} className="field-input mt-0 font-mono" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn-secondary shrink-0" onClick={() => copy(url)}>
            Copy URL
          </button>
        </div>
        <p className="field-hint">Paste it where your calendar app says “Subscribe to calendar” or “From URL”.</p>
      </div>
      <div className="space-y-1">
        <label htmlFor="feed-webcal" className="field-label">
          Webcal URL
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input id="feed-webcal" readOnly value={webcal} className="field-input mt-0 font-mono" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn-secondary shrink-0" onClick={() => copy(webcal)}>
            Copy webcal URL
          </button>
        </div>
        <p className="field-hint">
          Or <a href={webcal} className="underline">open it in your calendar app</a> to subscribe directly (Apple Calendar, Outlook).
        </p>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {copied}
      </p>
    </div>
  );
}
