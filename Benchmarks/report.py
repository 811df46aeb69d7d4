#!/usr/bin/env python3
"""Writes Benchmarks/RESULTS.md from the JSON files run.sh leaves in Benchmarks/work."""
import json, os, platform, statistics, subprocess, sys, datetime

def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

W = arg("--work")
OUT = arg("--out")
INDEX = arg("--index")
HERE = os.path.dirname(os.path.abspath(__file__))

def load(name):
    p = os.path.join(W, name)
    try:
        return json.load(open(p))
    except Exception:
        return None

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return "?"

def us(v):
    if v is None or v != v:
        return "n/a"
    if v >= 1000:
        return f"{v/1000:.2f} ms"
    return f"{v:.1f} µs"

def mb(b):
    return f"{b/1e6:.1f} MB"

gk = load("gongkai-search.json")
peers = [("fts5-trigram", load("fts5-trigram-search.json"), load("fts5-trigram-build.json")),
         ("fts5-bigram", load("fts5-bigram-search.json"), load("fts5-bigram-build.json")),
         ("tantivy", load("tantivy-search.json"), load("tantivy-build.json"))]
gki = load("gongkai-ingest.json")
opens = [json.loads(l) for l in open(os.path.join(W, "gongkai-open.jsonl")) if l.strip()] if os.path.exists(os.path.join(W, "gongkai-open.jsonl")) else []
http = load("http.json")
http_nocache = load("http-nocache.json")
plans = load("plans.json") or []

classes = list(gk["classes"].keys()) if gk else []
# keep the file order of queries.tsv
order = []
for p in plans:
    if p["class"] not in order:
        order.append(p["class"])
classes = [c for c in order if c in classes] + [c for c in classes if c not in order]

L = []
L.append("# Gongkai benchmark results\n")
L.append(f"Written by `Benchmarks/report.py` at the end of `sh Benchmarks/run.sh` (`make bench`), {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC.\n")
L.append("## Machine\n")
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem = sh("free -g | awk '/Mem:/ {print $2}'")
swiftv = sh("swift --version 2>&1 | head -1")
sqlitev = sh("sqlite3 --version | cut -d' ' -f1")
wrkv = sh("wrk --version 2>&1 | head -1 | cut -d' ' -f1-2")
tv = (peers[2][2] or {}).get("version", "?")
L.append(f"- CPU: {cpu}, `nproc` = {sh('nproc')}")
L.append(f"- Memory: {mem} GiB; kernel {platform.release()}")
L.append(f"- Swift: {swiftv}; SQLite {sqlitev}; tantivy (Python package) {tv}; {wrkv}")
L.append("- Shared, noisy machine (other builds were running): single figures move by tens of percent between runs; ratios within one run are the figures to read.\n")
L.append("## Commands\n")
L.append("```")
cmds = os.path.join(W, "commands.txt")
if os.path.exists(cmds):
    L += [l.rstrip().replace(os.path.dirname(HERE) + "/", "") for l in open(cmds)]
L.append("```\n")
L.append("Query mix: `Benchmarks/queries.tsv` (class, query, filters). Every engine answers every query with the "
         "exact total number of matches and the top 20 by BM25 (filter-only queries: any 20). Gongkai also computes, "
         "every time, the exact amount sum and the facet counts of kind/item/level/town/year over the whole match set; "
         "the peers compute the total and the top 20 only. Records off (ids only) unless said. Timing loop: each query "
         f"once for warm-up, then {gk['rounds'] if gk else '?'} rounds over the mix (a peer's query stops repeating after "
         "2 s in all); median and p99 are over all (query, round) timings of a class. The whole loop runs "
         f"{gk.get('repeats', 1) if gk else '?'} times for every engine, the engines in turn (Gongkai, FTS5 trigram, FTS5 bigram, "
         "tantivy, then again), and each figure is the median of the runs' figures: this machine's speed drifts within "
         "minutes, and interleaving puts every engine in each spell. Peers' statements/queries are "
         "prepared once outside the timing. tantivy's timings include the Python call overhead (a few µs). "
         "Gongkai's caches (large exact-filter lists per segment; whole answers per commit) are off in these in-process "
         "timings, so every round matches cold, as the peers do. What Gongkai derives from a segment's columns on first use "
         "and keeps while the segment is open (facet groups, exact-value ordinals) is built in the warm-up round; the peers' "
         "equivalents (tantivy's fast fields, SQLite's indexes) are built at indexing time. Gongkai opens the index as "
         "`gongkai serve` does, its segments read into memory backed by 2 MB pages (the CLI maps them; "
         "`GONGKAI_BENCH_MAPPED=1` measures that); tantivy maps its files and SQLite reads through its page cache. "
         "The HTTP run uses the server as shipped (caches on) and again with `--no-cache`.\n")

