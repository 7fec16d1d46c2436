import type { Metadata } from "next";
import { PublicShell } from "@/app/_components/public-shell";

// The URL holds the invitation's secret: never indexed, never sent onward in a Referer
// (next.config.mjs sets the matching response headers for /invitations/*).
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

export default function InvitationLayout({ children }: { children: React.ReactNode }) {
  return (
    <PublicShell note="Coach invitation" home="/timeline">
      {children}
    </PublicShell>
  );
}
