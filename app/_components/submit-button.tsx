"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Disabled until the page is hydrated: a click before then would submit the form natively
 * (forms here are handled in JS) and reload the page, losing what was typed.
 */
export function SubmitButton({ pending, children, pendingText, className = "btn-primary" }: { pending: boolean; children: React.ReactNode; pendingText: string; className?: string }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  return (
    <button type="submit" className={className} disabled={!hydrated || pending} aria-disabled={!hydrated || pending}>
      {pending ? pendingText : children}
    </button>
  );
}
