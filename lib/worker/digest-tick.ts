import "server-only";
import { claimDigest, listDueDigests, loadCoachDigest, loadDailyDigest, settleDigest, type DigestCandidate, type DigestKind } from "@/lib/data/digests";
import type { Mailer, OutgoingMail } from "@/lib/mail";
import { coachDigestMail, dailyDigestMail } from "@/lib/email/digest-email";

/**
 * How long a claimed, unsent digest belongs to the worker that claimed it. After that another
 * tick may take it over and retry (its sender failed or died). Far longer than one send can take
 * (lib/mail.ts caps SMTP at about a minute and a half), so a slow send is never doubled.
 */
export const DIGEST_LEASE_MS = 15 * 60_000;
// Digests built and sent at once by one tick: leaves the rest of the database pool to requests.
const CONCURRENCY = 3;

export type TickOptions = { now?: Date; mailer: Mailer; baseUrl: string; leaseMs?: number; log?: (line: string) => void };
export type TickReport = { sent: number; empty: number; failed: number; lost: number };

/**
 * One pass of the digest scheduler: every digest owed at `now` (see listDueDigests) is claimed,
 * built and sent. Safe to run on any number of servers at once: a digest is sent only by the
 * tick whose claim won, and settled after the send, so a failed send is retried by a later tick
 * (the lease) and a settled one never again. Callable directly, with an injected `now`.
 */
export async function runDigestTick({ now = new Date(), mailer, baseUrl, leaseMs = DIGEST_LEASE_MS, log = console.error }: TickOptions): Promise<TickReport> {
  const report: TickReport = { sent: 0, empty: 0, failed: 0, lost: 0 };
  const kinds: DigestKind[] = ["daily", "weekly_coach"];
  for (const kind of kinds) {
    const queue = await listDueDigests(kind, now, leaseMs);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) report[await deliver(next, now, leaseMs, mailer, baseUrl, log)]++;
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  return report;
}

async function deliver(candidate: DigestCandidate, now: Date, leaseMs: number, mailer: Mailer, baseUrl: string, log: (line: string) => void): Promise<keyof TickReport> {
  if (!(await claimDigest(candidate, now, leaseMs))) return "lost"; // another worker has it
  try {
    let mail: OutgoingMail | null = null;
    if (candidate.kind === "daily") {
      const digest = await loadDailyDigest(candidate.userId, now);
      mail = digest && dailyDigestMail(digest, baseUrl);
    } else {
      const digest = await loadCoachDigest(candidate.userId, now);
      mail = digest && coachDigestMail(digest, baseUrl);
    }
    if (mail) await mailer.send(mail);
    await settleDigest(candidate, now);
    return mail ? "sent" : "empty";
  } catch (error) {
    // Left unsent: a later tick retries it once the lease has run out, until the day is over.
    log(`[callback] digest ${candidate.kind} for user ${candidate.userId} on ${candidate.day} failed, will retry: ${error instanceof Error ? error.message : error}`);
    return "failed";
  }
}
