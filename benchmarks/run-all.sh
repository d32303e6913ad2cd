#!/usr/bin/env bash
# Reruns every benchmark of this module that the README reports, and writes their results (JMH JSON and
# text, the Nova peer's JSON and table, the I/O floor, /proc/loadavg every 5 s) plus one summary table
# (summary.md) into benchmarks/target/results/all-<UTC stamp>/. For the main developer, to repeat the
# figures on a quiet machine.
#
# Usage (from anywhere; build first: mvn -q -pl benchmarks -am package -DskipTests, never `mvn install`):
#   benchmarks/run-all.sh                 # everything, the README's settings (about 75 min on 2 cores)
#   QUICK=1 benchmarks/run-all.sh         # short warmups and iterations (about 25 min): a smoke run
#   ONLY="validation planner" benchmarks/run-all.sh   # parts: codec coldstart validation planner discovery libvirt nova
# Environment: JAVA (default java); NOVA_PYTHON (default /usr/bin/python3: Debian's python3-nova lives in
# its dist-packages); NOVA_TIMEOUT (s, default 120) caps one Nova call; CC (default cc) for the C floor.
#
# Prerequisites: a JDK 17; the corpus (../shared/corpus, see README.md); for the libvirt part the libvirt C
# library with its test driver (libvirt0; skipped with a message when absent); for the Nova part
# `apt-get install -y python3-nova` (a large install; skipped with a message when nova is not importable);
# for the C floor a C compiler (skipped with a message when absent; the Python floor still runs).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  echo "missing $jar: build it first: mvn -q -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
java=${JAVA:-java}
nova_python=${NOVA_PYTHON:-/usr/bin/python3}
nova_timeout=${NOVA_TIMEOUT:-120}
cc=${CC:-cc}
parts=${ONLY:-codec coldstart validation planner discovery libvirt nova}
quick=${QUICK:-0}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=benchmarks/target/results/all-$stamp
mkdir -p "$out"
summary=$out/summary.md
has() { [[ " $parts " == *" $1 "* ]]; }
note() { echo "$*" | tee -a "$summary"; }

# JMH settings per part: the README's, or QUICK's
if [[ $quick == 1 ]]; then
  codec_opts=(-f 1 -wi 3 -i 3 -w 1s -r 1s)
  val_opts=(-f 1 -wi 3 -i 3 -w 2s -r 1s)
  gc_opts=(-f 1 -wi 3 -i 2 -w 2s -r 1s -prof gc)
  plan_opts=(-f 1 -wi 3 -i 3 -w 1s -r 1s)
  disc_opts=(-f 1 -wi 3 -i 3 -w 2s -r 2s)
  lv_opts=(-f 1 -wi 3 -i 3 -w 1s -r 1s)
  first_forks=5
else
  codec_opts=(-f 1 -wi 5 -i 5 -w 2s -r 2s)
  val_opts=(-f 2 -wi 8 -i 5 -w 2s -r 2s)
  gc_opts=(-f 1 -wi 8 -i 3 -w 2s -r 2s -prof gc)
  plan_opts=(-f 1 -wi 5 -i 5 -w 2s -r 2s)
  disc_opts=(-f 2 -wi 5 -i 5 -w 2s -r 2s)
  lv_opts=(-f 1 -wi 5 -i 5 -w 2s -r 2s)
  first_forks=10
fi

{
  echo "# Virtforge benchmarks, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (+ local changes)')"
  echo "- cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc) (nproc); memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- jdk: $("$java" -version 2>&1 | head -1)"
  echo "- settings: $([[ $quick == 1 ]] && echo QUICK || echo full); parts: $parts"
  echo "- loadavg at start: $(cat /proc/loadavg)"
  echo
} | tee "$summary"

# /proc/loadavg every 5 s for the whole run (stopped by its own pid)
( while sleep 5; do echo "$(date -u +%H:%M:%S) $(cat /proc/loadavg)"; done ) > "$out/load.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

