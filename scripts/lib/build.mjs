// Builds the production bundle when the sources changed since the last build
// (a hash of the inputs is kept in .next/), so `npm start` builds on first run only.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { bin, root, run } from "./database.mjs";

const INPUTS = ["app", "lib", "prisma/schema.prisma", "proxy.ts", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const distDir = () => path.join(root, process.env.NEXT_DIST_DIR || ".next");

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
  const built = fs.existsSync(path.join(distDir(), "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (built && !force) return false;
  console.log("[callback] building the production bundle (first run or sources changed)…");
  await run(bin("next"), ["build"], { env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  fs.writeFileSync(stampFile, hash);
  return true;
}
