// Runs once when a Next server starts (production or dev), before it takes requests.
export async function register() {
  // The literal check lets Next leave the worker (pg-boss, nodemailer) out of the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startDigestWorkerFromEnv } = await import("./lib/worker/digest-worker");
    startDigestWorkerFromEnv();
  }
}
