"""Helpers shared by the vector generators (see README.md in this folder)."""

from __future__ import annotations

import json
import os
import random
import sys

import packaging

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VECTORS = os.path.join(REPO, "Tests", "PythonPackagingTests", "Vectors")
INT_MAX = 2**63 - 1


def require_packaging_26() -> None:
    if not packaging.__version__.startswith("26."):
        sys.exit(f"packaging 26.x is required, found {packaging.__version__}")


def load_cache(path: str) -> dict[str, dict[str, list[str]]]:
    """{project: {version: [filename, ...]}} from fetch_pypi.py's output."""
    with open(path) as f:
        return json.load(f)["releases"]


def load_requires_dist(path: str) -> dict[str, list[str]]:
    """{project: [requirement, ...]} (info.requires_dist of the latest release)."""
    with open(path) as f:
        return json.load(f)["requires_dist"]


def write_vectors(name: str, payload: dict) -> None:
    """Writes a vector file with one case per line, so diffs stay readable."""
    os.makedirs(VECTORS, exist_ok=True)
    path = os.path.join(VECTORS, name)
    cases = []
    for case in payload.pop("cases"):
        # A Python string can hold a lone surrogate (from a "\udxxx" escape in a marker); JSON
        # in UTF-8 and Swift strings cannot, so such cases are left out.
        try:
            json.dumps(case, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            print(f"{name}: skipping a case with a lone surrogate", file=sys.stderr)
            continue
        cases.append(case)
    header = {"packaging": packaging.__version__, "python": sys.version.split()[0], **payload}
    with open(path, "w", encoding="utf-8") as f:
        head = json.dumps(header, ensure_ascii=False, sort_keys=True)
        f.write(head[:-1] + ', "cases": [\n')
        for i, case in enumerate(cases):
            f.write(json.dumps(case, ensure_ascii=False, sort_keys=True))
            f.write(",\n" if i + 1 < len(cases) else "\n")
        f.write("]}\n")
    print(f"{name}: {len(cases)} cases, {os.path.getsize(path)} bytes", file=sys.stderr)


def rng(seed: int) -> random.Random:
    return random.Random(seed)
