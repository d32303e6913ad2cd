#!/usr/bin/env bash
# Runs every test: unit tests, and the integration tests against real libvirt (the test:///default
# driver and a real libvirtd booting a tiny QEMU/TCG guest). As root on Debian it first prepares the
# host (packages, libvirtd, huge pages, the test guest) with scripts/setup-libvirt-host.sh; otherwise
# the real-libvirt tests skip with a reason. Extra arguments go to Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  "$root/scripts/setup-libvirt-host.sh"
else
  echo "run-tests: not root on Debian, host setup skipped; tests that need libvirt will skip" >&2
fi
cd "$root"
exec mvn -B verify "$@"
