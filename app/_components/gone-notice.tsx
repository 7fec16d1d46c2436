import Link from "next/link";

/**
 * The one answer for a link or address that no longer leads anywhere (an inactive share link, a
 * spent invitation, a client who is not, or no longer, yours): what it means and where to go
 * next. The same words whatever the reason, so nothing tells "never existed" from "taken away".
 */
export function GoneNotice({ title, children, next }: { title: string; children: React.ReactNode; next?: { href: string; label: string } }) {
  return (
    <section className="card mx-auto max-w-xl space-y-3" aria-labelledby="gone-heading">
      <h1 id="gone-heading" className="text-2xl font-bold">
        {title}
      </h1>
      <p className="text-slate-700">{children}</p>
      {next ? (
        <p>
          <Link className="font-semibold text-brand-700 underline" href={next.href}>
            {next.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