load_stats() { # $1: HH:MM:SS start, $2: end -> min/mean/max of the 1-min loadavg sampled between them
  awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b { n++; s += $2; if (n == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
    END { if (n) printf "loadavg during: min %.2f, mean %.2f, max %.2f (%d samples)", lo, s / n, hi, n; else printf "loadavg during: (run shorter than 5 s)" }' "$out/load.txt"
}

jmh() { # $1: result name, then JMH arguments
  local name=$1; shift
  local t0; t0=$(date -u +%H:%M:%S)
  echo "## $name: java -jar $jar $*" | tee -a "$summary"
  echo "- loadavg before: $(cat /proc/loadavg)" | tee -a "$summary"
  "$java" -jar "$jar" "$@" -rf json -rff "$out/$name.json" > "$out/$name.txt" 2>&1 || echo "- JMH exited with $? (see $name.txt)" | tee -a "$summary"
  echo "- loadavg after: $(cat /proc/loadavg); $(load_stats "$t0" "$(date -u +%H:%M:%S)")" | tee -a "$summary"
  grep -o '^# Warmup Iteration   1: \[[a-z ]*\].*' "$out/$name.txt" | sed 's/^# Warmup Iteration   1: /- /' | sort -u >> "$summary" || true
  grep -o '^\[[a-z ]*\].*' "$out/$name.txt" | sed 's/^/- /' | sort -u >> "$summary" || true
  echo >> "$summary"
  if [[ -s $out/$name.json ]]; then
    python3 benchmarks/summarize-results.py "$out/$name.json" | sed 1d >> "$summary"
  fi
}

if has codec; then
  jmh codec DomainXmlBenchmark "${codec_opts[@]}"
fi

if has coldstart; then
  note "## coldstart: benchmarks/cold-start.sh $([[ $quick == 1 ]] && echo 10 || echo 20)"
  benchmarks/cold-start.sh "$([[ $quick == 1 ]] && echo 10 || echo 20)" > "$out/coldstart.txt" 2>&1 || true
  grep -E '^#|_ms ' "$out/coldstart.txt" | grep -v '^# command' | sed 's/^/- /' | tee -a "$summary"
  echo >> "$summary"
fi

if has validation; then
  jmh validation ValidationBenchmark "${val_opts[@]}"
  jmh validation-gc ValidationBenchmark "${gc_opts[@]}"
fi

if has planner || has nova; then
  "$java" -cp "$jar" io.virtforge.benchmarks.PlannerShapes "$out/planner-shapes.json" 2> "$out/planner-shapes.txt"
fi

if has planner; then
  jmh planner PlannerBenchmark "${plan_opts[@]}"
  echo "### planner: every case" >> "$summary"
  python3 benchmarks/planner-table.py "$out/planner.json" "$out/planner-shapes.json" >> "$summary" || true
  echo >> "$summary"
fi

if has discovery; then
  jmh discovery HostDiscoveryBenchmark "${disc_opts[@]}"
  note "## discovery: the I/O floor outside the JVM (the same file operations, recorded by SysfsOps)"
  tree=$(mktemp -d /tmp/vf-sysfs-floor.XXXXXX)
  "$java" -cp "$jar" io.virtforge.benchmarks.SysfsOps "$tree" "$out/sysfs-ops.txt" | tee -a "$summary"
  note "- tree in $tree ($(df -T "$tree" | awk 'NR == 2 {print $2}')); loadavg before: $(cat /proc/loadavg)"
  if command -v "$cc" > /dev/null; then
    mkdir -p benchmarks/target/floor
    "$cc" -O2 -o benchmarks/target/floor/sysfs_floor benchmarks/floor/sysfs_floor.c
    benchmarks/target/floor/sysfs_floor "$out/sysfs-ops.txt" 30 | sed 's/^/- /' | tee -a "$summary"
  else
    note "- C floor skipped: no C compiler ($cc)"
  fi
  python3 benchmarks/floor/sysfs_floor.py "$out/sysfs-ops.txt" 10 | sed 's/^/- /' | tee -a "$summary"
  note "- loadavg after: $(cat /proc/loadavg)"
  rm -rf "$tree"
  echo >> "$summary"
fi

if has libvirt; then
  if "$java" -cp "$jar" io.virtforge.benchmarks.LibvirtCheck > "$out/libvirt-check.txt" 2>&1; then
    jmh libvirt 'LibvirtBenchmark\.(raw|sdk)(DefineUndefine|DefineUndefineUnchecked|DumpParse|LookupDumpParse|Live|Dump|LiveXml|Connect)$' "${lv_opts[@]}"
    jmh libvirt-first 'LibvirtBenchmark\.(raw|sdk)ConnectFirst$' -f "$first_forks"
  else
    note "## libvirt: skipped: $(tail -1 "$out/libvirt-check.txt")"
    echo >> "$summary"
  fi
fi

if has nova; then
  if "$nova_python" -c 'import nova.virt.hardware' > /dev/null 2>&1; then
    note "## nova: $nova_python benchmarks/nova/nova_fit.py (timeout $nova_timeout s per call)"
    "$nova_python" benchmarks/nova/nova_fit.py "$out/planner-shapes.json" --out "$out/nova.json" \
        --timeout "$nova_timeout" | tee "$out/nova.txt" >> "$summary"
    if [[ -s $out/planner.json ]]; then
      echo "### planner and Nova, case by case" >> "$summary"
      python3 benchmarks/planner-table.py "$out/planner.json" "$out/planner-shapes.json" "$out/nova.json" >> "$summary" || true
    fi
  else
    note "## nova: skipped: nova is not importable by $nova_python (apt-get install -y python3-nova)"
  fi
  echo >> "$summary"
fi

kill "$sampler" 2>/dev/null || true
trap - EXIT
note "- loadavg at end: $(cat /proc/loadavg)"
echo "results: $out (summary.md, *.json, *.txt, load.txt)"
