#!/usr/bin/env bash
# Regenerates Tests/PythonPackagingTests/Vectors/*.json from packaging 26.x (see README.md).
#
#   scripts/vectors/python/generate.sh            # fetch PyPI data, then write all vectors
#   SKIP_FETCH=1 scripts/vectors/python/generate.sh   # reuse /tmp/pypi-cache.json
#
# Needs python3 and network access to PyPI. The venv and the PyPI cache live in /tmp and are
# not committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${VENV:-/tmp/venv-pypkg}"
cache="${CACHE:-/tmp/pypi-cache.json}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q -U pip 'packaging==26.*'

if [ "${SKIP_FETCH:-0}" != "1" ] || [ ! -f "$cache" ]; then
  "$venv/bin/python" "$here/fetch_pypi.py" "$cache"
fi

cd "$here"
for generator in gen_versions gen_specifiers gen_requirements gen_markers gen_wheels gen_tags; do
  "$venv/bin/python" "$generator.py" "$cache"
done
