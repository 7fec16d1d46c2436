"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Disabled until the page is hydrated: a click before then would submit the form natively
 * (forms here are handled in JS) and reload the page, losing what was typed.
 */
export function SubmitButton({
  pending,
  children,
  pendingText,
  className = "btn-primary",
  autoFocus,
}: {
  pending: boolean;
  children: React.ReactNode;
  pendingText: string;
  className?: string;
  /** For a button that appears after a click (a confirm step), so focus is not lost. */
  autoFocus?: boolean;
}) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  return (
    <button type="submit" className={className} autoFocus={autoFocus} disabled={!hydrated || pending} aria-disabled={!hydrated || pending}>
      {pending ? pendingText : children}
    </button>
  );
}
