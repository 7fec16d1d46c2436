import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drainable, shutdownOnce } from "./shutdown";

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

/** A real server whose answers take `?ms=N` milliseconds; `hang` never answers. */
async function start(timeoutMs: number) {
  const server = http.createServer((req, res) => {
    connections.track(req, res);
    const ms = Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 0);
    if (req.url?.startsWith("/hang")) return;
    setTimeout(() => res.end(`done after ${ms}`), ms);
  });
  const connections = drainable(server, { timeoutMs });
  server.keepAliveTimeout = 65_000;
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, connections, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      })
      .on("error", reject);
  });
}

describe("drainable", () => {
  it("answers the requests in flight, refuses new connections, closes idle keep-alive ones", async () => {
    const { connections, port } = await start(5_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    // One idle keep-alive connection, and one request in progress on another.
    await get(port, "/?ms=0", agent);
    const idle = Object.values(agent.freeSockets).flat()[0]!;
    const idleClosed = once(idle, "close");
    const slow = get(port, "/?ms=300", new http.Agent({ keepAlive: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections.inflight()).toBe(1);

    const draining = connections.drain();
    await idleClosed; // closed at once, not after keepAliveTimeout
    await expect(get(port, "/", new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    const answer = await slow;
    expect(answer).toMatchObject({ status: 200, body: "done after 300" });
    const report = await draining;
    expect(report.drained).toBe(true);
    expect(report.cut).toBe(0);
    expect(report.ms).toBeGreaterThanOrEqual(200);
    expect(report.ms).toBeLessThan(2_000);
  });

  it("asks a keep-alive client to close when its answer starts after the drain began", async () => {
    const { connections, port } = await start(5_000);
    const agent = new http.Agent({ keepAlive: true });
    await get(port, "/?ms=0", agent); // the connection is open and idle...
    const socket = Object.values(agent.freeSockets).flat()[0]!;
    // ...and a request on it races the drain: it is answered, with Connection: close.
    const racing = get(port, "/?ms=100", agent);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const draining = connections.drain();
    expect(await racing).toMatchObject({ status: 200, connection: "close" });
    expect((await draining).drained).toBe(true);
    // Closed by the server, long before keepAliveTimeout (the test would time out).
    if (!socket.destroyed) await once(socket, "close");
  });

  it("cuts what is still running after the timeout", async () => {
    const { connections, port } = await start(200);
    const hanging = get(port, "/hang", new http.Agent()).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const report = await connections.drain();
    expect(report).toMatchObject({ drained: false, cut: 1 });
    expect(report.ms).toBeLessThan(1_000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});

describe("shutdownOnce", () => {
  it("drains, then runs every step in order even when one fails or hangs, once for many signals, and exits 0", async () => {
    const order: string[] = [];
    const lines: string[] = [];
    const shutdown = shutdownOnce({
      drain: async () => (order.push("drain"), { drained: true, cut: 0, ms: 1 }),
      stepTimeoutMs: 100,
      log: (line) => lines.push(line),
      steps: [
        { name: "stop the worker", run: async () => order.push("worker") },
        { name: "fail", run: async () => Promise.reject(new Error("boom")) },
        { name: "hang", run: () => new Promise(() => {}) },
        { name: "close the pool", run: async () => order.push("pool") },
      ],
    });
    const [a, b] = await Promise.all([shutdown("SIGTERM"), shutdown("SIGINT")]);
    expect([a, b]).toEqual([0, 0]);
    expect(order).toEqual(["drain", "worker", "pool"]);
    expect(lines).toContain("could not fail: boom");
    expect(lines).toContain("could not hang: took over 100 ms");
  });
});
