import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PageCacheIdentity as Identity } from "@/lib/data/page-cache";
import { createPageCache, newNonce, servePages, split, type Identify as Gate } from "./page-cache";

const DAY = "2026-03-04";

/** How the fake Next answers the next requests; a test changes it before asking. */
type Render = {
  status: number;
  /** Added to (or replacing) the page's usual headers. */
  headers: Record<string, string | string[]>;
  /** A CSP with a nonce, as proxy.ts gives every page; false: a CSP without one. */
  nonce: boolean;
  encoding: "identity" | "gzip" | "deflate";
  padding: number;
  via: "setHeader" | "writeHead";
  /** "destroy": Next fails midway (server/index.ts destroys the response); "after-client-gone": Next ends once the client hung up. */
  ending: "end" | "destroy" | "after-client-gone";
  /** Waits this long before answering (a slow render). */
  delayMs: number;
};
const PAGE: Render = { status: 200, headers: {}, nonce: true, encoding: "identity", padding: 2000, via: "setHeader", ending: "end", delayMs: 0 };

type Marker = { render: number; user: string | null; version: number | null; day: string | null; url: string; lang: string | null; host: string | null };

/** Plays Next: a streamed page whose scripts carry the nonce of its CSP, and a marker of what it rendered for whom. */
async function fakeNext(req: http.IncomingMessage, res: http.ServerResponse, render: Render, marker: Marker) {
  if (render.delayMs) await new Promise((resolve) => setTimeout(resolve, render.delayMs));
  const nonce = newNonce();
  let chunks = [
    `<!DOCTYPE html><html lang="en"><head><script src="/_next/static/chunks/main.js" nonce="${nonce}" async></script></head><body>`,
    `<main><h1>Your timeline</h1><p>Relancer le café ☕ ${"x".repeat(render.padding)}</p></main>`,
    `<script type="application/json" id="marker">${JSON.stringify(marker)}</script><script nonce="${nonce}">self.__next_f=self.__next_f||[]</script>`,
    `<script nonce="${nonce}">self.__next_f.push([1,"☕"])</script></body></html>`,
  ].map((piece) => Buffer.from(piece));
  const headers: Record<string, string | string[] | number> = {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": render.nonce ? `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'` : "default-src 'self'; object-src 'none'",
    "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
    "x-frame-options": "DENY",
  };
  if (render.encoding !== "identity") {
    const body = render.encoding === "gzip" ? zlib.gzipSync(Buffer.concat(chunks)) : zlib.deflateSync(Buffer.concat(chunks));
    Object.assign(headers, { "content-encoding": render.encoding, "content-length": body.length });
    const third = Math.ceil(body.length / 3);
    chunks = [body.subarray(0, third), body.subarray(third, 2 * third), body.subarray(2 * third)];
  }
  Object.assign(headers, render.headers);
  if (render.via === "writeHead") res.writeHead(render.status, headers);
  else {
    res.statusCode = render.status;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  }
  for (const [i, chunk] of chunks.entries()) {
    if (i === 1 && render.ending === "destroy") return void res.destroy();
    if (i === 1 && render.ending === "after-client-gone") {
      if (!res.destroyed) await once(res, "close");
      return void res.end(Buffer.concat(chunks.slice(1)));
    }
    if (i === chunks.length - 1) res.end(chunk);
    else res.write(chunk);
    await new Promise(setImmediate);
  }
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; html: string; state: string | undefined; nonce: string | undefined; marker: Marker | undefined };
type Ask = { method?: string; user?: string; headers?: Record<string, string> };

function decode(raw: Buffer, encoding: string | undefined) {
  if (encoding === "gzip") return zlib.gunzipSync(raw);
  if (encoding === "deflate") return zlib.inflateSync(raw);
  return raw;
}

