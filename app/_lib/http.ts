import { isDatabaseUnavailable } from "@/lib/data/availability";
import { AppError, type AppErrorCode } from "@/lib/errors";

/**
 * The one mapping from expected failures to HTTP, for every route handler (server actions use
 * the envelope in action-state.ts). Anything else is a bug: rethrown, a 500 with the server's log.
 */
const STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  not_found: 404,
  conflict: 409,
  already_followed_up: 409,
  rate_limited: 429,
  unavailable: 503,
};

export const DATABASE_UNAVAILABLE = "The database is not answering. Try again shortly.";

export type HttpFailure = { status: number; code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]>; headers: Record<string, string> };

/** What an error means over HTTP, or null when it is not an expected failure. */
export function httpFailure(error: unknown, { retryAfterSeconds = 5 } = {}): HttpFailure | null {
  // A client (or a load balancer) retries after a few seconds, as after /api/health's 503.
  const retry = { "Retry-After": String(retryAfterSeconds) };
  if (error instanceof AppError) {
    const status = STATUS[error.code];
    return { status, code: error.code, message: error.message, fieldErrors: status === 400 ? error.fieldErrors : undefined, headers: status === 503 || status === 429 ? retry : {} };
  }
  if (isDatabaseUnavailable(error)) return { status: 503, code: "unavailable", message: DATABASE_UNAVAILABLE, headers: retry };
  return null;
}

/** A JSON answer that no cache keeps. */
export const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** `{ ok: false, error, message, fieldErrors? }` with the status its code maps to. */
export const jsonFailure = (f: Pick<HttpFailure, "status" | "message" | "fieldErrors"> & { code: AppErrorCode | "forbidden"; headers?: Record<string, string> }) =>
  json(f.status, { ok: false, error: f.code, message: f.message, ...(f.fieldErrors ? { fieldErrors: f.fieldErrors } : {}) }, f.headers);

/** Runs a handler's work; an expected failure becomes its JSON answer, a bug is rethrown. */
export async function jsonOrFailure(work: () => Promise<Response>, options?: { retryAfterSeconds?: number }): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    const failure = httpFailure(error, options);
    if (!failure) throw error;
    return jsonFailure(failure);
  }
}
