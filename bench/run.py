#!/usr/bin/env python3
"""make bench: preflight vs uv, pip and py-rattler, side by side (issue 9).

Rerun:   make bench                       (= python3 bench/run.py)
         python3 bench/run.py --only pip   (or conda, core; comma-separated)
         python3 bench/run.py --runs 5 --work /tmp/preflight-bench --no-build

Everything generated (release builds aside, which go to .build-bench/ in the checkout) lives
under --work (default /tmp/preflight-bench): the venv with uv, pip and py-rattler, the
conda-forge-sized channel, the extracted specs, every tool's caches, the logs of every run,
results.json and results.md. Nothing there is meant to be committed.

Standard library only; needs swift, python3 (3.9+), /work/shared (../shared next to the
checkout) and network access to PyPI for the pip side. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "azureml-examples"
MAKE_BIG_REPODATA = SHARED / "bench" / "make_big_repodata.py"
BENCH_PACKAGING = REPO / "scripts" / "vectors" / "python" / "bench_packaging.py"
SCRATCH = REPO / ".build-bench"

# The three real specs of the pip side: (short name, path in the corpus). The pip part of a
# conda file is extracted into a requirements file so that all three tools read the same input.
PIP_SPECS = [
    ("imagenet-classifier", "cli/endpoints/batch/deploy-models/imagenet-classifier/environment/conda.yaml"),
    ("training-with-components", "cli/endpoints/batch/deploy-pipelines/training-with-components/environment/conda.yml"),
    ("sklearn-iris", "cli/jobs/single-step/scikit-learn/iris/docker-context/requirements.txt"),
    # One big resolution (about 240 packages): a path in this checkout, and pip is left out
    # (its backtracking over azureml-core and mlflow takes many minutes).
    ("resolve-150", "repo:bench/specs/resolve-150.txt"),
]
NO_PIP = {"resolve-150"}
# One target for everyone: CPython 3.8 on manylinux_2_17 x86_64.
PF_PIP_TARGET = ["--python", "3.8", "--platform", "linux-64", "--glibc", "2.17"]
UV_TARGET = ["--python-version", "3.8", "--python-platform", "x86_64-manylinux_2_17"]
PIP_TARGET = ["--python-version", "3.8", "--platform", "manylinux2014_x86_64", "--only-binary=:all:"]

# The conda side: the generated channel has CPython 3.6, 3.7 and 3.12 records; 3.7 gives answers.
CONDA_PYTHON = "3.7"
CONDA_LOOKUP = "numpy"
CONDA_SMALL_ENV = ["python=3.7", "numpy", "pandas", "dask", "pytorch", "r-base", "numpy-3", "requests", "pip"]
# The same without pytorch (whose records in the generated channel lack dependencies): it solves.
CONDA_RESOLVING_ENV = [d for d in CONDA_SMALL_ENV if d != "pytorch"]
PY_RATTLER = "py-rattler==0.28.0"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass
class Run:
    """One process: wall seconds, peak RSS (KiB, from wait4), exit status, optional in-process seconds."""
    wall: float
    rss_kb: int
    rc: int
    inner: float | None = None
    note: str = ""


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, inner: bool = False) -> float | None:
        values = [r.inner if inner else r.wall for r in self.runs]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def rss_mb(self) -> float | None:
        return statistics.median(r.rss_kb for r in self.runs) * 1024 / 1e6 if self.runs else None


def measure(argv: list[str], *, log_to: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Runs one process with stdout/stderr to files; wall time around it, peak RSS from wait4."""
    log_to.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{log_to}.out", "wb") as out, open(f"{log_to}.err", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall=wall, rss_kb=usage.ru_maxrss, rc=proc.returncode)


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


# preflight remembers the output of a command (and of each spec's pip side) in the cache and
# replays it while nothing it read has changed. "recompute" runs remove these memos first, so
# they measure the work itself from a warm HTTP cache, as for a new or edited spec.
PREFLIGHT_MEMO_DIRS = ("memo-v1", "spec-memo-v2")


def drop_memos(cache: Path) -> bool:
    """Removes preflight's memos from a cache; False when none was there (renamed folders?)."""
    found = False
    for name in PREFLIGHT_MEMO_DIRS:
        if (cache / name).exists():
            found = True
            shutil.rmtree(cache / name, ignore_errors=True)
    return found


def run_checked(argv: list[str], **kwargs) -> str:
    log("$ " + " ".join(str(a) for a in argv))
    return subprocess.run(argv, check=True, text=True, stdout=subprocess.PIPE, **kwargs).stdout


# ----------------------------------------------------------------------------- setup

