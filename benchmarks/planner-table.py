#!/usr/bin/env python3
"""One table per planner case: Virtforge's fit and sampled percentiles (PlannerBenchmark's JMH JSON) beside
Nova's fit and p50/p99 (benchmarks/nova/nova_fit.py's JSON), and whether they agree.
Usage: benchmarks/planner-table.py PLANNER.json SHAPES.json [NOVA.json]"""
import json
import sys


def case_name(r):
    p = r.get("params") or {}
    if "worst" in p:
        host, cells = p["worst"].split(":")
        return f"{host} v{4 * int(cells)} c{cells} fullnode"
    return f"{p['host']} v{p['vcpus']} c{p['cells']} {p['device']}"


def us(v):
    if v is None:
        return "–"
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def ms(v, timed_out=False, timeout=None):
    if timed_out:
        return f"> {timeout:g} s" if timeout else "timed out"
    if v is None:
        return "–"
    if v >= 1000:
        return f"{v / 1000:,.2f} s"
    return f"{v:,.2f} ms"


def main():
    jmh = json.load(open(sys.argv[1]))
    shapes = {c["name"]: c for c in json.load(open(sys.argv[2]))}
    nova = {}
    timeout = None
    if len(sys.argv) > 3:
        data = json.load(open(sys.argv[3]))
        nova = {r["name"]: r for r in data["results"]}
        timeout = 120.0
        for r in data["results"]:
            if r.get("timed_out") and r.get("note", "").startswith("> "):
                timeout = float(r["note"].split()[1])
    print("| case | fits (Virtforge) | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | samples | p99 < 1 ms"
          + (" | Nova fits | Nova p50 | Nova p99 | agree |" if nova else " |"))
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |" + (" --- | ---: | ---: | --- |" if nova else ""))
    worst_p99 = 0.0
    misses = []
    for r in jmh:
        name = case_name(r)
        m = r["primaryMetric"]
        pc = m.get("scorePercentiles", {})
        unit = m["scoreUnit"]
        scale = {"us/op": 1.0, "ms/op": 1000.0, "ns/op": 0.001, "s/op": 1e6}.get(unit, 1.0)
        p = {k: pc.get(k, float("nan")) * scale for k in ("50.0", "90.0", "99.0", "99.9", "100.0")}
        n = sum(c for it in m.get("rawDataHistogram", []) for hist in it for _, c in hist)
        fits = shapes.get(name, {}).get("virtforge", {}).get("fits")
        ok = p["99.0"] < 1000
        worst_p99 = max(worst_p99, p["99.0"])
        if not ok:
            misses.append(name)
        row = (f"| {name} | {'fits' if fits else 'no fit' if fits is not None else '?'} | {us(p['50.0'])} | "
               f"{us(p['90.0'])} | {us(p['99.0'])} | {us(p['99.9'])} | {us(p['100.0'])} | {n:,} | "
               f"{'yes' if ok else '**no**'} |")
        if nova:
            nr = nova.get(name)
            if nr is None:
                row += " – | – | – | – |"
            else:
                agree = "?" if nr["fits"] is None else ("yes" if nr["fits"] == fits else "**NO**")
                row += (f" {'–' if nr['fits'] is None else ('fits' if nr['fits'] else 'no fit')} | "
                        f"{ms(nr.get('p50_ms'), nr.get('timed_out'), timeout)} | "
                        f"{ms(nr.get('p99_ms'), nr.get('timed_out'), timeout)} | {agree} |")
        print(row)
    print()
    print(f"worst p99: {us(worst_p99)} µs; cases with p99 >= 1 ms: {', '.join(misses) if misses else 'none'}")


if __name__ == "__main__":
    main()
