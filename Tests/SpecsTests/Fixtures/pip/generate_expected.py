#!/usr/bin/env python3
"""Records what pip's own requirements-file parser makes of the pip fixtures.

The Swift tests compare `PipRequirementsReader` with this output (requirement text, line,
file, editable, constraint, hashes), so the reader follows pip rather than our reading of it.

Rerun (any pip >= 23 works; the committed file was made with pip 23.2.1):
    cd Tests/SpecsTests/Fixtures/pip && python3 generate_expected.py > expected-pip.json
"""
import json
import os
import sys

from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements

# The same variables the Swift test passes to the reader.
ENVIRONMENT = {"TF_MINOR": "13", "INCLUDE_NAME": "env-included"}
FILES = ["hostile.txt", "crlf.txt", "includes/main.txt"]


def main() -> None:
    os.environ.update(ENVIRONMENT)
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    session = PipSession()
    result = {}
    for name in FILES:
        entries = []
        for parsed in parse_requirements(name, session=session):
            # comes_from is "-r FILE (line N)" or "-c FILE (line N)"
            origin = parsed.comes_from.split(" ", 1)[1]
            file, line = origin.rsplit(" (line ", 1)
            hashes = (parsed.options or {}).get("hashes", {})
            entries.append({
                "file": os.path.normpath(file),
                "line": int(line.rstrip(")")),
                "requirement": parsed.requirement.strip(),
                "editable": parsed.is_editable,
                "constraint": parsed.constraint,
                "hashes": sorted(f"{algo}:{digest}" for algo, digests in hashes.items() for digest in digests),
            })
        result[name] = entries
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
