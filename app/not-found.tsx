import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

// Rendered per request like every page (app/layout.tsx), so its scripts carry this request's nonce.
export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-10">
      <header className="mb-6">
        <Link href="/" className="text-2xl font-bold text-brand-700">
          Callback
        </Link>
      </header>
      <main id="main" className="card space-y-3">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="text-slate-700">There is nothing at this address. It may have been moved, or the link may be mistyped.</p>
        <p>
          <Link className="font-semibold text-brand-700 underline" href="/timeline">
            Go to your timeline
          </Link>
        </p>
      </main>
    </div>
  );
}
