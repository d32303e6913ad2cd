#!/usr/bin/env bash
# Fetches libvirt's own test data for the libvirt version this machine has (or would install) into
# the ignored folder .corpus/ of the project: .corpus/libvirt-VERSION/{tests,src/conf/schemas}.
#
# On Debian it runs `apt-get source --download-only` with a private apt configuration: its own
# sources list (the deb-src twins of the machine's Debian entries, same mirrors, same keyrings), its
# own lists and cache folders, all under .corpus/apt. The machine's apt setup is not touched; apt
# verifies the source package's checksums against the signed index. Elsewhere it says why and exits 3.
#
# Usage: scripts/fetch-libvirt-corpus.sh [--print-dir]
#   --print-dir   print the corpus folder (.corpus/libvirt-VERSION) on stdout when done
# Environment: LIBVIRT_VERSION overrides the Debian version to fetch (e.g. 9.0.0-4+deb12u2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.corpus"
print_dir=0
[[ "${1:-}" == "--print-dir" ]] && print_dir=1

log() { echo "[fetch-libvirt-corpus] $*" >&2; }
skip() { log "SKIPPED: $*"; exit 3; }

command -v apt-get >/dev/null || skip "no apt-get: not a Debian machine"
command -v dpkg-query >/dev/null || skip "no dpkg-query: not a Debian machine"

# The version to match: the installed libvirt0, else the one apt would install.
version="${LIBVIRT_VERSION:-}"
if [[ -z "$version" ]]; then
  version="$(dpkg-query -W -f='${Version}' libvirt0 2>/dev/null || true)"
fi
if [[ -z "$version" ]]; then
  version="$(apt-cache policy libvirt0 2>/dev/null | awk '/Candidate:/ {print $2}')"
fi
[[ -n "$version" && "$version" != "(none)" ]] || skip "libvirt0 is neither installed nor known to apt"
upstream="${version#*:}"          # drop an epoch
upstream="${upstream%%-*}"        # drop the Debian revision
[[ "$upstream" =~ ^[0-9]+(\.[0-9]+)+$ ]] || skip "cannot read an upstream version from '$version'"
dest="$cache/libvirt-$upstream"

if [[ -f "$dest/.complete" ]]; then
  log "libvirt $upstream corpus already in $dest"
  ((print_dir)) && echo "$dest"
  exit 0
fi

# ------------------------------------------------------- a private apt configuration
apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"
sources="$apt_dir/sources.list"
: >"$sources"
# The machine's Debian entries, as deb-src: one-line sources.list files ...
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [[ -f "$f" ]] || continue
  sed -nE 's/^[[:space:]]*deb[[:space:]]+(.*)$/deb-src \1/p' "$f" >>"$sources"
done
# ... and deb822 .sources files (Types/URIs/Suites/Components/Signed-By stanzas).
for f in /etc/apt/sources.list.d/*.sources; do
  [[ -f "$f" ]] || continue
  awk '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && uris != "") {
        opts = (signed != "") ? "[signed-by=" signed "] " : ""
        n = split(uris, u, " "); m = split(suites, s, " ")
        for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print "deb-src " opts u[i] " " s[j] " " comps
      }
      types = uris = suites = comps = signed = ""
    }
    /^[[:space:]]*$/ { flush(); next }
    /^[[:space:]]*#/ { next }
    /^Types:/      { sub(/^Types:[[:space:]]*/, "");      types = $0 }
    /^URIs:/       { sub(/^URIs:[[:space:]]*/, "");       uris = $0 }
    /^Suites:/     { sub(/^Suites:[[:space:]]*/, "");     suites = $0 }
    /^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
    /^Signed-By:/  { sub(/^Signed-By:[[:space:]]*/, "");  signed = $0 }
    END { flush() }
  ' "$f" >>"$sources"
done
# Only Debian's own archive: entries whose keyring is Debian's, or that carry no keyring option.
grep -E 'debian-archive-keyring|^deb-src [a-z]+://' "$sources" >"$sources.tmp" || true
mv "$sources.tmp" "$sources"
[[ -s "$sources" ]] || skip "no Debian entry in the machine's apt sources to derive a deb-src entry from"

apt_opts=(-o "Dir::Etc::SourceList=$sources" -o "Dir::Etc::SourceParts=$apt_dir/none"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
          -o "Debug::NoLocking=1" -o "APT::Get::List-Cleanup=0" -q)
mkdir -p "$apt_dir/none"
log "private apt update (sources: $(wc -l <"$sources") deb-src entries in $sources)"
apt-get "${apt_opts[@]}" update >&2 || skip "apt-get update with the private deb-src list failed"
log "apt-get source --download-only libvirt=$version"
(cd "$apt_dir/download" && apt-get "${apt_opts[@]}" source --download-only "libvirt=$version" >&2) \
  || skip "apt-get source libvirt=$version failed"

orig="$(ls "$apt_dir/download"/libvirt_"$upstream".orig.tar.* 2>/dev/null | head -n1)"
[[ -n "$orig" ]] || skip "no libvirt_$upstream.orig.tar.* downloaded"

# Only the test data and the schemas: the rest of the source tree is not needed.
tmp="$(mktemp -d "$cache/extract.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "extracting tests/ and the schemas from $(basename "$orig")"
tar -xf "$orig" -C "$tmp" --wildcards --no-anchored \
    "libvirt-$upstream/tests/*" "libvirt-$upstream/src/conf/schemas/*" "libvirt-$upstream/docs/schemas/*" 2>/dev/null \
  || tar -xf "$orig" -C "$tmp" --wildcards "libvirt-$upstream/tests/*" "libvirt-$upstream/src/conf/schemas/*"
rm -rf "$dest"
mv "$tmp/libvirt-$upstream" "$dest"
printf 'libvirt %s from Debian source package libvirt=%s (%s)\n' "$upstream" "$version" "$(basename "$orig")" \
  >"$dest/.complete"
log "libvirt $upstream corpus in $dest: $(find "$dest/tests" -name '*.xml' | wc -l) XML files"
((print_dir)) && echo "$dest"
exit 0
