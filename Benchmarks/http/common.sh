# Shared by abuse.sh and soak.sh: starts `gongkai serve` on INDEX at PORT unless one already
# answers there, and stops it (only the one it started) on exit.
BIN=${BIN:-.build/release/gongkai}
INDEX=${INDEX:-index}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-18080}
SERVER_PID=${SERVER_PID:-}

start_server() {
    if [ -n "$SERVER_PID" ]; then return; fi
    if [ ! -x "$BIN" ]; then echo "no server binary at $BIN (make build, or BIN=...)" >&2; exit 2; fi
    if [ ! -f "$INDEX/MANIFEST" ]; then echo "no index at $INDEX (make index, or INDEX=...)" >&2; exit 2; fi
    "$BIN" serve --index "$INDEX" --host "$HOST" --port "$PORT" >"${TMPDIR:-/tmp}/gongkai-http-$$.log" 2>&1 &
    SERVER_PID=$!
    STARTED=1
    trap 'if [ -n "$STARTED" ]; then kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; fi' EXIT
    for _ in $(seq 1 100); do
        if curl -fs "http://$HOST:$PORT/healthz" >/dev/null 2>&1; then return; fi
        sleep 0.2
    done
    echo "the server did not start; its log:" >&2; cat "${TMPDIR:-/tmp}/gongkai-http-$$.log" >&2; exit 2
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }
