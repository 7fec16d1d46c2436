// The cluster drill's parts: nginx run from deploy/nginx.conf (only its listen port and upstream
// servers replaced), app servers on fixed ports that can be stopped and started again, and
// traffic from signed-in users that records every answer (status, latency, which server).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitUntilServing } from "./bench-http.mjs";
import { startAppServer, startChild } from "./bench-process.mjs";
import { percentiles, sleep } from "./drill-app.mjs";
import { root } from "../../scripts/lib/database.mjs";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

/** deploy/nginx.conf with `listen` and the upstream's servers set to `port` and `upstreams`. */
export function nginxConfig(port, upstreams) {
  const committed = fs.readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8");
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n");
  const conf = committed
    .replace(/^(\s*)listen \d+;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/(zone callback 64k;\n)(?:\s*#.*\n)*(?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/, `$1${servers}\n`);
  if (!conf.includes(`listen 127.0.0.1:${port};`) || !conf.includes(servers)) throw new Error("deploy/nginx.conf changed shape: the drill cannot set its ports");
  return conf;
}

/** nginx in the foreground under a temporary prefix; resolves once it forwards /api/health. */
export async function startNginx(cleanups, { port, upstreams }) {
  if (!NGINX) throw new Error("nginx is not installed (apt-get install -y nginx)");
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "callback-nginx-"));
  for (const dir of ["logs", "temp"]) fs.mkdirSync(path.join(prefix, dir));
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(conf, nginxConfig(port, upstreams));
  cleanups.add(`remove ${prefix}`, () => fs.rmSync(prefix, { recursive: true, force: true }));
  const nginx = startChild(NGINX, ["-c", conf, "-p", `${prefix}/`], { cwd: prefix });
  cleanups.add("stop nginx", () => nginx.stop(5_000));
  const base = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${base}/api/health`, { alive: nginx.alive, timeoutMs: 20_000 }).catch((error) => {
    throw new Error(`${error.message}\n${nginx.output()}\n${fs.existsSync(`${prefix}/logs/error.log`) ? fs.readFileSync(`${prefix}/logs/error.log`, "utf8") : ""}`);
  });
  return { base, nginx, prefix };
}

/**
 * One app server on a fixed port, named SERVER_ID; `start` again after a stop reuses its port.
 * `noted` keeps its output lines that match `note`, over every start (its output keeps the last few only).
 */
export function appServer(cleanups, { id, port, database, secret, env, note = /^$/ }) {
  const self = {
    id,
    port,
    base: `http://127.0.0.1:${port}`,
    process: null,
    noted: [],
    async start() {
      const server = startAppServer({ port, database, secret, env: { SERVER_ID: id, ...env }, onLine: (line) => note.test(line) && self.noted.push(line) });
      self.process = server;
      await waitUntilServing(`${self.base}/api/health`, { alive: server.alive, timeoutMs: 90_000 }).catch((error) => {
        throw new Error(`${id}: ${error.message}\n${server.output()}`);
      });
      return self;
    },
    /** SIGTERM to the server itself (not its group): its graceful shutdown. Resolves with its exit code. */
    async terminate() {
      process.kill(self.process.pid, "SIGTERM");
      return self.process.exited;
    },
    async kill() {
      process.kill(self.process.pid, "SIGKILL");
      return self.process.exited;
    },
  };
  cleanups.add(`stop ${id}`, () => self.process?.stop());
  return self;
}

/**
 * Signed-in users browsing through `base` until `stop()`: mostly timeline and job pages, and a
 * follow-up POST now and then on a due job (201, or 409 once spent: both expected). Every answer
 * is recorded with the time it was asked, so a phase (a restart, a kill) can count its own.
 */
export function traffic(base, users, { clients, postEvery = 6 }) {
  const records = [];
  let running = true;
  const one = async (kind, url, init, ok, user) => {
    const at = Date.now();
    const started = performance.now();
    let status = 0;
    let error = null;
    let server = null;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(15_000), ...init });
      const body = await res.text();
      status = res.status;
      server = res.headers.get("x-callback-server");
      if (!ok(status)) error = `${kind} ${status}`;
      else if (status === 200 && kind !== "post" && !body.includes(user.name)) error = `${kind} wrong page`;
    } catch (e) {
      error = e.name === "TimeoutError" ? "timeout" : `socket (${e.cause?.code ?? e.message})`;
    }
    records.push({ at, end: Date.now(), kind, status, ms: performance.now() - started, server, error });
  };
  const loops = Array.from({ length: clients }, async (_, i) => {
    for (let n = 0; running; n++) {
      const user = users[(i + n) % users.length];
      const headers = { cookie: user.cookie };
      if (n % postEvery === postEvery - 1 && user.due.length) {
        const job = user.due[n % user.due.length];
        await one("post", `${base}/api/jobs/${job}/follow-ups`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ channel: "phone", note: "Cluster drill" }) }, (s) => s === 201 || s === 409, user);
      } else if (n % 2 && user.jobs.length) {
        await one("job", `${base}/jobs/${user.jobs[n % user.jobs.length]}`, { headers }, (s) => s === 200, user);
      } else await one("timeline", `${base}/timeline`, { headers }, (s) => s === 200, user);
    }
  });
  return {
    records,
    async stop() {
      running = false;
      await Promise.all(loops);
      return records;
    },
  };
}

/** Figures of a list of records: answers, errors by kind, latency, answers per server. */
export function summarize(records) {
  const errors = {};
  const perServer = {};
  for (const r of records) {
    if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
    if (r.server) perServer[r.server] = (perServer[r.server] ?? 0) + 1;
  }
  const failed = records.filter((r) => r.error).length;
  return { requests: records.length, failed, errors, perServer, latency: percentiles(records.map((r) => r.ms)) };
}

export { sleep };
