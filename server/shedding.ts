// Load shedding: beyond a cap of requests in progress, a new one is answered 503 with
// Retry-After at once, instead of queueing (for the one event loop, and the database pool) until
// clients give up. How the default was chosen: docs/decisions/010-load-shedding-and-timeouts.md.
import type { IncomingMessage, ServerResponse } from "node:http";

type Kind = "app" | "health";

/**
 * `maxInflight` caps the app's requests (0 turns shedding off; the pool drill uses it to show
 * what happens without). The health check has a small budget of its own instead of the shared
 * one: under overload a monitor must still learn whether the database answers (shedding it would
 * have an orchestrator restart a busy but healthy server), and its own cap keeps it from being a
 * way around shedding.
 */
export function createShedding({ maxInflight, healthMaxInflight }: { maxInflight: number; healthMaxInflight: number }) {
  const inflight: Record<Kind, number> = { app: 0, health: 0 };

  /**
   * Admits a request and returns its `settle`, to be called once the server is done with it;
   * or answers 503 and returns null. A request stays in flight until both the connection is done
   * with it ("close": answered or gone) and `settle` was called (a client that gave up does not
   * free the work it left behind).
   */
  function admit(req: IncomingMessage, res: ServerResponse): (() => void) | null {
    const url = req.url ?? "/";
    // Build assets never touch the database: served whatever the load.
    if (url.startsWith("/_next/static/")) return () => {};
    const kind: Kind = url === "/api/health" || url.startsWith("/api/health?") ? "health" : "app";
    const cap = kind === "health" ? healthMaxInflight : maxInflight;
    if (cap > 0 && inflight[kind] >= cap) {
      overloaded(req, res);
      return null;
    }
    inflight[kind]++;
    let pending = 2;
    const settle = () => void (--pending === 0 && inflight[kind]--);
    res.once("close", settle);
    return settle;
  }

  return { admit, inflight };
}

function overloaded(req: IncomingMessage, res: ServerResponse) {
  res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ error: "overloaded", message: "The server is busy. Try again in a moment." }));
  req.resume();
}
