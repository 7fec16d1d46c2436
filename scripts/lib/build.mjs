// Builds the production bundle when the sources changed since the last build (a hash of the
// inputs is kept in .next/), so `npm start` builds on first run only: Next's build, then the
// app server (server/) bundled into one file beside it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { build as esbuild } from "esbuild";
import { bin, root, run } from "./database.mjs";

const INPUTS = ["app", "lib", "server", "instrumentation.ts", "prisma/schema.prisma", "proxy.ts", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "scripts/lib/build.mjs"];
const distDir = () => path.join(root, process.env.NEXT_DIST_DIR || ".next");

/** The app server's bundle, what every production start runs (`node <this>`); dev has its own. */
export const serverBundle = ({ dev = false } = {}) => path.join(distDir(), dev ? "callback-server-dev.cjs" : "callback-server.cjs");

function walk(target, out) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(full).sort()) {
      if (entry === "generated" || entry.endsWith(".test.ts")) continue;
      walk(path.join(target, entry), out);
    }
  } else out.push(target);
}

export function sourceHash() {
  const files = [];
  for (const input of INPUTS) walk(input, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(root, file)));
  return hash.digest("hex");
}

export async function buildIfNeeded({ force = false } = {}) {
  const hash = sourceHash();
  const stampFile = path.join(distDir(), "callback-build-hash");
  const built =
    fs.existsSync(path.join(distDir(), "BUILD_ID")) && fs.existsSync(serverBundle()) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (built && !force) return false;
  console.log("[callback] building the production bundle (first run or sources changed)…");
  await run(bin("next"), ["build"], { env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  // After Next's build, which empties its folder first.
  await buildServer();
  const compressed = precompressStatic(path.join(distDir(), "static"));
  console.log(`[callback] ${compressed.files} static files compressed with Brotli: ${Math.round(compressed.from / 1024)} → ${Math.round(compressed.to / 1024)} KB`);
  fs.writeFileSync(stampFile, hash);
  return true;
}

/**
 * A `.br` (Brotli, quality 11) beside every text file of Next's static folder worth it, which
 * the app server sends to browsers that take Brotli (server/static-assets.ts; the kinds and
 * the size floor are the same as there). Once per build: quality 11 is slow to write, fast to read.
 */
export function precompressStatic(dir, { kinds = [".js", ".css", ".svg", ".json"], minBytes = 1024 } = {}) {
  const total = { files: 0, from: 0, to: 0 };
  if (!fs.existsSync(dir)) return total;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !kinds.includes(path.extname(entry.name))) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const body = fs.readFileSync(file);
    if (body.length < minBytes) continue;
    const packed = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    fs.writeFileSync(`${file}.br`, packed);
    Object.assign(total, { files: total.files + 1, from: total.from + body.length, to: total.to + packed.length });
  }
  return total;
}

/**
 * server/index.ts and what it imports from lib/ → one CommonJS file that plain `node` runs on
 * Node 20 (no type stripping there). Packages stay outside, loaded from node_modules at run time
 * as Next's own bundle loads them (one `pg`, one Next), so only our TypeScript is compiled in.
 * - CommonJS, because several packages (`next/server`, `next-auth/jwt`) have no "exports" map
 *   and Node's ESM loader cannot resolve their extensionless subpaths; the generated Prisma
 *   client's `import.meta.url` is given the bundle's own URL.
 * - `server-only` (the first line of every lib/data file) throws outside React's server
 *   condition; this bundle is server code by definition, so it is an empty module here.
 * - The Prisma client in lib/db.ts is one per process (kept on globalThis): the server's copy
 *   of that module and Next's share one client and one pool.
 */
export async function buildServer({ dev = false } = {}) {
  await esbuild({
    entryPoints: [path.join(root, "server", "index.ts")],
    outfile: serverBundle({ dev }),
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "cjs",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [
      {
        name: "server-only",
        setup(build) {
          build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
          build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
        },
      },
    ],
    logLevel: "warning",
  });
}

// `npm run build` (a deployment's build step): always builds, whatever the stamp says.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildIfNeeded({ force: true });
