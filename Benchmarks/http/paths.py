#!/usr/bin/env python3
"""URL paths for the query mix: /search?q=…&FIELD=VALUE&limit=20, one per line."""
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    cols = line.rstrip("\n").split("\t")
    params = []
    if cols[1] != "-":
        params.append(("q", cols[1]))
    if len(cols) > 2 and cols[2] != "-":
        for f in cols[2].split(" "):
            k, v = f.split("=", 1)
            params.append((k, v))
    params.append(("limit", "20"))
    print("/search?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote))