class Setup:
    def __init__(self, work: Path, build: bool):
        self.work = work
        self.build = build
        self.venv = work / "venv"
        self.python = self.venv / "bin" / "python"
        self.uv = self.venv / "bin" / "uv"
        self.pip = self.venv / "bin" / "pip"
        self.preflight = SCRATCH / "release" / "preflight"
        self.loopback = SCRATCH / "release" / "loopback-server"
        self.data = work / "data"
        self.channel = self.data / "channel"
        self.specs = work / "specs"
        self.logs = work / "logs"
        self.caches = work / "caches"

    def all(self, parts: set[str]) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        if self.build and parts & {"pip", "conda"}:
            for product in ("preflight", "loopback-server"):
                run_checked(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", str(SCRATCH), "--product", product],
                            cwd=REPO)
        if not self.venv.exists():
            run_checked([sys.executable, "-m", "venv", str(self.venv)])
            run_checked([str(self.pip), "install", "-q", "-U", "pip"])
            run_checked([str(self.pip), "install", "-q", "uv", PY_RATTLER, "packaging"])
        if "conda" in parts and not (self.channel / "linux-64" / "repodata.json").exists():
            run_checked([sys.executable, str(MAKE_BIG_REPODATA), str(self.channel)])
        if "pip" in parts:
            self.write_pip_specs()

    def write_pip_specs(self) -> None:
        self.specs.mkdir(parents=True, exist_ok=True)
        for name, relative in PIP_SPECS:
            source = REPO / relative[len("repo:"):] if relative.startswith("repo:") else CORPUS / relative
            lines = pip_section(source.read_text()) if source.suffix in (".yml", ".yaml") else None
            text = "\n".join(lines) + "\n" if lines is not None else source.read_text()
            (self.specs / f"{name}.txt").write_text(text)

    def versions(self) -> dict[str, str]:
        def first_line(argv: list[str]) -> str:
            try:
                out = subprocess.run(argv, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
                return out.strip().splitlines()[0] if out.strip() else "?"
            except OSError:
                return "?"
        py = "import importlib.metadata as m; print(' '.join(f'{p} {m.version(p)}' for p in ('py-rattler','packaging','uv','pip')))"
        head = first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               text=True, stdout=subprocess.PIPE).stdout.strip()
        return {
            "preflight": f"{head}{' + uncommitted changes' if dirty else ''} (release build, {self.preflight})",
            "swift": first_line(["swift", "--version"]),
            "python (venv)": first_line([str(self.python), "--version"]),
            "venv packages": first_line([str(self.python), "-c", py]),
            "uv": first_line([str(self.uv), "--version"]),
        }


def pip_section(text: str) -> list[str]:
    """The list items under `- pip:` of a conda environment file. Line-based: the corpus files
    are plain block YAML. Quotes and trailing comments are stripped."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)-\s*pip\s*:\s*$", line)
        if not match:
            continue
        indent, out = len(match.group(1)), []
        for follow in lines[i + 1:]:
            if not follow.strip() or follow.lstrip().startswith("#"):
                continue
            item = re.match(r"^(\s*)-\s*(.+?)\s*$", follow)
            if not item or len(item.group(1)) <= indent:
                break  # back at the depth of `- pip:` or above: the section is over
            out.append(re.sub(r"\s+#.*$", "", item.group(2)).strip().strip("'\""))
        return out
    return []


def index_cache_headers(url: str = "https://pypi.org/simple/pip/") -> str:
    """Which HTTP caching headers the package index sends: they decide what a warm uv run may reuse."""
    import urllib.request
    request = urllib.request.Request(url, method="HEAD", headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            found = [f"{h}: {response.headers[h]}" for h in ("Cache-Control", "ETag", "Last-Modified", "Age") if response.headers.get(h)]
    except OSError as error:
        return f"{url}: not reachable ({error})"
    return f"{url} sends " + ("; ".join(found) if found else "no Cache-Control, ETag, Last-Modified or Age header")


def machine() -> dict[str, str]:
    def grep(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"
    mem_kb = grep("/proc/meminfo", "MemTotal").split()[0]
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "memory": f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "?",
        "cpu": grep("/proc/cpuinfo", "model name"),
        "kernel": platform.release(),
        "load average at start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


# ----------------------------------------------------------------------------- pip side

def tool_env(kind: str) -> dict[str, str]:
    """The environment of one tool run, isolated from user configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_FIND_LINKS", "PIP_EXTRA_INDEX", "UV_", "PREFLIGHT_"))}
    if kind == "pip":
        env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1")
    if kind == "uv":
        # No interpreter downloads: uv otherwise tries to fetch CPython 3.8 (for building sdists)
        # and, where GitHub is unreachable, spends seconds retrying before it falls back.
        env.update(UV_PYTHON_DOWNLOADS="never", UV_NO_CONFIG="1")
    return env


