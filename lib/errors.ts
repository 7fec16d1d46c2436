// The one error type for expected failures. Data-layer functions throw it; server
// actions turn it into `{ ok: false, message, fieldErrors }`; pages map not_found to notFound().
export type AppErrorCode =
  | "not_found"
  | "invalid"
  | "conflict"
  | "already_followed_up"
  | "unauthenticated"
  | "rate_limited"
  | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "That record") => new AppError("not_found", `${what} was not found.`);
