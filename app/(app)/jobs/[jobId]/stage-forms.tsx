"use client";

import { SubmitButton } from "@/app/_components/submit-button";
import { useState } from "react";
import { Field, FormMessage, SelectField, TextArea } from "@/app/_components/field";
import { newRequestId, useFormAction } from "@/app/_lib/use-form-action";
import { addDays, formatDay, isValidDate } from "@/lib/followup/dates";
import { addStageAction, archiveJobAction, deleteStageAction, logFollowUpAction, restoreJobAction } from "../actions";

type LogFollowUpProps = { open: boolean; jobId: string; today: string; noun: string; windowOpens?: string };

/**
 * `open` is false once there is nothing to log (spent, answered, closed). A refused submit from
 * a stale page re-renders the page (the action revalidates it) with `open` false: this stays
 * mounted, so the refusal is still shown beside a history that now explains it.
 * `windowOpens` (the date, as shown) is set while the window has not opened: a call logged
 * then is early and still spends the stage's one follow-up, so the form says so and asks first.
 */
export function LogFollowUpForm({ open, ...props }: LogFollowUpProps) {
  const action = useFormAction(logFollowUpAction);
  if (!open) {
    return action.state.message ? (
      <section className="card" aria-label="Follow-up not logged">
        <FormMessage state={action.state} />
      </section>
    ) : null;
  }
  return (
    <section id="log-follow-up" className="card">
      <LogFollowUpFields {...props} action={action} />
    </section>
  );
}

function LogFollowUpFields({ jobId, today, noun, windowOpens, action }: Omit<LogFollowUpProps, "open"> & { action: ReturnType<typeof useFormAction> }) {
  const { state, onSubmit, pending, errors } = action;
  const [requestId] = useState(newRequestId);
  const [confirming, setConfirming] = useState(false);
  const early = windowOpens !== undefined;
  return (
    <form
      onSubmit={(e) => {
        // Also catches Enter in the date field: nothing early is sent before the confirmation.
        if (early && !confirming) {
          e.preventDefault();
          setConfirming(true);
          return;
        }
        onSubmit(e);
      }}
      noValidate
      className="space-y-4"
      aria-busy={pending}
      aria-labelledby="log-follow-up-heading"
    >
      <h2 id="log-follow-up-heading" className="text-lg font-semibold">
        Log your follow-up
      </h2>
      <p className="text-sm text-slate-700">One follow-up per {noun}: once it is logged, Callback will not suggest another for this {noun}.</p>
      {early ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          The window opens {windowOpens}. Logging a call now uses up your one follow-up for this {noun}.
        </p>
      ) : null}
      <FormMessage state={state} />
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="follow-up-on" label="Date of the follow-up" name="on" type="date" required max={today} defaultValue={today} errors={errors.on} />
        <SelectField
          id="follow-up-channel" label="How"
          name="channel"
          defaultValue="phone"
          errors={errors.channel}
          options={[
            { value: "phone", label: "Phone call (recommended)" },
            { value: "email", label: "Email" },
          ]}
        />
      </div>
      <TextArea id="follow-up-note" label="What was said" name="note" errors={errors.note} />
      {early && confirming ? (
        <div role="group" aria-labelledby="confirm-early-heading" className="flex flex-wrap items-center gap-2">
          <span id="confirm-early-heading" className="text-sm font-medium">
            Log it before the window opens, as this {noun}&apos;s one follow-up?
          </span>
          <SubmitButton className="btn-primary" pending={pending} pendingText="Logging…" autoFocus>
            Yes, log it now
          </SubmitButton>
          <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
            Not yet
          </button>
        </div>
      ) : (
        <SubmitButton className="btn-primary" pending={pending} pendingText="Logging…">
          Log follow-up
        </SubmitButton>
      )}
    </form>
  );
}

export function AddStageForm({ jobId, today }: { jobId: string; today: string }) {
  const { state, onSubmit, pending, errors, saves } = useFormAction(addStageAction);
  const [requestId, setRequestId] = useState(newRequestId);
  return (
    <form
      onSubmit={(e) => {
        onSubmit(e);
        setRequestId(newRequestId());
      }}
      noValidate
      className="space-y-4"
      aria-busy={pending}
      aria-labelledby="add-stage-heading"
    >
      <h2 id="add-stage-heading" className="text-lg font-semibold">
        Add an interview or news
      </h2>
      <FormMessage state={state} />
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="requestId" value={requestId} />
      {/* Mounted afresh after each save: the select and the fields it shows come from one state. */}
      <StageFields key={saves} today={today} errors={errors} />
      <SubmitButton className="btn-primary" pending={pending} pendingText="Saving…">
        Add to history
      </SubmitButton>
    </form>
  );
}

