import type { Metadata } from "next";
import { todayIn } from "@/lib/time/zones";
import { JobForm } from "../job-form";
import { pageViewer } from "@/app/_lib/page-auth";

export const metadata: Metadata = { title: "Add a job" };

export default async function NewJobPage() {
  const viewer = await pageViewer();
  const today = todayIn(viewer.timeZone);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Add a job</h1>
      <p className="text-slate-700">Record where you applied. Callback works out when a follow-up call is appropriate, and tells you why.</p>
      <div className="card">
        <JobForm today={today} initial={{ company: "", role: "", sourceUrl: "", contactName: "", contactPhone: "", contactEmail: "", appliedOn: today, notes: "" }} />
      </div>
    </div>
  );
}
