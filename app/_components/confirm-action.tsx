"use client";

import { createContext, useContext, useEffect, useId, useRef, useState, useTransition } from "react";
import { initialState, type ActionState } from "@/app/_lib/action-state";
import { announceChange, useUntilNextChange } from "@/app/_lib/use-form-action";

type Outcome = { text: string };
const OutcomeContext = createContext<{ outcome: Outcome | null; report: (text: string) => void }>({ outcome: null, report: () => {} });

/**
 * Holds what the last confirmed action did, above the rows it removes: a row that is revoked
 * leaves its list, and its message (and the focus) must outlive it.
 */
export function OutcomeProvider({ children, className }: { children: React.ReactNode; className?: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <OutcomeContext.Provider value={{ outcome, report: (text) => setOutcome({ text }) }}>
      <div className={className}>{children}</div>
    </OutcomeContext.Provider>
  );
}

/**
 * What happened, as a status message that takes the focus (the button that was pressed is gone)
 * and goes away after the next change, like the confirmation banners (issue 14, item 8).
 */
export function OutcomeMessage() {
  const { outcome } = useContext(OutcomeContext);
  const current = useUntilNextChange(outcome);
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) ref.current?.focus();
  }, [outcome]);
  if (!outcome || !current) return null;
  return (
    <p ref={ref} tabIndex={-1} role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
      {outcome.text}
    </p>
  );
}

type ConfirmActionProps = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields sent with the action (ids, never secrets). */
  fields: Record<string, string>;
  /** The first button: visible words, and words for screen readers that say what it acts on. */
  trigger: string;
  triggerDetail: string;
  /** The question asked before anything happens, and its confirming button. */
  question: string;
  confirm: string;
  pendingText: string;
  /** Reported to the OutcomeMessage on success. */
  done: string;
};

/**
 * A destructive action asked twice: the first button opens an inline question ("Revoke this
 * link?") with Cancel (which takes the focus, so a second Enter does nothing harmful) and the
 * confirming button. Escape or Cancel returns to the first button; nothing is sent until confirmed.
 */
export function ConfirmAction({ action, fields, trigger, triggerDetail, question, confirm, pendingText, done }: ConfirmActionProps) {
  const { report } = useContext(OutcomeContext);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setError(null);
    setAsking(false);
  };

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    announceChange();
    startTransition(async () => {
      const result = await action(initialState, formData);
      if (result.ok) report(done);
      else setError(result.message ?? "That did not work. Try again.");
    });
  }

  if (!asking) {
    return (
      <button ref={triggerRef} type="button" className="btn-danger" onClick={() => setAsking(true)}>
        {trigger}
        <span className="sr-only"> {triggerDetail}</span>
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-busy={pending} className="max-w-full">
      <div
        role="group"
        aria-labelledby={questionId}
        className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2"
        onKeyDown={(e) => {
          if (e.key === "Escape" && !pending) cancel();
        }}
      >
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p id={questionId} className="basis-full text-sm text-red-900">
          {question}
        </p>
        {error ? (
          <p role="alert" className="basis-full text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <button ref={cancelRef} type="button" className="btn-secondary" onClick={cancel} disabled={pending}>
          Cancel
        </button>
        <button type="submit" className="btn-danger" disabled={pending}>
          {pending ? pendingText : confirm}
        </button>
      </div>
    </form>
  );
}
