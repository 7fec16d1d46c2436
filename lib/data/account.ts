import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DeleteAccountInput } from "@/lib/validation/account";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { checkPassword } from "./credentials";
import { forgetAccount } from "./rate-limit";
import { clientAddress } from "./request";
import { requireUser } from "./session";

/**
 * Deletes the viewer's account and everything in it, after they confirm with their password.
 * One DELETE of the user row: the schema cascades it to their jobs (with stages and every
 * comment on them), the comments they wrote on clients' jobs, their share links, the coach
 * grants they gave and the ones they held, and their digest deliveries; the feed token lived
 * on the row. Every session ends with it: viewerFromClaims finds no user.
 */
export async function deleteAccount(input: unknown): Promise<void> {
  const viewer = await requireUser();
  const parsed = DeleteAccountInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true, passwordHash: true } });
  if (!(await checkPassword({ account: user.email, address: await clientAddress(), stored: user.passwordHash, password: parsed.data.password }))) {
    throw new AppError("invalid", "Check the highlighted fields.", { password: ["That is not your password."] });
  }
  // Only the row whose password was just verified: a password changed meanwhile refuses.
  const { count } = await db.user.deleteMany({ where: { id: viewer.id, passwordHash: user.passwordHash } });
  if (count === 0) throw new AppError("invalid", "Check the highlighted fields.", { password: ["That is not your password."] });
  // The sign-in counters are keyed by the email address: nothing of the account is left behind.
  await forgetAccount(user.email);
}
