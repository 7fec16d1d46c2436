// The page cache of the app server (server/index.ts): a signed-in page that nothing has
// changed since it was rendered is sent again instead of rendered again.
//
// Why: rendering a page through Next and React costs milliseconds of CPU whatever it shows
// (measured: a 12 KB sign-in form 3.9 ms, the timeline at 200 jobs ~20 ms, against 1.1 ms for
// /api/health), and a job seeker's timeline changes only when their data does or their day
// turns. docs/decisions/011-page-cache.md has the measurements and the alternatives.
//
// Correctness rests on the key, which the data layer gives (lib/data/page-cache.ts, passed in as
// `identify`): the user the session cookie proves (checked against the database on every
// request, exactly as a render checks it), that user's page version (moved by database triggers
// in the same transaction as every change a page shows) and their local day; plus the page's
// path and query, the host and the Accept-Language header. A stored page is only sent to a
// request with the same key, so it goes to the user it was rendered for, and only while it is
// still true. Every response keeps its own CSP nonce: the stored body is split at its nonce and
// joined with a fresh one. A page kept here may depend on nothing outside its key: one that starts
// reading another cookie or header, or showing another table, must add it to the key or the triggers.
//
// Each app server keeps its own store in memory (nothing is shared, nothing to invalidate across
// servers: the key is read from the one database on every request). Bounded by PAGE_CACHE_MB
// (default 48; 0 turns it off), at most 8 pages per user, least recently used first out.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { PageCacheIdentity } from "@/lib/data/page-cache";
import { negotiateLocale } from "@/lib/time/locale";

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const gzip = promisify(zlib.gzip);

/** Who a request's cookie header proves, at which page version and day; null: not signed in. Throws when it cannot tell (the database). */
export type Identify = (cookie: string | undefined) => Promise<PageCacheIdentity | null>;
export type Lookup = { handled: true } | { handled: false; watch: () => void } | null;
export type PageCache = ReturnType<typeof createPageCache>;
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type Variant = Pick<PageCacheIdentity, "pageVersion" | "day">;
type Entry = { headers: [string, OutgoingHttpHeader][]; parts: Buffer[]; nonce: string; bytes: number };

/** The pages kept, by pathname: each with the queries that make another page of it. */
const PAGES = new Map([["/timeline", /^(?:\?section=[a-z_]{1,16})?$/]]);
// Only what a browser sends when it opens the page as a document (Fetch Metadata: every current
// browser sends it on a navigation). An allowlist, not a list of the framework's private headers:
// Next's navigations, prefetches and actions are fetch() calls ("empty"), whatever headers a
// later Next version adds to them, and a client without the header simply gets a render.
const isDocumentRequest = (req: IncomingMessage) => req.headers["sec-fetch-dest"] === "document";
// Per-connection or per-response headers: never stored.
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "set-cookie", "x-callback-page-cache"]);
const PER_USER = 8;

/** The same nonce as proxy.ts makes for a rendered page. */
export const newNonce = () => Buffer.from(randomUUID()).toString("base64");

