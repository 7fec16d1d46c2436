// HTTP side of the benchmark: free ports, waiting for the server, signing in through
// next-auth like a browser, checked page fetches, and autocannon runs that fail loudly.
import net from "node:net";
import autocannon from "autocannon";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; gives up when `alive()` turns false or after `timeoutMs`. */
export async function waitUntilServing(url, { alive = () => true, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the server exited before answering ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** `name=value` pairs from Set-Cookie headers, merged into a cookie jar (a Map). */
function keepCookies(jar, res) {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0];
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return jar;
}
const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials callback; returns the Cookie header of the session. */
export async function signIn(base, { email, password }) {
  const jar = new Map();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}`);
  const { csrfToken } = await csrfRes.json();
  keepCookies(jar, csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/timeline` }),
  });
  const text = await res.text();
  keepCookies(jar, res);
  const token = jar.get("next-auth.session-token");
  if (!token) throw new Error(`sign-in of ${email} failed: ${res.status} ${text.slice(0, 200)}`);
  return `next-auth.session-token=${token}`;
}

/** One GET that must answer 200 (no redirect followed) and contain `mustContain`. */
export async function fetchPage(url, { cookie, headers = {}, mustContain } = {}) {
  const res = await fetch(url, { redirect: "manual", headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) {
    const where = res.headers.get("location");
    throw new Error(`GET ${url} answered ${res.status}${where ? ` (redirect to ${where})` : ""}, expected 200`);
  }
  if (mustContain && !body.includes(mustContain)) throw new Error(`GET ${url} answered 200 but the page does not contain "${mustContain}"`);
  return { body, headers: res.headers };
}

/**
 * A few sequential requests of `url` (nothing else running): their median latency, and the
 * SQL statements the server sent for one request, or null when the server does not expose
 * its counter. The count is read from the `x-callback-sql-queries` response header; failing
 * that, from the delta of `/api/bench/metrics` ({ sqlQueries }) around one request (the
 * benchmark is the only client, so the delta is that request's). Both exist only with
 * CALLBACK_BENCH_METRICS=1, and only if the product adds them.
 */
export async function probe(base, url, { cookie, headers: extra = {}, mustContain, samples = 3 }) {
  const counter = async () => {
    const res = await fetch(`${base}/api/bench/metrics`, { redirect: "manual" }).catch(() => null);
    if (!res || res.status !== 200) return null;
    const json = await res.json().catch(() => null);
    return typeof json?.sqlQueries === "number" ? json.sqlQueries : null;
  };
  const counts = [];
  const times = [];
  const cache = [];
  for (let i = 0; i < samples; i++) {
    const before = await counter();
    const start = performance.now();
    const { headers } = await fetchPage(url, { cookie, headers: extra, mustContain });
    times.push(performance.now() - start);
    cache.push(headers.get("x-callback-page-cache") ?? "none");
    const header = headers.get("x-callback-sql-queries");
    if (header !== null && /^\d+$/.test(header.trim())) counts.push(Number(header));
    else if (before !== null) {
      const after = await counter();
      if (after !== null) counts.push(after - before);
    }
  }
  times.sort((a, b) => a - b);
  return {
    sequentialMs: times[Math.floor(times.length / 2)],
    // The same figure every time, or the smallest (a stray background query only ever adds).
    sqlQueries: counts.length === samples ? Math.min(...counts) : null,
    // What the page cache said of each sample (hit, miss, or none when it was not asked).
    cache,
  };
}

/**
 * Runs autocannon and returns its figures; throws on any error, timeout or non-2xx answer,
 * since a benchmark of redirects or failures would time the wrong thing.
 */
export async function load(url, { cookie, headers = {}, connections, duration, timeout = 30, label, warmup = false }) {
  const result = await autocannon({ url, connections, duration, timeout, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const failures = [];
  if (result.errors) failures.push(`${result.errors} errors`);
  if (result.timeouts) failures.push(`${result.timeouts} timeouts`);
  if (result.non2xx) failures.push(`${result.non2xx} non-2xx answers`);
  // A warm-up may end before a slow page's first answer; a measurement may not.
  if (result["2xx"] === 0 && !warmup) failures.push("no successful answer");
  if (failures.length) throw new Error(`load on ${label ?? url}: ${failures.join(", ")}`);
  return {
    requests: result["2xx"],
    seconds: result.duration,
    requestsPerSecond: result["2xx"] / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}
