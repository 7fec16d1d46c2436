"use client";

import Link from "next/link";

// What a bug looks like to the user: expected failures are shown next to their fields instead.
// The digest lets an operator find the server's log line; the error's message stays on the server.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <main id="main" className="card space-y-3" role="alert">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="text-slate-700">Nothing you entered was lost. Try again in a moment.</p>
        {error.digest ? <p className="text-sm text-slate-600">Reference: {error.digest}</p> : null}
        <div className="flex flex-wrap gap-3">
          <button type="button" className="btn-primary" onClick={() => reset()}>
            Try again
          </button>
          <Link className="btn-secondary" href="/timeline">
            Go to your timeline
          </Link>
        </div>
      </main>
    </div>
  );
}
