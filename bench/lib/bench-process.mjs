// Child processes for the benchmark (the Next server, the embedded database, the bare
// HTTP server): each in its own process group so stopping it stops whatever it forked,
// with the tail of its output kept for error messages, and a sampler of its memory.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { serverBundle } from "../../scripts/lib/build.mjs";
import { root, serverEnv, serverNodeArgs } from "../../scripts/lib/database.mjs";

/** Starts a child in its own process group; `ready` (optional) resolves on the first output line matching it; `onLine` (optional) sees every line. */
export function startChild(cmd, args, { cwd, env, ready, onLine } = {}) {
  const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines = [];
  let readyLine;
  const readyPromise = new Promise((resolve, reject) => {
    readyLine = resolve;
    child.on("error", reject);
    child.on("exit", (code, signal) => reject(new Error(`${cmd} exited with ${code ?? signal} before it was ready:\n${lines.join("\n")}`)));
  });
  readyPromise.catch(() => {});
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 60) lines.shift();
        onLine?.(line);
        const match = ready && line.match(ready);
        if (match) readyLine(match);
      }
    });
  }
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return {
    child,
    pid: child.pid,
    ready: readyPromise,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => lines.join("\n"),
    exited,
    /** SIGTERM to the group, SIGKILL after `graceMs`. */
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signalGroup = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      };
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup("SIGKILL"); // anything the group leader left behind
    },
  };
}

function statusKb(pid, field) {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `pid` and all its descendants, from /proc/<pid>/stat (Linux). */
function processTree(rootPid) {
  const parentOf = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // exited meanwhile
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree.filter((pid) => parentOf.has(pid));
}

function commandOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

/**
 * Samples the resident memory of a process tree every `everyMs`. The figure that counts is
 * the peak of the tree's summed VmRSS (what the server costs the machine, whether or not
 * `next start` forks); each process's VmHWM (the kernel's own peak, no sampling gap) is
 * kept too, and the larger of the two is reported as the peak. `phase` names what the run was
 * doing; the sample with the highest sum keeps it (where the peak happened).
 */
export function sampleMemory(rootPid, everyMs = 200, { phase = () => null } = {}) {
  let peakSumKb = 0;
  let peakPhase = null;
  const hwmKb = new Map();
  const take = () => {
    let sum = 0;
    for (const pid of processTree(rootPid)) {
      sum += statusKb(pid, "VmRSS");
      const hwm = statusKb(pid, "VmHWM");
      const known = hwmKb.get(pid);
      if (!known || hwm > known.kb) hwmKb.set(pid, { kb: hwm, command: known?.command ?? commandOf(pid) });
    }
    if (sum > peakSumKb) {
      peakSumKb = sum;
      peakPhase = phase();
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      const processes = [...hwmKb].map(([pid, { kb, command }]) => ({ pid, command, peakRssMb: kb / 1024 }));
      const largest = Math.max(0, ...processes.map((p) => p.peakRssMb));
      return { peakMb: Math.max(peakSumKb / 1024, largest), peakTreeSumMb: peakSumKb / 1024, peakPhase, processes };
    },
  };
}

/**
 * The app's own server (the bundle of server/, what `npm start` runs) in production mode on
 * 127.0.0.1:`port`, for the benchmark and the drills; `env` adds to or overrides the defaults.
 */
export function startAppServer({ port, database, secret, env = {}, onLine }) {
  const base = `http://127.0.0.1:${port}`;
  return startChild(process.execPath, [...serverNodeArgs(), serverBundle()], {
    cwd: root,
    env: {
      ...process.env,
      ...serverEnv(),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: base,
      // One connection on PGlite (see scripts/start.mjs).
      DATABASE_POOL_MAX: database.embedded ? "1" : "10",
      ...env,
    },
    onLine,
  });
}
