import { FollowUpInputError } from "./errors";

/** The FollowUpInputError `fn` throws (for its field and message); fails the test if it throws nothing or something else. Tests only. */
export function thrown(fn: () => unknown): FollowUpInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FollowUpInputError) return e;
    throw e;
  }
  throw new Error("expected a FollowUpInputError");
}
