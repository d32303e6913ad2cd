#!/bin/sh
# The SDK's define + undefine against raw libvirt-java in separate JMH forks, interleaved in time: each round
# runs one fork of every benchmark on every document, raw and SDK alternating, so a slow spell of this VM
# (it comes and goes for seconds to minutes, raw and SDK alike; see benchmarks/README.md) falls on both sides
# instead of on whichever JMH happened to be running. The raw forks never open an SDK connection, so no SDK
# event loop runs beside them.
# Usage: benchmarks/libvirt-interleaved.sh [ROUNDS] [OUT_DIR]   (defaults 6, benchmarks/target/libvirt-interleaved)
# Needs benchmarks/target/benchmarks.jar (./mvnw -q -pl benchmarks -am package -DskipTests) and libvirt's test
# driver (libvirt0). JMH_OPTS replaces the per-fork settings (default -wi 3 -i 5 -w 1s -r 1s).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-6}
out=${2:-$root/benchmarks/target/libvirt-interleaved}
jar=$root/benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build the benchmarks first: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
java -cp "$jar" io.virtforge.benchmarks.LibvirtCheck || exit 2
rm -rf "$out"
mkdir -p "$out"
jmh_opts=${JMH_OPTS:--wi 3 -i 5 -w 1s -r 1s}
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load before: $(load)" > "$out/load.txt"
r=1
while [ "$r" -le "$rounds" ]; do
    for doc in minimal seed large; do
        for bench in rawDefineUndefine sdkDefineUndefineUnchecked sdkDefineUndefine; do
            # shellcheck disable=SC2086
            java -jar "$jar" "LibvirtBenchmark\.$bench\$" -p doc=$doc -f 1 $jmh_opts \
                -rf json -rff "$out/r$r-$doc-$bench.json" > "$out/r$r-$doc-$bench.txt" 2>&1
        done
    done
    echo "after round $r: $(load)" >> "$out/load.txt"
    r=$((r + 1))
done
python3 - "$out" "$root/benchmarks" <<'PY' | tee "$out/summary.md"
import glob, json, os, statistics, sys
out = sys.argv[1]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[2])
from tstat import mean_error
forks = {}  # (bench, doc) -> {round: [iteration means]}
for f in glob.glob(f"{out}/r*-*.json"):
    rnd, doc, bench = os.path.basename(f)[1:-5].split("-", 2)
    for res in json.load(open(f)):
        forks.setdefault((bench, doc), {})[int(rnd)] = res["primaryMetric"]["rawData"][0]
def summary(bench, doc):
    mean, err = mean_error(x for r in sorted(forks[(bench, doc)]) for x in forks[(bench, doc)][r])
    return mean, err, {r: statistics.fmean(v) for r, v in forks[(bench, doc)].items()}
print("| doc | raw µs | SDK unchecked µs | SDK validated µs | unchecked / raw (means) | validated / raw (means) "
      "| median of per-round ratios (unchecked, validated) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for doc in ("minimal", "seed", "large"):
    raw, un, va = (summary(b, doc) for b in ("rawDefineUndefine", "sdkDefineUndefineUnchecked", "sdkDefineUndefine"))
    def ratio(s):
        return statistics.median(s[2][r] / raw[2][r] for r in raw[2] if r in s[2])
    cell = lambda s: f"{s[0]:,.1f} ± {s[1]:,.1f}"
    print(f"| {doc} | {cell(raw)} | {cell(un)} | {cell(va)} | {(un[0] / raw[0] - 1) * 100:+.1f} % "
          f"| {(va[0] / raw[0] - 1) * 100:+.1f} % | {(ratio(un) - 1) * 100:+.1f} %, {(ratio(va) - 1) * 100:+.1f} % |")
print()
for doc in ("minimal", "seed", "large"):
    for b in ("rawDefineUndefine", "sdkDefineUndefineUnchecked", "sdkDefineUndefine"):
        fm = summary(b, doc)[2]
        print(f"- {doc} {b}: fork means by round " + ", ".join(f"{fm[r]:,.1f}" for r in sorted(fm)))
PY
echo "load after: $(load)" >> "$out/load.txt"
cat "$out/load.txt"
