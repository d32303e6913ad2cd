#!/usr/bin/python3
"""The Nova peer of FleetPlannerBenchmark ([fleet] issue): filters a whole fleet host by host with
nova.virt.hardware.numa_fit_instance_to_host, as Nova's NUMATopologyFilter does, and reports the time per
request for the fleet and the hosts it accepts.

Input: the JSON that `io.virtforge.benchmarks.FleetShapes export` writes (the 1,000-host FleetCases fleet:
per host its nodes and free PCI devices in the form nova_fit.py reads; the requests; Virtforge's accepted
hosts). Each host is converted once, outside the timing, with nova_fit.py's own helpers (host_topology,
pci, instance_topology: the same objects as the single-host peer, see its docstring) - as the scheduler's
HostState keeps a host's NUMATopology and PciDeviceStats between requests. Per request, a sweep calls
numa_fit_instance_to_host(host, instance, limits=None, pci_requests=..., pci_stats=...) on every host in id
order, with a fresh instance topology per host (the filter works on a copy per host; the copies are built
before the sweep, untimed); a host is accepted when the call returns a topology.

Timing: one sweep first; when it took longer than --slow seconds (Nova's permutation walks make some requests
take minutes per sweep) it is the only one reported; else it counts as the first of --warmup untimed
sweeps (at least one), then --repeats timed sweeps (time.perf_counter around the whole sweep, and around each call). Reported: the sweep's mean +- the half-width of its 99.9 % confidence interval (Student's
t, as JMH's error), min, max, p99 (nearest rank; with few sweeps, the max), and the per-host call's p50/p99.
A call that takes longer than --timeout seconds is cut off (SIGALRM) and counted as not accepted.

Output: a markdown table on stdout; --accepted FILE: one line per request, its name then the accepted host
ids (what `FleetShapes compare` reads); --out FILE: everything as JSON.

Usage: /usr/bin/python3 benchmarks/nova/nova_fleet.py FLEET.json [--accepted NOVA.txt] [--out NOVA.json]
       [--repeats 5] [--warmup 1] [--slow 60] [--timeout 30] [--only NAME]
"""
import argparse
import json
import math
import os
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nova_fit  # noqa: E402  (imports nova, registers its objects, installs the SIGALRM handler)
from nova_fit import Timeout, host_topology, instance_topology, nearest_rank, pci  # noqa: E402

hardware = nova_fit.hardware

# Student's t, two-sided 99.9 % (0.9995 quantile), by degrees of freedom
T999 = {1: 636.62, 2: 31.60, 3: 12.92, 4: 8.61, 5: 6.87, 6: 5.96, 7: 5.41, 8: 5.04, 9: 4.78, 10: 4.59,
        12: 4.32, 15: 4.07, 20: 3.85, 30: 3.65}


def t999(df):
    keys = sorted(k for k in T999 if k <= df)
    return T999[keys[-1]] if keys else float("inf")


def prepare(fleet, request):
    """Per host: its NUMATopology, its PCI requests and stats (built once, as the scheduler's HostState)."""
    out = []
    for h in fleet["hosts"]:
        case = dict(h)
        case.update(request)
        host = host_topology(case)
        requests, stats = pci(case, host)
        out.append((h["id"], host, requests, stats, case))
    return out


def sweep(hosts, timeout, per_call):
    instances = [instance_topology(case) for (_, _, _, _, case) in hosts]  # untimed: the filter's copies
    accepted = []
    cut = []
    start = time.perf_counter()
    for (hid, host, requests, stats, _), inst in zip(hosts, instances):
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            fit = hardware.numa_fit_instance_to_host(host, inst, limits=None, pci_requests=requests,
                                                     pci_stats=stats)
        except Timeout:
            fit = None
            cut.append(hid)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        per_call.append(time.perf_counter() - t0)
        if fit is not None:
            accepted.append(hid)
    return time.perf_counter() - start, accepted, cut


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fleet")
    ap.add_argument("--accepted")
    ap.add_argument("--out")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--slow", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--only")
    args = ap.parse_args()
    fleet = json.load(open(args.fleet))
    import nova.version
    meta = {"nova": nova.version.version_string(), "python": sys.version.split()[0], "hosts": len(fleet["hosts"]),
            "loadavg_before": open("/proc/loadavg").read().strip(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    print(f"# nova {meta['nova']}, python {meta['python']}, {meta['hosts']} hosts, "
          f"loadavg before: {meta['loadavg_before']}", flush=True)
    print("| request | Nova accepts | Virtforge accepts | same set | sweep mean ± err (ms) | min | p99 (= max) "
          "| per-host call p50 / p99 (µs) | sweeps | loadavg after |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |", flush=True)
    results = []
    lines = []
    for request in fleet["requests"]:
        if args.only and args.only != request["name"]:
            continue
        req = {k: v for k, v in request.items() if k not in ("name", "virtforge_accepted")}
        hosts = prepare(fleet, req)
        first_calls = []
        first = sweep(hosts, args.timeout, first_calls)
        if first[0] > args.slow:
            times, calls, accepted_sets, cut = [first[0]], first_calls, [first[1]], set(first[2])
        else:
            for _ in range(args.warmup - 1):
                sweep(hosts, args.timeout, [])
            times, calls, accepted_sets, cut = [], [], [], set()
            for _ in range(args.repeats):
                t, acc, c = sweep(hosts, args.timeout, calls)
                times.append(t)
                accepted_sets.append(acc)
                cut.update(c)
        accepted = accepted_sets[0]
        stable = all(a == accepted for a in accepted_sets)
        mean = statistics.mean(times)
        err = t999(len(times) - 1) * statistics.stdev(times) / math.sqrt(len(times)) if len(times) > 1 else float("nan")
        s = sorted(times)
        c = sorted(calls)
        same = set(accepted) == set(request["virtforge_accepted"])
        load = open("/proc/loadavg").read().split()[0]
        r = {"name": request["name"], "accepted": accepted, "accepted_stable": stable, "cut_off": sorted(cut),
             "virtforge_accepted": len(request["virtforge_accepted"]), "same_set": same,
             "sweep_s": times, "mean_ms": 1000 * mean, "error_ms": 1000 * err, "min_ms": 1000 * s[0],
             "p99_ms": 1000 * nearest_rank(s, 99), "call_p50_us": 1e6 * statistics.median(c),
             "call_p99_us": 1e6 * nearest_rank(c, 99), "call_max_us": 1e6 * c[-1], "loadavg": load}
        results.append(r)
        lines.append(request["name"] + " " + " ".join(accepted))
        print(f"| {r['name']} | {len(accepted)} | {r['virtforge_accepted']} | {'yes' if same else '**no**'} | "
              f"{r['mean_ms']:,.0f} ± {r['error_ms']:,.0f} | {r['min_ms']:,.0f} | {r['p99_ms']:,.0f} | "
              f"{r['call_p50_us']:,.0f} / {r['call_p99_us']:,.0f} | {len(times)} | {load} |"
              + ("" if stable else " (accepted set varied between sweeps)")
              + (f" ({len(cut)} calls cut off at {args.timeout:g} s)" if cut else ""), flush=True)
    meta["loadavg_after"] = open("/proc/loadavg").read().strip()
    print(f"# loadavg after: {meta['loadavg_after']}")
    if args.accepted:
        with open(args.accepted, "w") as f:
            f.write("\n".join(lines) + "\n")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
