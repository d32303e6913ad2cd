#!/usr/bin/python3
"""The Nova peer of PlannerBenchmark: times nova.virt.hardware.numa_fit_instance_to_host (Debian's
python3-nova, run with Debian's /usr/bin/python3) on the planner's cases, and checks that Nova's answer
(fit or not) agrees with Virtforge's.

Input: the JSON that io.virtforge.benchmarks.PlannerShapes writes (one object per case: host nodes with
CPUs, sibling sets, pinned CPUs, memory and memory used, 2 MiB page pool; PCI devices; the request;
Virtforge's answer). For each case the script builds what Nova's scheduler hands the function:

  host:     objects.NUMATopology of objects.NUMACell (cpuset empty and pcpuset = the node's CPUs, as
            with cpu_dedicated_set covering the host; pinned_cpus; siblings; memory and memory_usage in
            MiB; mempages 4 KiB / 2 MiB / 1 GiB as libvirt reports them, the 2 MiB pool's used pages =
            pages held by the occupants; network_metadata empty; socket)
  instance: objects.InstanceNUMATopology of `cells` objects.InstanceNUMACell, each with pcpuset =
            its vCPUs, cpu_policy dedicated (thread policy unset: Nova's default prefer), memory split
            evenly, pagesize 2048 (hw:mem_page_size=2MB)
  PCI:      nova.pci.stats.PciDeviceStats(host, stats=PciDevicePoolList) with one pool per (vendor,
            product, NUMA node), dev_type type-PCI, as the scheduler's HostState builds it from the
            compute node's pci_device_pools; for device cases pci_requests = [InstancePCIRequest(count=1,
            spec=[{vendor_id, product_id}], numa_policy=required)], else None (pci_stats is passed in
            every case, as NUMATopologyFilter does)
  limits:   None

and calls numa_fit_instance_to_host(host, instance, limits=None, pci_requests=..., pci_stats=...).
The instance topology is rebuilt before every call (the function writes into it; the scheduler's
filter clones it per host), outside the timed region (timeit setup with number=1).

Timing: one call first (its answer is the fit result, capped by --timeout, reported as "> N s" when
exceeded); then, when that call took less than --slow seconds, --warmup more calls and up to --reps
timed calls within --budget seconds per case; a slow case gets --slow-reps timed calls. p50 / p99 are
nearest-rank over the timed calls (with few calls p99 is the maximum).

Usage: /usr/bin/python3 benchmarks/nova/nova_fit.py SHAPES.json [--out RESULT.json] [--only SUBSTRING]
       [--timeout 120] [--reps 200] [--budget 10] [--slow 1] [--slow-reps 3] [--warmup 5]
"""
import argparse
import json
import math
import os
import signal
import statistics
import sys
import time
import timeit
import uuid

try:
    from oslo_config import cfg
    import nova.conf  # noqa: F401  (registers the options)
    from nova import objects
    from nova.objects import fields
    from nova.pci import stats as pci_stats_mod
    from nova.virt import hardware
except ImportError as e:  # pragma: no cover
    print(f"nova is not importable ({e}): apt-get install -y python3-nova, and run with /usr/bin/python3",
          file=sys.stderr)
    sys.exit(3)

objects.register_all()
cfg.CONF([], project="nova", default_config_files=[])


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def host_topology(case):
    cells = []
    for n in case["nodes"]:
        hugepool_mib = n["pages_2m_total"] * 2
        small_total = (n["memory_mib"] - hugepool_mib) * 256  # 4 KiB pages outside the 2 MiB pool
        cells.append(objects.NUMACell(
            id=n["id"],
            cpuset=set(),
            pcpuset=set(n["cpus"]),
            memory=n["memory_mib"],
            cpu_usage=0,
            memory_usage=n["memory_used_mib"],
            pinned_cpus=set(n["pinned"]),
            siblings=[set(s) for s in n["siblings"]],
            mempages=[
                objects.NUMAPagesTopology(size_kb=4, total=small_total, used=0, reserved=0),
                objects.NUMAPagesTopology(size_kb=2048, total=n["pages_2m_total"], used=n["pages_2m_used"],
                                          reserved=0),
                objects.NUMAPagesTopology(size_kb=1048576, total=0, used=0, reserved=0),
            ],
            network_metadata=objects.NetworkMetadata(physnets=set(), tunneled=False),
            socket=n["socket"],
        ))
    return objects.NUMATopology(cells=cells)


def instance_topology(case):
    cells = []
    k, v, mem = case["cells"], case["vcpus"], case["memory_mib"]
    first = 0
    for i in range(k):
        n = v // k + (1 if i < v % k else 0)
        m = mem // k + (1 if i < mem % k else 0)  # the cases keep it a whole number of 2 MiB pages
        cells.append(objects.InstanceNUMACell(
            id=i, cpuset=set(), pcpuset=set(range(first, first + n)), memory=m,
            pagesize=case["page_kb"], cpu_policy=fields.CPUAllocationPolicy.DEDICATED))
        first += n
    return objects.InstanceNUMATopology(cells=cells)


