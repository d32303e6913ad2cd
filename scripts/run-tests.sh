#!/usr/bin/env bash
# Runs every test: unit tests, and the integration tests against real libvirt (the test:///default driver
# and a real libvirtd booting a tiny QEMU/TCG guest). Extra arguments go to Maven.
#
# As root on Debian it changes the machine only this far, and puts back what it changed when it ends (also
# on failure or Ctrl-C):
#   - installs missing Debian packages, creates the libvirt-qemu user and the kvm/libvirt-qemu groups, builds
#     the test guest (scripts/setup-libvirt-host.sh, without --system);
#   - raises the 2 MiB huge page pool to HUGEPAGES if lower, and restores every pool's size at the end;
#   - starts a PRIVATE libvirtd under VIRTFORGE_LIBVIRTD_DIR (scripts/private-libvirtd.sh) and a second one, as
#     a second host for the live migration tests, under VIRTFORGE_LIBVIRTD_DIR-2 (its own configuration, host
#     UUID, sockets and migration ports), and stops both at the end. The machine's /etc/libvirt and its own libvirtd (if any) are left alone: the run fails if a
#     digest of /etc/libvirt differs afterwards;
#   - lets the exporter's integration test start a PRIVATE Prometheus under VIRTFORGE_PROMETHEUS_DIR
#     (scripts/private-prometheus.sh, loopback only); the test stops it, and so does the end of this run;
#   - starts a PRIVATE PostgreSQL cluster under VIRTFORGE_POSTGRES_DIR (scripts/private-postgres.sh, loopback
#     only) for the JDBC claim store's tests and removes it at the end. The machine's own clusters are left
#     alone: the run fails if pg_lsclusters says otherwise afterwards.
# On any Debian machine it fetches libvirt's test data for the installed version into .corpus/
# (scripts/fetch-libvirt-corpus.sh). Before the tests it checks that two clean builds give the same jars
# (scripts/check-reproducible.sh).
# Elsewhere (not root, or not Debian) it only runs Maven: the tests that need libvirtd skip with a reason.
#
# Environment: HUGEPAGES (default 128 = 256 MiB), VIRTFORGE_LIBVIRTD_DIR (see private-libvirtd.sh),
# VIRTFORGE_POSTGRES_DIR (see private-postgres.sh), VIRTFORGE_PROMETHEUS_DIR (see private-prometheus.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HUGEPAGES="${HUGEPAGES:-128}"
NR_2M=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
PRIVATE_LIBVIRTD="$root/scripts/private-libvirtd.sh"
PRIVATE_POSTGRES="$root/scripts/private-postgres.sh"
PRIVATE_PROMETHEUS="$root/scripts/private-prometheus.sh"

say() { echo "run-tests: $*" >&2; }

# One digest of /etc/libvirt: every file's name and contents, every symlink's target (sorted).
etc_libvirt_digest() {
  if [[ -d /etc/libvirt ]]; then
    (cd /etc/libvirt && {
      find . -type f -print0 | sort -z | xargs -0r sha256sum
      find . -type l -printf '%p -> %l\n' | sort
    } | sha256sum | cut -d' ' -f1)
  else
    echo "absent"
  fi
}

# The machine's own PostgreSQL clusters and their state (Debian's pg_lsclusters), to check they are untouched.
machine_clusters() {
  if command -v pg_lsclusters >/dev/null; then pg_lsclusters --no-header 2>&1; else echo "none"; fi
}

# "file value" for the machine-wide 2 MiB pool and each NUMA node's, to put every one back as it was.
hugepage_pools() {
  local f
  for f in "$NR_2M" /sys/devices/system/node/node*/hugepages/hugepages-2048kB/nr_hugepages; do
    [[ -f "$f" ]] && echo "$f $(cat "$f")"
  done
  return 0
}

restore_hugepage_pools() {
  local f want now
  # Per node first (the machine-wide file is their sum; writing it would spread pages over nodes anew).
  while read -r f want; do
    [[ "$f" == "$NR_2M" ]] && continue
    [[ "$(cat "$f")" == "$want" ]] || echo "$want" >"$f"
  done <<<"$pools_before"
  while read -r f want; do
    [[ "$f" == "$NR_2M" ]] || continue
    [[ "$(cat "$f")" == "$want" ]] || echo "$want" >"$f"
  done <<<"$pools_before"
  now="$(hugepage_pools)"
  if [[ "$now" == "$pools_before" ]]; then
    say "huge pages restored: $(cat "$NR_2M") x 2 MiB"
  else
    say "WARNING: huge page pools not fully restored (pages still in use?): before [$pools_before] now [$now]"
    return 1
  fi
}

host_run=0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  host_run=1
fi

finish() {
  local rc=$? digest_after
  set +e
  if ((host_run)); then
    "$PRIVATE_LIBVIRTD" stop || rc=1
    "$PRIVATE_LIBVIRTD" stop 2 || rc=1
    "$PRIVATE_POSTGRES" stop || rc=1
    "$PRIVATE_PROMETHEUS" stop || rc=1
    clusters_after="$(machine_clusters)"
    if [[ "$clusters_after" == "$clusters_before" ]]; then
      say "the machine's PostgreSQL clusters unchanged: [$clusters_before]"
    else
      say "ERROR: the machine's PostgreSQL clusters changed during the run: before [$clusters_before] after [$clusters_after]"
      rc=1
    fi
    [[ -n "${pools_before:-}" ]] && { restore_hugepage_pools || rc=1; }
    digest_after="$(etc_libvirt_digest)"
    if [[ "$digest_after" == "$digest_before" ]]; then
      say "/etc/libvirt unchanged (digest $digest_before)"
    else
      say "ERROR: /etc/libvirt changed during the run: digest before $digest_before, after $digest_after"
      rc=1
    fi
  fi
  exit "$rc"
}

mvn_args=(-B verify)
if ((host_run)); then
  # Installing libvirt's packages may create /etc/libvirt: the digest is taken once they are in.
  "$root/scripts/setup-libvirt-host.sh"

  digest_before="$(etc_libvirt_digest)"
  clusters_before="$(machine_clusters)"
  trap finish EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  say "/etc/libvirt digest before: $digest_before"

  if [[ -w "$NR_2M" ]]; then
    pools_before="$(hugepage_pools)"
    if (($(cat "$NR_2M") < HUGEPAGES)); then
      say "raising 2 MiB huge pages to $HUGEPAGES (restored at the end)"
      echo "$HUGEPAGES" >"$NR_2M"
    fi
  fi

  uri="$("$PRIVATE_LIBVIRTD" start)"
  say "real-libvirt tests use the private libvirtd at $uri"
  # Surefire and failsafe hand -D properties on to the test JVMs (TestLibvirtd reads this one).
  mvn_args+=("-Dvirtforge.testLibvirtUri=$uri")
  uri2="$("$PRIVATE_LIBVIRTD" start 2)"
  say "live migration tests migrate to a second private libvirtd at $uri2"
  mvn_args+=("-Dvirtforge.testLibvirtUri2=$uri2")

  postgres_url="$("$PRIVATE_POSTGRES" start)"
  say "JDBC claim store tests use the private PostgreSQL at ${postgres_url%%\?*}"
  # JdbcClaimStoreIT and CrossJvmClaimsIT read it (TestPostgres); the URL carries a password made at start.
  mvn_args+=("-Dvirtforge.testPostgresUrl=$postgres_url")
else
  say "not root on Debian: host setup, the private libvirtd and PostgreSQL skipped; tests that need them will skip"
fi

# libvirt's own test data for the installed version, into .corpus/ (a private apt configuration; see the
# script). Without it the corpus tests skip, and fail under CI=true.
if command -v apt-get >/dev/null; then
  "$root/scripts/fetch-libvirt-corpus.sh" || say "libvirt's corpus not fetched (exit $?): corpus tests skip, or fail under CI=true"
fi

cd "$root"
# Two clean builds give the same jars (fast: tests compiled, not run).
scripts/check-reproducible.sh
# Not exec: the EXIT trap must run after Maven to stop the daemon and restore the machine.
./mvnw "${mvn_args[@]}" "$@"
