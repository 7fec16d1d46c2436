import type { Metadata } from "next";
import Link from "next/link";

// The URL holds the invitation's secret: never indexed, never sent onward in a Referer
// (next.config.mjs sets the matching response headers for /invitations/*).
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

export default function InvitationLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/timeline" className="text-xl font-bold text-brand-700">
            Callback
          </Link>
          <span className="text-sm text-slate-600">Coach invitation</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
