import type { Metadata } from "next";
import { PublicShell } from "@/app/_components/public-shell";

// Shared views are never indexed and never send the URL (which holds the token) onward;
// next.config.mjs sets the matching response headers for /share/*.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

export default function ShareLayout({ children }: { children: React.ReactNode }) {
  return <PublicShell note="Shared with you · read-only">{children}</PublicShell>;
}
