"use client";

import { FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { useFormAction } from "@/app/_lib/use-form-action";
import { acceptInvitationAction, declineInvitationAction } from "./actions";

/** Accept (the action then opens the new client's timeline) or decline. */
export function InvitationAnswer({ token, ownerName }: { token: string; ownerName: string }) {
  const accept = useFormAction(acceptInvitationAction);
  const decline = useFormAction(declineInvitationAction);
  if (decline.state.ok) return <FormMessage state={decline.state} />;
  const failed = [accept.state, decline.state].find((s) => s.message && !s.ok);
  return (
    <div className="space-y-3">
      {failed ? <FormMessage state={failed} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <form onSubmit={accept.onSubmit}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pending={accept.pending} pendingText="Accepting…">
            Accept invitation<span className="sr-only"> from {ownerName}</span>
          </SubmitButton>
        </form>
        <form onSubmit={decline.onSubmit}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton className="btn-secondary" pending={decline.pending} pendingText="Declining…">
            Decline<span className="sr-only"> invitation from {ownerName}</span>
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}
