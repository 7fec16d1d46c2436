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
  describedBy,
  keepFocus = false,
}: {
  pending: boolean;
  children: React.ReactNode;
  pendingText: string;
  className?: string;
  /** For a button that appears after a click (a confirm step), so focus is not lost. */
  autoFocus?: boolean;
  /** The id of what describes the button (a state it changes). */
  describedBy?: string;
  /**
   * Only aria-disabled while pending, so a button that stays on the page keeps the focus (a
   * disabled one loses it to the page). For a form whose second send changes nothing more.
   */
  keepFocus?: boolean;
}) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  return (
    <button
      type="submit"
      className={className}
      autoFocus={autoFocus}
      disabled={!hydrated || (pending && !keepFocus)}
      aria-disabled={!hydrated || pending}
      aria-describedby={describedBy}
    >
      {pending ? pendingText : children}
    </button>
  );
}
