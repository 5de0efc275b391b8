#!/usr/bin/env bash
# The corpus audit, reproducibly, for comparing two builds' reports byte for byte:
#
#   scripts/audit-compare.sh PREFLIGHT OUT_DIR [CACHE_DIR]
#
# The first call fills CACHE_DIR (default /tmp/preflight-audit-compare-cache) online; every call
# then audits ../shared/corpus/azureml-examples --offline from a copy of it with the spec and
# command memos removed (so nothing is replayed from another build), and writes OUT_DIR/report.json,
# report.md and report.html with the run's timestamps and durations masked. Compare two OUT_DIRs
# with `diff -r`. The resolver's time limit is raised so that a loaded machine does not change them.
set -euo pipefail
preflight=$(realpath "$1"); out=$2; cache=${3:-/tmp/preflight-audit-compare-cache}
# pip.conf and .condarc of this machine are not the corpus's settings.
export PIP_CONFIG_FILE=/dev/null HOME=$(mktemp -d)
# Swift seeds dictionary hashing per process; a report must not depend on it, and this shows it does not.
export SWIFT_DETERMINISTIC_HASHING=1
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/.."   # paths in the reports are then shared/corpus/...
if [ ! -d "$cache/http-v1" ]; then
  "$preflight" audit shared/corpus/azureml-examples --out "$cache.first" --cache-dir "$cache" >/dev/null 2>&1 || true
fi
work=$(mktemp -d)
# A resolution that hits its time limit under load would make two runs differ.
config=/tmp/preflight-audit-compare.yaml
printf 'resolver:\n  max_seconds: 900\n' > "$config"
cp -a "$cache" "$work/cache"
rm -rf "$work/cache/spec-memo-v2" "$work/cache/memo-v1"
rm -rf "$out"; mkdir -p "$out"
"$preflight" audit shared/corpus/azureml-examples --out "$work/out" --cache-dir "$work/cache" --offline --config "$config" >/dev/null 2>&1 || true
for f in report.json report.md report.html; do
  sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC/<time>/g' \
         -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?/<time>/g' \
         -e 's/"(duration|seconds|elapsed)[a-z_]*": *[0-9.]+/"\1": <n>/g' \
         -e 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/<dur>/g' "$work/out/$f" > "$out/$f"
done
rm -rf "$work"
