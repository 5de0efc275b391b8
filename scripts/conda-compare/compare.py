#!/usr/bin/env python3
"""Compare `preflight exists --source conda` with py-rattler over the conda fixture channels.

    python3 -m venv /tmp/venv-conda-compare
    /tmp/venv-conda-compare/bin/pip install py-rattler==0.28.0
    swift build                      # from the repository root
    /tmp/venv-conda-compare/bin/python scripts/conda-compare/compare.py \
        [--preflight .build/debug/preflight] [--fixtures ../shared/fixtures/conda] \
        [--report /tmp/conda-compare.json] [--verbose]

For every query (a MatchSpec, a channel list and a target) the reference answer is computed
here with py-rattler: `SparseRepoData.load_records` over the target subdir and `noarch` of each
channel (`.conda` preferred over the `.tar.bz2` of the same stem, as rattler does), rattler's
`MatchSpec.matches` for the version and build parts, and the contract's compatibility rule —
a record's `python` / `python_abi` dependencies, parsed and matched by rattler against the
target's interpreter, and its `__glibc` / `__osx` / `__win` / `__unix` / `__linux` / `__cuda`
dependencies against the target's virtual packages. Versions are ordered by rattler's
`Version`. The preflight answer is `preflight exists --source conda --format json ...`.

Compared per query: status, available, name, matching_versions, compatible_versions,
best.version and best.filename. Suggestions and details are preflight's own prose and are not
compared. Exit status 0 when every query agrees, 1 otherwise.

The query list is built deterministically from the fixtures (see `queries()`), so a rerun
compares the same thing.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

try:
    from rattler import BuildString, Channel, MatchSpec, PackageName, PackageRecord, SparseRepoData, Version
except ImportError:  # pragma: no cover - a message instead of a traceback
    sys.exit("py-rattler is needed: python3 -m venv /tmp/venv-conda-compare && "
             "/tmp/venv-conda-compare/bin/pip install py-rattler==0.28.0")

ROOT = Path(__file__).resolve().parents[2]
JUDGED_VIRTUALS = {"__glibc", "__osx", "__win", "__unix", "__linux", "__cuda"}


# --------------------------------------------------------------------------------------------
# Targets and queries


class Target:
    def __init__(self, python, platform="linux-64", glibc="2.28", macos="11.0", cuda=None):
        self.python = python
        self.platform = platform
        self.glibc = glibc if platform.startswith("linux") else None
        self.macos = macos if platform.startswith("osx") else None
        self.cuda = cuda

    def args(self):
        out = ["--python", self.python, "--platform", self.platform]
        if self.glibc:
            out += ["--glibc", self.glibc]
        if self.macos:
            out += ["--macos", self.macos]
        if self.cuda:
            out += ["--cuda", self.cuda]
        return out

    def __str__(self):
        return " ".join(self.args())


def queries(fixtures):
    """About 150 (spec, channels, target) triples covering every status and spec form."""
    linux39, linux38, linux312, linux27 = Target("3.9"), Target("3.8"), Target("3.12"), Target("2.7")
    out = []

    def add(spec, channels, target):
        out.append((spec, channels, target))

    # Hand-picked: statuses, virtual packages, channel selection, other platforms.
    for spec in ["pytorch", "pytorch 2.1.0", "pytorch=2.0", "pytorch >=1.12,<1.13", "pytorch==1.9.5", "pytorch >=5",
                 "pytorch=2.1.0=*cpu*", "pytorch 2.1.0 py3.8*", "torchvision", "torchaudio >=2", "ignite-nightly",
                 "faiss-cpu", "faiss-cpu v1.6.4", "torchdistx-cc 0.2.0", "torchdistx-cc 0.2.0 *cu116*", "magma-cuda110",
                 "pytorch-cuda", "cpuonly", "torch", "pytorch::pytorch >=2", "PyTorch"]:
        for target in (linux39, linux312, Target("3.7"), Target("3.9", glibc="2.12")):
            add(spec, ["pytorch"], target)
    for target in (linux27, Target("2.7", cuda="10.1"), Target("2.7", cuda="9.2")):
        for spec in ["cudatoolkit", "cuda-glibc", "numpy 1.7*", "scipy", "erlang", "opencv", "scikit-learn >=0.13"]:
            add(spec, ["index"], target)
    for spec in ["six", "six >=1.8", "python", "python 3.12.*", "openssl", "pip", "tzdata"]:
        add(spec, ["with-wheels"], linux312)
        add(spec, ["with-wheels"], linux38)
    add("openssl", ["openssl-run-exports-test"], linux39)
    for platform, extra in [("linux-64", {}), ("osx-64", {}), ("win-64", {}), ("win-32", {}), ("linux-aarch64", {})]:
        add("zlib", ["conda_format_repo"], Target("3.9", platform=platform, **extra))
    for spec in ["python 3.6.*", "python >=3.7", "conda-build", "pywin32", "vs2015_runtime", "requests"]:
        add(spec, ["index5"], Target("3.6", platform="win-64"))
    for spec in ["python-digest", "python-digest 1.1.1 py2*", "anaconda-docs", "uses-spiffy-test-app"]:
        add(spec, ["index4"], linux39)
        add(spec, ["index4"], linux27)
    add("spiffy-test-app", ["conda-test"], linux27)
    add("flask", ["conda-test"], linux27)
    add("affine", ["main"], linux39)
    for spec in ["pytorch >=<1", "py*", "numpyy", "pytorch[version=", "with-wheels::six", "pytorch::six"]:
        add(spec, ["pytorch", "with-wheels"], linux312)

    # Generated: names of the r, index2 and index4 channels with specs made from their versions.
    for channel, python, step in [("r", "3.6", 17), ("index2", "3.6", 5), ("index4", "3.6", 23)]:
        path = fixtures / channel / "linux-64" / "repodata.json"
        data = json.loads(path.read_text())
        versions = {}
        for key in ("packages", "packages.conda"):
            for record in data.get(key, {}).values():
                versions.setdefault(record["name"].lower(), set()).add(record["version"])
        for index, name in enumerate(sorted(versions)):
            if index % step:
                continue
            ordered = sorted(versions[name], key=Version)
            middle = ordered[len(ordered) // 2]
            target = Target(python)
            add(name, [channel], target)
            add(f"{name} >={middle}", [channel], target)
            add(f"{name}=={middle}", [channel], target)
            add(f"{name} <{middle}", [channel], target)
    return out


# --------------------------------------------------------------------------------------------
# The reference answer, with py-rattler


def abi_flags(major, minor):
    if major == 2:
        return "mu"
    return "m" if (major == 3 and minor <= 7) else ""


class Reference:
    def __init__(self, fixtures):
        self.fixtures = fixtures
        self.sparse = {}
        self.targets = {}

    def repodata(self, channel, subdir):
        key = (channel, subdir)
        if key not in self.sparse:
            path = self.fixtures / channel / subdir / "repodata.json"
            self.sparse[key] = SparseRepoData(Channel(channel), subdir, str(path)) if path.exists() else None
        return self.sparse[key]

    def target_records(self, target):
        major, minor = (int(x) for x in target.python.split(".")[:2])
        python = PackageRecord("python", target.python, BuildString("0_cpython"), 0, target.platform)
        abi = PackageRecord("python_abi", f"{major}.{minor}", BuildString(f"0_cp{major}{minor}{abi_flags(major, minor)}"), 0,
                            target.platform)
        virtual = {}
        if target.platform.startswith("linux"):
            virtual["__unix"] = virtual["__linux"] = "0"
            if target.glibc:
                virtual["__glibc"] = target.glibc
        elif target.platform.startswith("osx"):
            virtual["__unix"] = "0"
            if target.macos:
                virtual["__osx"] = target.macos
        elif target.platform.startswith("win"):
            virtual["__win"] = "0"
        if target.cuda:
            virtual["__cuda"] = target.cuda
        records = {name: PackageRecord(name, version, BuildString("0"), 0, target.platform) for name, version in virtual.items()}
        return python, abi, records

    @staticmethod
    def dependency_name(dependency):
        name = dependency.strip()
        for i, ch in enumerate(name):
            if ch in " <>=!~[;(":
                return name[:i].lower()
        return name.lower()

    def verdict(self, record, target):
        """(python failures, virtual failures) of one record on the target."""
        python, abi, virtual = self.targets.get(id(target)) or self.targets.setdefault(id(target), self.target_records(target))
        python_fail, virtual_fail = [], []
        for dependency in record.depends:
            name = self.dependency_name(dependency)
            if name in ("python", "python_abi"):
                try:
                    spec = MatchSpec(dependency, exact_names_only=False)
                except Exception:
                    continue
                if not spec.matches(python if name == "python" else abi):
                    python_fail.append(dependency)
            elif name in JUDGED_VIRTUALS:
                try:
                    spec = MatchSpec(dependency, exact_names_only=False)
                except Exception:
                    continue
                present = virtual.get(name)
                if present is None:
                    if (name == "__glibc" and target.platform.startswith("linux") and not target.glibc) or \
                       (name == "__osx" and target.platform.startswith("osx") and not target.macos):
                        continue
                    virtual_fail.append(dependency)
                elif name in ("__linux", "__unix", "__win"):
                    continue
                elif not spec.matches(present):
                    virtual_fail.append(dependency)
        return python_fail, virtual_fail

    @staticmethod
    def ordered_versions(records):
        seen = {}
        for record in records:
            seen.setdefault(str(record.version), record.version)
        return [text for text, _ in sorted(seen.items(), key=lambda kv: (Version(kv[0]), kv[0]))]

    def answer(self, spec_text, channels, target):
        try:
            spec = MatchSpec(spec_text, exact_names_only=True)
        except Exception as error:
            return {"invalid": str(error)}
        name = spec.name.normalized if spec.name else None
        if spec.channel is not None:
            wanted = spec.channel.name
            chosen = [c for c in channels if c == wanted] or [wanted]
        else:
            chosen = channels
        subdirs = [target.platform, "noarch"]
        records = []  # (channel rank, subdir, record)
        for rank, channel in enumerate(chosen):
            for subdir in subdirs:
                repodata = self.repodata(channel, subdir)
                if repodata is None:
                    continue
                for record in repodata.load_records(PackageName(name)):
                    records.append((rank, subdir, record))
        result = {"name": name, "matching_versions": [], "compatible_versions": [], "best": None}
        if not records:
            result.update(status="no-such-package", available=False)
            return result
        matching = [(rank, subdir, r) for rank, subdir, r in records
                    if spec.matches(r) and (spec.subdir is None or spec.subdir == subdir)]
        result["matching_versions"] = self.ordered_versions([r for _, _, r in matching])
        if not matching:
            result.update(status="no-matching-version", available=False)
            return result
        compatible, only_python = [], True
        for rank, subdir, r in matching:
            python_fail, virtual_fail = self.verdict(r, target)
            if not python_fail and not virtual_fail:
                compatible.append((rank, subdir, r))
            elif virtual_fail:
                only_python = False
        result["compatible_versions"] = self.ordered_versions([r for _, _, r in compatible])
        if compatible:
            def key(item):
                rank, subdir, r = item
                ts = int(r.timestamp.timestamp() * 1000) if r.timestamp else 0
                # Higher version, build number, timestamp; then lower channel rank, the target subdir,
                # then the smaller file name (negated by sorting on the reverse below).
                return (r.version, r.build_number, ts, -rank, subdir == target.platform)
            best_key = max(key(item) for item in compatible)
            tied = [item for item in compatible if key(item) == best_key]
            best = min(tied, key=lambda item: item[2].file_name)[2]
            result.update(status="available", available=True,
                          best={"version": str(best.version), "filename": best.file_name})
        else:
            result.update(status="requires-python" if only_python else "no-compatible-distribution", available=False)
        return result


# --------------------------------------------------------------------------------------------
# preflight


def run_preflight(binary, fixtures, spec, channels, target):
    command = [str(binary), "exists", "--source", "conda", "--format", "json"]
    for channel in channels:
        command += ["--channel", (fixtures / channel).resolve().as_uri()]
    command += target.args() + [spec]
    process = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if process.returncode == 2:
        return {"invalid": process.stderr.strip()}
    if process.returncode not in (0, 1):
        return {"error": f"exit {process.returncode}: {process.stderr.strip()}"}
    answer = json.loads(process.stdout)
    if "results" in answer:
        answer = answer["results"][0]
    return answer


FIELDS = ["status", "available", "name", "matching_versions", "compatible_versions", "best.version", "best.filename"]


def field(answer, name):
    if name.startswith("best."):
        best = answer.get("best")
        return None if best is None else best.get(name[5:])
    return answer.get(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preflight", default=str(ROOT / ".build" / "debug" / "preflight"))
    parser.add_argument("--fixtures", default=str(ROOT.parent / "shared" / "fixtures" / "conda"))
    parser.add_argument("--report", help="write every query and both answers here (JSON)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    fixtures = Path(options.fixtures)
    if not (fixtures / "pytorch" / "linux-64" / "repodata.json").exists():
        sys.exit(f"fixtures not found at {fixtures}")
    if not os.access(options.preflight, os.X_OK):
        sys.exit(f"{options.preflight} is not an executable: run `swift build` first, or pass --preflight")

    reference = Reference(fixtures)
    rows, agree, per_field = [], 0, {f: 0 for f in FIELDS}
    all_queries = queries(fixtures)
    for spec, channels, target in all_queries:
        expected = reference.answer(spec, channels, target)
        actual = run_preflight(options.preflight, fixtures, spec, channels, target)
        if "invalid" in expected or "invalid" in actual or "error" in actual:
            same = ("invalid" in expected) == ("invalid" in actual) and "error" not in actual
            differing = [] if same else ["invalid/error"]
            for f in FIELDS:
                per_field[f] += same
        else:
            differing = [f for f in FIELDS if field(expected, f) != field(actual, f)]
            for f in FIELDS:
                per_field[f] += f not in differing
        agree += not differing
        rows.append({"spec": spec, "channels": channels, "target": str(target), "agree": not differing,
                     "differing": differing, "rattler": expected, "preflight": actual})
        if differing and options.verbose:
            print(f"DIFFER {spec!r} {channels} {target}: {differing}")
            for f in differing:
                print(f"   {f}: rattler={field(expected, f) if f != 'invalid/error' else expected}  "
                      f"preflight={field(actual, f) if f != 'invalid/error' else actual}")

    total = len(all_queries)
    print(f"{agree}/{total} queries agree completely ({100.0 * agree / total:.1f} %)")
    for f in FIELDS:
        print(f"  {f:<20} {per_field[f]}/{total}")
    statuses = {}
    for row in rows:
        status = row["rattler"].get("status", "invalid")
        statuses[status] = statuses.get(status, 0) + 1
    print("  statuses covered: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if options.report:
        Path(options.report).write_text(json.dumps(rows, indent=1, default=str))
    return 0 if agree == total else 1


if __name__ == "__main__":
    sys.exit(main())
