#!/usr/bin/env python3
"""Summarises JMH JSON results (benchmarks/target/results/*.json) for a noisy machine: the JMH score
and its 99.9% error next to the median, min and max of the measurement iterations (all forks). Sampled
benchmarks (-bm sample) get a second table with their percentiles (p50, p90, p99, p99.9, max, samples);
single-shot ones (-bm ss) show the median, min and max over their forks in the first.
Usage: benchmarks/summarize-results.py FILE.json [FILE.json ...]"""
import json
import statistics
import sys

def num(v):
    """Thousands separators; one decimal below 100, two below 10 (µs-scale scores)."""
    if not isinstance(v, (int, float)) or v != v:
        return "n/a"
    return f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}" if abs(v) < 100 else f"{v:,.0f}"


for path in sys.argv[1:]:
    print(f"## {path}")
    print(f"| benchmark | params | score | ± error (99.9%) | median iter | min iter | max iter | unit |")
    print(f"| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in json.load(open(path)):
        m = r["primaryMetric"]
        raw = [x for fork in m.get("rawData", []) for x in fork]
        params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        err = m.get("scoreError")
        err = num(err)
        med = num(statistics.median(raw)) if raw else ""
        lo = num(min(raw)) if raw else ""
        hi = num(max(raw)) if raw else ""
        name = r["benchmark"].rsplit(".", 1)[-1]
        print(f"| {name} | {params} | {num(m['score'])} | {err} | {med} | {lo} | {hi} | {m['scoreUnit']} |")
        for sec, v in sorted(r.get("secondaryMetrics", {}).items()):
            if sec.endswith("alloc.rate.norm"):
                print(f"| {name} | {params} | {v['score']:,.0f} | | | | | {v['scoreUnit']} (gc.alloc.rate.norm) |")
    print()
    sampled = [r for r in json.load(open(path)) if r.get("mode") == "sample"]
    if sampled:
        print("| benchmark | params | p50 | p90 | p99 | p99.9 | max | samples | unit |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in sampled:
            m = r["primaryMetric"]
            pc = m.get("scorePercentiles", {})
            n = sum(c for it in m.get("rawDataHistogram", []) for hist in it for _, c in hist)
            params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
            cells = " | ".join(f"{pc.get(k, float('nan')):,.1f}" for k in ("50.0", "90.0", "99.0", "99.9", "100.0"))
            print(f"| {r['benchmark'].rsplit('.', 1)[-1]} | {params} | {cells} | {n:,} | {m['scoreUnit']} |")
        print()
