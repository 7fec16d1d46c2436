"use client";

import { useEffect } from "react";
import { useUntilNextChange } from "@/app/_lib/use-form-action";

/**
 * A confirmation carried in the address after a redirect (`?added=1`): shown once. The parameter
 * leaves the address at once, so a reload, a return by the back button or the page refreshed by
 * the next change does not show it again, and the next change sent from the page hides it.
 */
export function Flash({ param, children }: { param: string; children: React.ReactNode }) {
  const current = useUntilNextChange(param);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    // Next keeps its router in step with the History API; nothing is fetched.
    window.history.replaceState(null, "", url);
  }, [param]);
  if (!current) return null;
  return (
    <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
      {children}
    </p>
  );
}
