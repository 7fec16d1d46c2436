
/** What every server action returns to its form (never a password or token). */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, echoed back so nothing is lost on bad input (secrets removed). */
  values?: Record<string, string>;
  /** Set on success by actions that have something to show once (e.g. a new share link). */
  data?: Record<string, string>;
};

export const initialState: ActionState = { ok: false };

const SECRET_FIELDS = new Set(["password", "currentPassword", "newPassword", "token"]);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !SECRET_FIELDS.has(key)) values[key] = value.slice(0, 5000);
  }
  return values;
}
