"use client";

import { useState } from "react";
import { FormMessage, TextArea } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { newRequestId, useFormAction } from "@/app/_lib/use-form-action";
import { addCommentAction, deleteCommentAction } from "./actions";

export function AddCommentForm({ clientId, jobId, clientName }: { clientId: string; jobId: string; clientName: string }) {
  const { state, onSubmit, pending, errors } = useFormAction(addCommentAction);
  // One id per submission (read from the form as it is sent): a double submit or a retried
  // request adds the comment once.
  const [requestId, setRequestId] = useState(newRequestId);
  return (
    <form
      onSubmit={(e) => {
        onSubmit(e);
        setRequestId(newRequestId());
      }}
      noValidate className="space-y-4" aria-busy={pending} aria-labelledby="comment-heading">
      <h2 id="comment-heading" className="text-lg font-semibold">
        Leave a comment
      </h2>
      <p className="text-sm text-slate-700">{clientName} sees it with this job. Commenting is all you can do here: nothing else changes.</p>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="requestId" value={requestId} />
      <TextArea label="Comment" name="body" required defaultValue={state.ok ? undefined : state.values?.body} errors={errors.body} hint="Up to 1000 characters." />
      <SubmitButton pending={pending} pendingText="Sending…">
        Add comment
      </SubmitButton>
    </form>
  );
}

export function DeleteCommentButton({ clientId, commentId }: { clientId: string; commentId: string }) {
  const { state, onSubmit, pending } = useFormAction(deleteCommentAction);
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="commentId" value={commentId} />
      {state.message && !state.ok ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
      <button type="submit" className="text-sm text-slate-600 underline" disabled={pending}>
        Delete<span className="sr-only"> this comment</span>
      </button>
    </form>
  );
}
