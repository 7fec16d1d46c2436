// The page cache of the app server (scripts/server.mjs): a signed-in page that nothing has
// changed since it was rendered is sent again instead of rendered again.
//
// Why: rendering a page through Next and React costs milliseconds of CPU whatever it shows
// (measured: a 12 KB sign-in form 3.9 ms, the timeline at 200 jobs ~20 ms, against 1.1 ms for
// /api/health), and a job seeker's timeline changes only when their data does or their day
// turns. docs/decisions/011-page-cache.md has the measurements and the alternatives.
//
// Correctness rests on the key, which the data layer gives (lib/data/page-cache.ts, reached
// through `identify`): the user the session cookie proves (checked against the database on every
// request, exactly as a render checks it), that user's page version (moved by database triggers
// in the same transaction as every change a page shows) and their local day; plus the page's
// path and query, the host and the Accept-Language header. A stored page is only sent to a
// request with the same key, so it goes to the user it was rendered for, and only while it is
// still true. Every response keeps its own CSP nonce: the stored body is split at its nonce and
// joined with a fresh one.
//
// Each app server keeps its own store in memory (nothing is shared, nothing to invalidate across
// servers: the key is read from the one database on every request). Bounded by PAGE_CACHE_MB
// (default 48; 0 turns it off), at most 8 pages per user, least recently used first out.
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const gzip = promisify(zlib.gzip);

/** The pages kept, by pathname: each with the queries that make another page of it. */
const PAGES = new Map([["/timeline", /^(?:\?section=[a-z_]{1,16})?$/]]);
// Request headers of Next's client-side navigation, prefetches and server actions: never served
// from the store (their answers are RSC payloads or mutations, not the page).
const NEXT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url", "x-middleware-subrequest"];
// Per-connection or per-response headers: never stored.
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "set-cookie", "x-callback-page-cache"]);
const PER_USER = 8;

/** The same nonce as proxy.ts makes for a rendered page. */
export const newNonce = () => Buffer.from(randomUUID()).toString("base64");

/**
 * @param {{ maxBytes: number, identify: () => ((cookie: string | undefined) => Promise<{ userId: string, pageVersion: number, day: string } | null>) | undefined, log?: (message: string) => void }} options
 */
export function createPageCache({ maxBytes, identify, log = () => {} }) {
  const maxEntryBytes = Math.min(4 << 20, Math.floor(maxBytes / 4));
  /** slot ("user\npage\nhost\nlanguage") → { variant, entry }; Map order is recency. */
  const slots = new Map();
  /** userId → Set of that user's slots. */
  const byUser = new Map();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0, evicted: 0 };

  function drop(slot) {
    const held = slots.get(slot);
    if (!held) return;
    slots.delete(slot);
    bytes -= held.entry.bytes;
    const mine = byUser.get(held.userId);
    mine?.delete(slot);
    if (mine && mine.size === 0) byUser.delete(held.userId);
  }

  function put(slot, userId, variant, entry) {
    drop(slot);
    if (entry.bytes > maxEntryBytes) return;
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
  async function lookup(req, res) {
    if (maxBytes <= 0 || req.method !== "GET") return null;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? "" : url.slice(q);
    const queries = PAGES.get(pathname);
    if (!queries || !queries.test(search)) return null;
    if (NEXT_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    const language = String(req.headers["accept-language"] ?? "");
    const host = String(req.headers.host ?? "");
    if (language.length > 256 || host.length > 256) return null;
    const gate = identify();
    if (!gate) return null;
    const who = await gate(req.headers.cookie);
    if (!who) return null; // not signed in: Next answers (a redirect to sign in)
    const slot = `${who.userId}\n${pathname}${search}\n${host}\n${language}`;
    const variant = `${who.pageVersion}\n${who.day}`;
    const held = slots.get(slot);
    if (held && held.variant === variant) {
      // Most recently used goes last.
      slots.delete(slot);
      slots.set(slot, held);
      stats.hits++;
      await send(req, res, held.entry);
      return { handled: true };
    }
    stats.misses++;
    res.setHeader("X-Callback-Page-Cache", "miss");
    return { handled: false, watch: () => watch(res, (entry) => put(slot, who.userId, variant, entry)) };
  }

  return { lookup, stats, get bytes() { return bytes; }, get size() { return slots.size; } };

  /** Copies what Next sends; stores it when it was a whole, plain, cookie-free 200 page. */
  function watch(res, store) {
    const chunks = [];
    let size = 0;
    let tooBig = false;
    let writeHeadHeaders = null;
    const collect = (chunk, encoding) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
      size += buffer.length;
      if (size > maxEntryBytes) {
        tooBig = true;
        chunks.length = 0;
      } else chunks.push(buffer);
    };
    const { write, end, writeHead } = res;
    res.writeHead = function (...args) {
      const headers = args.find((a, i) => i > 0 && a && typeof a === "object");
      if (headers) writeHeadHeaders = Array.isArray(headers) ? null : headers;
      return writeHead.apply(this, args);
    };
    res.write = function (chunk, encoding, ...rest) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, ...rest);
    };
    res.end = function (chunk, encoding, ...rest) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, ...rest);
    };
    res.once("finish", () => {
      if (tooBig || res.statusCode !== 200) return;
      const headers = { ...res.getHeaders(), ...(writeHeadHeaders ?? {}) };
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      if (lower["set-cookie"] !== undefined || !String(lower["content-type"] ?? "").startsWith("text/html")) return;
      const csp = String(lower["content-security-policy"] ?? "");
      const nonce = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp)?.[1];
      if (!nonce) return; // every page has one (proxy.ts); without it, something is off: do not keep it
      const encoding = String(lower["content-encoding"] ?? "identity");
      const body = Buffer.concat(chunks);
      const decode = encoding === "gzip" ? gunzip(body) : encoding === "deflate" ? inflate(body) : encoding === "identity" ? Promise.resolve(body) : null;
      if (!decode) return;
      decode.then(
        (plain) => {
          const kept = Object.entries(lower).filter(([k]) => !HOP_HEADERS.has(k));
          store({ headers: kept, parts: split(plain, Buffer.from(nonce)), nonce, bytes: plain.length + 2048 });
        },
        (error) => log(`page cache: could not read a rendered page back (${error.message})`),
      );
    });
  }
}

/** The stored page with a fresh nonce, compressed for a client that takes gzip. */
async function send(req, res, entry) {
  const nonce = newNonce();
  const nonceBytes = Buffer.from(nonce);
  const pieces = [];
  entry.parts.forEach((part, i) => {
    if (i > 0) pieces.push(nonceBytes);
    pieces.push(part);
  });
  let body = Buffer.concat(pieces);
  for (const [name, value] of entry.headers) {
    res.setHeader(name, name === "content-security-policy" ? String(value).replaceAll(entry.nonce, nonce) : value);
  }
  res.setHeader("X-Callback-Page-Cache", "hit");
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && body.length > 1024) {
    body = await gzip(body, { level: 1 }); // in libuv's thread pool, off the event loop
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", body.length);
  res.statusCode = 200;
  res.end(body);
}

/** The buffer's pieces between occurrences of `separator`. */
export function split(buffer, separator) {
  const parts = [];
  let from = 0;
  for (let at = buffer.indexOf(separator); at !== -1; at = buffer.indexOf(separator, from)) {
    parts.push(buffer.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(buffer.subarray(from));
  return parts;
}
