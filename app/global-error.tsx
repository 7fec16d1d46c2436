"use client";

import "./globals.css";

// Replaces the root layout when the layout itself fails: the smallest page that still says what to do.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main id="main" className="mx-auto max-w-md px-4 py-10">
          <div className="card space-y-3" role="alert">
            <h1 className="text-xl font-semibold">Something went wrong</h1>
            <p className="text-slate-700">Try again in a moment.</p>
            {error.digest ? <p className="text-sm text-slate-600">Reference: {error.digest}</p> : null}
            <button type="button" className="btn-primary" onClick={() => reset()}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