def outcome(tool: str, log_to: Path, rc: int) -> str:
    """What a run answered, in a few words (from its last log)."""
    out = Path(f"{log_to}.out")
    err = Path(f"{log_to}.err")
    try:
        if tool == "preflight":
            report = json.loads(out.read_text())
            summary = report["summary"]
            resolved = [entry for spec in report["specs"] for entry in spec.get("resolution", [])]
            packages = f", {resolved[0]['status']} {len(resolved[0]['packages'])} packages" if resolved else ""
            return f"exit {rc}: {summary['errors']} errors, {summary['warnings']} warnings{packages}"
        if tool == "uv":
            pins = Path(f"{log_to}.pins.txt")
            pinned = [l for l in pins.read_text().splitlines() if re.match(r"^[A-Za-z0-9].*==", l)] if pins.exists() else []
            return f"exit {rc}: {len(pinned)} pins" if rc == 0 else f"exit {rc}: " + (err.read_text().strip().splitlines() or ["?"])[-1][:80]
        if tool == "pip":
            report = Path(f"{log_to}.report.json")
            if rc == 0 and report.exists():
                return f"exit 0: {len(json.loads(report.read_text())['install'])} to install"
            text = err.read_text()
            return f"exit {rc}: " + ("ResolutionImpossible" if "ResolutionImpossible" in text else (text.strip().splitlines() or ["?"])[-1][:80])
    except (OSError, ValueError, KeyError):
        pass
    return f"exit {rc}"


def pip_side(s: Setup, runs: int) -> dict:
    results: dict = {}
    for name, relative in PIP_SPECS:
        spec = s.specs / f"{name}.txt"
        logs = s.logs / "pip" / name
        series: dict[str, Series] = {}
        outcomes: dict[str, str] = {}

        def pf(state: str, cache: Path, rep: str, extra: list[str] = []) -> None:
            log_to = logs / f"preflight-{state.replace(' ', '-')}-{rep}"
            dropped = drop_memos(cache) if state.endswith("recompute") else None
            argv = [str(s.preflight), "check", str(spec), *PF_PIP_TARGET, "--format", "json", "--cache-dir", str(cache), *extra]
            run = measure(argv, log_to=log_to, env=tool_env("preflight"))
            if dropped is False:
                run.note = " (no memo folder found to drop)"
            record("preflight", state, rep, run, log_to)

        def uv(state: str, cache: Path, rep: str, extra: list[str] = []) -> None:
            log_to = logs / f"uv-{state}-{rep}"
            argv = [str(s.uv), "pip", "compile", str(spec), *UV_TARGET, "--cache-dir", str(cache), "-q",
                    "-o", f"{log_to}.pins.txt", *extra]
            Path(f"{log_to}.pins.txt").unlink(missing_ok=True)
            record("uv", state, rep, measure(argv, log_to=log_to, env=tool_env("uv")), log_to)

        def pip(state: str, cache: Path | None, rep: str) -> None:
            if name in NO_PIP:
                return
            log_to = logs / f"pip-{state}-{rep}"
            target = fresh_dir(s.work / "pip-target")
            cache_args = ["--no-cache-dir"] if cache is None else ["--cache-dir", str(cache)]
            argv = [str(s.pip), "install", "--dry-run", "--quiet", "--report", f"{log_to}.report.json", *PIP_TARGET,
                    "--target", str(target), *cache_args, "-r", str(spec)]
            Path(f"{log_to}.report.json").unlink(missing_ok=True)
            record("pip", state, rep, measure(argv, log_to=log_to, env=tool_env("pip")), log_to)

        def record(tool: str, state: str, rep: str, run: Run, log_to: Path) -> None:
            run.note = outcome(tool, log_to, run.rc) + run.note
            if rep != "prime":
                series.setdefault(f"{tool}/{state}", Series()).runs.append(run)
                outcomes[f"{tool}/{state}"] = run.note
            log(f"{name} {tool} {state} {rep}: {run.wall:.2f} s, {run.rss_kb * 1024 / 1e6:.0f} MB, {run.note}")

        # Cold: every cache empty, tools interleaved so that load from other work hits all alike.
        for rep in range(runs):
            pf("cold", fresh_dir(s.caches / "pf-cold"), str(rep))
            uv("cold", fresh_dir(s.caches / "uv-cold"), str(rep))
            pip("cold", None, str(rep))
        # Warm (online, caches just filled) and offline, preflight and uv.
        pf_cache, uv_cache = fresh_dir(s.caches / "pf-warm"), fresh_dir(s.caches / "uv-warm")
        pf("warm", pf_cache, "prime")
        uv("warm", uv_cache, "prime")
        for rep in range(runs):
            pf("warm", pf_cache, str(rep))
            pf("warm recompute", pf_cache, str(rep))
            uv("warm", uv_cache, str(rep))
        pf("offline", pf_cache, "prime", ["--offline"])  # the memo key holds the arguments
        for rep in range(runs):
            pf("offline", pf_cache, str(rep), ["--offline"])
            pf("offline recompute", pf_cache, str(rep), ["--offline"])
            uv("offline", uv_cache, str(rep), ["--offline"])
        # pip: warm with its own HTTP cache; it has no offline mode.
        pip_cache = fresh_dir(s.caches / "pip-warm")
        pip("warm", pip_cache, "prime")
        for rep in range(runs):
            pip("warm", pip_cache, str(rep))
        results[name] = {"series": {k: [asdict(r) for r in v.runs] for k, v in series.items()},
                         "median": {k: v.median() for k, v in series.items()},
                         "rss_mb": {k: v.rss_mb() for k, v in series.items()},
                         "spread": {k: f"{fmt(min(r.wall for r in v.runs))}–{fmt(max(r.wall for r in v.runs))}" for k, v in series.items()},
                         "outcome": outcomes,
                         "requirements": [l.strip() for l in spec.read_text().splitlines() if l.strip() and not l.strip().startswith("#")]}
    return results


