import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { navigationFacts } from "@/lib/data/navigation";
import { getViewer } from "@/lib/data/session";

/**
 * The navigation fits the person (issue 14): "Clients" for whoever coaches someone (invitations
 * are links now, opened from where they were sent); "Add a job", "Insights" and "Sharing" for
 * whoever tracks jobs, or might (anyone who coaches no one).
 */
function linksFor({ ownsJobs, coaches }: { ownsJobs: boolean; coaches: boolean }) {
  const seeking = ownsJobs || !coaches;
  return [
    { href: "/timeline", label: "Timeline", shown: true },
    { href: "/insights", label: "Insights", shown: seeking },
    { href: "/jobs/new", label: "Add a job", shown: seeking },
    { href: "/sharing", label: "Sharing", shown: seeking },
    { href: "/clients", label: "Clients", shown: coaches },
    { href: "/transfer", label: "Import & export", shown: true },
    { href: "/settings", label: "Settings", shown: true },
  ].filter((l) => l.shown);
}

// A comfort redirect for signed-out visitors; every data read checks the viewer again in lib/data.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  const links = linksFor(await navigationFacts());
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/timeline" className="text-xl font-bold text-brand-700">
            Callback
          </Link>
          <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
              {links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="rounded px-1 py-2 text-slate-700 underline-offset-4 hover:underline">
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline">{viewer.name}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
