#!/usr/bin/env bash
# Runs the JMH benchmarks from benchmarks/target/benchmarks.jar and records, next to the JMH output,
# what the machine was doing: CPU model, cores, JDK, /proc/loadavg before, every 5 s during, and after.
#
# Usage (from anywhere; build first, see README.md):
#   benchmarks/run-benchmarks.sh                      # DomainXmlBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
#   benchmarks/run-benchmarks.sh 'seed.*' -f 3 -wi 5 -i 10 -w 2s -r 2s -prof gc
# Arguments, when given, replace the defaults and go to JMH unchanged (java -jar benchmarks.jar -h).
# JAVA (default: java) picks the JVM. Output: benchmarks/target/results/<UTC stamp>.{txt,json,load}.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  echo "missing $jar: build it first: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
java=${JAVA:-java}
if [[ $# -eq 0 ]]; then
  set -- DomainXmlBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
fi
out=benchmarks/target/results
mkdir -p "$out"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log=$out/$stamp.txt
load=$out/$stamp.load

{
  echo "# date:     $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "# commit:   $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (+ local changes)')"
  echo "# cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc) (nproc)"
  echo "# jdk:      $("$java" -version 2>&1 | head -1)"
  echo "# command:  $java -jar $jar $* -rf json -rff $out/$stamp.json"
  echo "# loadavg before: $(cat /proc/loadavg)"
} | tee "$log"

# /proc/loadavg every 5 s while JMH runs (this sampler is stopped by its own pid below)
( while sleep 5; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)"; done ) > "$load" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

"$java" -jar "$jar" "$@" -rf json -rff "$out/$stamp.json" 2>&1 | tee -a "$log"

kill "$sampler" 2>/dev/null || true
trap - EXIT
{
  echo "# loadavg after:  $(cat /proc/loadavg)"
  awk '{ n++; s += $2; if (n == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
       END { if (n) printf "# 1-min loadavg during the run (%d samples, every 5 s): min %.2f, mean %.2f, max %.2f (2 cores: above 2 means others were competing for CPU)\n", n, lo, s / n, hi }' "$load"
  echo "# results: $log, $out/$stamp.json, $load"
} | tee -a "$log"
