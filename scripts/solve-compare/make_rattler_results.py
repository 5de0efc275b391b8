#!/usr/bin/env python3
"""Solve every case of cases.json with py-rattler and write rattler-results.json.

    python3 -m venv /tmp/rattlerenv
    /tmp/rattlerenv/bin/pip install py-rattler==0.28.0
    /tmp/rattlerenv/bin/python scripts/solve-compare/make_rattler_results.py \
        [--cases scripts/solve-compare/cases.json] [--fixtures ../shared/fixtures/conda] \
        [--out scripts/solve-compare/rattler-results.json] [--case ID ...] [--check]

Each case is solved with `rattler.solve_with_sparse_repodata` over the repodata files of the
case's channels, read locally: for every channel (in the case's order) a `SparseRepoData` of
`CHANNEL/<platform>/repodata.json` and of `CHANNEL/noarch/repodata.json` (a file that does not
exist is skipped, as a missing subdir is "no packages"), each made with
`Channel("file:///…/fixtures/conda/CHANNEL")`, so that a channel's two subdirs form one channel
for channel priority. The case's virtual packages become `GenericVirtualPackage(name, version,
build "0")`; nothing else is detected from the host. The priority maps to
`ChannelPriority.Strict` / `Flexible` / `Disabled`; the strategy is rattler's default
("highest"); `.conda` is preferred over `.tar.bz2` (rattler's default); pip is not added as a
python dependency (the default).

`--check` re-solves and compares with the existing output instead of writing it (exit 1 on any
difference). The output holds, per case, `satisfiable` and either the solved set (sorted by
name) or the first 30 lines of rattler's error.
"""
import argparse
import asyncio
import datetime
import hashlib
import json
import os
import sys
from pathlib import Path

try:
    import rattler
    from rattler import (BuildString, Channel, ChannelPriority, GenericVirtualPackage, MatchSpec, PackageName, SparseRepoData,
                         Version, solve_with_sparse_repodata)
except ImportError:  # pragma: no cover
    sys.exit("py-rattler is needed: python3 -m venv /tmp/rattlerenv && /tmp/rattlerenv/bin/pip install py-rattler==0.28.0")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_FIXTURES = ROOT.parent / "shared" / "fixtures" / "conda"
PRIORITIES = {"strict": ChannelPriority.Strict, "flexible": ChannelPriority.Flexible, "disabled": ChannelPriority.Disabled}
ERROR_LINES = 30
TIMEOUT_SECONDS = 120


def rattler_version():
    try:
        from importlib.metadata import version
        return version("py-rattler")
    except Exception:  # pragma: no cover
        return "unknown"


class Channels:
    """SparseRepoData per (channel, subdir), loaded once, plus the URL -> fixture name map."""

    def __init__(self, fixtures):
        self.fixtures = Path(fixtures).resolve()
        self.cache = {}
        self.names = {}

    def url(self, channel):
        return (self.fixtures / channel).as_uri()

    def sparse(self, channel, subdir):
        key = (channel, subdir)
        if key not in self.cache:
            path = self.fixtures / channel / subdir / "repodata.json"
            if not (self.fixtures / channel).is_dir():
                raise SystemExit(f"unknown fixture channel {channel!r} (no folder {self.fixtures / channel})")
            rattler_channel = Channel(self.url(channel))
            self.names[rattler_channel.base_url.rstrip("/")] = channel
            self.cache[key] = SparseRepoData(rattler_channel, subdir, str(path)) if path.exists() else None
        return self.cache[key]

    def sources(self, channels, platform):
        out = []
        for channel in channels:
            for subdir in (platform, "noarch"):
                repodata = self.sparse(channel, subdir)
                if repodata is not None:
                    out.append(repodata)
        return out

    def name_of(self, url):
        return self.names.get(str(url).rstrip("/"), str(url))


def virtual_packages(mapping):
    return [GenericVirtualPackage(PackageName(name), Version(str(version)), BuildString("0"))
            for name, version in sorted(mapping.items())]