# Latency table
L.append("## In-process latency per query class (median / p99)\n")
head = "| class | queries | Gongkai | +records | FTS5 trigram | FTS5 bigram | tantivy | Gongkai/trigram | Gongkai/bigram | Gongkai/tantivy |"
L.append(head)
L.append("|" + "---|" * (head.count("|") - 1))
nq = {}
for p in plans:
    nq[p["class"]] = nq.get(p["class"], 0) + 1
def cell(d, c):
    if not d or c not in d["classes"]:
        return "–"
    x = d["classes"][c]
    if x.get("n/a"):
        return "n/a"
    return f"{us(x['median_us'])} / {us(x['p99_us'])}"
def ratio(c, d):
    if not d or c not in d["classes"] or d["classes"][c].get("n/a"):
        return "n/a"
    return f"{gk['classes'][c]['median_us'] / d['classes'][c]['median_us']:.3f}"
for c in classes:
    row = [c, str(nq.get(c, "?")), cell(gk, c), cell(gk.get("with_records"), c)]
    row += [cell(p[1], c) for p in peers]
    row += [ratio(c, p[1]) for p in peers]
    L.append("| " + " | ".join(row) + " |")
if gk:
    m = gk["mix"]
    L.append(f"| **whole mix** | {len(plans)} | {us(m['median_us'])} / {us(m['p99_us'])} | {us(gk['with_records']['mix']['median_us'])} / {us(gk['with_records']['mix']['p99_us'])} | "
             + " | ".join("(mix differs: n/a classes left out)" if any(v.get("n/a") for v in (p[1] or {}).get("classes", {}).values()) else f"{us(p[1]['mix']['median_us'])} / {us(p[1]['mix']['p99_us'])}" for p in peers if p[1]) + " | | | |")
L.append("\nRatio = Gongkai median / peer median (below 1: Gongkai faster; 0.1 = ten times faster). n/a: the peer cannot express "
         "the class (FTS5's trigram tokenizer matches nothing under 3 characters; a class is n/a when any of its queries is).\n")

# Close calls against tantivy, run by run: each engine's run i was measured minutes apart from
# the other's, so a pair shares the machine's spell, where the medians above mix spells.
tv = peers[2][1]
if gk and tv:
    close = []
    for c in classes:
        g, t = gk["classes"][c].get("runs_median_us"), tv["classes"].get(c, {}).get("runs_median_us")
        if g and t and len(g) == len(t) and max(a / b for a, b in zip(g, t)) > 0.8:
            close.append(f"{c} " + " / ".join(f"{a / b:.2f}" for a, b in zip(g, t)))
    if close:
        L.append("Close calls against tantivy, run by run (Gongkai's run i over tantivy's run i, the pair minutes apart; the "
                 "classes where some run's ratio is above 0.8): " + "; ".join(close) + ".\n")

# Slowest classes
if gk:
    slow = sorted(classes, key=lambda c: -gk["classes"][c]["median_us"])
    L.append("Slowest Gongkai classes (median): " + ", ".join(f"{c} {us(gk['classes'][c]['median_us'])}" for c in slow[:5]) + ".\n")

# Totals agreement
L.append("## Totals: agreement with the peers\n")
dis = []
for p in plans:
    i = str(p["index"])
    g = gk["totals"].get(i) if gk else None
    for name, d, _ in peers:
        if not d or i not in d.get("totals", {}):
            continue
        if d["totals"][i] != g:
            dis.append(f"| {p['class']} | `{p['query'] or '–'}` | {' '.join(p['filters']) or '–'} | {g} | {name}: {d['totals'][i]} |")
if dis:
    L.append("| class | query | filters | Gongkai | peer |")
    L.append("|---|---|---|---|---|")
    L += dis
    L.append("\nKnown differences of definition (not necessarily Gongkai bugs): FTS5 trigram is a raw substring match, so an alnum "
             "run also matches inside a longer run (`2018年` inside `12018年`) and across Gongkai's run boundaries; the bigram peers "
             "cannot require a field run to *end* at a leading Han run, nor an inner alnum run to be whole; they do not apply NFKC "
             "or traditional→simplified folding. Each row above is worth a look.\n")
