#!/usr/bin/env bash
# Cold start of the codec: runs io.virtforge.benchmarks.ColdStart N times (default 20), each in a
# fresh JVM, and prints min / median / p90 / max of
#   parsed_ms   JVM start (RuntimeMXBean start time) to the first parsed seed document (target < 500)
#   written_ms  JVM start to the first written document (parse + write)
#   cpu_ms      CPU time (all threads) the JVM had used when the document was written: on a loaded
#               machine the wall-clock figures grow with the wait for a core, this one hardly does
#   wall_ms     the whole `java` process, fork to exit, as seen from this script
# Usage: benchmarks/cold-start.sh [N] [FILE]   (FILE: default the corpus's seed/high-perf-vm.xml)
# Environment: JAVA (default java), JAVA_OPTS (extra JVM options, e.g. -XX:TieredStopAtLevel=1).
# The corpus is found as the benchmarks find it (-Dvirtforge.corpus=DIR in JAVA_OPTS, or VIRTFORGE_CORPUS).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  echo "missing $jar: build it first: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
n=${1:-20}
file=${2:-}
java=${JAVA:-java}
# shellcheck disable=SC2206
opts=(${JAVA_OPTS:-})

echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc); jdk: $("$java" -version 2>&1 | head -1)"
echo "# command: $java ${opts[*]} -cp $jar io.virtforge.benchmarks.ColdStart $file   (x $n)"
echo "# loadavg before: $(cat /proc/loadavg)"
tmp=$(mktemp)
for ((i = 1; i <= n; i++)); do
  start=$(date +%s%N)
  line=$("$java" "${opts[@]}" -cp "$jar" io.virtforge.benchmarks.ColdStart ${file:+"$file"})
  end=$(date +%s%N)
  echo "$line wall_ms=$(( (end - start) / 1000000 ))" | tee -a "$tmp"
done
echo "# loadavg after:  $(cat /proc/loadavg)"

stats() { # $1: field name
  sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" "$tmp" | sort -n | awk -v name="$1" '
    { v[++n] = $1 }
    END {
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      p90 = v[int(0.9 * n + 0.999999)]   # nearest rank
      printf "%-11s min %6.0f  median %6.1f  p90 %6.0f  max %6.0f   (n=%d)\n", name, v[1], med, p90, v[n], n
    }'
}
stats parsed_ms
stats written_ms
stats cpu_ms
stats wall_ms
rm -f "$tmp"
