#!/bin/sh
# Instruction counts per query of one class, with valgrind's callgrind (repeatable on a noisy
# machine). valgrind 3.19 cannot read Swift 6.3's debug info, so a copy stripped of it is used
# (function names stay, line numbers go).
#   sh Benchmarks/profile.sh CLASS [REPEAT] [--records]   e.g. sh Benchmarks/profile.sh han1_common 5
# GONGKAI_BENCH_QUERIES=FILE takes the queries from FILE (same columns as queries.tsv).
# GONGKAI_BENCH_BIN=FILE profiles that gongkai-latency (a saved build, for before/after) instead
# of building one.
# Hashing is made deterministic, so that one-time work hashes the same in both runs.
# Prints instructions per query (run with REPEAT minus run with 0, both after one warm-up pass,
# so one-time costs cancel) and the functions that take them (exclusive).
set -eu
B=$(cd "$(dirname "$0")" && pwd)
CLASS=${1:-han1_common}
REPEAT=${2:-5}
RECORDS=${3:-}
INDEX=${GONGKAI_BENCH_INDEX:-$B/../index}
OUT=$B/work/profile
mkdir -p "$OUT"
BIN=${GONGKAI_BENCH_BIN:-}
if [ -z "$BIN" ]; then
  (cd "$B" && swift build -c release --product gongkai-latency >/dev/null)
  BIN=$B/.build/release/gongkai-latency
fi
cp "$BIN" "$OUT/gongkai-latency-nodebug"
strip --strip-debug "$OUT/gongkai-latency-nodebug"
QUERIES=${GONGKAI_BENCH_QUERIES:-$B/queries.tsv}
N=$(awk -F"\t" -v c="$CLASS" '$1 == c' "$QUERIES" | wc -l)
for r in 0 "$REPEAT"; do
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$OUT/$CLASS.$r.out" --toggle-collect='*12SearchEngineC6search*' \
    "$OUT/gongkai-latency-nodebug" profile --index "$INDEX" --class "$CLASS" --queries "$QUERIES" --repeat "$r" $RECORDS >/dev/null 2>&1
  callgrind_annotate --inclusive=no --threshold=100 "$OUT/$CLASS.$r.out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' > "$OUT/$CLASS.$r.txt"
done
python3 - "$OUT/$CLASS.0.txt" "$OUT/$CLASS.$REPEAT.txt" "$((N * REPEAT))" "$CLASS $RECORDS" <<'PY' | swift demangle --simplified | cut -c1-160
import re, sys
def load(p):
    d = {}
    for l in open(p):
        m = re.match(r'\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)', l)
        if m and 'PROGRAM TOTALS' not in m.group(2):
            d[m.group(2)] = int(m.group(1).replace(',', ''))
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
diff = sorted(((b.get(k, 0) - a.get(k, 0)), k) for k in set(a) | set(b))[::-1]
tot = sum(x for x, _ in diff)
print(f"{sys.argv[4]}: {tot / n:,.0f} instructions per query ({n} searches)")
for x, k in diff[:int(__import__("os").environ.get("TOPN","15"))]:
    print(f"{x / n:14,.0f} {100 * x / tot:5.1f}%  {k}")
PY
