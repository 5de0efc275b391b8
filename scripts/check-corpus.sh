#!/usr/bin/env bash
# Checks every file of ../shared/corpus/azureml-examples one by one and tallies exit statuses.
# Usage: scripts/check-corpus.sh [BINARY] [EXTRA FLAGS...]  (default binary: .build/release/preflight)
set -u
cd "$(dirname "$0")/.."
bin=${1:-.build/release/preflight}; shift || true
corpus=../shared/corpus/azureml-examples
[ -d "$corpus" ] || { echo "no corpus at $corpus (run from a workspace that has ../shared)"; exit 2; }
out=${OUT:-/tmp/preflight-corpus}
mkdir -p "$out"
: > "$out/summary.tsv"
find "$corpus" -type f ! -name README.md ! -name INDEX.tsv | sort | while read -r f; do
  rel=${f#"$corpus"/}
  "$bin" check --format json "$@" "$f" > "$out/$(echo "$rel" | tr / _).json" 2> "$out/$(echo "$rel" | tr / _).err"
  code=$?
  printf '%s\t%s\n' "$code" "$rel" >> "$out/summary.tsv"
done
echo "exit status counts (0 fine, 1 findings, 2 not a spec / unreadable, 3 unreachable only; anything else is a crash):"
cut -f1 "$out/summary.tsv" | sort | uniq -c