# ----------------------------------------------------------------------------- conda side

def conda_side(s: Setup, runs: int) -> dict:
    logs = s.logs / "conda"
    server = subprocess.Popen([str(s.loopback), "--root", str(s.data), "--seconds", "3600"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = (server.stdout.readline() if server.stdout else "").strip()
        if not base.startswith("http"):
            raise SystemExit(f"loopback-server printed {base!r}, not a URL")
        channel = f"{base}/channel"
        env_files = {}
        for label, deps in (("", CONDA_SMALL_ENV), (" resolving", CONDA_RESOLVING_ENV)):
            env_file = s.specs / f"conda-small-env{label.replace(' ', '-')}.yml"
            env_file.parent.mkdir(parents=True, exist_ok=True)
            env_file.write_text("name: bench-small\nchannels:\n  - " + channel + "\ndependencies:\n"
                                + "".join(f"  - {d}\n" for d in deps))
            env_files[label] = (env_file, deps)
        files = {sub: s.channel / sub / "repodata.json" for sub in ("linux-64", "noarch")}
        target = ["--python", CONDA_PYTHON, "--platform", "linux-64"]
        series: dict[str, Series] = {}
        notes: dict[str, str] = {}

        def add(key: str, rep: str, run: Run) -> None:
            if rep != "prime":
                series.setdefault(key, Series()).runs.append(run)
                notes[key] = run.note
            inner = f", in-process {run.inner:.3f} s" if run.inner is not None else ""
            log(f"conda {key} {rep}: {run.wall:.3f} s{inner}, {run.rss_kb * 1024 / 1e6:.0f} MB, {run.note}")

        def pf_exists(state: str, cache: Path, rep: str, extra: list[str] = [], via: str = channel, key: str = "preflight exists") -> None:
            log_to = logs / f"{key.replace(' ', '-')}-{state.replace(' ', '-')}-{rep}"
            if state.endswith("recompute"):
                drop_memos(cache)
            run = measure([str(s.preflight), "exists", "--source", "conda", CONDA_LOOKUP, "--channel", via, *target,
                           "--format", "json", "--cache-dir", str(cache), *extra], log_to=log_to, env=tool_env("preflight"))
            try:
                answer = json.loads(Path(f"{log_to}.out").read_text())
                run.note = f"exit {run.rc}: {answer['status']}, {len(answer['matching_versions'])} matching versions"
            except (OSError, ValueError, KeyError):
                run.note = f"exit {run.rc}"
            add(f"{key}/{state}", rep, run)

        def pf_check(state: str, cache: Path, rep: str, extra: list[str] = [], env: str = "") -> None:
            log_to = logs / f"pf-check{env.replace(' ', '-')}-{state.replace(' ', '-')}-{rep}"
            if state.endswith("recompute"):
                drop_memos(cache)
            run = measure([str(s.preflight), "check", str(env_files[env][0]), *target, "--format", "json",
                           "--cache-dir", str(cache), *extra], log_to=log_to, env=tool_env("preflight"))
            run.note = outcome("preflight", log_to, run.rc)
            add(f"preflight check{env}/{state}", rep, run)

        def py(key: str, rep: str, args: list[str]) -> None:
            log_to = logs / f"{key.replace('/', '-').replace(' ', '-')}-{rep}"
            run = measure([str(s.python), str(REPO / "bench" / "conda_py.py"), *args], log_to=log_to)
            try:
                answer = json.loads(Path(f"{log_to}.out").read_text())
                run.inner, run.note = answer["seconds"], f"exit {run.rc}: {answer['records']} records" if args[0] != "full" else f"exit {run.rc}"
            except (OSError, ValueError, KeyError):
                run.note = f"exit {run.rc}: " + Path(f"{log_to}.err").read_text().strip()[-120:]
            add(key, rep, run)

        sparse_args = ["sparse", CONDA_LOOKUP, *(f"{sub}={path}" for sub, path in files.items())]
        for rep in map(str, range(runs)):
            pf_exists("cold", fresh_dir(s.caches / "pf-conda-cold"), rep)
            for env in env_files:
                pf_check("cold", fresh_dir(s.caches / "pf-conda-cold"), rep, env=env)
            pf_exists("cold", fresh_dir(s.caches / "pf-conda-cold"), rep, via=s.channel.as_uri(), key="preflight exists file")
            py("rattler gateway/cold", rep, ["gateway", CONDA_LOOKUP, channel, str(fresh_dir(s.caches / "rattler-cold"))])
            for env, (_, deps) in env_files.items():
                py(f"rattler solve{env}/cold", rep, ["solve", channel, str(fresh_dir(s.caches / "rattler-solve-cold")), *deps])
            py("rattler full/every run", rep, ["full", *map(str, files.values())])
            py("rattler sparse/every run", rep, sparse_args)
            py("json.load/every run", rep, ["json", *map(str, files.values())])
        shutil.rmtree(s.caches / "pf-conda-cold", ignore_errors=True)
        shutil.rmtree(s.caches / "rattler-cold", ignore_errors=True)
        shutil.rmtree(s.caches / "rattler-solve-cold", ignore_errors=True)
        pf_cache, rattler_cache = fresh_dir(s.caches / "pf-conda-warm"), fresh_dir(s.caches / "rattler-warm")
        pf_exists("warm", pf_cache, "prime")
        pf_exists("offline", pf_cache, "prime", ["--offline"])
        for env, (_, deps) in env_files.items():
            pf_check("warm", pf_cache, "prime", env=env)
            py(f"rattler solve{env}/warm", "prime", ["solve", channel, str(rattler_cache), *deps])
        py("rattler gateway/warm", "prime", ["gateway", CONDA_LOOKUP, channel, str(rattler_cache)])
        for rep in map(str, range(runs)):
            pf_exists("warm", pf_cache, rep)
            pf_exists("warm recompute", pf_cache, rep)
            pf_exists("offline", pf_cache, rep, ["--offline"])
            for env, (_, deps) in env_files.items():
                pf_check("warm", pf_cache, rep, env=env)
                pf_check("warm recompute", pf_cache, rep, env=env)
                py(f"rattler solve{env}/warm", rep, ["solve", channel, str(rattler_cache), *deps])
            py("rattler gateway/warm", rep, ["gateway", CONDA_LOOKUP, channel, str(rattler_cache)])
        sizes = {sub: path.stat().st_size for sub, path in files.items()}
        return {"channel": channel.replace(base, "http://127.0.0.1:PORT"),
                "repodata_bytes": sizes,
                "small_env": CONDA_SMALL_ENV,
                "resolving_env": CONDA_RESOLVING_ENV,
                "series": {k: [asdict(r) for r in v.runs] for k, v in series.items()},
                "median": {k: v.median() for k, v in series.items()},
                "median_inner": {k: v.median(inner=True) for k, v in series.items()},
                "rss_mb": {k: v.rss_mb() for k, v in series.items()},
                "outcome": notes}
    finally:
        server.terminate()
        server.wait(timeout=10)


# ----------------------------------------------------------------------------- core

def core(s: Setup, runs: int) -> dict:
    """PEP 440 parse + sort of 1,000,000 versions: VersionBenchmarkTests (release) vs packaging."""
    package = s.work / "core"
    (package / "Sources").mkdir(parents=True, exist_ok=True)
    (package / "Tests").mkdir(parents=True, exist_ok=True)
    for link, real in ((package / "Sources" / "PythonPackaging", REPO / "Sources" / "PythonPackaging"),
                       (package / "Tests" / "PythonPackagingTests", REPO / "Tests" / "PythonPackagingTests"),
                       (package / "Tests" / "TestSupport", REPO / "Tests" / "TestSupport")):
        if not link.is_symlink():
            link.symlink_to(real)
    (package / "Package.swift").write_text(
        "// swift-tools-version:6.0\n// Generated by bench/run.py: PythonPackaging and its tests alone, for a release test build.\n"
        "import PackageDescription\n"
        "let package = Package(name: \"preflight-bench-core\", targets: [\n"
        "    .target(name: \"PythonPackaging\"),\n"
        "    .target(name: \"TestSupport\", path: \"Tests/TestSupport\"),\n"
        "    .testTarget(name: \"PythonPackagingTests\", dependencies: [\"PythonPackaging\", \"TestSupport\"], exclude: [\"Vectors\"]),\n"
        "])\n")
    run_checked(["swift", "build", "-c", "release", "--build-tests"], cwd=package)
    swift, python = Series(), Series()
    for rep in range(runs):
        log_to = s.logs / "core" / f"swift-{rep}"
        run = measure(["swift", "test", "-c", "release", "--skip-build", "--filter", "VersionBenchmarkTests"],
                      log_to=log_to, cwd=package, env={**os.environ, "PREFLIGHT_BENCH": "1"})
        text = Path(f"{log_to}.out").read_text() + Path(f"{log_to}.err").read_text()
        m = re.search(r"benchmark: parse (\d+) versions ([\d.]+) seconds, sort ([\d.]+) seconds, total ([\d.]+) seconds", text)
        if m:
            run.inner, run.note = float(m.group(4)), f"parse {float(m.group(2)):.3f} s, sort {float(m.group(3)):.3f} s"
        else:
            run.note = "no benchmark line (skipped or failed)"
        swift.runs.append(run)
        log(f"core swift {rep}: {run.note}")
        log_to = s.logs / "core" / f"packaging-{rep}"
        run = measure([str(s.python), str(BENCH_PACKAGING)], log_to=log_to)
        m = re.search(r"parse ([\d.]+)s, sort ([\d.]+)s, total ([\d.]+)s", Path(f"{log_to}.out").read_text())
        if m:
            run.inner, run.note = float(m.group(3)), f"parse {float(m.group(1)):.3f} s, sort {float(m.group(2)):.3f} s"
        python.runs.append(run)
        log(f"core packaging {rep}: {run.note}")
    return {"swift": {"runs": [asdict(r) for r in swift.runs], "median": swift.median(inner=True)},
            "packaging": {"runs": [asdict(r) for r in python.runs], "median": python.median(inner=True)}}


# ----------------------------------------------------------------------------- report

def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "**met**" if value <= limit else "**missed**"


def report(meta: dict, results: dict, runs: int) -> str:
    out: list[str] = []
    add = out.append
    add(f"Medians of {runs} runs; wall seconds of the whole process unless marked in-process; "
        "peak RSS from wait4 (the kernel's maximum resident set size, as `/usr/bin/time -v` prints it).\n")
    targets: list[tuple[str, str, str, str]] = []
    if "pip" in results:
        pip = results["pip"]
        add("### pip side: `preflight check` vs `uv pip compile` vs `pip install --dry-run --report`\n")
        add("Target everywhere: CPython 3.8, manylinux_2_17 x86_64 (preflight `--python 3.8 --platform linux-64 --glibc 2.17`). "
            "Cold: every cache empty (preflight and uv a fresh `--cache-dir`, pip `--no-cache-dir`). Warm: online, "
            "caches filled by a run just before. Offline: `--offline` with the warm cache; pip has no offline mode. "
            "preflight replays a remembered answer when the same command meets unchanged inputs (warm, offline); "
            "the *recompute* rows drop those memos first and so measure the check itself from a warm HTTP cache, as for a "
            "new or edited spec. uv and pip have no such memo: their warm and offline runs serve both rows. uv writes no "
            "`-o` file between runs (an existing one would steer its resolution).\n")
        add("Cells: median (min–max).\n")
        add("| spec | state | preflight s | uv s | pip s | preflight / uv | preflight / pip | peak RSS MB pf / uv / pip |")
        add("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
        states = ("cold", "warm", "warm recompute", "offline", "offline recompute")
        totals: dict[str, float] = {}
        for name, r in pip.items():
            m, rss, spread = r["median"], r["rss_mb"], r.get("spread", {})

            def cell(key: str) -> str:
                v = m.get(key)
                if v is None:
                    return "n/a"
                return f"{fmt(v)} ({spread[key]})" if key in spread else fmt(v)
            for state in states:
                base = state.split()[0]  # uv and pip have no memo: their warm/offline runs serve both rows
                keys = (f"preflight/{state}", f"uv/{base}", f"pip/{base}")
                p, u, q = (m.get(k) for k in keys)
                for k, v in zip(("preflight", "uv", "pip"), (p, u, q)):
                    if v is not None:
                        totals[f"{k}/{state}"] = totals.get(f"{k}/{state}", 0.0) + v
                mem = " / ".join(f"{rss[k]:.0f}" if rss.get(k) else "—" for k in keys)
                add(f"| {name} | {state} | {cell(keys[0])} | {cell(keys[1])} | {cell(keys[2])} | {ratio(p, u)} | {ratio(p, q)} | {mem} |")
        for state in states:
            p, u, q = (totals.get(f"{k}/{state}") for k in ("preflight", "uv", "pip"))
            add(f"| **all {len(PIP_SPECS)}** | {state} | {fmt(p)} | {fmt(u)} | {fmt(q) if q is not None else 'n/a'} | {ratio(p, u)} | {ratio(p, q)} | |")
        add("\nWhat each tool answered (last run):\n")
        add("| spec | requirements | preflight | uv | pip |")
        add("| --- | --- | --- | --- | --- |")
        for name, r in pip.items():
            o = r["outcome"]
            add(f"| {name} | {', '.join(r['requirements'])} | {o.get('preflight/cold', '')} | {o.get('uv/cold', '')} | {o.get('pip/cold', '')} |")
        add("")
        for state, limit, label in (("cold", 0.5, "pip side cold ≤ 0.5× uv"),
                                    ("warm", 0.1, "pip side warm ≤ 0.1× uv (online, warm): re-run, memo replayed"),
                                    ("warm recompute", 0.1, "pip side warm ≤ 0.1× uv (online, warm): recomputed"),
                                    ("offline", 0.5, "pip side offline ≤ 0.5× uv --offline: re-run, memo replayed"),
                                    ("offline recompute", 0.5, "pip side offline ≤ 0.5× uv --offline: recomputed")):
            p, u = totals.get(f"preflight/{state}"), totals.get(f"uv/{state}")
            targets.append((label, f"{fmt(p)} s vs {fmt(u)} s (sum over the {len(PIP_SPECS)} specs)", ratio(p, u), verdict(p / u if p and u else None, limit)))
    if "conda" in results:
        c = results["conda"]
        m, mi, rss, o = c["median"], c["median_inner"], c["rss_mb"], c["outcome"]
        size_mb = sum(c["repodata_bytes"].values()) / 1e6
        add("### conda side: the generated conda-forge-sized channel over loopback\n")
        add(f"Channel: `make_big_repodata.py` defaults (600,000 records; linux-64 {c['repodata_bytes']['linux-64'] / 1e6:.1f} MB + "
            f"noarch {c['repodata_bytes']['noarch'] / 1e6:.1f} MB = {size_mb:.1f} MB of repodata.json), served by `loopback-server`. "
            f"Lookup: `{CONDA_LOOKUP}` for py{CONDA_PYTHON} linux-64 (both subdirs). preflight cold = fresh `--cache-dir`: download over "
            "loopback + parse + build its on-disk index; warm = that cache, answered without parsing JSON. py-rattler `RepoData`/"
            "`SparseRepoData`/`json.load` keep no cache: every run reads the local files (already in the page cache); the in-process "
            "column leaves out interpreter start and imports. py-rattler `Gateway` is rattler's own HTTP + cache path, for reference.\n")
        add("| what | cold s | warm s | in-process s (cold / warm) | peak RSS MB (cold / warm) | answer |")
        add("| --- | ---: | ---: | ---: | ---: | --- |")
        rows = [("`preflight exists --source conda numpy`", "preflight exists/cold", "preflight exists/warm"),
                ("the same, warm with the memo dropped (compact-index lookup)", None, "preflight exists/warm recompute"),
                ("the same, `file://` channel (no HTTP, no copy in the cache)", "preflight exists file/cold", None),
                ("`preflight exists … --offline`", None, "preflight exists/offline"),
                ("`preflight check` small environment.yml (unsatisfiable)", "preflight check/cold", "preflight check/warm"),
                ("the same, warm with the memos dropped", None, "preflight check/warm recompute"),
                ("`preflight check` the resolving environment (no pytorch)", "preflight check resolving/cold", "preflight check resolving/warm"),
                ("the same, warm with the memos dropped", None, "preflight check resolving/warm recompute"),
                ("py-rattler `Gateway.query` (http, cache_dir)", "rattler gateway/cold", "rattler gateway/warm"),
                ("py-rattler `solve` of the small environment (Gateway, http, cache_dir)", "rattler solve/cold", "rattler solve/warm"),
                ("py-rattler `solve` of the resolving environment", "rattler solve resolving/cold", "rattler solve resolving/warm"),
                ("py-rattler `RepoData.from_path` ×2 (full load)", "rattler full/every run", "rattler full/every run"),
                ("py-rattler `SparseRepoData` ×2 + `load_records`", "rattler sparse/every run", "rattler sparse/every run"),
                ("`json.load` ×2 (Python 3)", "json.load/every run", "json.load/every run")]
        for label, cold, warm in rows:
            inner = " / ".join(fmt(mi.get(k)) if k and mi.get(k) is not None else "—" for k in (cold, warm))
            mem = " / ".join(f"{rss[k]:.0f}" if k and rss.get(k) else "—" for k in (cold, warm))
            add(f"| {label} | {fmt(m.get(cold)) if cold else '—'} | {fmt(m.get(warm)) if warm else '—'} | {inner} | {mem} | {o.get(warm or cold, '')} |")
        add("")
        sparse = mi.get("rattler sparse/every run")
        for key, how in (("preflight exists/warm", "re-run, memo replayed"), ("preflight exists/warm recompute", "memo dropped: index lookup")):
            warm = m.get(key)
            targets.append((f"conda warm single-name lookup ≤ 0.1× py-rattler sparse: {how}", f"{fmt(warm)} s (whole process) vs {fmt(sparse)} s (in-process)",
                            ratio(warm, sparse), verdict(warm / sparse if warm and sparse else None, 0.1)))
        cold, full = m.get("preflight exists/cold"), mi.get("rattler full/every run")
        targets.append(("conda cold parse+index ≤ 0.5× py-rattler full load", f"{fmt(cold)} s (download + parse + index, whole process) vs {fmt(full)} s (in-process)",
                        ratio(cold, full), verdict(cold / full if cold and full else None, 0.5)))
        # Warm is measured with preflight's memos dropped: a replayed answer would not be a solve.
        for env, what in (("", "the small environment (unsatisfiable)"), (" resolving", "the resolving environment")):
            for state, mine_key in (("cold", "cold"), ("warm", "warm recompute")):
                mine, theirs, theirs_inner = m.get(f"preflight check{env}/{mine_key}"), m.get(f"rattler solve{env}/{state}"), mi.get(f"rattler solve{env}/{state}")
                targets.append((f"conda solve ≤ 0.5× py-rattler solve, {state}: `check` of {what} (whole process: read, "
                                f"availability walk, solve{', memos dropped' if state == 'warm' else ''}) vs `rattler.solve` (in-process)",
                                f"{fmt(mine)} s vs {fmt(theirs_inner)} s in-process ({fmt(theirs)} s whole process)",
                                ratio(mine, theirs_inner), verdict(mine / theirs_inner if mine and theirs_inner else None, 0.5)))
        solve_peak = rss.get("preflight check/cold")
        targets.append(("conda solve peak memory ≤ 1× repodata size", f"{solve_peak:.0f} MB vs {size_mb:.0f} MB" if solve_peak else "—",
                        f"{solve_peak / size_mb:.2f}×" if solve_peak else "—", verdict(solve_peak / size_mb if solve_peak else None, 1.0)))
        peak = rss.get("preflight exists/cold")
        targets.append(("peak memory ≤ 1× repodata size", f"{peak:.0f} MB vs {size_mb:.0f} MB" if peak else "—",
                        f"{peak / size_mb:.2f}×" if peak else "—", verdict(peak / size_mb if peak else None, 1.0)))
    if "core" in results:
        k = results["core"]
        add("### core: PEP 440 parse + sort of 1,000,000 versions\n")
        add("| implementation | total s (median) | runs |")
        add("| --- | ---: | --- |")
        add(f"| Swift `PythonPackaging` (`VersionBenchmarkTests`, release) | {fmt(k['swift']['median'])} | {'; '.join(r['note'] for r in k['swift']['runs'])} |")
        add(f"| Python `packaging` (`bench_packaging.py`) | {fmt(k['packaging']['median'])} | {'; '.join(r['note'] for r in k['packaging']['runs'])} |")
        add(f"\npreflight / packaging: {ratio(k['swift']['median'], k['packaging']['median'])}\n")
    if targets:
        add("### targets\n")
        add("| target | measured | ratio | verdict |")
        add("| --- | --- | ---: | --- |")
        for row in targets:
            add("| " + " | ".join(row) + " |")
        add("")
    add("### machine and tools\n")
    for key, value in meta.items():
        add(f"- {key}: {value}")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median); default 3")
    parser.add_argument("--only", default="pip,conda,core", help="comma-separated parts: pip, conda, core")
    parser.add_argument("--work", type=Path, default=Path("/tmp/preflight-bench"), help="where everything generated goes")
    parser.add_argument("--no-build", action="store_true", help="use the release binaries already in .build-bench/")
    parser.add_argument("--without-pip", action="store_true", help="leave pip out of the pip side (its cold runs take minutes each); uv and preflight still run")
    args = parser.parse_args()
    if args.without_pip:
        NO_PIP.update(name for name, _ in PIP_SPECS)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if unknown := parts - {"pip", "conda", "core"}:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if not SHARED.exists():
        raise SystemExit(f"{SHARED} is missing: the corpus and make_big_repodata.py live there")
    s = Setup(args.work, build=not args.no_build)
    s.all(parts)
    meta = machine()
    meta.update(s.versions())
    if "pip" in parts:
        meta["index caching headers"] = index_cache_headers()
    results: dict = {}
    started = time.perf_counter()
    if "core" in parts:
        results["core"] = core(s, args.runs)
    if "conda" in parts:
        results["conda"] = conda_side(s, args.runs)
    if "pip" in parts:
        results["pip"] = pip_side(s, args.runs)
    meta["load average at end"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    meta["bench wall time"] = f"{time.perf_counter() - started:.0f} s"
    text = report(meta, results, args.runs)
    (s.work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    (s.work / "results.md").write_text(text)
    print(text)
    log(f"wrote {s.work / 'results.md'} and {s.work / 'results.json'}; logs in {s.logs}")


if __name__ == "__main__":
    main()
