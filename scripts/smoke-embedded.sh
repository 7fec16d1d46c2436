#!/usr/bin/env bash
# Starts `npm start` with no DATABASE_URL (embedded PGlite), signs up in the browser,
# restarts, and signs in again: accounts must survive the restart.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${SMOKE_PORT:-3217}"
BASE="http://localhost:$PORT"
LOG="$(mktemp)"
EMAIL="smoke-$(date +%s)@example.test"
PASSWORD="smoke test passphrase"

start_app() {
  # node directly (what `npm start` runs) so the stop signal reaches it and PGlite shuts down cleanly.
  PORT="$PORT" node scripts/start.mjs >"$LOG" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS "$BASE/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$LOG"; echo "app exited"; return 1; }
    sleep 1
  done
  cat "$LOG"; echo "app did not become healthy"; return 1
}
stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
}
trap stop_app EXIT
start_app
node scripts/smoke-browser.mjs signup "$BASE" "$EMAIL" "$PASSWORD"
stop_app
start_app
node scripts/smoke-browser.mjs signin "$BASE" "$EMAIL" "$PASSWORD"
echo "signed in again after a restart: the embedded database kept the account"
grep -q "embedded Postgres" "$LOG"