export function createPageCache({ maxBytes, identify, log = () => {} }: { maxBytes: number; identify: Identify; log?: (message: string) => void }) {
  // Fail closed: without the data layer's rule nobody can be told a stored page is theirs, and a
  // cache that quietly turned itself off would hide a broken build. Refuse to start instead.
  if (typeof identify !== "function") throw new TypeError("page cache: `identify` (lib/data/page-cache.ts) is required");
  const maxEntryBytes = Math.min(4 << 20, Math.floor(maxBytes / 4));
  /** slot ("user\npage\nhost\nscheme\nlanguage") → { userId, variant, entry }; Map order is recency. */
  const slots = new Map<string, { userId: string; variant: Variant; entry: Entry }>();
  /** userId → Set of that user's slots. */
  const byUser = new Map<string, Set<string>>();
  /**
   * slot → the page being unpacked for it: a compressed answer is stored once gunzip (in the
   * thread pool) is done, a few milliseconds after the client has the whole page and may already
   * ask again. A request for that slot waits for it rather than rendering the page again.
   */
  const pending = new Map<string, { variant: Variant; done: Promise<void> }>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0, evicted: 0 };

  function drop(slot: string | undefined) {
    const held = slot === undefined ? undefined : slots.get(slot);
    if (!held) return;
    slots.delete(slot!);
    bytes -= held.entry.bytes;
    const mine = byUser.get(held.userId);
    mine?.delete(slot!);
    if (mine && mine.size === 0) byUser.delete(held.userId);
  }

  function put(slot: string, userId: string, variant: Variant, entry: Entry | null) {
    // A slow render of an older version must not replace a newer page (it could never be sent).
    const held = slots.get(slot);
    if (held && newer(held.variant, variant)) return;
    drop(slot);
    if (!entry || entry.bytes > maxEntryBytes) return;
    slots.set(slot, { userId, variant, entry });
    bytes += entry.bytes;
    let mine = byUser.get(userId);
    if (!mine) byUser.set(userId, (mine = new Set()));
    mine.add(slot);
    stats.stored++;
    while (mine.size > PER_USER) {
      drop(mine.values().next().value);
      stats.evicted++;
    }
    for (const oldest of slots.keys()) {
      if (bytes <= maxBytes) break;
      drop(oldest);
      stats.evicted++;
    }
  }

  /**
   * Handles the request if it can be answered from the store; otherwise returns a function
   * that Next's handling must be wrapped in (it watches the response and stores it), or null
   * when the request is none of the cache's business.
   */
  async function lookup(req: IncomingMessage, res: ServerResponse): Promise<Lookup> {
    if (maxBytes <= 0 || req.method !== "GET") return null;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? "" : url.slice(q);
    const queries = PAGES.get(pathname);
    if (!queries || !queries.test(search)) return null;
    if (!isDocumentRequest(req)) return null;
    const language = String(req.headers["accept-language"] ?? "");
    const host = String(req.headers.host ?? "");
    if (language.length > 256 || host.length > 256) return null;
    const who = await identify(req.headers.cookie);
    if (!who) return null; // not signed in: Next answers (a redirect to sign in)
    // The scheme matters too: proxy.ts sends HSTS only on pages asked for over https.
    const scheme = String(req.headers["x-forwarded-proto"] ?? "").slice(0, 8);
    // The page shows dates in the negotiated locale, so that (a bounded set) keys it, not the header.
    const slot = `${who.userId}\n${pathname}${search}\n${host}\n${scheme}\n${negotiateLocale(language)}`;
    const variant = { pageVersion: who.pageVersion, day: who.day };
    const unpacking = pending.get(slot);
    if (unpacking && sameVariant(unpacking.variant, variant)) await unpacking.done;
    const held = slots.get(slot);
    if (held && sameVariant(held.variant, variant)) {
      // Most recently used goes last, in the whole store and among the user's pages.
      slots.delete(slot);
      slots.set(slot, held);
      const mine = byUser.get(who.userId);
      mine?.delete(slot);
      mine?.add(slot);
      stats.hits++;
      await send(req, res, held.entry);
      return { handled: true };
    }
    stats.misses++;
    res.setHeader("X-Callback-Page-Cache", "miss");
    return {
      handled: false,
      watch: () =>
        watch(
          res,
          (entry) => put(slot, who.userId, variant, entry),
          (done) => {
            const mine = { variant, done };
            pending.set(slot, mine);
            void done.finally(() => pending.get(slot) === mine && pending.delete(slot));
          },
        ),
    };
  }

  return {
    lookup,
    stats,
    get bytes() {
      return bytes;
    },
    get size() {
      return slots.size;
    },
  };

  /** Copies what Next sends; stores it when it was a whole, plain, cookie-free 200 page. */
  function watch(res: ServerResponse, store: (entry: Entry | null) => void, unpacking: (done: Promise<void>) => void) {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxEntryBytes) {
        tooBig = true;
        chunks.length = 0;
      } else chunks.push(buffer);
    };
    // Node's overloads of write and end, called through as they were called.
    type Passthrough = (this: ServerResponse, chunk?: unknown, encoding?: unknown, ...rest: unknown[]) => unknown;
    const write = res.write as Passthrough;
    const end = res.end as Passthrough;
    res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, ...rest: unknown[]) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, ...rest);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, ...rest: unknown[]) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, ...rest);
    } as ServerResponse["end"];
    res.once("finish", () => {
      if (tooBig || res.statusCode !== 200) return;
      // Complete: lookup() set a header before Next wrote any, so Node keeps the headers of a
      // later writeHead(status, headers) in getHeaders() too.
      const lower = res.getHeaders();
      if (lower["set-cookie"] !== undefined || !String(lower["content-type"] ?? "").startsWith("text/html")) return;
      const csp = String(lower["content-security-policy"] ?? "");
      const nonce = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp)?.[1];
      if (!nonce) return; // every page has one (proxy.ts); without it, something is off: do not keep it
      const encoding = String(lower["content-encoding"] ?? "identity");
      const body = Buffer.concat(chunks);
      const bound = { maxOutputLength: maxEntryBytes };
      const decode = encoding === "gzip" ? gunzip(body, bound) : encoding === "deflate" ? inflate(body, bound) : encoding === "identity" ? Promise.resolve(body) : null;
      if (!decode) return;
      const done = decode.then(
        (plain) => {
          const kept = Object.entries(lower).filter((header): header is [string, OutgoingHttpHeader] => !HOP_HEADERS.has(header[0]) && header[1] !== undefined);
          store({ headers: kept, parts: split(plain, Buffer.from(nonce)), nonce, bytes: plain.length + 2048 });
        },
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ERR_BUFFER_TOO_LARGE") store(null); // too big once unpacked: keep nothing
          else log(`page cache: could not read a rendered page back (${error.message})`);
        },
      );
      // Registered as the response finishes, before a later request of the client is read.
      unpacking(done);
    });
  }
}

