// Graceful shutdown (SIGTERM): a rolling restart or a deploy must not fail a single request.
// The load balancer (deploy/nginx.conf) sends new requests elsewhere once this server stops
// accepting; what is already here is answered. Node's `server.close()` alone is not enough:
// it closes the connections idle at that moment, but a keep-alive connection that finishes a
// response later stays open (up to keepAliveTimeout, 65 s) and can bring more requests.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type DrainReport = { drained: boolean; cut: number; ms: number };

/**
 * Tracks connections and the requests in progress on each. Call `track` first thing for every
 * request; `drain` stops accepting, answers what is in flight (each with `Connection: close`
 * when its headers are not out yet), closes every connection as soon as it is idle, and after
 * `timeoutMs` cuts what is left. Resolves once every connection is closed.
 */
export function drainable(server: Server, { timeoutMs }: { timeoutMs: number }) {
  const busy = new Map<Socket, number>();
  const answering = new Set<ServerResponse>();
  let closing = false;
  server.on("connection", (socket: Socket) => {
    busy.set(socket, 0);
    socket.once("close", () => busy.delete(socket));
  });

  function track(req: IncomingMessage, res: ServerResponse) {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    if (closing) res.setHeader("Connection", "close");
    answering.add(res);
    res.once("close", () => {
      answering.delete(res);
      const left = (busy.get(socket) ?? 1) - 1;
      if (!busy.has(socket)) return;
      busy.set(socket, left);
      if (closing && left === 0) socket.end();
    });
  }

  async function drain(): Promise<DrainReport> {
    const started = Date.now();
    closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [socket, requests] of busy) if (requests === 0) socket.end();
    for (const res of answering) if (!res.headersSent) res.setHeader("Connection", "close");
    let cut = 0;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        cut = busy.size;
        for (const socket of busy.keys()) socket.destroy();
        resolve(false);
      }, timeoutMs);
    });
    const drained = await Promise.race([closed.then(() => true), late]);
    clearTimeout(timer);
    await closed;
    return { drained, cut, ms: Date.now() - started };
  }

  return { track, drain, inflight: () => [...busy.values()].reduce((a, b) => a + b, 0) };
}

export type ShutdownStep = { name: string; run: () => Promise<unknown> };

/**
 * The whole sequence, once whatever the number of signals: drain the HTTP server, then each
 * step in order (the digest worker after its current job, then the database pool), each bounded
 * by `stepTimeoutMs` and none stopping the next when it fails. Resolves with the exit code: 0,
 * since a server that answered everything it took has shut down as asked, even if a step failed
 * (it is logged).
 */
export function shutdownOnce({
  drain,
  steps,
  stepTimeoutMs,
  log,
}: {
  drain: () => Promise<DrainReport>;
  steps: ShutdownStep[];
  stepTimeoutMs: number;
  log: (line: string) => void;
}) {
  let running: Promise<number> | undefined;
  return (signal: string) =>
    (running ??= (async () => {
      log(`${signal}: no new connections; answering the requests in flight`);
      const report = await drain();
      log(report.drained ? `drained in ${report.ms} ms` : `drain timed out after ${report.ms} ms: ${report.cut} connections cut`);
      for (const step of steps) {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`took over ${stepTimeoutMs} ms`)), stepTimeoutMs)));
        try {
          await Promise.race([step.run(), bound]);
        } catch (error) {
          log(`could not ${step.name}: ${error instanceof Error ? error.message : error}`);
        } finally {
          clearTimeout(timer);
        }
      }
      log("stopped");
      return 0;
    })());
}
