// Runs once when a Next server starts (production or dev), before it takes requests.
export async function register() {
  // The literal check lets Next leave the worker (pg-boss, nodemailer) out of the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startDigestWorkerFromEnv } = await import("./lib/jobs/digest-worker");
    startDigestWorkerFromEnv();
    // The custom server (scripts/server.mjs) runs in this process but outside Next's bundle:
    // it reaches the page cache's authorization rule in lib/data through this one handle.
    const { pageCacheIdentity } = await import("./lib/data/page-cache");
    (globalThis as Record<symbol, unknown>)[Symbol.for("callback.pageCacheIdentity")] = pageCacheIdentity;
  }
}
