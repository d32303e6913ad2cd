#!/bin/sh
# The codec against libvirt-go-xml, in one run, on the same documents, one thread each:
#   1. builds the Go peer from Debian's source of libvirt-go-xml (7.4.0, checked by SHA-256) with Debian's
#      Go (installs golang-go with apt when `go` is missing; nothing else on the machine changes);
#   2. lists the documents of both corpora's qemuxml2argvdata that the codec reads and writes back
#      (CodecDocuments), and of those the ones libvirt-go-xml reads and writes back (the common set);
#   3. times the Go peer, then the codec (JMH throughput, then JMH sampling for the latency tail), then the Go
#      peer again, each on the common set; a summary with the ratio goes to stdout and $OUT/summary.txt.
# Usage: benchmarks/go-peer/run.sh [OUT_DIR]   (default benchmarks/target/go-peer)
# Needs benchmarks/target/benchmarks.jar (./mvnw -q -pl benchmarks -am package -DskipTests).
# Environment: CORPUS45 and CORPUS90 (the two qemuxml2argvdata folders) override where they are found;
# JAVA_OPTS goes to the JMH runner JVM; JMH_OPTS replaces the JMH settings (default -f 2 -wi 5 -i 10 -w 2s -r 2s); GO_OPTS the peer's (-wi 5 -i 10 -r 2).
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
go_opts=${GO_OPTS:--wi 5 -i 10 -r 2}
jmh_opts=${JMH_OPTS:--f 2 -wi 5 -i 10 -w 2s -r 2s}
echo "[go-peer] load before: $(load)" | tee -a "$out/summary.txt"
# shellcheck disable=SC2086
"$here/build/gopeer" -list "$out/common.list" $go_opts > "$out/go-1.txt"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" 'DomainXmlBenchmark.corpusRoundTrip$' -p files="@$out/common.list" $jmh_opts \
    -rf json -rff "$out/codec-thrpt.json" > "$out/codec-thrpt.txt"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" 'DomainXmlBenchmark.corpusRoundTrip$' -p files="@$out/common.list" $jmh_opts -bm sample -tu us \
    -rf json -rff "$out/codec-sample.json" > "$out/codec-sample.txt"
# shellcheck disable=SC2086
"$here/build/gopeer" -list "$out/common.list" $go_opts > "$out/go-2.txt"
echo "[go-peer] load after: $(load)" | tee -a "$out/summary.txt"
python3 - "$out" <<'PY' | tee -a "$out/summary.txt"
import json, re, sys
out = sys.argv[1]
go = []
for f in ("go-1.txt", "go-2.txt"):
    m = re.search(r"RESULT go-peer corpusRoundTrip: (\d+) ± (\d+) docs/s.*p50 ([\d.]+) p99 ([\d.]+) p99.9 ([\d.]+)",
                  open(f"{out}/{f}").read())
    go.append(tuple(float(x) for x in m.groups()))
t = json.load(open(f"{out}/codec-thrpt.json"))[0]["primaryMetric"]
s = json.load(open(f"{out}/codec-sample.json"))[0]["primaryMetric"]
for m in (t, s):
    m["scoreError"] = float(m["scoreError"])  # JMH writes "NaN" when it cannot tell
pct = s["scorePercentiles"]
print(f"libvirt-go-xml, before: {go[0][0]:,.0f} ± {go[0][1]:,.0f} docs/s (p50 {go[0][2]} us, p99 {go[0][3]} us, p99.9 {go[0][4]} us)")
print(f"codec (JMH):            {t['score']:,.0f} ± {t['scoreError']:,.0f} docs/s (sampled: mean {s['score']:.2f} ± {s['scoreError']:.2f} us, "
      f"p50 {pct['50.0']:.2f} us, p99 {pct['99.0']:.2f} us, p99.9 {pct['99.9']:.2f} us)")
print(f"libvirt-go-xml, after:  {go[1][0]:,.0f} ± {go[1][1]:,.0f} docs/s (p50 {go[1][2]} us, p99 {go[1][3]} us, p99.9 {go[1][4]} us)")
peer = (go[0][0] + go[1][0]) / 2
print(f"ratio (codec mean / peer mean of both runs): {t['score'] / peer:.1f}x; "
      f"with the errors, at least {(t['score'] - t['scoreError']) / max(go[0][0] + go[0][1], go[1][0] + go[1][1]):.1f}x")
PY
