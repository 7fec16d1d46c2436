import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, createStaticAssets } from "./static-assets";

const script = Buffer.from(`console.log(${JSON.stringify("x".repeat(4000))});`);
let dir: string;
let port: number;
let server: http.Server;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  fs.mkdirSync(path.join(dir, "chunks"));
  fs.writeFileSync(path.join(dir, "chunks", "app.js"), script);
  fs.writeFileSync(path.join(dir, "chunks", "app.js.br"), zlib.brotliCompressSync(script));
  // A .br whose file is gone, and one of a kind not served: neither is known.
  fs.writeFileSync(path.join(dir, "chunks", "gone.js.br"), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, "secret.txt"), "not an asset");
  fs.writeFileSync(path.join(dir, "secret.txt.br"), zlib.brotliCompressSync(Buffer.from("not an asset")));
  const assets = createStaticAssets(dir);
  // What reaches "Next" here says so.
  server = http.createServer((req, res) => {
    if (!assets.serve(req, res)) res.end("next");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static assets with Brotli", () => {
  it("sends a built file compressed to a browser that takes br, with Next's caching and security headers", async () => {
    const res = await get("/_next/static/chunks/app.js?dpl=1", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.body.length).toBe(0);
  });

  it.each([
    ["no Accept-Encoding", {}],
    ["gzip only", { "accept-encoding": "gzip" }],
    ["br refused with q=0", { "accept-encoding": "gzip, br;q=0" }],
  ])("leaves the file to Next for a client that does not take Brotli (%s)", async (_, headers) => {
    const res = await get("/_next/static/chunks/app.js", headers);
    expect(res.body.toString()).toBe("next");
  });

  it.each([
    "/_next/static/chunks/gone.js",
    "/_next/static/secret.txt",
    "/_next/static/chunks/../secret.txt",
    "/_next/static/chunks/%2e%2e/secret.txt",
    "/_next/static/chunks/app.js.br",
    "/chunks/app.js",
  ])("knows only the files the build compressed, by their exact path: %s goes to Next", async (pathname) => {
    const res = await get(pathname, { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toBe("next");
  });

  it("leaves other methods to Next", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST");
    expect(res.body.toString()).toBe("next");
  });

  it("a missing folder (dev, or no build) serves nothing", () => {
    expect(createStaticAssets(path.join(dir, "nowhere")).size()).toBe(0);
  });
});

describe("acceptsBrotli", () => {
  it.each([
    ["br", true],
    ["gzip, br", true],
    ["BR;q=0.5", true],
    ["gzip;q=1.0, br;q=0.1", true],
    ["br;q=0", false],
    ["br;q=0.0", false],
    ["brotli", false],
    ["gzip", false],
    ["", false],
  ])("%j → %s", (header, expected) => expect(acceptsBrotli(header)).toBe(expected));
});
