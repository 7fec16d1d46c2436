import type { Metadata } from "next";
import { getLocale } from "@/app/_lib/format";
import { pageViewer } from "@/app/_lib/page-auth";
import { INVITATION_DAYS, listGrantsGiven, type GrantDTO } from "@/lib/data/grants";
import { listShareLinks } from "@/lib/data/shares";
import { todayIn } from "@/lib/time/zones";
import { CreateLinkForm, InviteCoachForm, RemoveCoachButton, RevokeLinkButton, SendAgainButton } from "./sharing-forms";

export const metadata: Metadata = { title: "Sharing" };

const formatInstant = (iso: string, locale: string, timeZone: string, withTime = false) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: withTime ? "short" : undefined, timeZone }).format(new Date(iso));
/** Who the coach is: once accepted, the account that holds the grant, which may not be the invited address. */
function coachTitle(grant: GrantDTO): string {
  if (grant.status !== "active") return grant.coachEmail;
  const account = `${grant.coachName ?? "Coach"} (${grant.coachAccountEmail ?? grant.coachEmail})`;
  return grant.coachAccountEmail && grant.coachAccountEmail !== grant.coachEmail ? `${account}, invited at ${grant.coachEmail}` : account;
}

const formatDay = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

export default async function SharingPage() {
  const viewer = await pageViewer();
  const [links, grants, locale] = await Promise.all([listShareLinks(), listGrantsGiven(), getLocale()]);
  const { timeZone } = viewer;
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Sharing</h1>
        <p className="text-slate-700">Let a career coach follow your job search, read-only: with a private link, or through their own Callback account.</p>
      </div>

      <section className="card space-y-6">
        <CreateLinkForm today={todayIn(timeZone)} />
        <div className="space-y-3">
          <h2 id="links-heading" className="text-lg font-semibold">
            Active links
          </h2>
          {links.length === 0 ? (
            <p className="text-sm text-slate-700">No links yet — create one for your coach above.</p>
          ) : (
            <ul aria-labelledby="links-heading" className="divide-y divide-slate-200">
              {links.map((link) => (
                <li key={link.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="space-y-1 text-sm">
                    <h3 className="text-base font-semibold">{link.label}</h3>
                    <p className="text-slate-700">
                      {link.includePrivate ? "Everything, with contact details and private notes" : "Without contact details and private notes"}
                      {link.includeInsights ? ", and your insights" : ""}
                    </p>
                    <p className="text-slate-600">
                      Created {formatInstant(link.createdAt, locale, timeZone)} ·{" "}
                      {link.expiresOn ? `works until the end of ${formatDay(link.expiresOn, locale)}` : "does not expire"}
                    </p>
                    <p className="text-slate-600">
                      {link.lastOpenedAt
                        ? `Opened ${link.openCount} ${link.openCount === 1 ? "time" : "times"}, last ${formatInstant(link.lastOpenedAt, locale, timeZone, true)}`
                        : "Not opened yet"}
                    </p>
                  </div>
                  <RevokeLinkButton linkId={link.id} label={link.label} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section className="card space-y-6">
        <InviteCoachForm days={INVITATION_DAYS} />
        <div className="space-y-3">
          <h2 id="coaches-heading" className="text-lg font-semibold">
            Who has access
          </h2>
          {grants.length === 0 ? (
            <p className="text-sm text-slate-700">No coaches yet — invite one above.</p>
          ) : (
            <ul aria-labelledby="coaches-heading" className="divide-y divide-slate-200">
              {grants.map((grant) => (
                <li key={grant.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="space-y-1 text-sm">
                    <h3 className="break-all text-base font-semibold">{coachTitle(grant)}</h3>
                    <p className="text-slate-600">
                      {grant.status === "active" && grant.acceptedAt
                        ? `Has access since ${formatInstant(grant.acceptedAt, locale, timeZone)}`
                        : grant.status === "pending" && grant.expiresAt
                          ? `Invitation sent ${formatInstant(grant.invitedAt, locale, timeZone)}, not accepted yet: the link works until ${formatInstant(grant.expiresAt, locale, timeZone, true)}`
                          : "Invitation expired — send it again for a new link"}
                    </p>
                  </div>
                  {grant.status === "active" ? (
                    <RemoveCoachButton grantId={grant.id} email={grant.coachEmail} />
                  ) : (
                    <SendAgainButton email={grant.coachEmail} grantId={grant.id}>
                      <RemoveCoachButton grantId={grant.id} email={grant.coachEmail} />
                    </SendAgainButton>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
