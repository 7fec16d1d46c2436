import type { Metadata } from "next";

// Shared views are never indexed and never send the URL (which holds the token) onward;
// next.config.mjs sets the matching response headers for /share/*.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

export default function ShareLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <span className="text-xl font-bold text-brand-700">Callback</span>
          <span className="text-sm text-slate-600">Shared with you · read-only</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
