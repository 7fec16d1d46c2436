import type { Metadata } from "next";
import { GoneNotice } from "@/app/_components/gone-notice";

export const metadata: Metadata = { title: "Link not active" };

// The one answer for a revoked, expired, unknown or rate-limited link: nothing tells them apart.
export default function InactiveLink() {
  return (
    <GoneNotice title="This link is no longer active">
      It may have been revoked or have expired. Ask the person who shared it with you for a new link.
    </GoneNotice>
  );
}