INPUT_FIELDS = ("channels", "specs", "platform", "virtual_packages", "channel_priority")


def case_digest(case):
    """sha256 of what the solve depends on, so that compare.py notices results older than the case."""
    inputs = {field: case.get(field) for field in INPUT_FIELDS}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def record_json(record, channels):
    return {
        "name": record.name.normalized,
        "version": str(record.version),
        "build": str(record.build),
        "build_number": record.build_number,
        "channel": channels.name_of(record.channel),
        "subdir": record.subdir,
        "filename": record.file_name,
    }


async def solve_case(case, channels):
    sources = channels.sources(case["channels"], case.get("platform", "linux-64"))
    try:
        specs = [MatchSpec(spec) for spec in case["specs"]]  # lenient parsing: `name 1.2.3` is `==1.2.3`, as in conda
        records = await solve_with_sparse_repodata(
            specs,
            sources,
            virtual_packages=virtual_packages(case.get("virtual_packages", {})),
            channel_priority=PRIORITIES[case.get("channel_priority", "strict")],
            timeout=datetime.timedelta(seconds=TIMEOUT_SECONDS),
        )
    except Exception as error:  # rattler.exceptions.SolverError and friends
        text = str(error).strip().splitlines()
        return {"id": case["id"], "inputs_sha256": case_digest(case), "satisfiable": False,
                "error_type": type(error).__name__, "error": "\n".join(text[:ERROR_LINES])}
    packages = sorted((record_json(r, channels) for r in records), key=lambda p: p["name"])
    return {"id": case["id"], "inputs_sha256": case_digest(case), "satisfiable": True, "packages": packages}


async def run(cases, channels):
    return [await solve_case(case, channels) for case in cases]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default=str(HERE / "cases.json"))
    parser.add_argument("--fixtures", default=str(DEFAULT_FIXTURES))
    parser.add_argument("--out", default=str(HERE / "rattler-results.json"))
    parser.add_argument("--case", action="append", help="only this case (repeatable); prints instead of writing")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    options = parser.parse_args()

    cases = json.loads(Path(options.cases).read_text())["cases"]
    if options.case:
        cases = [c for c in cases if c["id"] in options.case]
        if not cases:
            sys.exit(f"no case {options.case}")
    channels = Channels(options.fixtures)
    results = asyncio.run(run(cases, channels))

    mismatched = []
    for case, result in zip(cases, results):
        expected = case.get("satisfiable")
        flag = "" if expected is None or expected == result["satisfiable"] else "   <-- cases.json says " + str(expected)
        if flag:
            mismatched.append(case["id"])
        size = len(result["packages"]) if result["satisfiable"] else 0
        print(f"{case['id']:<44} {'sat' if result['satisfiable'] else 'UNSAT'} {size:>3} pkgs{flag}")

    document = {
        "generator": "scripts/solve-compare/make_rattler_results.py",
        "py_rattler": rattler_version(),
        "solver": "rattler.solve_with_sparse_repodata (resolvo), strategy highest, prefer .conda",
        "results": results,
    }
    status = 0
    if mismatched:
        print(f"{len(mismatched)} case(s) whose `satisfiable` differs from rattler: {', '.join(mismatched)}")
        status = 1
    if options.case:
        print(json.dumps(results, indent=1))
    elif options.check:
        old = json.loads(Path(options.out).read_text())
        if old.get("results") != results:
            print(f"{options.out} is out of date")
            status = 1
        else:
            print(f"{options.out} is up to date")
    else:
        Path(options.out).write_text(json.dumps(document, indent=1) + "\n")
        print(f"wrote {options.out}: {len(results)} cases, py-rattler {document['py_rattler']}")
    sys.stdout.flush()
    sys.stderr.flush()
    # py-rattler 0.28.0 can crash (SIGSEGV) while the interpreter tears down its Rust objects;
    # everything is written by now, so leave without running the finalisers.
    os._exit(status)


if __name__ == "__main__":
    main()