/** A raw client (fetch would decode bodies and refuse a Host header): identity encoding unless asked otherwise. */
function request(port: number, path: string, { method = "GET", user, headers = {} }: Ask = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method, agent: false, headers: { "accept-encoding": "identity", "accept-language": "en-GB", "sec-fetch-dest": "document", ...(user ? { cookie: `theme=dark; u=${user}` } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const html = decode(raw, res.headers["content-encoding"]).toString();
          const marker = /<script type="application\/json" id="marker">(.*?)<\/script>/.exec(html)?.[1];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw,
            html,
            state: res.headers["x-callback-page-cache"] as string | undefined,
            nonce: /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"]))?.[1],
            marker: marker ? (JSON.parse(marker) as Marker) : undefined,
          });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/**
 * A real HTTP server whose handler is the server's serve(): the cache first, then the fake Next.
 * Users sign in as cookie "u=<name>"; the fake identify and the fake Next read the same table.
 */
async function startApp({ maxBytes = 1 << 20, identify }: { maxBytes?: number; identify?: Gate } = {}) {
  const users = new Map<string, Identity>();
  const whoIs = (cookie: string | undefined) => users.get(/(?:^|;\s*)u=([^;]*)/.exec(cookie ?? "")?.[1] ?? "") ?? null;
  const gate = vi.fn<Gate>(async (cookie) => {
    const who = whoIs(cookie);
    return who && { ...who };
  });
  const cache = createPageCache({ maxBytes, identify: identify ?? gate });
  const app = {
    cache,
    gate,
    render: { ...PAGE } as Render,
    bypass: (_req: http.IncomingMessage): boolean => false,
    renders: 0,
    signIn(name: string): Identity {
      const who = { userId: `user-${name}`, pageVersion: 1, day: DAY };
      users.set(name, who);
      return who;
    },
    get: (path = "/timeline", ask: Ask = {}) => request(port, path, ask),
    /** Resolves once the store holds `count` pages in all (storing follows "finish" asynchronously). */
    stored: (count: number) => vi.waitFor(() => expect(cache.stats.stored).toBe(count)),
    /** Resolves once every response so far is closed and what followed its "finish" ran: a plain page that was to be stored, would be (an unpacked one may take longer: gunzip runs in the thread pool). */
    async idle() {
      if (open > 0) await new Promise<void>((resolve) => idlers.push(resolve));
      await new Promise(setImmediate);
    },
    /** Asks for a page and hangs up after its first bytes. */
    hangUp: (path: string, user: string) =>
      new Promise<void>((resolve) => {
        const req = http.request({ host: "127.0.0.1", port, path, agent: false, headers: { cookie: `u=${user}`, "sec-fetch-dest": "document" } }, (res) => {
          res.on("error", () => {});
          res.once("data", () => req.destroy());
        });
        req.on("error", () => {}).on("close", resolve);
        req.end();
      }),
  };
  let open = 0;
  const idlers: (() => void)[] = [];
  const server = http.createServer(async (req, res) => {
    open++;
    res.once("close", () => {
      if (--open === 0) for (const resolve of idlers.splice(0)) resolve();
    });
    await serve(req, res);
  });
  // server/index.ts's handler: the store, then Next (here the fake one).
  const serve = servePages({
    cache,
    bypass: (req: http.IncomingMessage) => app.bypass(req),
    log: () => {},
    handle: async (req: http.IncomingMessage, res: http.ServerResponse) => {
      const who = whoIs(req.headers.cookie);
      const marker = { render: ++app.renders, user: who?.userId ?? null, version: who?.pageVersion ?? null, day: who?.day ?? null, url: req.url ?? "", lang: req.headers["accept-language"] ?? null, host: req.headers.host ?? null };
      await fakeNext(req, res, app.render, marker).catch(() => res.destroy());
    },
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  app.signIn("a");
  app.signIn("b");
  return app;
}

const withoutNonce = (reply: Reply) => reply.html.replaceAll(reply.nonce ?? "(no nonce)", "NONCE");
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("page cache: hits", () => {
  it.each(["setHeader", "writeHead"] as const)("sends the second identical request the stored page without rendering it again (headers by %s)", async (via) => {
    const app = await startApp();
    app.render.via = via;
    const first = await app.get("/timeline", { user: "a" });
    expect(first.status).toBe(200);
    expect(first.state).toBe("miss");
    expect(first.marker?.render).toBe(1);
    await app.stored(1);

    const second = await app.get("/timeline", { user: "a" });
    expect(second.status).toBe(200);
    expect(second.state).toBe("hit");
    expect(app.renders).toBe(1);
    expect(second.marker).toEqual(first.marker);
    expect(withoutNonce(second)).toBe(withoutNonce(first));
    expect(app.cache.stats).toMatchObject({ hits: 1, misses: 1, stored: 1 });
  });

  it.each(["gzip", "deflate"] as const)("sends the stored page to a request that arrives while the %s answer is still being unpacked (no second render)", async (encoding) => {
    const app = await startApp();
    Object.assign(app.render, { encoding, padding: 200_000 });
    const first = await app.get("/timeline", { user: "a" });
    expect(first.state).toBe("miss");
    // At once, as a browser's reload or the benchmark's next request: no wait for the store.
    const again = await Promise.all([app.get("/timeline", { user: "a" }), app.get("/timeline", { user: "a" })]);
    expect(again.map((r) => r.state)).toEqual(["hit", "hit"]);
    expect(app.renders).toBe(1);
  });

  it("gives every hit a fresh nonce, in its CSP and everywhere the page had the old one", async () => {
    const app = await startApp();
    const first = await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const scripts = occurrences(first.html, first.nonce!);
    expect(scripts).toBe(3);

    let previous = first;
    for (let i = 0; i < 3; i++) {
      const hit = await app.get("/timeline", { user: "a" });
      expect(hit.state).toBe("hit");
      expect(hit.nonce).toMatch(/^[A-Za-z0-9+/=]{48}$/);
      expect(hit.nonce).not.toBe(previous.nonce);
      expect(String(hit.headers["content-security-policy"]).replace(hit.nonce!, "N")).toBe(String(first.headers["content-security-policy"]).replace(first.nonce!, "N"));
      expect(occurrences(hit.html, hit.nonce!)).toBe(scripts);
      expect(hit.html).not.toContain(first.nonce);
      expect(hit.html).not.toContain(previous.nonce);
      previous = hit;
    }
    expect(app.renders).toBe(1);
  });

  it("never gives one user the page stored for another", async () => {
    const app = await startApp();
    app.signIn("c");
    await app.get("/timeline", { user: "a" });
    await app.get("/timeline", { user: "b" });
    await app.stored(2);

    const a = await app.get("/timeline", { user: "a" });
    const b = await app.get("/timeline", { user: "b" });
    expect([a.state, a.marker?.user]).toEqual(["hit", "user-a"]);
    expect([b.state, b.marker?.user]).toEqual(["hit", "user-b"]);
    const c = await app.get("/timeline", { user: "c" });
    expect([c.state, c.marker?.user, app.renders]).toEqual(["miss", "user-c", 3]);
  });

  it.each([
    ["a new page version", (who: Identity) => void who.pageVersion++],
    ["a new day", (who: Identity) => void (who.day = "2026-03-05")],
  ])("renders again on %s, and keeps only the newer page", async (_, change) => {
    const app = await startApp();
    const who = app.signIn("a");
    await app.get("/timeline", { user: "a" });
    await app.stored(1);

    change(who);
    const fresh = await app.get("/timeline", { user: "a" });
    expect(fresh.state).toBe("miss");
    expect(fresh.marker).toMatchObject({ render: 2, version: who.pageVersion, day: who.day });
    await app.stored(2);
    const again = await app.get("/timeline", { user: "a" });
    expect(again.state).toBe("hit");
    expect(again.marker).toEqual(fresh.marker);
    expect(app.cache.size).toBe(1);
  });

  it("keys /timeline?section=due apart from /timeline", async () => {
    const app = await startApp();
    await app.get("/timeline", { user: "a" });
    const due = await app.get("/timeline?section=due", { user: "a" });
    expect(due.state).toBe("miss");
    await app.stored(2);
    expect((await app.get("/timeline", { user: "a" })).marker?.url).toBe("/timeline");
    expect((await app.get("/timeline?section=due", { user: "a" })).marker?.url).toBe("/timeline?section=due");
    expect(app.renders).toBe(2);
  });

  it.each([
    ["Accept-Language", { "accept-language": "fr-FR,fr;q=0.9" }, "lang", "fr-FR,fr;q=0.9"],
    ["Host", { host: "callback.example" }, "host", "callback.example"],
  ] as const)("keys a different %s apart", async (_, headers, field, value) => {
    const app = await startApp();
    await app.get("/timeline", { user: "a" });
    const other = await app.get("/timeline", { user: "a", headers });
    expect(other.state).toBe("miss");
    expect(other.marker?.[field]).toBe(value);
    await app.stored(2);

    const plainAgain = await app.get("/timeline", { user: "a" });
    const otherAgain = await app.get("/timeline", { user: "a", headers });
    expect([plainAgain.state, otherAgain.state]).toEqual(["hit", "hit"]);
    expect(plainAgain.marker?.[field]).not.toBe(value);
    expect(otherAgain.marker?.[field]).toBe(value);
    expect(app.renders).toBe(2);
  });

  it("keys a page asked for over https (X-Forwarded-Proto) apart: its headers differ (HSTS)", async () => {
    const app = await startApp();
    await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const https = await app.get("/timeline", { user: "a", headers: { "x-forwarded-proto": "https" } });
    expect(https.state).toBe("miss");
    expect(app.renders).toBe(2);
  });

  it("never replaces a newer stored page with a slower render of an older version", async () => {
    const app = await startApp();
    app.render = { ...PAGE, delayMs: 150 };
    const slowOld = app.get("/timeline", { user: "a" }); // version 1, still rendering...
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.signIn("a").pageVersion = 2; // ...when a change lands
    app.render = { ...PAGE };
    const fresh = await app.get("/timeline", { user: "a" });
    expect(fresh.marker?.version).toBe(2);
    await app.stored(1);
    expect((await slowOld).marker?.version).toBe(1);
    await app.idle();
    const again = await app.get("/timeline", { user: "a" });
    expect(again.state).toBe("hit");
    expect(again.marker?.version).toBe(2);
    expect(app.cache.stats.stored).toBe(1);
  });
});

describe("page cache: who is asking", () => {
  it("lets Next answer a signed-out request (identify answers null) and stores nothing", async () => {
    const app = await startApp();
    const first = await app.get("/timeline");
    await app.idle();
    const second = await app.get("/timeline");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.state, second.state]).toEqual([undefined, undefined]);
    expect(app.renders).toBe(2);
    expect(app.cache.stats).toEqual({ hits: 0, misses: 0, stored: 0, evicted: 0 });
  });

  it("fails closed: it cannot be created without identify (a server missing the data layer's rule does not start)", () => {
    for (const identify of [undefined, null, {}]) {
      expect(() => createPageCache({ maxBytes: 1 << 20, identify: identify as unknown as Gate })).toThrow(/identify/);
    }
    // Even when the cache is configured off: a broken build must not pass unnoticed.
    expect(() => createPageCache({ maxBytes: 0, identify: undefined as unknown as Gate })).toThrow(/identify/);
  });

  it("skips the store for a request its bypass names, and only for that one", async () => {
    const app = await startApp();
    app.bypass = (req) => req.headers["x-skip"] === "1";
    await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const skipped = await app.get("/timeline", { user: "a", headers: { "x-skip": "1" } });
    expect([skipped.state, skipped.marker?.render]).toEqual([undefined, 2]);
    expect((await app.get("/timeline", { user: "a" })).state).toBe("hit");
    expect(app.gate).toHaveBeenCalledTimes(2);
  });

  it("answers 503 at once when identify throws (the database check failed), without rendering or storing", async () => {
    const identify = vi.fn<Gate>(async () => {
      throw new Error("connection terminated");
    });
    const app = await startApp({ identify });
    const reply = await app.get("/timeline", { user: "a" });
    expect(identify).toHaveBeenCalledTimes(1);
    expect([reply.status, reply.headers["retry-after"], reply.headers["cache-control"]]).toEqual([503, "5", "no-store"]);
    expect(reply.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(reply.html).toMatch(/can't reach its database/);
    expect(app.renders).toBe(0);
    expect(app.cache.size).toBe(0);
    // A request that is none of the store's business still goes to Next.
    expect((await app.get("/jobs", { user: "a" })).status).toBe(200);
    expect(app.renders).toBe(1);
  });

  it.each<[string, Ask & { path?: string }]>([
    ["a POST", { method: "POST" }],
    ["a HEAD", { method: "HEAD" }],
    ["another page", { path: "/jobs" }],
    ["a trailing slash", { path: "/timeline/" }],
    ["another query", { path: "/timeline?foo=1" }],
    ["an invalid section", { path: "/timeline?section=BAD!" }],
    ["an empty section", { path: "/timeline?section=" }],
    ["a section over 16 characters", { path: "/timeline?section=abcdefghijklmnopq" }],
    ["a second query after the section", { path: "/timeline?section=due&x=1" }],
    ["an RSC navigation (a fetch)", { headers: { rsc: "1", "sec-fetch-dest": "empty" } }],
    ["a prefetch", { headers: { "next-router-prefetch": "1", "sec-fetch-dest": "empty" } }],
    ["a request that does not say it opens a document (no Sec-Fetch-Dest)", { headers: { "sec-fetch-dest": "" } }],
    ["a page in a frame", { headers: { "sec-fetch-dest": "iframe" } }],
    ["an Accept-Language over 256 characters", { headers: { "accept-language": "en".padEnd(300, "x") } }],
  ])("leaves %s to Next without asking who it is", async (_, { path = "/timeline", ...ask }) => {
    const app = await startApp();
    for (let i = 0; i < 2; i++) {
      const reply = await app.get(path, { user: "a", ...ask });
      expect(reply.state).toBeUndefined();
      await app.idle();
    }
    expect(app.gate).not.toHaveBeenCalled();
    expect(app.renders).toBe(2);
    expect(app.cache.stats).toEqual({ hits: 0, misses: 0, stored: 0, evicted: 0 });
  });

  it("is off with maxBytes 0: nobody is asked, nothing is kept", async () => {
    const app = await startApp({ maxBytes: 0 });
    const replies = [await app.get("/timeline", { user: "a" }), await app.get("/timeline", { user: "a" })];
    await app.idle();
    expect(replies.map((r) => [r.status, r.state])).toEqual([[200, undefined], [200, undefined]]);
    expect(app.gate).not.toHaveBeenCalled();
    expect(app.renders).toBe(2);
    expect(app.cache.size).toBe(0);
  });
});

describe("page cache: what is stored", () => {
  it.each<[string, Partial<Render>]>([
    ["a 404", { status: 404 }],
    ["a 500", { status: 500 }],
    ["a page that sets a cookie", { headers: { "set-cookie": ["next-auth.session-token=rotated; Path=/; HttpOnly"] } }],
    ["a JSON answer", { headers: { "content-type": "application/json" } }],
    ["a page whose CSP has no nonce", { nonce: false }],
    ["a page over a quarter of maxBytes", { padding: (1 << 20) / 4 }],
    ["a page in an encoding it cannot read", { encoding: "gzip", headers: { "content-encoding": "br" } }],
    ["a page Next failed to finish", { ending: "destroy" }],
  ])("does not store %s", async (_, variant) => {
    const app = await startApp();
    Object.assign(app.render, variant);
    const reply = await app.get("/timeline", { user: "a" }).catch(() => null);
    if (reply) expect(reply.state).toBe("miss");
    await app.idle();
    expect(app.cache.stats.stored).toBe(0);

    app.render = { ...PAGE };
    const again = await app.get("/timeline", { user: "a" });
    expect([again.state, app.renders]).toEqual(["miss", 2]);
    await app.stored(1); // the control: a whole plain page is kept
  });

  it("drops a slot's older page, and keeps nothing, when the new render unpacks to over a quarter of maxBytes", async () => {
    const app = await startApp();
    const who = app.signIn("a");
    await app.get("/timeline", { user: "a" });
    await app.stored(1);

    // Small on the wire, too big once unpacked: refused only after gunzip, which runs in the thread pool.
    who.pageVersion++;
    Object.assign(app.render, { encoding: "gzip", padding: (1 << 20) / 4 });
    expect((await app.get("/timeline", { user: "a" })).state).toBe("miss");
    await vi.waitFor(() => expect(app.cache.size).toBe(0));
    expect([app.cache.stats.stored, app.cache.bytes]).toEqual([1, 0]);
    expect((await app.get("/timeline", { user: "a" })).state).toBe("miss");
  });

  it("does not store a page whose client hung up before Next finished", async () => {
    const app = await startApp();
    app.render.ending = "after-client-gone";
    await app.hangUp("/timeline", "a");
    await app.idle();
    expect(app.renders).toBe(1);
    expect(app.cache.stats).toMatchObject({ misses: 1, stored: 0 });
  });

  it("replays the page's own headers but not per-response ones", async () => {
    const app = await startApp();
    Object.assign(app.render, {
      encoding: "gzip",
      headers: { date: "Thu, 01 Jan 1970 00:00:00 GMT", "referrer-policy": "strict-origin-when-cross-origin", "x-content-type-options": "nosniff", vary: "RSC, Accept-Encoding" },
    });
    const first = await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const hit = await app.get("/timeline", { user: "a" });

    expect(hit.state).toBe("hit");
    for (const name of ["content-type", "cache-control", "x-frame-options", "referrer-policy", "x-content-type-options", "vary"]) {
      expect([name, hit.headers[name]]).toEqual([name, first.headers[name]]);
    }
    expect(hit.headers["x-callback-page-cache"]).toBe("hit");
    expect(hit.headers.date).not.toBe(first.headers.date);
    expect(Date.parse(String(hit.headers.date))).toBeGreaterThan(Date.parse("2026-01-01"));
    expect(hit.headers["content-encoding"]).toBeUndefined();
    expect(hit.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(hit.headers["content-length"])).toBe(hit.raw.length);
    expect(Number(hit.headers["content-length"])).not.toBe(Number(first.headers["content-length"]));
  });
});

describe("page cache: compression", () => {
  it.each(["gzip", "deflate"] as const)("stores a page Next sent with %s unpacked, and sends it plain to a client that takes no compression", async (encoding) => {
    const app = await startApp();
    app.render.encoding = encoding;
    const first = await app.get("/timeline", { user: "a" });
    expect(first.headers["content-encoding"]).toBe(encoding);
    await app.stored(1);

    const hit = await app.get("/timeline", { user: "a" });
    expect(hit.state).toBe("hit");
    expect(hit.headers["content-encoding"]).toBeUndefined();
    expect(Number(hit.headers["content-length"])).toBe(hit.raw.length);
    expect(withoutNonce(hit)).toBe(withoutNonce(first));
    expect(hit.html).toContain("Relancer le café ☕");
    expect(app.cache.bytes).toBeGreaterThan(first.html.length);
  });

  it("gzips a hit for a client that takes gzip, with the compressed length", async () => {
    const app = await startApp();
    const first = await app.get("/timeline", { user: "a" });
    await app.stored(1);

    const hit = await app.get("/timeline", { user: "a", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(hit.state).toBe("hit");
    expect(hit.headers["content-encoding"]).toBe("gzip");
    expect(Number(hit.headers["content-length"])).toBe(hit.raw.length);
    expect(hit.raw.length).toBeLessThan(Buffer.byteLength(hit.html));
    expect(withoutNonce(hit)).toBe(withoutNonce(first));
  });

  it("sends a page under 1 KB plain even to a client that takes gzip", async () => {
    const app = await startApp();
    app.render.padding = 0;
    await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const hit = await app.get("/timeline", { user: "a", headers: { "accept-encoding": "gzip" } });
    expect(hit.raw.length).toBeLessThan(1024);
    expect(hit.headers["content-encoding"]).toBeUndefined();
    expect(Number(hit.headers["content-length"])).toBe(hit.raw.length);
  });

  // Known bug: the Accept-Encoding test is /\bgzip\b/, so an explicit refusal ("gzip;q=0", RFC 9110 §12.5.3) still gets gzip.
  it("sends a plain hit to a client that refuses gzip (gzip;q=0)", async () => {
    const app = await startApp();
    await app.get("/timeline", { user: "a" });
    await app.stored(1);
    const hit = await app.get("/timeline", { user: "a", headers: { "accept-encoding": "gzip;q=0, identity" } });
    expect(hit.state).toBe("hit");
    expect(hit.headers["content-encoding"]).toBeUndefined();
  });
});

describe("page cache: bounds", () => {
  const SECTIONS = ["due", "soon", "later", "waiting", "closed", "archived", "mine", "other", "ninth"];
  /** Stores /timeline?section=<name> for user a, one after the other. */
  async function storeSections(app: Awaited<ReturnType<typeof startApp>>, names: string[]) {
    for (const name of names) {
      const before = app.cache.stats.stored;
      expect((await app.get(`/timeline?section=${name}`, { user: "a" })).state).toBe("miss");
      await app.stored(before + 1);
    }
  }
  const stateOf = async (app: Awaited<ReturnType<typeof startApp>>, name: string, user = "a") => (await app.get(`/timeline?section=${name}`, { user })).state;

  it("keeps at most 8 pages per user, the first stored going first, and leaves other users' pages alone", async () => {
    const app = await startApp();
    await app.get("/timeline?section=due", { user: "b" });
    await app.stored(1);
    await storeSections(app, SECTIONS);

    expect(app.cache.size).toBe(9);
    expect(app.cache.stats.evicted).toBe(1);
    expect(await stateOf(app, "due", "b")).toBe("hit");
    for (const name of SECTIONS.slice(1)) expect([name, await stateOf(app, name)]).toEqual([name, "hit"]);
    expect(await stateOf(app, "due")).toBe("miss");
  });

  // Doubt on the design, filed as a failing test: the file's header says "least recently used first out", but a
  // hit moves a page up only in the global order, not in its user's set, so the per-user cap evicts by store order.
  it("evicts a user's least recently used page, not their first stored one, at the 9th", async () => {
    const app = await startApp();
    await storeSections(app, SECTIONS.slice(0, 8));
    expect(await stateOf(app, "due")).toBe("hit");
    await storeSections(app, SECTIONS.slice(8));
    expect(await stateOf(app, "due")).toBe("hit");
    expect(await stateOf(app, "soon")).toBe("miss");
  });

  it("keeps the total within maxBytes, the least recently used page going first", async () => {
    // Pages of ~16.5 KB (+2 KB counted for headers): five fit in 100 000 bytes, not six.
    const maxBytes = 100_000;
    const app = await startApp({ maxBytes });
    app.render.padding = 16_000;
    const names = ["u1", "u2", "u3", "u4", "u5", "u6"];
    for (const name of names) app.signIn(name);
    for (const [i, name] of names.slice(0, 5).entries()) {
      await app.get("/timeline", { user: name });
      await app.stored(i + 1);
      expect(app.cache.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect([app.cache.size, app.cache.stats.evicted]).toEqual([5, 0]);

    expect((await app.get("/timeline", { user: "u1" })).state).toBe("hit");
    await app.get("/timeline", { user: "u6" });
    await app.stored(6);
    expect(app.cache.bytes).toBeLessThanOrEqual(maxBytes);
    expect([app.cache.size, app.cache.stats.evicted]).toEqual([5, 1]);

    for (const name of ["u1", "u3", "u4", "u5", "u6"]) expect([name, (await app.get("/timeline", { user: name })).state]).toEqual([name, "hit"]);
    expect((await app.get("/timeline", { user: "u2" })).state).toBe("miss");
  });
});

describe("split", () => {
  const sep = Buffer.from("--");
  it.each([
    ["no separator", "abc", ["abc"]],
    ["a separator at the start", "--abc", ["", "abc"]],
    ["a separator at the end", "abc--", ["abc", ""]],
    ["adjacent separators", "a----b", ["a", "", "b"]],
    ["only the separator", "--", ["", ""]],
    ["an empty buffer", "", [""]],
    ["overlapping candidates (leftmost first)", "a---b", ["a", "-b"]],
  ])("%s", (_, input, parts) => {
    expect(split(Buffer.from(input), sep).map(String)).toEqual(parts);
  });

  it("gives back the buffer when the parts are joined with the separator, and no part holds it", () => {
    const text = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom("a", "b"), minLength, maxLength });
    fc.assert(
      fc.property(text(0, 24), text(1, 3), (input, separator) => {
        const parts = split(Buffer.from(input), Buffer.from(separator)).map(String);
        expect(parts.join(separator)).toBe(input);
        for (const part of parts) expect(part).not.toContain(separator);
      }),
    );
  });
});