else:
    L.append("Every total of every peer that can express a query equals Gongkai's.\n")

# Ingest and size
L.append("## Ingest, size on disk, open\n")
L.append("| engine | records | seconds | records/s | MB/s (of the JSONL corpus) | on disk | Gongkai ratio (rate / size) |")
L.append("|---|---|---|---|---|---|---|")
if gki:
    L.append(f"| Gongkai | {gki['records']} | {gki['seconds']:.1f} | {gki['records_per_s']:.0f} | {gki['mb_per_s']:.1f} | {mb(gki['disk_bytes'])} (index {mb(gki['index_bytes'])} + store {mb(gki['store_bytes'])}) | |")
for name, _, b in peers:
    if b and gki:
        L.append(f"| {name} | {b['records']} | {b['seconds']:.1f} | {b['records_per_s']:.0f} | {b['mb_per_s']:.1f} | {mb(b['disk_bytes'])} | "
                 f"{gki['records_per_s']/b['records_per_s']:.2f}× rate, {gki['disk_bytes']/b['disk_bytes']:.2f}× size |")
runs = lambda b: ", ".join(f"{x:.1f}" for x in b.get("runs_seconds", [])) if b else ""
if gki and "runs_seconds" in gki:
    tb = dict((n, b) for n, _, b in peers).get("tantivy")
    L.append(f"\nGongkai's ingest and tantivy's build ran {len(gki['runs_seconds'])} times, in turn; the table gives each one's median run "
             f"(Gongkai: {runs(gki)} s; tantivy: {runs(tb)} s). The FTS5 databases were built once.")
L.append("\nGongkai's ingest is timed from the JSON Lines files (parsing, validation, normalisation, bigram analysis, "
         "the SQLite record store and the index, committed). The peers are timed from the pre-split TSV that `fts5-peer prepare` "
         "writes, so their JSON parsing and bigram splitting are *not* counted (in their favour); MB/s is the JSONL corpus size over "
         "that time for every engine. FTS5 databases hold the record JSON (as Gongkai's store) plus the filter columns with "
         "indexes (one per filter field plus item+town+year, item+level, recipient+year) and a contentless FTS5 table; tantivy stores the record JSON as a stored bytes field.\n")
if opens:
    o = sorted(x["open_ms"] for x in opens)
    f = sorted(x["open_and_first_search_ms"] for x in opens)
    L.append(f"Open ({len(opens)} fresh processes, `SearchEngine.open(readOnly: true, residentSegments: true)`, as `gongkai serve` opens it, "
             "its segments read into memory backed by 2 MB pages, then one search for `补贴`): open median "
             f"{statistics.median(o):.1f} ms, open + first search median {statistics.median(f):.1f} ms (max {max(f):.1f} ms). "
             "The page cache is warm (dropping caches is not possible here), so this is a warm-cache open, not a cold disk read.\n")

# HTTP
L.append("## HTTP (wrk over loopback)\n")
if http and "requests_per_s" in http:
    L.append(f"`gongkai serve` on the 350,000-record index; wrk, {os.environ.get('WRK_THREADS', '2')} threads, "
             f"{os.environ.get('WRK_CONNECTIONS', '32')} connections, rotating through the {http['paths']} URL-encoded queries of the mix "
             f"(`Benchmarks/http/run.sh`, `http/queries.lua`); client and server share the 2 cores.\n")
    L.append("The server as shipped keeps, per commit, the answers (records, snippets, and their encoded JSON) of recent "
             "searches: a repeated search is answered from them with a fresh `took_us`, and a new commit makes them all unreachable. "
             "The mix has 53 queries, so after the first round every request is a repeat. The second run (`serve --no-cache`) "
             "searches every request from the index, records and snippets included; it shows what a stream of distinct queries costs.\n")
    if "runs_requests_per_s" in http:
        def runs(h):
            return (", ".join(f"{r:.0f}" for r in h.get("runs_requests_per_s", [])) + " requests/s; p99 "
                    + ", ".join(us(p) for p in h.get("runs_p99_us", [])))
        L.append(f"Each server ran {len(http['runs_requests_per_s'])} times, the two in turn; the table gives each one's median run "
                 f"by requests/s (as shipped: {runs(http)}"
                 + (f"; `--no-cache`: {runs(http_nocache)}" if http_nocache and "runs_requests_per_s" in http_nocache else "") + ").\n")
    L.append("| server | requests/s | p50 | p90 | p99 | max | socket errors | non-200 |")
    L.append("|---|---|---|---|---|---|---|---|")
    for name, h in (("as shipped (caches on)", http), ("`--no-cache`", http_nocache)):
        if h and "requests_per_s" in h:
            L.append(f"| {name} | **{h['requests_per_s']:.0f}** | {us(h['p50_us'])} | {us(h['p90_us'])} | {us(h['p99_us'])} | {us(h['max_us'])} | {h['errors_socket']} | {h['non_200']} |")
    L.append("")
