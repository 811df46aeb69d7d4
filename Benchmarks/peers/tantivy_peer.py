#!/usr/bin/env python3
"""tantivy peer (official Python package), measured with the same loop as gongkai-latency.

    tantivy_peer.py build  --work DIR --out FILE [--corpus-bytes N]
    tantivy_peer.py search --work DIR --out FILE [--rounds N]

Reads work/presplit.tsv and work/plans.json written by `fts5-peer prepare`: the same records,
the same bigram pre-splitting (`bi`: bigrams of each Han run, a 1-character run as itself,
lower-cased alnum runs; `uni`: single Han characters) and the same query plans.
"""
import json, os, shutil, statistics, sys, time
import tantivy

FILTERS = ["kind", "item", "level", "town", "recipient", "village"]


def arg(name, default=None):
    a = sys.argv
    return a[a.index(name) + 1] if name in a else default


def schema():
    b = tantivy.SchemaBuilder()
    b.add_text_field("bi", stored=False, tokenizer_name="whitespace", index_option="position")
    b.add_text_field("uni", stored=False, tokenizer_name="whitespace", index_option="freq")
    for f in FILTERS:
        b.add_text_field(f, stored=False, tokenizer_name="raw", index_option="basic")
    b.add_integer_field("year", stored=False, indexed=True, fast=True)
    b.add_integer_field("amount_fen", stored=False, indexed=False, fast=True)
    b.add_bytes_field("doc", stored=True, indexed=False, fast=False)  # the record, as the others store it
    return b.build()


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    import math
    rank = max(math.ceil(p / 100 * len(sorted_values)) - 1, 0)
    return sorted_values[min(rank, len(sorted_values) - 1)]


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def build(work, out):
    path = os.path.join(work, "tantivy-index")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    presplit = os.path.join(work, "presplit.tsv")
    t0 = time.perf_counter()
    sch = schema()
    index = tantivy.Index(sch, path=path)
    writer = index.writer(heap_size=1_000_000_000, num_threads=0)
    n = 0
    with open(presplit, encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            d = {"bi": c[9], "uni": c[10], "amount_fen": int(c[7] or 0), "doc": c[11].encode()}
            for i, f in enumerate(FILTERS[:4]):
                d[f] = c[i]
            d["recipient"] = c[5]
            d["village"] = c[6]
            if c[4]:
                d["year"] = int(c[4])
            writer.add_document(tantivy.Document(**d))
            n += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t0
    corpus_bytes = int(arg("--corpus-bytes", os.path.getsize(presplit)))
    res = {"engine": "tantivy", "version": getattr(tantivy, "__version__", "?"), "records": n, "seconds": seconds,
           "records_per_s": n / seconds, "mb_per_s": corpus_bytes / 1e6 / seconds, "disk_bytes": du(path),
           "input_bytes": corpus_bytes, "note": "timed from the pre-split TSV (JSON parsing and bigram splitting excluded)"}
    json.dump(res, open(out, "w"), indent=2)


def make_query(sch, plan):
    Occur = tantivy.Occur
    parts = []
    for cl in plan.get("clauses", []):
        toks = cl["tokens"]
        if cl["prefix_last"]:
            parts.append(tantivy.Query.phrase_prefix_query(sch, cl["column"], toks))
        elif len(toks) == 1:
            parts.append(tantivy.Query.term_query(sch, cl["column"], toks[0], index_option="freq"))
        else:
            parts.append(tantivy.Query.phrase_query(sch, cl["column"], toks))
    for f in plan["filters"]:
        k, v = f.split("=", 1)
        if k == "year":
            if ".." in v:
                lo, hi = v.split("..")
                parts.append(tantivy.Query.range_query(sch, "year", tantivy.FieldType.Integer, int(lo), int(hi)))
            else:
                parts.append(tantivy.Query.term_query(sch, "year", int(v)))
        else:
            parts.append(tantivy.Query.term_query(sch, k, v))
    if len(parts) == 1:
        return parts[0]
    return tantivy.Query.boolean_query([(Occur.Must, p) for p in parts])


def search(work, out, rounds):
    plans = json.load(open(os.path.join(work, "plans.json")))
    index = tantivy.Index.open(os.path.join(work, "tantivy-index"))
    index.reload()
    searcher = index.searcher()
    sch = index.schema
    classes, samples, totals, unsupported, queries = [], {}, {}, set(), []
    for p in plans:
        if p["class"] not in classes:
            classes.append(p["class"])
        if p["query"].split() and "clauses" not in p:
            unsupported.add(p["class"])
            continue
        queries.append((p, make_query(sch, p)))
    for p, q in queries:  # warm-up and totals
        totals[str(p["index"])] = searcher.search(q, limit=20, count=True).count
    spent = {}
    for rnd in range(rounds):  # a query stops being repeated after 2 s in all (and 3 runs)
        for p, q in queries:
            if rnd >= 3 and spent.get(p["index"], 0) > 2_000_000:
                continue
            t0 = time.perf_counter_ns()
            r = searcher.search(q, limit=20, count=True)
            _ = (r.count, r.hits)
            us = (time.perf_counter_ns() - t0) / 1000
            spent[p["index"]] = spent.get(p["index"], 0) + us
            samples.setdefault(p["class"], []).append(us)
    per, alls = {}, []
    for c in classes:
        if c in unsupported:
            per[c] = {"n/a": True}
            continue
        s = sorted(samples.get(c, []))
        alls += s
        per[c] = {"median_us": percentile(s, 50), "p90_us": percentile(s, 90), "p99_us": percentile(s, 99), "n": len(s)}
    alls.sort()
    res = {"engine": "tantivy", "rounds": rounds, "classes": per, "totals": totals,
           "mix": {"median_us": percentile(alls, 50), "p90_us": percentile(alls, 90), "p99_us": percentile(alls, 99), "n": len(alls)}}
    json.dump(res, open(out, "w"), indent=2)


if __name__ == "__main__":
    cmd = sys.argv[1]
    work = arg("--work", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "work"))
    if cmd == "build":
        build(work, arg("--out"))
    elif cmd == "search":
        search(work, arg("--out"), int(arg("--rounds", "30")))
    else:
        sys.exit("usage: tantivy_peer.py build|search ...")
