import "server-only";
import { isDatabaseUnavailable } from "@/lib/data/availability";
import { AppError } from "@/lib/errors";
import { formValues, type ActionState } from "./action-state";
import { DATABASE_UNAVAILABLE } from "./http";

// The server half of the action envelope (action-state.ts is shared with the forms, which run in
// the browser): what a server action returns when its work failed.

/** Expected failures become values for the form; anything else is a bug and is rethrown. */
export function failure(error: unknown, formData?: FormData): ActionState {
  if (error instanceof AppError) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values: formData ? formValues(formData) : undefined };
  }
  // What was typed stays in the form; the same words as the route handlers' 503.
  if (isDatabaseUnavailable(error)) return { ok: false, message: DATABASE_UNAVAILABLE, values: formData ? formValues(formData) : undefined };
  throw error;
}
