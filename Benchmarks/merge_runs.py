#!/usr/bin/env python3
"""Merges the repeated runs of one engine's search or build (run.sh, REPEATS) into one file.

  merge_runs.py OUT RUN1 RUN2 ...

A search file's class and mix figures (median, p90, p99) become the medians of the runs'
figures, `n` their sum, and `runs` lists each run's median; the totals must agree (they are
the same queries). A build file's seconds become the median run's, and `runs_seconds` lists
them all. An HTTP file (wrk) becomes its median run by requests/s, whole, with
`runs_requests_per_s` and `runs_p99_us` listing every run's. Every other field is the first run's.
"""
import json, statistics, sys

def merge_timings(parts):
    merged = dict(parts[0])
    if any("median_us" not in p for p in parts):
        return merged  # A class the engine cannot express ("n/a").
    for key in ("median_us", "p90_us", "p99_us"):
        merged[key] = statistics.median(p[key] for p in parts)
    merged["n"] = sum(p["n"] for p in parts)
    merged["runs_median_us"] = [p["median_us"] for p in parts]
    return merged

def merge_search(runs):
    out = dict(runs[0])
    for r in runs[1:]:
        if r.get("totals") != runs[0].get("totals"):
            sys.exit("merge_runs: the runs' totals differ")
    out["classes"] = {c: merge_timings([r["classes"][c] for r in runs]) for c in runs[0]["classes"]}
    out["mix"] = merge_timings([r["mix"] for r in runs])
    if "with_records" in runs[0]:
        out["with_records"] = merge_search([r["with_records"] for r in runs])
    out["repeats"] = len(runs)
    return out

def merge_build(runs):
    ordered = sorted(runs, key=lambda r: r["seconds"])
    out = dict(ordered[len(ordered) // 2])
    out["runs_seconds"] = [r["seconds"] for r in runs]
    return out

def merge_http(runs):
    ordered = sorted(runs, key=lambda r: r["requests_per_s"])
    out = dict(ordered[len(ordered) // 2])
    out["runs_requests_per_s"] = [r["requests_per_s"] for r in runs]
    out["runs_p99_us"] = [r["p99_us"] for r in runs]
    return out

out, paths = sys.argv[1], sys.argv[2:]
runs = [json.load(open(p)) for p in paths]
if "classes" in runs[0]:
    merged = merge_search(runs)
elif "requests_per_s" in runs[0]:
    merged = merge_http(runs)
else:
    merged = merge_build(runs)
json.dump(merged, open(out, "w"), indent=2, ensure_ascii=False)
