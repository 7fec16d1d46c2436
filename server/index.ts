// The HTTP server in front of Next (production and dev): Next's documented custom-server API,
// for what `next start` cannot do (docs/decisions/002-custom-server.md), each in its own file:
// - the client address (client-address.ts): socket address unless TRUST_PROXY=1;
// - request bodies capped by their declared length before Next reads them (body-limit.ts);
// - load shedding (shedding.ts): beyond MAX_INFLIGHT requests in progress a fast 503;
// - the page cache (page-cache.ts, docs/decisions/011-page-cache.md): an unchanged signed-in page
//   is sent again instead of rendered again;
// - Next's static files sent with Brotli where the build compressed them (static-assets.ts);
// - graceful shutdown on SIGTERM (shutdown.ts): drain, stop the digest worker, close the pool.
// Node runs the bundle scripts/lib/build.mjs makes of this folder (`npm run build`), not this file.
import http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "@/lib/env";
import { refuseLargeBody } from "./body-limit";
import { stampClientAddress } from "./client-address";
import { createPageCache, servePages } from "./page-cache";
import { createShedding } from "./shedding";
import { createStaticAssets } from "./static-assets";
import { drainable, shutdownOnce } from "./shutdown";

const dev = process.argv.includes("--dev");
// Everything the server reads from the environment, bounded by the one schema (lib/env.ts).
const settings = env();
const config = {
  port: settings.PORT,
  host: settings.HOST,
  trustProxy: settings.TRUST_PROXY,
  maxBody: settings.MAX_BODY_BYTES,
  maxInflight: settings.MAX_INFLIGHT,
  healthMaxInflight: settings.HEALTH_MAX_INFLIGHT,
  // Off in dev, where a page must show the code just edited.
  pageCacheBytes: dev ? 0 : settings.PAGE_CACHE_MB * 1024 * 1024,
  // The benchmark measures rendering too: with its metrics switch on (never in production), a
  // request may ask to skip the store.
  benchBypass: settings.CALLBACK_BENCH_METRICS,
  // Names this server in every answer (X-Callback-Server), for load balancer logs and the drill.
  serverId: settings.SERVER_ID,
  shutdownMs: settings.SHUTDOWN_TIMEOUT_S * 1000,
};

async function main() {
  const shedding = createShedding(config);
  const app = next({ dev, port: config.port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The page cache's authorization rule, from lib/data: compiled into this bundle, so a server
  // without it does not build, and createPageCache refuses to run without it. Loaded once Next
  // has set up its Node environment (AsyncLocalStorage, .env files), which next/server and
  // next-auth, imported by lib/data, read as they load.
  const { pageCacheIdentity } = await import("@/lib/data/page-cache");
  const pageCache = createPageCache({ maxBytes: config.pageCacheBytes, identify: pageCacheIdentity, log: (message) => console.error(`[callback] ${message}`) });
  // Dev serves files as it compiles them, uncompressed by the build: nothing to send there.
  const staticAssets = createStaticAssets(dev ? "" : path.join(process.cwd(), settings.NEXT_DIST_DIR, "static"));
  const serve = servePages({ cache: pageCache, handle, bypass: (req) => config.benchBypass && req.headers["x-callback-page-cache"] === "bypass" });

  const server = http.createServer((req, res) => {
    connections.track(req, res);
    if (config.serverId) res.setHeader("X-Callback-Server", config.serverId);
    const settle = shedding.admit(req, res);
    if (!settle) return;
    stampClientAddress(req, config.trustProxy);
    if (refuseLargeBody(req, res, config.maxBody)) return settle();
    if (staticAssets.serve(req, res)) return settle();
    serve(req, res).then(settle, (error) => {
      settle();
      console.error(error);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        res.end("Something went wrong. Try again in a moment.");
      } else res.destroy();
    });
  });
  const connections = drainable(server, { timeoutMs: config.shutdownMs });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  server.listen(config.port, config.host, () => console.log(`[callback] ready on http://localhost:${config.port}${dev ? " (dev)" : ""}`));

  const log = (line: string) => console.log(`[callback] shutdown: ${line}`);
  const shutdown = shutdownOnce({
    drain: connections.drain,
    stepTimeoutMs: config.shutdownMs,
    log,
    steps: [
      // Started by instrumentation.ts in this process; pg-boss lets the running tick finish.
      { name: "stop the digest worker", run: async () => (await import("@/lib/worker/digest-worker")).stopDigestWorker() },
      // Last: the worker's final tick may still write. The same pool serves Next's bundle (lib/db.ts).
      { name: "close the database pool", run: async () => (await import("@/lib/db")).closeDatabase() },
    ],
  });
  const stop = (signal: string) => void shutdown(signal).then((code) => process.exit(code));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(`[callback] the server could not start: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exit(1);
});
