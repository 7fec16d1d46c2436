import Link from "next/link";

/**
 * The frame of the pages opened from a link (a share link, an invitation): the name, a word on
 * what this page is, no navigation. `home` makes the name a link (for visitors who may have an account).
 */
export function PublicShell({ note, home, children }: { note: string; home?: string; children: React.ReactNode }) {
  const name = "text-xl font-bold text-brand-700";
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          {home ? (
            <Link href={home} className={name}>
              Callback
            </Link>
          ) : (
            <span className={name}>Callback</span>
          )}
          <span className="text-sm text-slate-600">{note}</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
