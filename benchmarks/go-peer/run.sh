#!/bin/sh
# The codec against libvirt-go-xml, in one run, on the same documents, one thread each:
#   1. builds the Go peer from Debian's source of libvirt-go-xml (7.4.0, checked by SHA-256) with Debian's
#      Go (installs golang-go with apt when `go` is missing; nothing else on the machine changes);
#   2. lists the documents of both corpora's qemuxml2argvdata that the codec reads and writes back
#      (CodecDocuments), and of those the ones libvirt-go-xml reads and writes back (the common set);
#   3. times, in ROUNDS rounds (default 4), the Go peer then the codec (JMH throughput, one fork), so a slow spell
#      of the machine falls on both; then the codec sampled for the latency tail; a summary with the ratios goes
#      to stdout and $OUT/summary.txt.
# Usage: benchmarks/go-peer/run.sh [OUT_DIR]   (default benchmarks/target/go-peer)
# Needs benchmarks/target/benchmarks.jar (./mvnw -q -pl benchmarks -am package -DskipTests).
# Environment: CORPUS45 and CORPUS90 (the two qemuxml2argvdata folders) override where they are found;
# JAVA_OPTS goes to the JMH runner JVM; JMH_OPTS replaces the JMH settings per round (default -f 1 -wi 5 -i 10 -w 2s -r 2s); GO_OPTS the peer's (-wi 5 -i 10 -r 2).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/benchmarks/target/go-peer}
mkdir -p "$out" "$here/build"
jar=$root/benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build the benchmarks first: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }

src=golang-github-libvirt-libvirt-go-xml_7.4.0.orig.tar.gz
sha=6e6cc211113e6325fc72b2a32d5d78e91200af3e712e83ec794872b5a31dbcba
if ! command -v go >/dev/null 2>&1; then
    echo "[go-peer] installing Debian's golang-go" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q golang-go >&2
fi
if [ ! -f "$here/build/$src" ]; then
    curl -fsS -o "$here/build/$src.part" "http://deb.debian.org/debian/pool/main/g/golang-github-libvirt-libvirt-go-xml/$src"
    mv "$here/build/$src.part" "$here/build/$src"
fi
echo "$sha  $here/build/$src" | sha256sum -c --quiet -
rm -rf "$here/build/libvirt-go-xml-7.4.0"
tar -xzf "$here/build/$src" -C "$here/build"
printf 'module libvirt.org/libvirt-go-xml\n\ngo 1.19\n' > "$here/build/libvirt-go-xml-7.4.0/go.mod"
(cd "$here" && GOFLAGS=-mod=mod GOPROXY=off go build -o build/gopeer .)

c45=${CORPUS45:-}
c90=${CORPUS90:-}
for d in "$root/../shared/corpus/libvirt-4.5.0/tests/qemuxml2argvdata"; do [ -z "$c45" ] && [ -d "$d" ] && c45=$d; done
for d in "$root/.corpus/libvirt-9.0.0/tests/qemuxml2argvdata"; do [ -z "$c90" ] && [ -d "$d" ] && c90=$d; done
[ -n "$c45" ] && [ -n "$c90" ] || { echo "corpus not found (../shared/corpus, .corpus via scripts/fetch-libvirt-corpus.sh; or set CORPUS45/CORPUS90)" >&2; exit 2; }

java -cp "$jar" io.virtforge.benchmarks.CodecDocuments "$c45" "$c90" > "$out/codec.list" 2> "$out/codec-refused.txt"
"$here/build/gopeer" -list "$out/codec.list" -accepted > "$out/common.list" 2> "$out/go-refused.txt"
total=$(ls "$c45"/*.xml "$c90"/*.xml | wc -l)
echo "[go-peer] $total documents; the codec reads $(wc -l < "$out/codec.list"); both read $(wc -l < "$out/common.list")" | tee "$out/summary.txt"

load() { cut -d' ' -f1-3 /proc/loadavg; }
rounds=${ROUNDS:-4}
go_opts=${GO_OPTS:--wi 5 -i 10 -r 2}
jmh_opts=${JMH_OPTS:--f 1 -wi 5 -i 10 -w 2s -r 2s}
echo "[go-peer] load before: $(load)" | tee -a "$out/summary.txt"
# Rounds of the peer then the codec, so a slow spell of the machine falls on both sides, then the codec sampled.
r=1
while [ "$r" -le "$rounds" ]; do
    # shellcheck disable=SC2086
    "$here/build/gopeer" -list "$out/common.list" $go_opts > "$out/go-$r.txt"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$jar" 'DomainXmlBenchmark.corpusRoundTrip$' -p files="@$out/common.list" $jmh_opts \
        -rf json -rff "$out/codec-thrpt-$r.json" > "$out/codec-thrpt-$r.txt"
    echo "[go-peer] load after round $r: $(load)" | tee -a "$out/summary.txt"
    r=$((r + 1))
done
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" 'DomainXmlBenchmark.corpusRoundTrip$' -p files="@$out/common.list" $jmh_opts -bm sample -tu us \
    -rf json -rff "$out/codec-sample.json" > "$out/codec-sample.txt"
echo "[go-peer] load after: $(load)" | tee -a "$out/summary.txt"
python3 - "$out" "$rounds" "$here/.." <<'PY' | tee -a "$out/summary.txt"
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[3])
from tstat import mean_error
go, codec, codec_its = [], [], []
for r in range(1, rounds + 1):
    m = re.search(r"RESULT go-peer corpusRoundTrip: (\d+) ± (\d+) docs/s.*p50 ([\d.]+) p99 ([\d.]+) p99.9 ([\d.]+)",
                  open(f"{out}/go-{r}.txt").read())
    go.append(tuple(float(x) for x in m.groups()))
    pm = json.load(open(f"{out}/codec-thrpt-{r}.json"))[0]["primaryMetric"]
    codec.append((pm["score"], float(pm["scoreError"])))
    codec_its += [x for fork in pm["rawData"] for x in fork]
    print(f"round {r}: libvirt-go-xml {go[-1][0]:,.0f} ± {go[-1][1]:,.0f} docs/s (p50 {go[-1][2]} us, p99 {go[-1][3]} us, "
          f"p99.9 {go[-1][4]} us); codec {codec[-1][0]:,.0f} ± {codec[-1][1]:,.0f} docs/s; ratio {codec[-1][0] / go[-1][0]:.2f}x")
s = json.load(open(f"{out}/codec-sample.json"))[0]["primaryMetric"]
pct = s["scorePercentiles"]
print(f"codec sampled: mean {s['score']:.2f} ± {float(s['scoreError']):.2f} us, p50 {pct['50.0']:.2f} us, "
      f"p99 {pct['99.0']:.2f} us, p99.9 {pct['99.9']:.2f} us")
c_mean, c_err = mean_error(codec_its)
g_mean, g_err = mean_error(g[0] for g in go)
ratios = [c[0] / g[0] for c, g in zip(codec, go)]
print(f"codec over all rounds: {c_mean:,.0f} ± {c_err:,.0f} docs/s; libvirt-go-xml over all rounds: {g_mean:,.0f} ± {g_err:,.0f} "
      f"docs/s (error over the {rounds} round means)")
print(f"ratio of the means: {c_mean / g_mean:.2f}x; per round: median {statistics.median(ratios):.2f}x, lowest {min(ratios):.2f}x; "
      f"with both errors, at least {(c_mean - c_err) / (g_mean + g_err):.2f}x")
PY
