import type { Metadata } from "next";
import { GoneNotice } from "@/app/_components/gone-notice";

export const metadata: Metadata = { title: "Invitation not valid" };

// The one answer for an unknown, expired, used, declined or withdrawn invitation, and for an
// address that guessed too often: nothing tells them apart.
export default function InvalidInvitation() {
  return (
    <GoneNotice title="This invitation is no longer valid" next={{ href: "/clients", label: "Go to your clients" }}>
      It may have been accepted or declined already, withdrawn, or have expired. Ask the person who invited you to send it again from their Sharing page.
    </GoneNotice>
  );
}
