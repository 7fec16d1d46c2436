#!/usr/bin/env node
// The HTTP server in front of Next (production and dev): Next's documented custom-server
// API, for what `next start` cannot do:
// - the client address: Next keeps a client-sent X-Forwarded-For as it is, so rate limits
//   keyed on it could be dodged by rotating the header. Here it is overwritten with the
//   socket's address unless TRUST_PROXY=1 says a reverse proxy in front sets it.
// - request bodies are capped (MAX_BODY_BYTES, by Content-Length) before Next reads them.
// - load shedding: beyond MAX_INFLIGHT requests in progress, a new one is answered 503 with
//   Retry-After at once, instead of queueing (for the one event loop, and the database pool)
//   until clients give up. How the default was chosen: docs/decisions/010-load-shedding-and-timeouts.md.
// - the page cache: an unchanged signed-in page is sent again instead of rendered again
//   (scripts/lib/page-cache.mjs, docs/decisions/011-page-cache.md).
import http from "node:http";
import next from "next";
import { createPageCache, servePages } from "./lib/page-cache.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true";
const maxBody = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);
// 0 turns shedding off (the pool drill uses it to show what happens without it).
const maxInflight = Number(process.env.MAX_INFLIGHT ?? 64);
// The health check has a small budget of its own instead of the shared one: under overload a
// monitor must still learn whether the database answers (shedding it would have an orchestrator
// restart a busy but healthy server), and its own cap keeps it from being a way around shedding.
// 32: above the handful a load balancer's probes need, and the 10 connections of the benchmark.
const HEALTH_MAX_INFLIGHT = Number(process.env.HEALTH_MAX_INFLIGHT ?? 32);
const inflight = { app: 0, health: 0 };

function overloaded(req, res) {
  res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ error: "overloaded", message: "The server is busy. Try again in a moment." }));
  req.resume();
}

// The benchmark measures rendering too: with its metrics switch on (never in production), a
// request may ask to skip the store.
const benchBypass = process.env.CALLBACK_BENCH_METRICS === "1";
const pageCache = createPageCache({
  // Off in dev, where a page must show the code just edited.
  maxBytes: dev ? 0 : Math.max(0, Number(process.env.PAGE_CACHE_MB ?? 48) || 0) * 1024 * 1024,
  // Registered by instrumentation.ts once Next has loaded: the authorization rule in lib/data.
  identify: () => globalThis[Symbol.for("callback.pageCacheIdentity")],
  log: (message) => console.error(`[callback] ${message}`),
});

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();
const serve = servePages({ cache: pageCache, handle, bypass: (req) => benchBypass && req.headers["x-callback-page-cache"] === "bypass" });

const server = http.createServer((req, res) => {
  // Build assets never touch the database: served whatever the load.
  const url = req.url ?? "/";
  let settle = () => {};
  if (!url.startsWith("/_next/static/")) {
    const kind = url === "/api/health" || url.startsWith("/api/health?") ? "health" : "app";
    const cap = kind === "health" ? HEALTH_MAX_INFLIGHT : maxInflight;
    if (cap > 0 && inflight[kind] >= cap) return overloaded(req, res);
    inflight[kind]++;
    // In flight until both the connection is done with it ("close": answered or gone) and Next
    // is (a client that gave up does not free the work it left behind).
    let pending = 2;
    settle = () => --pending === 0 && inflight[kind]--;
    res.once("close", settle);
  }
  const forwarded = String(req.headers["x-forwarded-for"] ?? "");
  // Behind a trusted proxy the last hop it appended is the client; otherwise the socket is.
  const client = trustProxy && forwarded ? forwarded.split(",").at(-1).trim() : req.socket.remoteAddress ?? "unknown";
  req.headers["x-forwarded-for"] = client;
  req.headers["x-callback-client-ip"] = client;
  // Bodies are capped by their declared length, without reading them (Next reads the
  // stream itself). A body of undeclared length (chunked) is refused for the same reason.
  const length = Number(req.headers["content-length"] ?? 0);
  const chunked = /chunked/i.test(String(req.headers["transfer-encoding"] ?? ""));
  if (length > maxBody || (chunked && req.headers["content-length"] === undefined)) {
    const status = chunked && length === 0 ? 411 : 413;
    // No "Connection: close": with it Node closes the socket at once on unread data, and a
    // client still sending its body (most send it all before reading) gets a connection reset
    // instead of this answer. The rest of the body is read and discarded, for 10 s at most.
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: status === 411 ? "length_required" : "payload_too_large", message: status === 411 ? "Send a Content-Length." : `Request bodies are limited to ${maxBody} bytes.` }));
    const linger = setTimeout(() => req.destroy(), 10_000);
    req.once("end", () => clearTimeout(linger)).once("close", () => clearTimeout(linger));
    req.resume();
    settle();
    return;
  }
  serve(req, res).then(settle, (error) => {
    settle();
    console.error(error);
    if (!res.headersSent) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Something went wrong. Try again in a moment.");
    } else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 30_000;
server.listen(port, host, () => console.log(`[callback] ready on http://localhost:${port}${dev ? " (dev)" : ""}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
