#!/usr/bin/env bash
# Builds the project twice from clean (tests compiled, not run) and compares every jar byte for byte:
# the build is reproducible when both builds give the same digests. Exits 1 and names the jars that
# differ otherwise. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

digests() {
  find . -path ./.corpus -prune -o -path '*/target/*.jar' -print | grep -Ev '/target/[^/]+/' | sort | xargs sha256sum
}
for i in 1 2; do
  echo "[check-reproducible] build $i" >&2
  ./mvnw -q -B clean package -DskipTests "$@" >&2
  digests >"$out/build$i"
done
count="$(wc -l <"$out/build1")"
if diff -u "$out/build1" "$out/build2" >&2; then
  echo "[check-reproducible] reproducible: $count jars identical in two clean builds"
else
  echo "[check-reproducible] NOT reproducible: the jars above differ between two clean builds" >&2
  exit 1
fi
