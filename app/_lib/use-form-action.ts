"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { initialState, type ActionState } from "./action-state";

/**
 * The one form pattern: a server action through useActionState, dispatched inside a
 * transition from onSubmit so React does not reset the fields (nothing typed is lost).
 */
export function useFormAction(action: (prev: ActionState, formData: FormData) => Promise<ActionState>) {
  const [state, dispatch, pending] = useActionState(action, initialState);
  const [transitioning, startTransition] = useTransition();
  const form = useRef<HTMLFormElement | null>(null);
  // Successful results so far. A form with state of its own (fields shown or hidden by a
  // select) keys its fields on it: a DOM reset restores the inputs but not React's state,
  // and the two then disagree (issue 14: a "Heard back" form showing "Interview").
  const [saves, setSaves] = useState({ state, count: 0 });
  if (saves.state !== state) setSaves({ state, count: saves.count + (state.ok ? 1 : 0) });
  // After a success the form starts afresh (ready for the next entry).
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const current = useUntilNextChange(state);
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.current = event.currentTarget;
    const formData = new FormData(event.currentTarget);
    announceChange();
    startTransition(() => dispatch(formData));
  }
  // A confirmation ("Saved.") is about the last change: the next one, in any form, retires it.
  // Errors stay until their own form is sent again: they say what is still to fix.
  const shown = state.ok && !current ? { ...state, message: undefined } : state;
  return { state: shown, onSubmit, pending: pending || transitioning, errors: state.fieldErrors ?? {}, saves: saves.count };
}

const CHANGE_EVENT = "callback:change";

/** Tells the page's confirmations that the user has sent something new (issue 14, item 8). */
export function announceChange() {
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** False once a change was sent after `value` appeared; true again for the next value. */
export function useUntilNextChange(value: unknown): boolean {
  const [retired, setRetired] = useState<unknown>(undefined);
  useEffect(() => {
    const retire = () => setRetired(() => value);
    window.addEventListener(CHANGE_EVENT, retire);
    return () => window.removeEventListener(CHANGE_EVENT, retire);
  }, [value]);
  return retired !== value;
}

/** A fresh id per form render: a double-click or replay of the same submission creates one record. */
export function newRequestId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
