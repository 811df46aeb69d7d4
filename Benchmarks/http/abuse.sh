#!/bin/sh
# HTTP abuse against `gongkai serve` (issue 6): malformed requests, slowloris, thousands of
# idle connections, wrk -c 2000; the server must stay up, answer 4xx, keep RSS bounded.
#   sh Benchmarks/http/abuse.sh                # starts .build/release/gongkai on ./index
#   BIN=... INDEX=... PORT=... sh Benchmarks/http/abuse.sh [abuse.py options]
#   SERVER_PID=1234 PORT=8080 sh Benchmarks/http/abuse.sh   # an already running server
set -eu
cd "$(dirname "$0")/../.."
. Benchmarks/http/common.sh
start_server
python3 Benchmarks/http/abuse.py --host "$HOST" --port "$PORT" --pid "$SERVER_PID" "$@"
