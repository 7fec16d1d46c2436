import "server-only";

// Errors that mean "the database cannot be reached right now", as they arrive here: pg-pool's
// queue timeout (a plain Error), Prisma's connection codes, and Postgres' SQLSTATEs for a
// server going away (class 08, 57P01-57P03 shutdown/starting up, 53300 too many connections)
// or a statement cancelled by lib/db.ts's statement_timeout (57014). Route handlers answer
// these with 503 and Retry-After instead of a 500. Tried against Prisma 6.19 + adapter-pg:
// bench/drills/drill-outage.mjs and drill-pool.mjs exercise them.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);
const SQLSTATE = /^(08|57P0[123]$|57014$|53300$)/;
const MESSAGES = /timeout exceeded when trying to connect|connection terminated|can't reach database server|database system is (starting up|shutting down)/i;

type Loose = { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } } };

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Loose | undefined, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause as Loose | undefined, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    const adapter = e.meta?.driverAdapterError?.cause;
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
    if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || SQLSTATE.test(String(adapter.code ?? "")))) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  }
  return false;
}
