#!/usr/bin/env python3
"""Freeze a satisfiable case against PyPI drift: print its requirements plus a cap per dependency.

How the satisfiable cases of cases.json were made.  Given top-level requirements, a target and
a DATE, this

  1. resolves them with `uv pip compile --exclude-newer DATE` (the world as of DATE);
  2. adds, for every package of that resolution that is not a top-level requirement, the cap
     `name<=V`, V being the newest final, non-yanked release uploaded on or before DATE (read
     from the PEP 691 JSON simple API's `upload-time`).  That cap is *not* the version uv chose
     at DATE wherever a dependency holds the package lower (httpcore 0.15 keeps h11 at 0.12.0
     under the cap h11<=0.14.0), so the case still tests what a resolver picks;
  3. resolves the capped list again without --exclude-newer and checks it gives the DATE
     answer.  Where it does not (an old release line got a backport after DATE: urllib3
     1.26.19/1.26.20, pydantic 1.10.16+), the cap is tightened to the version chosen at DATE.

The capped list then resolves the same way on any later day (unless PyPI yanks or re-uploads
old releases), which is what a stored uv-results.json needs.  Unsatisfiable cases need no caps:
their conflicts are between old pins.

    python3 cap_requirements.py --python 3.8 --platform linux-64 --date 2024-06-01 requests==2.28.1
    python3 cap_requirements.py ... --json      # the list as a JSON array, for cases.json

Needs uv (--uv, default /tmp/uvenv/bin/uv) and the `packaging` library (pip install packaging).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_uv_results import MACOS_TARGET, PLATFORM_TRIPLES, normalize, parse_compile_output  # noqa: E402


@functools.lru_cache(maxsize=None)
def simple_page(name: str, index: str) -> dict:
    req = urllib.request.Request(f"{index.rstrip('/')}/{name}/",
                                 headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.load(resp)


def file_version(filename: str) -> str | None:
    if filename.endswith(".whl"):
        return filename.split("-")[1]
    for ext in (".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz"):
        if filename.endswith(ext):
            return filename[: -len(ext)].rsplit("-", 1)[-1]
    return None


def newest_release(name: str, date: str, index: str) -> Version | None:
    best = None
    for f in simple_page(name, index)["files"]:
        if f.get("yanked") or f.get("upload-time", "9999")[:10] > date:
            continue
        try:
            v = Version(file_version(f["filename"]) or "")
        except InvalidVersion:
            continue
        if v.is_prerelease or v.is_devrelease:
            continue
        best = v if best is None or v > best else best
    return best


def compile_(uv: str, reqs: list[str], python: str, platform: str, cache: str, extra=()) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "requirements.txt")
        with open(path, "w") as fh:
            fh.write("\n".join(reqs) + "\n")
        proc = subprocess.run([uv, "pip", "compile", path, "--python-version", python,
                               "--python-platform", PLATFORM_TRIPLES[platform], "--no-header",
                               "--no-annotate", "--quiet", "--cache-dir", cache, *extra],
                              capture_output=True, text=True,
                              env=dict(os.environ, MACOSX_DEPLOYMENT_TARGET=MACOS_TARGET))
    if proc.returncode:
        raise SystemExit(f"uv failed:\n{proc.stderr}")
    return parse_compile_output(proc.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("requirements", nargs="+")
    ap.add_argument("--python", required=True)
    ap.add_argument("--platform", required=True, choices=sorted(PLATFORM_TRIPLES))
    ap.add_argument("--date", required=True, help="YYYY-MM-DD: the day the world is frozen at")
    ap.add_argument("--uv", default="/tmp/uvenv/bin/uv")
    ap.add_argument("--cache-dir", default="/tmp/resolve-compare-uv-cache")
    ap.add_argument("--index", default="https://pypi.org/simple")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    top = {normalize(Requirement(r).name) for r in args.requirements}
    at_date = compile_(args.uv, args.requirements, args.python, args.platform, args.cache_dir,
                       ["--exclude-newer", args.date])
    caps = {n: str(newest_release(n, args.date, args.index)) for n in at_date if n not in top}
    capped = lambda: args.requirements + [f"{n}<={v}" for n, v in sorted(caps.items())]
    now = compile_(args.uv, capped(), args.python, args.platform, args.cache_dir)
    if now != at_date:
        for n in set(now) | set(at_date):
            if now.get(n) != at_date.get(n) and n in at_date and n not in top:
                print(f"tightening {n}: {at_date[n]} on {args.date}, {now.get(n)} now", file=sys.stderr)
                caps[n] = at_date[n]
        now = compile_(args.uv, capped(), args.python, args.platform, args.cache_dir)
        if now != at_date:
            raise SystemExit(f"capped resolution still differs from {args.date}: {now} vs {at_date}")
    if args.json:
        json.dump(capped(), sys.stdout, indent=2)
        print()
    else:
        print("\n".join(capped()))
    print(f"{len(now)} packages; {len(caps)} caps; at {args.date}: "
          + " ".join(f"{n}=={v}" for n, v in now.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