def pci(case, host):
    pools = {}
    for d in case["pci"]:
        key = (d["vendor"], d["product"], d["node"])
        pools[key] = pools.get(key, 0) + 1
    pool_list = objects.PciDevicePoolList(objects=[
        objects.PciDevicePool(vendor_id=v, product_id=p, numa_node=n, tags={"dev_type": "type-PCI"}, count=c)
        for (v, p, n), c in sorted(pools.items())])
    stats = pci_stats_mod.PciDeviceStats(host, stats=pool_list)
    requests = None
    if case["device"] != "none":
        requests = [objects.InstancePCIRequest(
            count=1, spec=[{"vendor_id": case["gpu"]["vendor"], "product_id": case["gpu"]["product"]}],
            alias_name="gpu", numa_policy=fields.PCINUMAAffinityPolicy.REQUIRED, request_id=str(uuid.uuid4()))]
    return requests, stats


def nearest_rank(sorted_values, p):
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def run_case(case, args):
    host = host_topology(case)
    requests, stats = pci(case, host)
    box = {}

    def setup():
        box["inst"] = instance_topology(case)

    def call():
        box["result"] = hardware.numa_fit_instance_to_host(host, box["inst"], limits=None, pci_requests=requests,
                                                         pci_stats=stats)

    timer = timeit.Timer(call, setup=setup)
    out = {"name": case["name"], "benchmark": case["benchmark"], "virtforge_fits": case["virtforge"]["fits"],
           "virtforge_median_us": case["virtforge"].get("median_us")}
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    try:
        first = timer.timeit(number=1)
    except Timeout:
        out.update(fits=None, timed_out=True, first_s=None, samples=0,
                   p50_ms=None, p99_ms=None, note=f"> {args.timeout:g} s (first call cut off)")
        return out
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    result = box["result"]
    out["fits"] = result is not None
    if result is not None:
        out["host_nodes"] = [c.id for c in result.cells]
    out["first_s"] = first
    samples = []
    slow = first >= args.slow
    reps = args.slow_reps if slow else args.reps
    if not slow:
        for _ in range(args.warmup):
            timer.timeit(number=1)
    deadline = time.monotonic() + (args.budget if not slow else args.timeout * args.slow_reps)
    for _ in range(reps):
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
        try:
            samples.append(timer.timeit(number=1))
        except Timeout:
            out["note"] = f"a repetition exceeded {args.timeout:g} s"
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if time.monotonic() > deadline and len(samples) >= min(5, reps):
            break
    if not samples:
        samples = [first]
    s = sorted(samples)
    out.update(samples=len(s), p50_ms=1000 * statistics.median(s), p99_ms=1000 * nearest_rank(s, 99),
               min_ms=1000 * s[0], max_ms=1000 * s[-1], timed_out=False)
    return out


def fmt_ms(v):
    if v is None:
        return "–"
    if v >= 1000:
        return f"{v / 1000:,.2f} s"
    if v >= 10:
        return f"{v:,.1f} ms"
    return f"{v:,.2f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shapes")
    ap.add_argument("--out")
    ap.add_argument("--only", help="run the cases whose name contains this text")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--slow", type=float, default=1.0)
    ap.add_argument("--slow-reps", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=5)
    args = ap.parse_args()
    cases = json.load(open(args.shapes))
    if args.only:
        cases = [c for c in cases if args.only in c["name"]]
    import nova.version
    meta = {"nova": nova.version.version_string(), "python": sys.version.split()[0],
            "loadavg_before": open("/proc/loadavg").read().strip(), "date": time.strftime("%Y-%m-%d %H:%M:%S UTC",
                                                                                         time.gmtime())}
    print(f"# nova {meta['nova']}, python {meta['python']}, loadavg before: {meta['loadavg_before']}", flush=True)
    results = []
    print("| case | Nova fits | Virtforge fits | agree | Nova p50 | Nova p99 | calls | note |")
    print("| --- | --- | --- | --- | ---: | ---: | ---: | --- |", flush=True)
    for case in cases:
        r = run_case(case, args)
        r["loadavg"] = open("/proc/loadavg").read().split()[0]
        results.append(r)
        agree = "?" if r["fits"] is None else ("yes" if r["fits"] == r["virtforge_fits"] else "**NO**")
        p50 = fmt_ms(r.get("p50_ms")) if not r["timed_out"] else f"> {args.timeout:g} s"
        p99 = fmt_ms(r.get("p99_ms")) if not r["timed_out"] else f"> {args.timeout:g} s"
        print(f"| {r['name']} | {r['fits']} | {r['virtforge_fits']} | {agree} | {p50} | {p99} | {r['samples']} | "
              f"{r.get('note', '')} |", flush=True)
    meta["loadavg_after"] = open("/proc/loadavg").read().strip()
    disagree = [r["name"] for r in results if r["fits"] is not None and r["fits"] != r["virtforge_fits"]]
    print(f"# loadavg after: {meta['loadavg_after']}; disagreements: {disagree or 'none'}")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
