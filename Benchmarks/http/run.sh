#!/bin/sh
# Starts `gongkai serve` on the 350,000-record index on a free loopback port and drives it with
# wrk, rotating through the query mix (queries.tsv, URL-encoded by paths.py into work/http-paths.txt).
# Writes work/http.json and work/http-nocache.json (requests/s, p50/p90/p99) with wrk's own reports (.txt).
# Each server runs REPEATS times, the two in turn, and each file is its median run (merge_runs.py).
#   env: GONGKAI_BIN, GONGKAI_BENCH_INDEX, WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_DURATION (15s), REPEATS (3)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
B=$(dirname "$HERE")
ROOT=$(dirname "$B")
W=$B/work
mkdir -p "$W"
BIN=${GONGKAI_BIN:-$ROOT/.build/release/gongkai}
INDEX=${GONGKAI_BENCH_INDEX:-$ROOT/index}
# wrk from Debian's packages; a fresh machine's package lists may be empty, so they are read first.
if ! command -v wrk >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] && SUDO= || SUDO=sudo
  echo "http: installing wrk with apt-get" >&2
  $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null \
    || { echo "http: could not install wrk (apt-get failed); HTTP not measured" >&2; exit 1; }
fi
if ! "$BIN" serve --help >/dev/null 2>&1; then
  echo '{"error": "this build of gongkai has no serve subcommand"}' > "$W/http.json"
  echo "http: gongkai serve is not available in this build; skipped" >&2
  exit 0
fi
python3 "$HERE/paths.py" "$B/queries.tsv" > "$W/http-paths.txt"
# Two runs: the server as shipped (its caches on: a repeated search reuses its encoded answer)
# writes http.json; `serve --no-cache` (every request searched from the index) writes
# http-nocache.json.
run() {
  NAME=$1; shift
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  "$BIN" serve --index "$INDEX" --host 127.0.0.1 --port "$PORT" "$@" > "$W/serve.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT INT TERM
  i=0
  until curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; do
    i=$((i + 1)); [ $i -gt 300 ] && { echo "http: server did not come up" >&2; cat "$W/serve.log" >&2; exit 1; }
    sleep 0.1
  done
  # Every path answers 200 with hits before it is timed.
  python3 - "$PORT" "$W/http-paths.txt" <<'PY'
import json, sys, urllib.request
port, paths = sys.argv[1], open(sys.argv[2]).read().split()
for p in paths:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{p}") as r:
        doc = json.load(r)
        assert doc["total"] > 0, p
PY
  (cd "$HERE" && PATHS_FILE="$W/http-paths.txt" RESULT_FILE="$W/$NAME.json" wrk -t"${WRK_THREADS:-2}" -c"${WRK_CONNECTIONS:-32}" -d"${WRK_DURATION:-15s}" \
    --latency -s "$HERE/queries.lua" "http://127.0.0.1:$PORT" > "$W/$NAME.txt" 2>&1)
  kill $SERVER 2>/dev/null || true
  wait $SERVER 2>/dev/null || true
  echo "== $NAME"
  cat "$W/$NAME.txt"
}
# (`run` sets its own variables, such as `i`: the repeats count with `repeat`.)
REPEATS=${REPEATS:-3}
RUNS=$(seq 1 "$REPEATS")
for repeat in $RUNS; do
  run "http.$repeat"
  run "http-nocache.$repeat" --no-cache
done
for NAME in http http-nocache; do
  python3 "$B/merge_runs.py" "$W/$NAME.json" $(for repeat in $RUNS; do printf '%s ' "$W/$NAME.$repeat.json"; done)
done
