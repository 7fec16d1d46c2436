import type { Metadata } from "next";
import { GoneNotice } from "@/app/_components/gone-notice";

export const metadata: Metadata = { title: "No access" };

// Every page under /clients/<id> that lib/data refuses (requireClient: no live grant, a client who
// never existed, another coach's, a malformed id, or a job that is not theirs) lands here, with
// the same status and words: nothing tells a removed coach whether the rest still exists.
export default function NoAccess() {
  return (
    <GoneNotice title="You no longer have access" next={{ href: "/clients", label: "Go to your clients" }}>
      This page is not shared with you. The person may have removed you as their coach, or the address may be mistyped. The people who share their job
      search with you are listed under Clients.
    </GoneNotice>
  );
}
