import type { Metadata } from "next";
import Link from "next/link";
import { getLocale } from "@/app/_lib/format";
import { pageViewer } from "@/app/_lib/page-auth";
import { listClients, listInvitations } from "@/lib/data/grants";
import { InvitationButtons } from "./client-forms";

export const metadata: Metadata = { title: "Clients" };

const formatInstant = (iso: string, locale: string, timeZone: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso));

export default async function ClientsPage() {
  const viewer = await pageViewer();
  const [invitations, clients, locale] = await Promise.all([listInvitations(), listClients(), getLocale()]);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Clients</h1>
        <p className="text-slate-700">Job seekers who share their job search with you as their coach. You see it read-only and can leave comments.</p>
      </div>

      {invitations.length ? (
        <section aria-labelledby="invitations-heading" className="card space-y-3">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Invitations
          </h2>
          <ul className="divide-y divide-slate-200">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <p className="text-sm">
                  <span className="font-semibold">{inv.ownerName}</span> <span className="break-all text-slate-600">({inv.ownerEmail})</span> invited you to coach
                  them <span className="text-slate-600">· {formatInstant(inv.invitedAt, locale, viewer.timeZone)}</span>
                </p>
                <InvitationButtons grantId={inv.id} ownerName={inv.ownerName} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="clients-heading" className="space-y-3">
        <h2 id="clients-heading" className="text-lg font-semibold">
          People you coach
        </h2>
        {clients.length === 0 ? (
          <p className="card text-sm text-slate-700">
            No clients yet — when a job seeker invites you with your email address ({viewer.email}) on their Sharing page, the invitation appears here for
            you to accept.
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
                  {client.active} active {client.active === 1 ? "job" : "jobs"} · coaching since {formatInstant(client.since, locale, viewer.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
