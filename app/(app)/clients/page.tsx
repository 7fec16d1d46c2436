import type { Metadata } from "next";
import Link from "next/link";
import { formatInstant } from "@/app/_lib/format";
import { pageViewer } from "@/app/_lib/page-auth";
import { listClients } from "@/lib/data/grants";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const viewer = await pageViewer();
  const clients = await listClients();
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Clients</h1>
        <p className="text-slate-700">Job seekers who share their job search with you as their coach. You see it read-only and can leave comments.</p>
      </div>

      <section aria-labelledby="clients-heading" className="space-y-3">
        <h2 id="clients-heading" className="text-lg font-semibold">
          People you coach
        </h2>
        {clients.length === 0 ? (
          <p className="card text-sm text-slate-700">
            No clients yet — when a job seeker invites you, they send you an invitation link (from their Sharing page, or by e-mail). Open it while
            signed in to this account to accept.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {clients.map((client) => (
              <li key={client.id} className="card space-y-2">
                <h3 className="text-base font-semibold">
                  <Link href={`/clients/${client.id}`} className="underline-offset-4 hover:underline">
                    {client.name}
                  </Link>
                </h3>
                <dl className="grid grid-cols-3 gap-2 text-center text-sm">
                  <div className="rounded-md bg-amber-50 p-2">
                    <dt className="text-slate-700">Due today</dt>
                    <dd className="text-lg font-semibold">{client.due}</dd>
                  </div>
                  <div className="rounded-md bg-slate-50 p-2">
                    <dt className="text-slate-700">Waiting</dt>
                    <dd className="text-lg font-semibold">{client.waiting}</dd>
                  </div>
                  <div className="rounded-md bg-violet-50 p-2">
                    <dt className="text-slate-700">Followed up</dt>
                    <dd className="text-lg font-semibold">{client.followedUp}</dd>
                  </div>
                </dl>
                <p className="text-xs text-slate-600">
                  {client.active} active {client.active === 1 ? "job" : "jobs"} · coaching since {formatInstant(client.since, viewer.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
