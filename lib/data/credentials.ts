import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "@/lib/errors";
import { KNOWN_ADDRESS, LIMITS, hit, remember, seenWithin } from "./rate-limit";

// argon2id with the library's defaults, which are OWASP's (m=19456 KiB, t=2, p=1).
export const hashPassword = (password: string) => hash(password);

/** A password check refused before it was made: too many for this account or address. */
export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "Too many attempts. Wait a few minutes and try again.");
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash (unknown email) it still spends the time
 * of one verification against a dummy hash, so timing does not reveal which emails exist.
 */
async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hash("callback-dummy-password-for-timing")));
  try {
    const ok = await verify(target, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}

/**
 * The only way to check a password (sign-in, change password, delete account): every check
 * counts against the limits of docs/decisions/012-password-guessing-limits.md before argon2
 * runs, keyed by the account that is actually checked (the normalised email the caller looked up)
 * and the client's address. Refused: throws TooManyAttempts and verifies nothing.
 *
 * `account` is null when the input named no valid account: only the address is counted, and a
 * dummy hash is verified so the answer takes as long as for a real one.
 */
export async function checkPassword(check: { account: string | null; address: string; stored: string | null; password: string }): Promise<boolean> {
  const { account, address } = check;
  const [perAddress, perPair, perAccount] = await Promise.all([
    hit(LIMITS.signInPerAddress, address),
    account ? hit(LIMITS.signInPerAccountAddress, [account, address]) : null,
    account ? hit(LIMITS.signInPerAccount, account) : null,
  ]);
  const refused = [perAddress, perPair].filter((r) => r && !r.allowed);
  // Beyond the account's ceiling only an address it signed in from before may go on trying, so
  // guessing spread over many addresses cannot lock the owner out of their usual place.
  if (account && perAccount && !perAccount.allowed && !(await seenWithin(KNOWN_ADDRESS.name, [account, address], KNOWN_ADDRESS.maxAgeSeconds))) {
    refused.push(perAccount);
  }
  if (refused.length > 0) throw new TooManyAttempts(Math.max(...refused.map((r) => r!.retryAfterSeconds)));
  return verifyPassword(check.stored, check.password);
}

/** After a successful sign-in: this address is the account owner's for the next 30 days. */
export const rememberAddress = (account: string, address: string) => remember(KNOWN_ADDRESS.name, [account, address]);