/**
 * The server's request handler: the store first, then Next (`handle`), which the store watches
 * when the page may be kept. `bypass(req)`: skip the store for this request (the benchmark).
 */
export function servePages({
  cache,
  handle,
  bypass = () => false,
  log = (message) => console.error(`[callback] ${message}`),
}: {
  cache: Pick<PageCache, "lookup">;
  handle: Handler;
  bypass?: (req: IncomingMessage) => boolean;
  log?: (message: string) => void;
}): Handler {
  return async function serve(req, res) {
    if (!bypass(req)) {
      let cached: Lookup;
      try {
        cached = await cache.lookup(req, res);
      } catch (error) {
        // The session check failed: the database is down or starved, and the same check opens
        // every render, which would now wait as long again. Say so at once; the client may retry.
        log(`page cache: the session check failed (${(error as Error).message}); answering 503`);
        return unavailable(res);
      }
      if (cached?.handled) return;
      cached?.watch();
    }
    await handle(req, res);
  };
}

function unavailable(res: ServerResponse) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(503, {
    "Content-Type": "text/html; charset=utf-8",
    "Retry-After": "5",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
  });
  res.end(
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
      "<title>Callback is unavailable</title></head><body style=\"font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem\">" +
      "<h1>Callback can't reach its database</h1><p>Nothing you entered is lost. Try again in a moment: " +
      '<a href="">reload this page</a>.</p></body></html>',
  );
}

/** The stored page with a fresh nonce, compressed for a client that takes gzip. */
async function send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
  const nonce = newNonce();
  const nonceBytes = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  entry.parts.forEach((part, i) => {
    if (i > 0) pieces.push(nonceBytes);
    pieces.push(part);
  });
  let body = Buffer.concat(pieces);
  for (const [name, value] of entry.headers) {
    res.setHeader(name, name === "content-security-policy" ? String(value).replaceAll(entry.nonce, nonce) : value);
  }
  res.setHeader("X-Callback-Page-Cache", "hit");
  if (acceptsGzip(req.headers["accept-encoding"]) && body.length > 1024) {
    body = await gzip(body, { level: 1 }); // in libuv's thread pool, off the event loop
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", body.length);
  res.statusCode = 200;
  res.end(body);
}

const sameVariant = (a: Variant, b: Variant) => a.pageVersion === b.pageVersion && a.day === b.day;
/** Whether page variant `a` was rendered from later data than `b`: a higher version (a time zone change moves it too), or a later day. */
const newer = (a: Variant, b: Variant) => a.pageVersion > b.pageVersion || (a.pageVersion === b.pageVersion && a.day > b.day);

/** Accept-Encoding allows gzip: listed (or "*") with a q-value above 0 (RFC 9110, 12.5.3). */
export function acceptsGzip(header: string | undefined): boolean {
  let gzip: number | null = null;
  let star: number | null = null;
  for (const part of String(header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === "gzip" || name === "x-gzip") gzip = weight;
    else if (name === "*") star = weight;
  }
  const weight = gzip ?? star ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

/** The buffer's pieces between occurrences of `separator`. */
export function split(buffer: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = buffer.indexOf(separator); at !== -1; at = buffer.indexOf(separator, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(buffer.subarray(from));
  return parts;
}
