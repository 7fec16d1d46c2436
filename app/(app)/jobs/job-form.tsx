"use client";

import { SubmitButton } from "@/app/_components/submit-button";
import { useState } from "react";
import { Field, FormMessage, TextArea } from "@/app/_components/field";
import { newRequestId, useFormAction } from "@/app/_lib/use-form-action";
import { createJobAction, updateJobAction } from "./actions";

export type JobFormValues = {
  jobId?: string;
  company: string;
  role: string;
  sourceUrl: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  appliedOn: string;
  notes: string;
};

/** Add a job, or edit one (when `initial.jobId` is set). */
export function JobForm({ initial, today }: { initial: JobFormValues; today: string }) {
  const editing = Boolean(initial.jobId);
  const { state, onSubmit, pending, errors } = useFormAction(editing ? updateJobAction : createJobAction);
  const [requestId] = useState(newRequestId);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={pending}>
      <FormMessage state={state} />
      {editing ? <input type="hidden" name="jobId" value={initial.jobId} /> : <input type="hidden" name="requestId" value={requestId} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Company" name="company" required defaultValue={initial.company} errors={errors.company} autoComplete="organization" />
        <Field label="Role" name="role" required defaultValue={initial.role} errors={errors.role} autoComplete="organization-title" />
      </div>
      <Field
        label="Date applied"
        name="appliedOn"
        type="date"
        required
        max={today}
        defaultValue={initial.appliedOn}
        errors={errors.appliedOn}
        hint="Callback suggests one phone call at least a week after this date."
      />
      <Field label="Where you found it" name="sourceUrl" type="url" inputMode="url" placeholder="https://" defaultValue={initial.sourceUrl} errors={errors.sourceUrl} />
      <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-800">Who to call</legend>
        <Field label="Contact person" name="contactName" defaultValue={initial.contactName} errors={errors.contactName} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Phone" name="contactPhone" type="tel" defaultValue={initial.contactPhone} errors={errors.contactPhone} autoComplete="off" />
          <Field label="Contact email" name="contactEmail" type="email" defaultValue={initial.contactEmail} errors={errors.contactEmail} autoComplete="off" />
        </div>
      </fieldset>
      <TextArea label="Notes" name="notes" defaultValue={initial.notes} errors={errors.notes} hint="Private: coaches only see notes if you choose to share them." />
      <SubmitButton className="btn-primary" pending={pending} pendingText="Saving…">
        {editing ? "Save changes" : "Add job"}
      </SubmitButton>
    </form>
  );
}
