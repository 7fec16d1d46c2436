import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatInstant } from "@/app/_lib/format";
import { returnQuery } from "@/app/_lib/return-to";
import { getInvitation } from "@/lib/data/grants";
import { clientAddress } from "@/lib/data/request";
import { getViewer } from "@/lib/data/session";
import { InvitationTokenInput } from "@/lib/validation/sharing";
import { InvitationAnswer } from "./invitation-answer";

export const metadata: Metadata = { title: "Coach invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await getViewer();
  if (!viewer) {
    // Signed out: nothing is looked up, so nothing is told; only a token-shaped path goes into the return address.
    if (!InvitationTokenInput.safeParse({ token }).success) notFound();
    const back = `/invitations/${token}`;
    return (
      <section className="card mx-auto max-w-xl space-y-4" aria-labelledby="invitation-heading">
        <h1 id="invitation-heading" className="text-2xl font-bold">
          You have been invited to coach someone on Callback
        </h1>
        <p className="text-slate-700">
          Sign in, or create an account with any e-mail address, to see who invited you and to accept. You come back to this invitation afterwards.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link className="btn-primary" href={`/signin${returnQuery(back)}`}>
            Sign in
          </Link>
          <Link className="btn-secondary" href={`/signup${returnQuery(back)}`}>
            Create an account
          </Link>
        </div>
      </section>
    );
  }

  const invitation = await getInvitation(token, await clientAddress());
  if (!invitation) notFound();
  const until = formatInstant(invitation.expiresAt, viewer.timeZone, { time: true });
  const sender = `${invitation.ownerName} (${invitation.ownerEmail})`;
  if (invitation.own) {
    return (
      <section className="card mx-auto max-w-xl space-y-3" aria-labelledby="invitation-heading">
        <h1 id="invitation-heading" className="text-2xl font-bold">
          This is your own invitation
        </h1>
        <p className="text-slate-700">
          Send this link to your coach: they accept it signed in to their own Callback account. It works once, until {until}.
        </p>
        <p>
          <Link className="font-semibold text-brand-700 underline" href="/sharing">
            Back to Sharing
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card mx-auto max-w-xl space-y-4" aria-labelledby="invitation-heading">
      <h1 id="invitation-heading" className="text-2xl font-bold">
        {invitation.ownerName} invites you to coach them
      </h1>
      <p className="text-slate-700">
        {sender} would like you to follow their job search: their timeline and each job&apos;s history, with contact details but not their private notes,
        read-only. You can leave them comments. They can remove your access at any time.
      </p>
      <p className="text-slate-700">
        You are signed in as {viewer.name} ({viewer.email}): accepting gives this account access. The invitation works once, until {until}.
      </p>
      {invitation.alreadyCoaching ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-800">
          You already coach {invitation.ownerName}.{" "}
          <Link className="font-semibold text-brand-700 underline" href="/clients">
            Go to your clients
          </Link>
        </p>
      ) : (
        <InvitationAnswer token={token} ownerName={invitation.ownerName} />
      )}
    </section>
  );
}
