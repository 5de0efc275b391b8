#!/usr/bin/env bash
# Profiles the release binary where it misses its targets (see ../BENCHMARKS.md).
# Run after `python3 bench/run.py` (it needs the venv, channel and specs under $WORK):
#   bash bench/profile.sh            # perf summaries in $WORK/profiles/*.txt
# Needs `perf`. Each case is one process under `perf record -g`; the summary is
#   perf report --children --sort symbol -g none | head -60   (symbols demangled with swift demangle when present)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
WORK=${WORK:-/tmp/preflight-bench}
BIN=$repo/.build-bench/release/preflight
SERVER=$repo/.build-bench/release/loopback-server
out=$WORK/profiles
mkdir -p "$out"
[ -x "$BIN" ] || { echo "no $BIN: run python3 bench/run.py first" >&2; exit 2; }

summarize() {  # name
  local report
  report=$(perf report -i "$out/$1.data" --children --sort symbol -g none 2>/dev/null | grep -v -e '^#' -e '^$' | head -60 || true)
  if command -v swift >/dev/null; then report=$(printf '%s\n' "$report" | swift demangle --simplified || true); fi
  printf '%s\n' "$report" | cut -c1-220 > "$out/$1.txt"
  echo "== $1 ($out/$1.txt)"; head -25 "$out/$1.txt" || true
}

# 1. conda, cold, over HTTP: download + cache + parse + index (misses time and memory).
"$SERVER" --root "$WORK/data" --seconds 600 > "$out/server.url" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$out/server.url" ] && break; sleep 0.1; done
url=$(head -1 "$out/server.url")
rm -rf "$out/cache-conda"
perf record -q -g -o "$out/conda-cold.data" "$BIN" exists --source conda numpy --channel "$url/channel" \
  --python 3.7 --platform linux-64 --cache-dir "$out/cache-conda" > /dev/null 2>&1 || true
summarize conda-cold

# 1b. conda, warm, memo dropped: one lookup in the compact index (a short process: sample fast).
rm -rf "$out/cache-conda/memo-v1"
perf record -q -F 20000 -g -o "$out/conda-warm.data" "$BIN" exists --source conda numpy --channel "$url/channel" \
  --python 3.7 --platform linux-64 --cache-dir "$out/cache-conda" > /dev/null 2>&1 || true
summarize conda-warm

# 2. pip side, warm cache, --offline, memos dropped (warm and offline recomputes do the same work).
spec=$WORK/specs/sklearn-iris.txt
rm -rf "$out/cache-pip"
"$BIN" check "$spec" --python 3.8 --platform linux-64 --glibc 2.17 --cache-dir "$out/cache-pip" --format json > /dev/null || true
rm -rf "$out/cache-pip/memo-v1" "$out/cache-pip/spec-memo-v2"  # measure the check, not a replayed answer
perf record -q -g -o "$out/pip-warm.data" "$BIN" check "$spec" --python 3.8 --platform linux-64 --glibc 2.17 \
  --cache-dir "$out/cache-pip" --format json --offline > /dev/null 2>&1 || true
summarize pip-warm

# 3. pip side, cold (network waits do not show in a CPU profile; what does show is parsing).
rm -rf "$out/cache-pip-cold"
perf record -q -g -o "$out/pip-cold.data" "$BIN" check "$spec" --python 3.8 --platform linux-64 --glibc 2.17 \
  --cache-dir "$out/cache-pip-cold" --format json > /dev/null 2>&1 || true
summarize pip-cold
