#!/bin/sh
# Gongkai's benchmark run: `make bench` (or `sh Benchmarks/run.sh` from the repository root).
# Generates the default corpus and index when missing (as `make index`), then measures in one run:
# Gongkai ingest/size/open, in-process latency per query class (package-benchmark and the shared
# timing loop), SQLite FTS5 (trigram; unicode61 over bigrams), tantivy (Python), HTTP with wrk;
# and writes Benchmarks/RESULTS.md.
#   env: GONGKAI_BIN (.build/release/gongkai), GONGKAI_BENCH_INDEX (index), GONGKAI_BENCH_CORPUS
#        (Corpora/generated), ROUNDS (20), REPEATS (3), SEARCH_REPEATS (5), SKIP_PACKAGE_BENCHMARK=1,
#        SKIP_HTTP=1
set -eu
B=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$B")
W=$B/work
mkdir -p "$W"
BIN=${GONGKAI_BIN:-$ROOT/.build/release/gongkai}
INDEX=${GONGKAI_BENCH_INDEX:-$ROOT/index}
CORPUS=${GONGKAI_BENCH_CORPUS:-$ROOT/Corpora/generated}
ROUNDS=${ROUNDS:-20}
REPEATS=${REPEATS:-3}
# The latency loops are short (about half a minute for the four engines) and the machine's
# speed drifts within minutes: more of them make the medians steadier.
SEARCH_REPEATS=${SEARCH_REPEATS:-5}
export GONGKAI_BENCH_INDEX="$INDEX" GONGKAI_BENCH_DIR="$B" GONGKAI_BIN="$BIN"
log() { echo "== $(date +%H:%M:%S) $*" >&2; }
: > "$W/commands.txt"
run() { echo "$*" >> "$W/commands.txt"; "$@"; }

# 1. The engine, the corpus and the index (make index semantics: made once, then reused).
if [ ! -x "$BIN" ]; then log "building gongkai"; (cd "$ROOT" && run swift build -c release --product gongkai); fi
#    Both are written beside their place and renamed into it when complete (as the Makefile does).
if [ ! -f "$CORPUS/payouts.jsonl" ]; then
  log "generating corpus"; rm -rf "$CORPUS.partial"
  run "$BIN" corpus --seed 1 --payouts 350000 --out "$CORPUS.partial" && rm -rf "$CORPUS" && mv "$CORPUS.partial" "$CORPUS"
fi
if [ ! -f "$INDEX/MANIFEST" ]; then
  log "indexing corpus"; rm -rf "$INDEX.partial"
  run "$BIN" ingest --index "$INDEX.partial" "$CORPUS"/*.jsonl && rm -rf "$INDEX" && mv "$INDEX.partial" "$INDEX"
fi
CORPUS_BYTES=$(cat "$CORPUS"/*.jsonl | wc -c)

# 2. The harness (its own package; `make test` never builds it).
log "building the Benchmarks package"
(cd "$B" && run swift build -c release --product gongkai-latency && run swift build -c release --product fts5-peer)
BB=$B/.build/release

# 3. Gongkai: cold(-ish) open in fresh processes (ingest and latency are measured with the
#    peers below, in interleaved repeats).
log "gongkai open (5 fresh processes)"
: > "$W/gongkai-open.jsonl"
for i in 1 2 3 4 5; do run "$BB/gongkai-latency" open --index "$INDEX" >> "$W/gongkai-open.jsonl"; done

# 4. package-benchmark: p50/p90/p99, mallocs and peak memory per class.
if [ "${SKIP_PACKAGE_BENCHMARK:-0}" != 1 ]; then
  log "package-benchmark"
  (cd "$B" && run swift package benchmark run --target SearchBenchmarks --no-progress) > "$W/package-benchmark.txt" 2> "$W/package-benchmark.log" \
    || { log "package-benchmark failed; see $W/package-benchmark.log"; tail -20 "$W/package-benchmark.log" >&2; }
fi

# 5. The peers' indexes: SQLite FTS5 (built once) and tantivy through its official Python
#    package; Gongkai's ingest and tantivy's build are repeated, interleaved (REPEATS), and the
#    median run is reported, as this machine's speed drifts by tens of percent within minutes.
log "fts5: pre-splitting the corpus"
run "$BB/fts5-peer" prepare --work "$W" "$CORPUS"/*.jsonl
for v in trigram bigram; do
  log "fts5-$v: build"
  run "$BB/fts5-peer" build --work "$W" --variant $v --corpus-bytes "$CORPUS_BYTES" --out "$W/fts5-$v-build.json"
done
python3 -c 'import tantivy' 2>/dev/null || { log "pip install tantivy"; run python3 -m pip install -q tantivy; }
for r in $(seq "$REPEATS"); do
  log "ingest, run $r of $REPEATS: gongkai, then tantivy"
  run "$BB/gongkai-latency" ingest --index "$W/gongkai-ingest" --out "$W/gongkai-ingest.$r.json" "$CORPUS"/*.jsonl
  rm -rf "$W/gongkai-ingest"
  run python3 "$B/peers/tantivy_peer.py" build --work "$W" --corpus-bytes "$CORPUS_BYTES" --out "$W/tantivy-build.$r.json"
done
run python3 "$B/merge_runs.py" "$W/gongkai-ingest.json" $(for r in $(seq "$REPEATS"); do echo "$W/gongkai-ingest.$r.json"; done)
run python3 "$B/merge_runs.py" "$W/tantivy-build.json" $(for r in $(seq "$REPEATS"); do echo "$W/tantivy-build.$r.json"; done)

# 6. Latency per class, every engine in turn, SEARCH_REPEATS times; each figure is the median of the
#    repeats' figures (merge_runs.py).
for r in $(seq "$SEARCH_REPEATS"); do
  log "search, run $r of $SEARCH_REPEATS: gongkai, fts5-trigram, fts5-bigram, tantivy"
  run "$BB/gongkai-latency" search --index "$INDEX" --rounds "$ROUNDS" --out "$W/gongkai-search.$r.json"
  for v in trigram bigram; do
    run "$BB/fts5-peer" search --work "$W" --variant $v --rounds "$ROUNDS" --out "$W/fts5-$v-search.$r.json"
  done
  run python3 "$B/peers/tantivy_peer.py" search --work "$W" --rounds "$ROUNDS" --out "$W/tantivy-search.$r.json"
done
for e in gongkai fts5-trigram fts5-bigram tantivy; do
  run python3 "$B/merge_runs.py" "$W/$e-search.json" $(for r in $(seq "$SEARCH_REPEATS"); do echo "$W/$e-search.$r.json"; done)
done

# 7. HTTP with wrk.
if [ "${SKIP_HTTP:-0}" != 1 ]; then log "http (wrk)"; run sh "$B/http/run.sh" || log "http run failed"; fi

# 8. The report.
log "writing RESULTS.md"
run python3 "$B/report.py" --work "$W" --index "$INDEX" --out "$B/RESULTS.md"
log "done: $B/RESULTS.md"
