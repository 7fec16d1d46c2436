import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { refuseLargeBody } from "./body-limit";

const servers: http.Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))))));

/** A server that caps bodies at `max` bytes, then answers 200 with the length it read. */
async function start(max: number) {
  const server = http.createServer((req, res) => {
    if (refuseLargeBody(req, res, max)) return;
    let read = 0;
    req.on("data", (chunk: Buffer) => (read += chunk.length));
    req.on("end", () => res.end(String(read)));
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function send(port: number, body: Buffer, headers: Record<string, string | number> = { "content-length": body.length }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", agent: false, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("body limit", () => {
  it("lets a body up to the limit through to the handler", async () => {
    const port = await start(1000);
    expect(await send(port, Buffer.alloc(1000))).toEqual({ status: 200, body: "1000" });
  });

  it("answers 413 to a declared length over the limit, even to a client still sending it (no reset)", async () => {
    const port = await start(1000);
    const reply = await send(port, Buffer.alloc(200_000));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ error: "payload_too_large", message: "Request bodies are limited to 1000 bytes." });
  });

  it("answers 411 to a chunked body with no length", async () => {
    const port = await start(1000);
    const reply = await send(port, Buffer.from("hello"), { "transfer-encoding": "chunked" });
    expect([reply.status, JSON.parse(reply.body).error]).toEqual([411, "length_required"]);
  });
});
