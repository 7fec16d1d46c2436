import type { Metadata } from "next";

export const metadata: Metadata = { title: "Link not active" };

// The one answer for a revoked, expired, unknown or rate-limited link: nothing tells them apart.
export default function InactiveLink() {
  return (
    <section className="card mx-auto max-w-xl space-y-3" aria-labelledby="inactive-heading">
      <h1 id="inactive-heading" className="text-2xl font-bold">
        This link is no longer active
      </h1>
      <p className="text-slate-700">It may have been revoked or have expired. Ask the person who shared it with you for a new link.</p>
    </section>
  );
}
