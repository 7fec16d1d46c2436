import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Invitation not valid" };

// The one answer for an unknown, expired, used, declined or withdrawn invitation, and for an
// address that guessed too often: nothing tells them apart.
export default function InvalidInvitation() {
  return (
    <section className="card mx-auto max-w-xl space-y-3" aria-labelledby="invalid-heading">
      <h1 id="invalid-heading" className="text-2xl font-bold">
        This invitation is no longer valid
      </h1>
      <p className="text-slate-700">
        It may have been accepted or declined already, withdrawn, or have expired. Ask the person who invited you to send it again from their Sharing page.
      </p>
      <p>
        <Link className="font-semibold text-brand-700 underline" href="/clients">
          Go to your clients
        </Link>
      </p>
    </section>
  );
}
