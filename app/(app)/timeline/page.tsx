import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/data/session";

export const metadata: Metadata = { title: "Timeline" };

export default async function TimelinePage() {
  const viewer = await requireUser();
  return (
    <section aria-labelledby="timeline-heading" className="space-y-4">
      <h1 id="timeline-heading" className="text-2xl font-bold">
        Hello, {viewer.name}
      </h1>
      <div className="card space-y-3">
        <h2 className="text-lg font-semibold">Add your first job</h2>
        <p className="text-slate-700">
          Record where you applied, and Callback tells you when to follow up, how, and when to stop.
        </p>
        <Link href="/jobs/new" className="btn-primary">
          Add a job
        </Link>
      </div>
    </section>
  );
}
