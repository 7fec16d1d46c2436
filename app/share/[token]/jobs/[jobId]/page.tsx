import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { clientAddress } from "@/lib/data/request";
import { openSharedJob } from "@/lib/data/shares";
import { ReadOnlyJob } from "@/app/share/_components/read-only-job";

export const metadata: Metadata = { title: "Shared job" };

export default async function SharedJobPage({ params }: { params: Promise<{ token: string; jobId: string }> }) {
  const { token, jobId } = await params;
  const shared = await openSharedJob(token, jobId, await clientAddress());
  if (!shared) notFound();
  return <ReadOnlyJob job={shared.job} today={shared.today} back={{ href: `/share/${token}`, label: `Back to ${shared.ownerName}'s timeline` }} />;
}