function StageFields({ today, errors }: { today: string; errors: Record<string, string[]> }) {
  const [kind, setKind] = useState("interview");
  const [promise, setPromise] = useState<"none" | "date" | "days">("date");
  const [on, setOn] = useState(today);
  const [days, setDays] = useState("");
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="stage-kind" label="What happened"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          errors={errors.kind}
          options={[
            { value: "interview", label: "Interview" },
            { value: "heard_back", label: "Heard back" },
            { value: "offer", label: "Offer" },
            { value: "rejected", label: "Rejected" },
            { value: "withdrawn", label: "I withdrew" },
          ]}
        />
        <Field id="stage-on" label="Date" name="on" type="date" required defaultValue={today} onChange={(e) => setOn(e.target.value)} max={kind === "interview" ? undefined : today} errors={errors.on} />
      </div>
      {kind === "interview" ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="stage-time" label="Time" name="time" type="time" errors={errors.time} />
            <Field id="stage-withWhom" label="With whom" name="withWhom" errors={errors.withWhom} />
          </div>
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold">They said they&apos;d get back to me…</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              {(
                [
                  ["date", "by a date"],
                  ["days", "in a number of days"],
                  ["none", "they didn't say"],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="inline-flex items-center gap-2">
                  <input type="radio" name="promiseKind" value={value} checked={promise === value} onChange={() => setPromise(value)} />
                  {label}
                </label>
              ))}
            </div>
            {promise === "date" ? <Field id="stage-answerBy" label="Promised answer by" name="answerBy" type="date" errors={errors.answerBy} /> : null}
            {promise === "days" ? (
              <Field
                id="stage-answerInDays"
                label="Answer promised in (days)"
                name="answerInDays"
                type="number"
                min={0}
                max={90}
                inputMode="numeric"
                onChange={(e) => setDays(e.target.value)}
                errors={errors.answerInDays}
                hint={<PromisedDay on={on} days={days} today={today} />}
              />
            ) : null}
          </fieldset>
        </>
      ) : null}
      <TextArea id="stage-note" label={kind === "heard_back" ? "What they said" : "Note"} name="note" errors={errors.note} />
    </>
  );
}

/** "Calendar days, … : in 3 days = Sun 6 Dec.": the date the server will store, as it is typed. */
function PromisedDay({ on, days, today }: { on: string; days: string; today: string }) {
  const n = /^\d{1,2}$/.test(days.trim()) ? Number(days) : NaN;
  const date = isValidDate(on) && n <= 90 ? addDays(on, n) : null;
  return (
    <span aria-live="polite">
      Calendar days, weekends included, counted from the interview date
      {date ? `: in ${n} ${n === 1 ? "day" : "days"} = ${formatDay(date, today)}` : ""}.
    </span>
  );
}

export function ArchiveControls({ jobId, archived, company }: { jobId: string; archived: boolean; company: string }) {
  const archive = useFormAction(archiveJobAction);
  const restore = useFormAction(restoreJobAction);
  const [confirming, setConfirming] = useState(false);
  const state = archived ? archive.state : restore.state;
  if (archived) {
    return (
      <form onSubmit={restore.onSubmit} className="space-y-2">
        <FormMessage state={archive.state.ok ? archive.state : restore.state} />
        <input type="hidden" name="jobId" value={jobId} />
        <p className="text-sm text-slate-700">This job is archived: it is hidden from your timeline and nothing about it was lost.</p>
        <button type="submit" className="btn-secondary" disabled={restore.pending}>
          Restore {company}
        </button>
      </form>
    );
  }
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      {confirming ? (
        <form onSubmit={archive.onSubmit} className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm archiving">
          <input type="hidden" name="jobId" value={jobId} />
          <span className="text-sm">Archive {company}? You can restore it later.</span>
          <button type="submit" className="btn-danger" disabled={archive.pending}>
            Yes, archive
          </button>
          <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
          Archive job
        </button>
      )}
    </div>
  );
}

export function DeleteStageButton({ jobId, stageId, label }: { jobId: string; stageId: string; label: string }) {
  const { state, onSubmit, pending } = useFormAction(deleteStageAction);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="inline-flex flex-wrap items-center gap-2">
      {state.message && !state.ok ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
      {confirming ? (
        <form onSubmit={onSubmit} className="inline-flex items-center gap-2">
          <input type="hidden" name="jobId" value={jobId} />
          <input type="hidden" name="stageId" value={stageId} />
          <button type="submit" className="text-sm font-semibold text-red-700 underline" disabled={pending}>
            Confirm remove<span className="sr-only"> {label}</span>
          </button>
          <button type="button" className="text-sm underline" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </form>
      ) : (
        <button type="button" className="text-sm text-slate-600 underline" onClick={() => setConfirming(true)}>
          Remove<span className="sr-only"> {label}</span>
        </button>
      )}
    </div>
  );
}
