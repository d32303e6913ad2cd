#!/usr/bin/env bash
# For a loaded machine: each benchmark of DomainXmlBenchmark in its own fresh JVM through
# io.virtforge.benchmarks.CpuTimeRate, which reports ops per wall second and per CPU second of the
# benchmark thread (see that class). Not a JMH run: an estimate of what an idle machine would show.
# Usage: benchmarks/cpu-time-rate.sh [CpuTimeRate options, e.g. -w 20 -i 5 -r 2 -p files=SPEC]
# BENCHMARKS (space-separated names) picks a subset; JAVA picks the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "missing $jar: build it first: ./mvnw -q -pl benchmarks -am package -DskipTests" >&2; exit 1; }
names=${BENCHMARKS:-seedRoundTrip seedParse seedWrite corpusRoundTrip jaxbAnyUnmarshal jaxbAnyRoundTrip jaxbPlainUnmarshal jaxbPlainRoundTrip jaxbAnyCorpusRoundTrip jaxbPlainCorpusRoundTrip}
echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc); jdk: $("${JAVA:-java}" -version 2>&1 | head -1)"
echo "# loadavg before: $(cat /proc/loadavg)"
for b in $names; do
  "${JAVA:-java}" -cp "$jar" io.virtforge.benchmarks.CpuTimeRate "$@" "^$b\$" | grep -v '^\['
done
echo "# loadavg after:  $(cat /proc/loadavg)"