else:
    L.append(f"Not measured: {(http or {}).get('error', 'no result')}.\n")

# package-benchmark
pb = os.path.join(W, "package-benchmark.txt")
L.append("## package-benchmark (per class: wall clock percentiles, mallocs per query, peak memory)\n")
if os.path.exists(pb) and os.path.getsize(pb) > 0:
    L.append("One iteration = one query of the class (rotating through its queries); records off except `mix +records`.\n")
    L.append("```")
    L += [l.rstrip() for l in open(pb) if l.strip()]
    L.append("```\n")
else:
    L.append("Not run in this pass (see `work/package-benchmark.log`).\n")

# Targets
L.append("## Targets\n")
def mark(ok):
    return "**met**" if ok else "**missed**"
T = []
if gk:
    m = gk["mix"]
    T.append(f"- p50 ≤ 50 µs over the mix in-process: {us(m['median_us'])} — {mark(m['median_us'] <= 50)}")
    T.append(f"- p99 ≤ 1 ms over the mix in-process: {us(m['p99_us'])} — {mark(m['p99_us'] <= 1000)}")
    for name, d, _ in peers:
        if not d:
            continue
        need = 1.0 if name == "tantivy" else 0.1
        bad = [c for c in classes if not d["classes"].get(c, {}).get("n/a") and c in d["classes"] and gk["classes"][c]["median_us"] / d["classes"][c]["median_us"] > need]
        label = "faster than tantivy" if name == "tantivy" else f"≥10× faster than {name}"
        missed = ", ".join("%s ratio %.2f" % (c, gk["classes"][c]["median_us"] / d["classes"][c]["median_us"]) for c in bad)
        T.append(f"- every class {label}: {mark(not bad)}" + (f" (missed: {missed})" if bad else ""))
if gki and peers[2][2]:
    t = peers[2][2]
    T.append(f"- ingest rate ≥ tantivy's: {gki['records_per_s']:.0f} vs {t['records_per_s']:.0f} records/s — {mark(gki['records_per_s'] >= t['records_per_s'])}")
if gki:
    for name, _, b in peers[:2]:
        if b:
            T.append(f"- index+store ≤ {name}'s database: {mb(gki['disk_bytes'])} vs {mb(b['disk_bytes'])} — {mark(gki['disk_bytes'] <= b['disk_bytes'])}")
if opens:
    f = statistics.median(x["open_and_first_search_ms"] for x in opens)
    T.append(f"- open ≤ 200 ms (warm cache, open + first search): {f:.1f} ms — {mark(f <= 200)}")
if http and "requests_per_s" in http:
    T.append(f"- ≥ 20,000 HTTP req/s (server as shipped): {http['requests_per_s']:.0f} — {mark(http['requests_per_s'] >= 20000)}")
    T.append(f"- HTTP p99 ≤ 5 ms (server as shipped): {us(http['p99_us'])} — {mark(http['p99_us'] <= 5000)}")
    if http_nocache and "requests_per_s" in http_nocache:
        T.append(f"- the same with `serve --no-cache`: {http_nocache['requests_per_s']:.0f} req/s, p99 {us(http_nocache['p99_us'])} — "
                 f"{mark(http_nocache['requests_per_s'] >= 20000 and http_nocache['p99_us'] <= 5000)}")
else:
    T.append("- HTTP targets: not measured in this run")
L += T
L.append("")
extra = os.path.join(HERE, "PROFILE.md")
if os.path.exists(extra):
    L.append(open(extra).read())
open(OUT, "w").write("\n".join(L) + "\n")
print("\n".join(T))
