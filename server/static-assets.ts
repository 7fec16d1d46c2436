// Next's own files (/_next/static/…: the JavaScript and CSS every page loads) sent with Brotli
// to a browser that takes it. Next compresses with gzip only; Brotli at its highest quality is
// 12–15 % smaller on this JavaScript (the framework alone: 131 → 113 KB), which a phone on a
// slow network waits for before a page becomes interactive. The build writes a `.br` beside each
// file (scripts/lib/build.mjs, once, at quality 11); this serves them from memory. Only files the
// build produced are known, by their exact URL path, so no request can name another file; anything
// else (no `.br`, no Brotli accepted, another method) goes on to Next as before.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import SECURITY_HEADERS from "./security-headers.json";

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=UTF-8",
};
/** What the build compresses: text Next serves from /_next/static, above a size worth it. */
export const COMPRESSIBLE = Object.keys(TYPES);
export const MIN_BYTES = 1024;
const PREFIX = "/_next/static/";

type Asset = { body: Buffer; type: string };

/** Whether an Accept-Encoding header takes Brotli (`br`, with no `q=0`). */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [name = "", ...params] = part.trim().split(";");
    if (name.trim().toLowerCase() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function listBrotli(dir: string, urlPath: string, out: Map<string, Asset>) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listBrotli(full, `${urlPath}${entry.name}/`, out);
    else if (entry.name.endsWith(".br")) {
      const name = entry.name.slice(0, -3);
      const type = TYPES[path.extname(name)];
      // Only beside the file it compresses, which Next would serve itself.
      if (type && fs.existsSync(path.join(dir, name))) out.set(`${urlPath}${name}`, { body: fs.readFileSync(full), type });
    }
  }
}

/**
 * The `.br` files under `staticDir` (the build's `.next/static`), read once. `serve` answers a
 * GET or HEAD for one of them when the client takes Brotli and returns true; otherwise false and
 * nothing is written.
 */
export function createStaticAssets(staticDir: string) {
  const assets = new Map<string, Asset>();
  if (fs.existsSync(staticDir)) listBrotli(staticDir, PREFIX, assets);
  function serve(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.url?.startsWith(PREFIX)) return false;
    // The path alone: a query string (?dpl=…) does not change the file.
    const asset = assets.get(req.url.split("?", 1)[0] ?? "");
    if (!asset || !acceptsBrotli(req.headers["accept-encoding"])) return false;
    res.writeHead(200, {
      // The headers next.config.mjs gives every answer (nosniff matters most for scripts).
      ...Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value])),
      "Content-Type": asset.type,
      "Content-Encoding": "br",
      "Content-Length": asset.body.length,
      // What Next sends for these files: their names change with their content.
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
    });
    res.end(req.method === "HEAD" ? undefined : asset.body);
    return true;
  }
  return { serve, size: () => assets.size };
}
