import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

// `npm start` under a process manager: SIGTERM to scripts/start.mjs reaches the server, which
// answers the request in flight before it exits, and `npm start` exits only then, with its code.
// Real processes: the start script, the production server it runs (built first if needed).

const root = path.resolve(import.meta.dirname, "../..");
let start: ChildProcess;
let output = "";
let port = 0;

async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port: free } = probe.address() as AddressInfo;
  probe.close();
  return free;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (start.exitCode !== null) throw new Error(`scripts/start.mjs exited (${start.exitCode}) before ${what}:\n${output.slice(-3_000)}`);
    if (await ok()) return;
  }
  throw new Error(`timed out waiting for ${what}:\n${output.slice(-3_000)}`);
}

beforeAll(async () => {
  port = await freePort();
  start = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    // Its own process group: whatever happens, afterAll stops the server with it.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}`, DIGEST_WORKER: "0", SHUTDOWN_TIMEOUT_S: "20" },
  });
  for (const stream of [start.stdout!, start.stderr!]) stream.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const healthy = () => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
  // The first run on a fresh clone builds the production bundle.
  await until("the server answered /api/health", healthy, 10 * 60_000);
}, 11 * 60_000);

afterAll(() => {
  try {
    if (start?.pid) process.kill(-start.pid, "SIGKILL"); // the server too, had it outlived the script
  } catch {
    // already gone
  }
});

it("on SIGTERM answers the request in flight, then exits 0 with its server", async () => {
  const exited = once(start, "exit").then(([code, signal]) => ({ code, signal, at: Date.now() }));
  // A sign-in whose body is still on its way: Expect: 100-continue makes the server say it has
  // taken the request (Node answers 100 and hands the request on in the same turn).
  const body = new URLSearchParams({ email: "nobody@example.test", password: "not the password", json: "true" }).toString();
  const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), expect: "100-continue" } });
  const answered = new Promise<{ status: number; at: number }>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, at: Date.now() }));
    });
    req.on("error", reject);
  });
  await once(req, "continue");
  req.write(body.slice(0, 10));

  process.kill(start.pid!, "SIGTERM");
  await until("the server began its shutdown", () => /shutdown: SIGTERM: no new connections/.test(output), 10_000);
  expect(start.exitCode).toBeNull(); // still waiting for the request in flight
  req.end(body.slice(10));

  const answer = await answered;
  const exit = await exited;
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  expect(exit).toMatchObject({ code: 0, signal: null });
  expect(exit.at).toBeGreaterThanOrEqual(answer.at);
  expect(output).toMatch(/shutdown: drained in \d+ ms[\s\S]*shutdown: stopped/);
}, 60_000);
