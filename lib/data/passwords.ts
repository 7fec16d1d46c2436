import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults, which are OWASP's (m=19456 KiB, t=2, p=1).
export const hashPassword = (password: string) => hash(password);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash (unknown email) it still spends the time
 * of one verification against a dummy hash, so timing does not reveal which emails exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hash("callback-dummy-password-for-timing")));
  try {
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}
