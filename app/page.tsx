import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";

export const metadata: Metadata = { title: { absolute: "Callback — when to follow up on a job application" } };

// The column's rules, in three lines (shared/seed: "Ask A Recruiter: Following Up After An Interview").
const RULES = [
  { when: "After you apply", what: "wait at least a week, then follow up with one phone call." },
  { when: "After an interview", what: "if they promised an answer by a date, call once a day or two has passed since it." },
  { when: "Only once", what: "one short, polite call per stage, then let them call you: a strong candidate hears back." },
];

/** What a signed-out visitor meets first; a signed-in one goes straight to their timeline. */
export default async function Home() {
  if (await getViewer()) redirect("/timeline");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <span className="text-xl font-bold text-brand-700">Callback</span>
          <nav aria-label="Account" className="flex items-center gap-3">
            <Link href="/signin" className="text-sm font-semibold text-brand-700 underline">
              Sign in
            </Link>
            <Link href="/signup" className="btn-primary">
              Sign up
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl space-y-10 px-4 py-10">
        <section aria-labelledby="home-heading" className="max-w-2xl space-y-4">
          <h1 id="home-heading" className="text-3xl font-bold sm:text-4xl">
            Know when to follow up on a job application, how, and when to stop.
          </h1>
          <p className="text-lg text-slate-700">
            Note your applications and interviews. Callback tells you the day a follow-up call is appropriate, what to say on it, and when to leave it
            alone, following a recruiter&apos;s advice to the letter. Share your timeline with a coach if you like.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link href="/signup" className="btn-primary">
              Sign up: it&apos;s free
            </Link>
            <Link href="/signin" className="btn-secondary">
              Sign in
            </Link>
          </div>
        </section>

        <section aria-labelledby="rules-heading" className="card max-w-2xl space-y-3">
          <h2 id="rules-heading" className="text-lg font-semibold">
            The rules, from a recruiter&apos;s column
          </h2>
          <ol className="space-y-2">
            {RULES.map((rule) => (
              <li key={rule.when}>
                <strong>{rule.when}:</strong> {rule.what}
              </li>
            ))}
          </ol>
          <p className="text-sm text-slate-600">Callback counts the days for you, skips weekends, and never suggests a second call for the same stage.</p>
        </section>

        <figure className="space-y-2">
          <Image
            src="/screenshot-timeline.png"
            alt="A job seeker's timeline in Callback: calls due today with what to say, windows opening this week, an interview ahead, and follow-ups already made."
            width={1280}
            height={900}
            unoptimized
            priority
            className="h-auto w-full rounded-lg border border-slate-200 shadow-sm"
          />
          <figcaption className="text-sm text-slate-600">A timeline: what is due, what opens soon, and what is up to the employer now.</figcaption>
        </figure>
      </main>
    </div>
  );
}
