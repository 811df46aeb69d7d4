#!/usr/bin/env bash
# End-to-end check of the search page in a real browser.
#
#   scripts/e2e.sh INDEX_DIR [PNG_PATH]
#
# Starts `gongkai serve` on a free loopback port against INDEX_DIR (an index built with
# `gongkai ingest`), loads the page with headless Chromium at phone size (390x844) for the
# query Q (default 水稻), writes a screenshot to PNG_PATH (default Benchmarks/work/e2e.png),
# dumps the DOM and checks that result rows rendered. Exits non-zero on any failure.
#
# Environment: GONGKAI=path/to/gongkai skips the build; SCRATCH=.build-x picks the build
# folder (default .build); Q=… changes the query. Chromium and CJK fonts come from Debian's
# packages (chromium, fonts-noto-cjk) and are installed with apt-get when missing.
set -euo pipefail

cd "$(dirname "$0")/.."
INDEX=${1:?usage: scripts/e2e.sh INDEX_DIR [PNG_PATH]}
PNG=${2:-Benchmarks/work/e2e.png}
Q=${Q:-水稻}
SCRATCH=${SCRATCH:-.build}
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }

[ -d "$INDEX" ] || fail "index directory $INDEX does not exist"
mkdir -p "$(dirname "$PNG")"

if [ -z "${GONGKAI:-}" ]; then
    swift build --scratch-path "$SCRATCH" --product gongkai >&2
    GONGKAI="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/gongkai"
fi
[ -x "$GONGKAI" ] || fail "no gongkai binary at $GONGKAI"

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "cjk"; then
    echo "e2e: installing chromium and fonts-noto-cjk with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >&2
fi

# Port 0: the server picks a free port and prints it on its first line.
"$GONGKAI" serve --index "$INDEX" --host 127.0.0.1 --port 0 >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's|^Gongkai serving [0-9]* records on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$WORK/server.out" | head -n 1)
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; fail "gongkai serve exited"; }
    sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/server.err" >&2; fail "gongkai serve did not report a port within 10 s"; }
head -n 1 "$WORK/server.out" >&2

BASE="http://127.0.0.1:$PORT"
curl -fsS "$BASE/healthz" >/dev/null || fail "/healthz did not answer"
QUERY=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$Q")
URL="$BASE/?q=$QUERY"

CHROME=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
        --user-data-dir="$WORK/profile" --window-size=390,844 --virtual-time-budget=10000)

"${CHROME[@]}" --screenshot="$PNG" "$URL" >"$WORK/chrome-shot.log" 2>&1 \
    || { cat "$WORK/chrome-shot.log" >&2; fail "chromium could not take the screenshot"; }
[ -s "$PNG" ] || fail "no screenshot written to $PNG"

"${CHROME[@]}" --dump-dom "$URL" >"$WORK/dom.html" 2>"$WORK/chrome-dom.log" \
    || { cat "$WORK/chrome-dom.log" >&2; fail "chromium could not dump the DOM"; }

TOTAL=$(sed -n 's|.*<strong id="total">\([0-9]*\)</strong>.*|\1|p' "$WORK/dom.html" | head -n 1)
ROWS=$(grep -o '<tr>' "$WORK/dom.html" | wc -l)
CARDS=$(grep -o '<article class="hit">' "$WORK/dom.html" | wc -l)
if grep -q 'class="status error"' "$WORK/dom.html"; then
    fail "the page shows an error: $(sed -n 's|.*<p id="status" class="status error"[^>]*>\([^<]*\)<.*|\1|p' "$WORK/dom.html")"
fi
[ -n "$TOTAL" ] || fail "the page shows no result count (did app.js run?)"
[ "$TOTAL" -gt 0 ] || fail "the query '$Q' found no records (共 0 条)"
[ $((ROWS + CARDS)) -gt 0 ] || fail "共 $TOTAL 条 but no result rows rendered"
echo "e2e: ok: '$Q' → 共 $TOTAL 条, $((ROWS > 0 ? ROWS - 1 : 0)) payout rows, $CARDS cards; screenshot $PNG"
