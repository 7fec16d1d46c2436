// The local Postgres cluster, for the outage drill: found as the docs say (`ls /etc/postgresql`,
// cluster "main", or --cluster=VERSION/NAME), stopped and started with pg_ctlcluster, and a watchdog that starts it again
// even if the drill itself is killed (other people's tests use this server).
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const CTL = ["--skip-systemctl-redirect"];

/**
 * { version, cluster, port } of a local cluster: `spec` "VERSION/NAME" (e.g. "15/drill", for a
 * rehearsal on a cluster of one's own), by default the newest version under /etc/postgresql and
 * its "main" cluster. Null when there is no such cluster.
 */
export function localCluster(spec) {
  if (!fs.existsSync("/etc/postgresql")) return null;
  const newest = fs.readdirSync("/etc/postgresql").sort((a, b) => Number(b) - Number(a))[0];
  const [version, cluster] = spec ? spec.split("/") : [newest, "main"];
  const conf = `/etc/postgresql/${version}/${cluster}/postgresql.conf`;
  if (!version || !cluster || !fs.existsSync(conf)) return null;
  const port = fs.readFileSync(conf, "utf8").match(/^\s*port\s*=\s*(\d+)/m)?.[1] ?? "5432";
  return { version, cluster, port };
}

function ctl({ version, cluster }, action, extra = []) {
  return new Promise((resolve, reject) => {
    execFile("pg_ctlcluster", [...CTL, version, cluster, action, ...extra], { timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`pg_ctlcluster ${version} ${cluster} ${action}: ${(stderr || stdout || error.message).trim()}`)) : resolve(),
    );
  });
}

export const stopCluster = (c) => ctl(c, "stop", ["-m", "fast"]);
export const startCluster = (c) => ctl(c, "start");

/** Whether the server accepts a connection and answers SELECT 1 (one attempt, 1 s at most). */
export async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts the cluster unless it already answers; retried, since this must not be skipped. */
export async function ensureRunning(c, url) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (await answers(url)) return;
    await startCluster(c).catch((error) => (attempt === 3 ? Promise.reject(error) : undefined));
  }
  if (!(await answers(url))) throw new Error("Postgres does not answer after starting it");
}

/**
 * A detached shell that starts the cluster after `seconds` whatever happens to this process
 * (SIGKILL included). Starting a running cluster is a harmless no-op error. Cancel it once the
 * drill has started the server itself.
 */
export function watchdog(c, seconds) {
  const child = spawn("sh", ["-c", `sleep ${seconds}; pg_ctlcluster ${CTL.join(" ")} ${c.version} ${c.cluster} start >/dev/null 2>&1`], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  return {
    cancel() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already done
      }
    },
  };
}

/** Client connections of other programs on this server (another database or another application). */
export async function otherClients(url, ownDatabase) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT datname, count(*)::int AS n FROM pg_stat_activity
       WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname IS DISTINCT FROM $1
       GROUP BY datname ORDER BY n DESC`,
      [ownDatabase],
    );
    return rows;
  } finally {
    await client.end();
  }
}
