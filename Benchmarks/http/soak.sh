#!/bin/sh
# Soak (issue 6): DURATION seconds (default 600) of wrk at full load on a mix of searches,
# after WARMUP seconds (default 60) of the same. VmRSS of the server is sampled every 10 s
# into $OUT (default /tmp/gongkai-soak-rss.csv). Passes when wrk saw zero socket errors and zero non-2xx answers and RSS
# at the end is within GROWTH_KB (default 5% of the post-warm-up RSS, at least 16 MB) of RSS
# right after warm-up.
#   sh Benchmarks/http/soak.sh                 # .build/release/gongkai on ./index
#   BIN=... INDEX=... DURATION=600 CONNECTIONS=64 THREADS=2 sh Benchmarks/http/soak.sh
set -eu
cd "$(dirname "$0")/../.."
. Benchmarks/http/common.sh
DURATION=${DURATION:-600}
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=${OUT:-${TMPDIR:-/tmp}/gongkai-soak-rss.csv}
start_server
URL="http://$HOST:$PORT"
echo "soak: server pid $SERVER_PID, RSS at start $(rss_kb) kB; warm-up ${WARMUP} s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s Benchmarks/http/soak-mix.lua "$URL" >/dev/null
warm=$(rss_kb)
echo "soak: RSS after warm-up $warm kB; ${DURATION} s at -t$THREADS -c$CONNECTIONS"
echo "seconds,rss_kb" >"$OUT"
( t=0; while [ "$t" -le "$DURATION" ]; do echo "$t,$(rss_kb)" >>"$OUT"; sleep 10; t=$((t + 10)); done ) &
SAMPLER=$!
result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s Benchmarks/http/soak-mix.lua "$URL")
kill $SAMPLER 2>/dev/null || true
wait $SAMPLER 2>/dev/null || true
end=$(rss_kb)
echo "$result"
peak=$(awk -F, 'NR > 1 && $2 > m { m = $2 } END { print m + 0 }' "$OUT")
requests=$(echo "$result" | awk '/requests in/ { print $1 }')
socket_errors=$(echo "$result" | awk -F'[ ,]+' '/Socket errors/ { print $4 + $6 + $8 + $10 }')
non2xx=$(echo "$result" | awk '/Non-2xx/ { print $NF }')
socket_errors=${socket_errors:-0}; non2xx=${non2xx:-0}
allowed=${GROWTH_KB:-$(( warm / 20 > 16384 ? warm / 20 : 16384 ))}
echo "soak: $requests requests, $socket_errors socket errors, $non2xx non-2xx; RSS after warm-up $warm kB, peak $peak kB, end $end kB (allowed growth $allowed kB); samples in $OUT"
status=0
[ "$socket_errors" -eq 0 ] || { echo "FAIL: socket errors"; status=1; }
[ "$non2xx" -eq 0 ] || { echo "FAIL: non-2xx answers"; status=1; }
[ $(( end - warm )) -le "$allowed" ] || { echo "FAIL: RSS grew by $(( end - warm )) kB"; status=1; }
kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL: the server died"; status=1; }
exit $status
