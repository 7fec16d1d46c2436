import type { Metadata } from "next";
import { OutcomeMessage, OutcomeProvider } from "@/app/_components/confirm-action";
import { formatDate, formatInstant } from "@/app/_lib/format";
import { pageViewer } from "@/app/_lib/page-auth";
import { INVITATION_DAYS, listGrantsGiven, type GrantDTO } from "@/lib/data/grants";
import { listPastShareLinks, listShareLinks, PAST_LINKS_SHOWN, type PastShareLinkDTO } from "@/lib/data/shares";
import { todayIn } from "@/lib/time/zones";
import { CreateLinkForm, InviteCoachForm, LinkInsightsToggle, RemoveCoachButton, RevokeLinkButton, SendAgainButton } from "./sharing-forms";

export const metadata: Metadata = { title: "Sharing" };

/** Who the coach is: once accepted, the account that holds the grant, which may not be the invited address. */
function coachTitle(grant: GrantDTO): string {
  if (grant.status !== "active") return grant.coachEmail;
  const account = `${grant.coachName ?? "Coach"} (${grant.coachAccountEmail ?? grant.coachEmail})`;
  return grant.coachAccountEmail && grant.coachAccountEmail !== grant.coachEmail ? `${account}, invited at ${grant.coachEmail}` : account;
}

/** "Opened 3 times, last Mon 30 Nov at 14:05", or "Never opened". */
function opens(link: { openCount: number; lastOpenedAt: string | null }, timeZone: string, never: string): string {
  if (!link.lastOpenedAt) return never;
  return `Opened ${link.openCount} ${link.openCount === 1 ? "time" : "times"}, last ${formatInstant(link.lastOpenedAt, timeZone, { time: true })}`;
}

function PastLink({ link, timeZone }: { link: PastShareLinkDTO; timeZone: string }) {
  return (
    <li className="space-y-1 py-3 text-sm">
      <h3 className="break-words text-base font-semibold">{link.label}</h3>
      <p className="text-slate-700">
        {link.ended === "revoked" ? "Revoked" : "Expired"} {formatInstant(link.endedAt, timeZone, { time: true })} · created{" "}
        {formatInstant(link.createdAt, timeZone)}
      </p>
      <p className="text-slate-600">{opens(link, timeZone, "Never opened")}</p>
    </li>
  );
}

export default async function SharingPage() {
  const viewer = await pageViewer();
  const [links, pastLinks, grants] = await Promise.all([listShareLinks(), listPastShareLinks(), listGrantsGiven()]);
  const { timeZone } = viewer;
  const today = todayIn(timeZone);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Sharing</h1>
        <p className="text-slate-700">Let a career coach follow your job search, read-only: with a private link, or through their own Callback account.</p>
      </div>

      <section className="card space-y-6">
        <CreateLinkForm today={today} />
        <OutcomeProvider className="space-y-3">
          <h2 id="links-heading" className="text-lg font-semibold">
            Active links
          </h2>
          <OutcomeMessage />
          {links.length === 0 ? (
            <p className="text-sm text-slate-700">
              {pastLinks.length === 0 ? "No links yet — create one for your coach above." : "No active links — create one for your coach above."}
            </p>
          ) : (
            <ul aria-labelledby="links-heading" className="divide-y divide-slate-200">
              {links.map((link) => (
                <li key={link.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="space-y-1 text-sm">
                    <h3 className="break-words text-base font-semibold">{link.label}</h3>
                    <p className="text-slate-700">
                      {link.includePrivate ? "Everything, with contact details and private notes" : "Without contact details and private notes"}
                    </p>
                    <p className="text-slate-600">
                      Created {formatInstant(link.createdAt, timeZone)} ·{" "}
                      {link.expiresOn ? `works until the end of ${formatDate(link.expiresOn, today)}` : "does not expire"}
                    </p>
                    <p className="text-slate-600">{opens(link, timeZone, "Not opened yet")}</p>
                    <LinkInsightsToggle linkId={link.id} label={link.label} shown={link.includeInsights} />
                  </div>
                  <RevokeLinkButton linkId={link.id} label={link.label} />
                </li>
              ))}
            </ul>
          )}
        </OutcomeProvider>
        {pastLinks.length > 0 ? (
          <div className="space-y-3">
            <h2 id="past-links-heading" className="text-lg font-semibold">
              Revoked and expired links
            </h2>
            <p className="text-sm text-slate-700">
              They no longer open: a record of who could see your job search, and how often they did
              {pastLinks.length === PAST_LINKS_SHOWN ? ` (the latest ${PAST_LINKS_SHOWN})` : ""}.
            </p>
            <ul aria-labelledby="past-links-heading" className="divide-y divide-slate-200">
              {pastLinks.map((link) => (
                <PastLink key={link.id} link={link} timeZone={timeZone} />
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="card space-y-6">
        <InviteCoachForm days={INVITATION_DAYS} />
        <OutcomeProvider className="space-y-3">
          <h2 id="coaches-heading" className="text-lg font-semibold">
            Who has access
          </h2>
          <OutcomeMessage />
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
                        ? `Has access since ${formatInstant(grant.acceptedAt, timeZone)}`
                        : grant.status === "pending" && grant.expiresAt
                          ? `Invitation sent ${formatInstant(grant.invitedAt, timeZone)}, not accepted yet: the link works until ${formatInstant(grant.expiresAt, timeZone, { time: true })}`
                          : "Invitation expired — send it again for a new link"}
                    </p>
                  </div>
                  {grant.status === "active" ? (
                    <RemoveCoachButton grantId={grant.id} email={grant.coachEmail} who={grant.coachName ?? grant.coachEmail} active />
                  ) : (
                    <SendAgainButton email={grant.coachEmail} grantId={grant.id}>
                      <RemoveCoachButton grantId={grant.id} email={grant.coachEmail} who={grant.coachEmail} active={false} />
                    </SendAgainButton>
                  )}
                </li>
              ))}
            </ul>
          )}
        </OutcomeProvider>
      </section>
    </div>
  );
}
