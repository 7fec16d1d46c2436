import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { clientAddress } from "@/lib/data/request";
import { getLocale } from "@/app/_lib/format";
import { openSharedJob } from "@/lib/data/shares";
import { ReadOnlyJob } from "@/app/share/_components/read-only-job";

export const metadata: Metadata = { title: "Shared job" };

export default async function SharedJobPage({ params }: { params: Promise<{ token: string; jobId: string }> }) {
  const { token, jobId } = await params;
  const [shared, locale] = await Promise.all([openSharedJob(token, jobId, await clientAddress()), getLocale()]);
  if (!shared) notFound();
  return <ReadOnlyJob job={shared.job} today={shared.today} locale={locale} back={{ href: `/share/${token}`, label: `Back to ${shared.ownerName}'s timeline` }} />;
}
