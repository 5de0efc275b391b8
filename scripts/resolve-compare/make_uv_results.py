#!/usr/bin/env python3
"""Regenerate uv-results.json from cases.json by asking uv what it resolves.

For every case in cases.json this writes the case's requirements to a temporary
requirements.txt and runs

    uv pip compile REQ --python-version PY --python-platform TRIPLE \
        --no-header --no-annotate --quiet --cache-dir CACHE

and records what uv says:

    {"id": ..., "satisfiable": true|false,
     "packages": {"normalized-name": "version", ...},   # empty when unsatisfiable
     "stderr": "first 40 lines of uv's stderr",          # the explanation when unsatisfiable
     "wheels_only_same": true|false|null}                 # see --no-build-check

uv exit status 0 = satisfiable; exit status 1 with "No solution found" on stderr =
unsatisfiable; anything else (network trouble, an sdist that failed to build, ...) is an
*error*: the case is recorded with "error" set and this script exits 1, because such a case
says nothing about resolution and must be replaced by a better one.

With the default --no-build-check, each case is also compiled a second time with
`--no-build` (wheels only, no sdist is ever built).  "wheels_only_same": true means that run
gave the same verdict and the same versions, i.e. the answer did not depend on building a
source distribution (which preflight never does).  A false value is reported as a warning.

Usage (from anywhere):

    python3 -m venv /tmp/uvenv && /tmp/uvenv/bin/pip install uv   # uv comes from PyPI
    python3 make_uv_results.py --uv /tmp/uvenv/bin/uv             # rewrites uv-results.json
    python3 make_uv_results.py --uv /tmp/uvenv/bin/uv --case pandas-numpy-pin --print

Only the standard library is needed.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))

# preflight's --platform names -> uv's --python-platform triples.  manylinux_2_28 matches
# preflight's default --glibc 2.28.  For macOS, uv would assume macOS 12.0 (x86_64) / 13.0
# (arm64); MACOSX_DEPLOYMENT_TARGET below sets preflight's default --macos 11.0 instead.
PLATFORM_TRIPLES = {
    "linux-64": "x86_64-manylinux_2_28",
    "linux-aarch64": "aarch64-manylinux_2_28",
    "osx-64": "x86_64-apple-darwin",
    "osx-arm64": "aarch64-apple-darwin",
    "win-64": "x86_64-pc-windows-msvc",
}

MACOS_TARGET = "11.0"

STDERR_LINES = 40


def normalize(name: str) -> str:
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_compile_output(text: str) -> dict[str, str]:
    """Parse `uv pip compile --no-header --no-annotate` output into {name: version}."""
    packages: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        line = line.split(";", 1)[0].strip()          # markers (not printed without --universal)
        if "==" not in line:
            raise ValueError(f"unexpected line in uv output: {raw!r}")
        name, version = line.split("==", 1)
        name = name.split("[", 1)[0].strip()           # extras, if --no-strip-extras
        packages[normalize(name)] = version.strip()
    return dict(sorted(packages.items()))


def uv_version(uv: str) -> str:
    out = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def compile_case(uv: str, case: dict, cache_dir: str, extra: list[str] | None = None) -> dict:
    triple = PLATFORM_TRIPLES.get(case["platform"])
    if triple is None:
        return {"id": case["id"], "error": f"unknown platform {case['platform']!r}"}
    with tempfile.TemporaryDirectory(prefix="uvcase-") as tmp:
        req = os.path.join(tmp, "requirements.txt")
        with open(req, "w") as fh:
            fh.write("\n".join(case["requirements"]) + "\n")
        cmd = [uv, "pip", "compile", req,
               "--python-version", case["python"],
               "--python-platform", triple,
               "--no-header", "--no-annotate", "--quiet",
               "--cache-dir", cache_dir] + (extra or [])
        env = dict(os.environ, NO_COLOR="1", UV_NO_PROGRESS="1", MACOSX_DEPLOYMENT_TARGET=MACOS_TARGET)
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, env=env, timeout=900)
    stderr = "\n".join(proc.stderr.rstrip().splitlines()[:STDERR_LINES])
    result = {"id": case["id"]}
    if proc.returncode == 0:
        try:
            result.update(satisfiable=True, packages=parse_compile_output(proc.stdout), stderr=stderr)
        except ValueError as exc:
            result.update(error=str(exc), stderr=stderr)
    elif proc.returncode == 1 and "No solution found" in proc.stderr:
        result.update(satisfiable=False, packages={}, stderr=stderr)
    else:
        result.update(error=f"uv exited with status {proc.returncode}", stderr=stderr)
    return result


def run_case(uv: str, case: dict, cache_dir: str, no_build_check: bool) -> dict:
    result = compile_case(uv, case, cache_dir)
    if no_build_check and "error" not in result:
        wheels = compile_case(uv, case, cache_dir, ["--no-build"])
        result["wheels_only_same"] = (
            "error" not in wheels
            and wheels["satisfiable"] == result["satisfiable"]
            and wheels["packages"] == result["packages"])
    else:
        result["wheels_only_same"] = None
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--uv", default=shutil.which("uv") or "/tmp/uvenv/bin/uv",
                    help="uv executable (default: uv on PATH, else /tmp/uvenv/bin/uv)")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--out", default=os.path.join(HERE, "uv-results.json"))
    ap.add_argument("--cache-dir", default="/tmp/resolve-compare-uv-cache",
                    help="uv cache directory (default /tmp/resolve-compare-uv-cache)")
    ap.add_argument("--case", action="append", default=[],
                    help="only this case id (repeatable); with --out unchanged, other cases keep their old results")
    ap.add_argument("--jobs", type=int, default=4, help="cases compiled in parallel (default 4)")
    ap.add_argument("--no-build-check", dest="no_build_check", action="store_false",
                    help="skip the second, wheels-only (--no-build) compile of every case")
    ap.add_argument("--print", action="store_true", help="print the results instead of writing --out")
    args = ap.parse_args()

    with open(args.cases) as fh:
        cases = json.load(fh)
    ids = [c["id"] for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        print(f"duplicate case ids: {sorted(dupes)}", file=sys.stderr)
        return 2
    selected = [c for c in cases if not args.case or c["id"] in args.case]
    unknown = set(args.case) - set(ids)
    if unknown:
        print(f"unknown case id(s): {sorted(unknown)}", file=sys.stderr)
        return 2

    version = uv_version(args.uv)
    print(f"{version}: {len(selected)} case(s), cache {args.cache_dir}", file=sys.stderr)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: run_case(args.uv, c, args.cache_dir, args.no_build_check), selected))

    failed = 0
    for case, res in zip(selected, results):
        if "error" in res:
            failed += 1
            verdict = "ERROR " + res["error"]
        else:
            verdict = ("sat   " + f"{len(res['packages'])} packages") if res["satisfiable"] else "unsat"
            if res.get("wheels_only_same") is False:
                verdict += "  (WARNING: differs with --no-build: an sdist was built)"
        print(f"  {case['id']:<40} {verdict}", file=sys.stderr)
        if "error" in res:
            print("    " + res["stderr"].replace("\n", "\n    "), file=sys.stderr)

    if args.print:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 1 if failed else 0

    old = {}
    if args.case and os.path.exists(args.out):
        with open(args.out) as fh:
            old = {r["id"]: r for r in json.load(fh).get("results", [])}
    new = {r["id"]: r for r in results}
    merged = [new.get(i) or old.get(i) for i in ids if (new.get(i) or old.get(i))]
    doc = {
        "uv_version": version,
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "uv pip compile requirements.txt --python-version PY --python-platform TRIPLE "
                   "--no-header --no-annotate --quiet --cache-dir DIR",
        "platform_triples": PLATFORM_TRIPLES,
        "macosx_deployment_target": MACOS_TARGET,
        "results": merged,
    }
    with open(args.out + ".tmp", "w") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")
    os.replace(args.out + ".tmp", args.out)
    print(f"wrote {args.out} ({len(merged)} results, {failed} error(s))", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
