#!/usr/bin/env python3
"""Compare `preflight exists --source pypi` with pip's own resolution, on live PyPI.

Rerun (network to https://pypi.org is needed; nothing is downloaded but metadata):

    python3 -m venv /tmp/venv-pipcmp && /tmp/venv-pipcmp/bin/pip install -U pip   # pip >= 24
    swift build                      # from the repository root
    /tmp/venv-pipcmp/bin/python scripts/pip-compare/compare.py \
        [--preflight .build/debug/preflight] [--pip /tmp/venv-pipcmp/bin/pip] \
        [--cache-dir DIR] [--jobs 2] [--only SUBSTRING] [--local] [--report results.json] [--verbose]

The script must run under the venv's Python: it imports pip's vendored `packaging` to compute
the target's platform tags, and pip's own `get_supported` to show the tag order pip will use.
Nothing but the standard library and that pip is needed.

For every query (a PEP 508 requirement and a target: CPython X.Y, a conda-style platform, a
glibc for Linux, a macOS version for macOS) it runs

    pip install --dry-run --quiet --report REPORT.json --target TMPDIR --no-deps \
        --only-binary=:all: --ignore-installed --no-cache-dir --disable-pip-version-check \
        --no-input --index-url https://pypi.org/simple \
        --python-version X.Y --implementation cp \
        --abi cpXY (cp37m for 3.7) --abi abi3 --abi none \
        --platform TAG [--platform TAG ...] REQUIREMENT

with PIP_CONFIG_FILE=/dev/null, where the --platform tags are every platform tag the target
accepts, best first, as packaging's `sys_tags` computes them on that machine: Linux
`linux_<arch>` then `_manylinux.platform_tags` for the target glibc (manylinux_2_Y down to
2_5 on x86_64 / 2_17 on aarch64, with the legacy manylinux2014/2010/1 aliases); macOS
`mac_platforms(version, arch)`; Windows `win_amd64` / `win32`. pip's `--dry-run --report`
resolves (and reads the chosen file's metadata) without downloading the distribution.

and

    preflight exists --source pypi --format json --cache-dir DIR \
        --python X.Y --platform P [--glibc G | --macos M] REQUIREMENT

and compares: pip succeeded <=> preflight `available`; when both succeed, pip's chosen version
(`install[0].metadata.version`) == preflight `best.version` (compared as PEP 440 versions) and
the file name of pip's `install[0].download_info.url` == preflight `best.filename`. The full
URLs are compared too; a mismatch there counts as a disagreement as well.

A disagreement fails the run (exit 1) unless the query is listed in KNOWN_DIFFERENCES below
with the reason; a listed query that agrees again is reported as stale (not a failure).
Exit 2 when a query could not be decided by either tool (network, crash).

`--local` adds LOCAL_QUERIES: the same comparison against a small simple repository generated
here (tiny real wheels), served on 127.0.0.1 and read as file://, for cases live PyPI cannot
show (build tags, a pinned version with a yanked and a good wheel, METADATA-only
Requires-Python). Both tools then get the same `--index-url`.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

try:
    from pip._internal.utils.compatibility_tags import get_supported
    from pip._vendor import packaging as vendored_packaging
    from pip._vendor.packaging import _manylinux
    from pip._vendor.packaging import tags as ptags
    from pip._vendor.packaging.utils import InvalidWheelFilename, parse_wheel_filename
    from pip._vendor.packaging.version import InvalidVersion, Version
except ImportError:  # pragma: no cover - a message instead of a traceback
    sys.exit("run this under the venv that has pip >= 24: python3 -m venv /tmp/venv-pipcmp && "
             "/tmp/venv-pipcmp/bin/pip install -U pip; /tmp/venv-pipcmp/bin/python " + sys.argv[0])

ROOT = Path(__file__).resolve().parents[2]
INDEX = "https://pypi.org/simple"


# --------------------------------------------------------------------------------------------
# Targets


class Target:
    ARCH = {"linux-64": "x86_64", "linux-aarch64": "aarch64", "osx-64": "x86_64", "osx-arm64": "arm64",
            "win-64": "win_amd64", "win-32": "win32"}

    def __init__(self, python, platform="linux-64", glibc=None, macos=None):
        self.python = python
        self.platform = platform
        # preflight's documented defaults: glibc 2.28, macOS 11.0. They are always passed
        # explicitly so both tools see the same target even if the defaults change.
        self.glibc = (glibc or "2.28") if platform.startswith("linux") else None
        self.macos = (macos or "11.0") if platform.startswith("osx") else None

    @property
    def version_tuple(self):
        return tuple(int(x) for x in self.python.split(".")[:2])

    @property
    def abi(self):
        major, minor = self.version_tuple
        # CPython < 3.8 builds use pymalloc, whose ABI tag carries an `m` (cp37m).
        return f"cp{major}{minor}" + ("m" if (major, minor) < (3, 8) else "")

    def preflight_args(self):
        out = ["--python", self.python, "--platform", self.platform]
        if self.glibc:
            out += ["--glibc", self.glibc]
        if self.macos:
            out += ["--macos", self.macos]
        return out

    def platform_tags(self):
        """Every platform tag the target accepts, best first, as packaging's sys_tags has them."""
        arch = self.ARCH[self.platform]
        if self.platform.startswith("win"):
            return [arch]
        if self.platform.startswith("osx"):
            major, minor = (int(x) for x in self.macos.split("."))
            return list(ptags.mac_platforms((major, minor), arch))
        return ["linux_" + arch] + manylinux_tags(arch, self.glibc)

    def packaging_tags(self):
        """The full tag list packaging's sys_tags yields on the target (what the contract means)."""
        v, platforms = self.version_tuple, self.platform_tags()
        return list(ptags.cpython_tags(v, [self.abi], platforms)) + \
            list(ptags.compatible_tags(v, f"cp{v[0]}{v[1]}", platforms))

    def pip_tags(self):
        """The tag list pip builds from the command line below (it expands some --platform values)."""
        v = self.version_tuple
        return get_supported(version=f"{v[0]}{v[1]}", platforms=self.platform_tags(), impl="cp",
                             abis=[self.abi, "abi3", "none"])

    def __str__(self):
        extra = f" glibc {self.glibc}" if self.glibc else f" macos {self.macos}" if self.macos else ""
        return f"py{self.python} {self.platform}{extra}"


def manylinux_tags(arch, glibc):
    """packaging's `_manylinux.platform_tags([arch])` as it would run on a machine with `glibc`."""
    major, minor = (int(x) for x in glibc.split("."))
    saved = (_manylinux._get_glibc_version, _manylinux._have_compatible_abi, _manylinux._get_manylinux_module)
    try:
        _manylinux._get_glibc_version = lambda: (major, minor)
        _manylinux._have_compatible_abi = lambda executable, archs: True
        _manylinux._get_manylinux_module = lambda: None
        return list(_manylinux.platform_tags([arch]))
    finally:
        _manylinux._get_glibc_version, _manylinux._have_compatible_abi, _manylinux._get_manylinux_module = saved


# --------------------------------------------------------------------------------------------
# Queries: (requirement, python, platform, glibc or macos override, why it is here)

L64, LA64, O64, OA64, W64, W32 = "linux-64", "linux-aarch64", "osx-64", "osx-arm64", "win-64", "win-32"

QUERIES = [
    # exact pins, compiled wheels, manylinux variants
    ("numpy==1.24.4", "3.8", L64, None, "exact pin, manylinux2014 wheel"),
    ("numpy==1.24.4", "3.11", L64, None, "exact pin, newer Python"),
    ("numpy==1.24.4", "3.12", L64, None, "no cp312 wheel: sdist only"),
    ("numpy==2.0.0", "3.8", L64, None, "requires-python failure (>=3.9)"),
    ("numpy==1.21.6", "3.7", W32, None, "cp37m ABI on win32"),
    ("numpy==1.21.6", "3.7", L64, "2.17", "cp37m ABI, manylinux_2_12 vs 2010 aliases"),
    ("numpy>=1.20,<1.22", "3.9", L64, None, "range"),
    ("numpy~=1.26.0", "3.12", O64, "10.9", "compatible release, old macOS"),
    ("numpy", "3.7", W64, None, "unpinned: newest that still supports 3.7"),
    ("numpy", "3.13", LA64, None, "aarch64, newest"),
    ("numpy", "3.13", L64, "2.17", "glibc 2.17 excludes manylinux_2_28 wheels"),
    ("numpy", "3.12", OA64, "11.0", "arm64 macOS 11: the macosx_11_0 build"),
    ("numpy", "3.12", OA64, "14.0", "arm64 macOS 14: the macosx_14_0 (Accelerate) build"),
    ("numpy==2.0.0", "3.12", O64, "10.9", "x86_64 macOS 10.9 build"),
    ("numpy==2.0.0", "3.12", O64, "14.0", "x86_64 macOS 14 build preferred"),
    ("numpy", "3.12", W32, None, "win32"),
    ("numpy==1.99.0", "3.11", L64, None, "no such version"),
    ("numpy===1.24.4", "3.8", L64, None, "arbitrary equality"),
    ("numpy==1.19.5", "3.10", L64, None, "old release, no cp310 wheel"),
    ("numpy==2.3.0", "3.12", LA64, "2.17", "aarch64 wheels need glibc 2.28"),
    ("numpy", "3.14", L64, None, "py3.14"),
    ("numpy", "3.15", W64, None, "py3.15"),
    # pre-releases
    ("numpy>=2.0.0rc1,<2.0.0", "3.10", L64, None, "pre-release range (numpy deletes its RCs)"),
    ("numpy==2.5.0rc1", "3.13", L64, None, "pinned pre-release"),
    ("numpy>=2.5.0rc1,<2.5.0", "3.12", W64, None, "pre-release range that has one"),
    ("numpy>=2.3.0,<2.4.1,!=2.3.2,!=2.3.3,!=2.3.4,!=2.3.5,!=2.4.0", "3.14", L64, None,
     "finals in range have no cp314 wheel, a pre-release in range has"),
    ("django==5.0a1", "3.10", L64, None, "pinned alpha"),
    ("django>=5.0a1,<5.0", "3.11", L64, None, "range of pre-releases"),
    ("django==5.0", "3.9", L64, None, "requires-python failure (>=3.10)"),
    ("django>=4.2,<5", "3.8", L64, None, "range on an old Python"),
    ("django~=4.2.0", "3.13", W64, None, "compatible release"),
    ("Django", "3.7", L64, None, "name normalisation, newest for 3.7"),
    # abi3
    ("cryptography", "3.8", L64, None, "abi3, newest for 3.8"),
    ("cryptography==41.0.7", "3.12", L64, None, "cp37-abi3 wheel used by 3.12"),
    ("cryptography==42.0.0", "3.11", LA64, "2.28", "abi3 aarch64 manylinux_2_28"),
    ("cryptography==42.0.0", "3.11", LA64, "2.17", "abi3 aarch64 manylinux2014"),
    ("cryptography", "3.13", W64, None, "abi3 win"),
    ("cryptography", "3.12", OA64, None, "abi3 universal2 / arm64"),
    ("cryptography==3.4.8", "3.7", L64, None, "cp36-abi3, manylinux2010/2014"),
    ("cryptography==3.4.8", "3.7", L64, "2.5", "cp36-abi3 on glibc 2.5: nothing"),
    ("tokenizers", "3.12", LA64, None, "abi3 (Rust)"),
    ("tokenizers==0.13.3", "3.12", L64, None, "no cp312 wheel"),
    # pure python
    ("six", "3.7", W32, None, "py2.py3-none-any"),
    ("requests", "3.12", L64, None, "py3-none-any"),
    ("requests[socks]~=2.31", "3.10", O64, None, "extras and ~="),
    ("charset-normalizer==3.3.2", "3.13", L64, None, "no cp313 wheel: pure-python fallback wheel"),
    ("typing_extensions", "3.7", L64, None, "newest that admits 3.7 (requires_python)"),
    ("typing-extensions==4.7.1", "3.7", W64, None, "pin"),
    ("pip==24.0", "3.7", W32, None, "pip itself"),
    ("zope.interface", "3.7", L64, None, "dotted name"),
    # yanked
    ("requests==2.32.0", "3.11", L64, None, "pinned yanked release: installed with a warning"),
    ("requests>=2.31,<2.32.2", "3.11", L64, None, "range over yanked releases: skips them"),
    ("requests==2.32.*", "3.11", L64, None, "wildcard over yanked releases"),
    ("requests==2.32.0.*", "3.11", L64, None, "wildcard matching only a yanked release"),
    ("numpy>2.3.5,<=2.4.0", "3.12", L64, None, "only a yanked final (2.4.0) in range"),
    ("numpy>=2.3.5,<=2.4.0", "3.12", L64, None, "newest in range yanked: the one below"),
    ("numpy==2.4.0", "3.12", L64, None, "pinned yanked numpy"),
    # sdist only
    ("fusepy==3.0.1", "3.10", L64, None, "sdist only"),
    ("fusepy", "3.12", W64, None, "sdist only, unpinned"),
    ("pyyaml==5.4.1", "3.10", L64, None, "no cp310 wheel"),
    ("markupsafe==2.1.5", "3.13", L64, None, "no cp313 wheel"),
    ("pandas==1.5.3", "3.12", L64, None, "no cp312 wheel"),
    # no wheel for the platform
    ("uvloop", "3.11", W64, None, "Linux/macOS only"),
    ("uvloop==0.19.0", "3.12", LA64, "2.17", "aarch64 manylinux2014"),
    ("jaxlib==0.4.10", "3.11", W64, None, "version not on PyPI"),
    ("nvidia-nccl-cu12", "3.11", W64, None, "Linux-only wheels, no sdist"),
    ("nvidia-nccl-cu12", "3.11", LA64, None, "aarch64 wheel"),
    ("pywin32", "3.11", L64, None, "Windows only, no sdist"),
    ("pywin32", "3.11", W64, None, "Windows"),
    ("pywin32==306", "3.7", W32, None, "Windows 32-bit"),
    ("torch==2.1.0", "3.10", L64, None, "manylinux1-tagged wheel"),
    ("torch==2.5.1", "3.12", O64, None, "no x86_64 macOS wheels after 2.2"),
    ("torch", "3.11", W32, None, "no win32 wheels"),
    ("tensorflow==2.15.0", "3.11", L64, "2.17", "manylinux_2_17"),
    ("tensorflow==2.15.0", "3.12", L64, None, "no cp312 wheel, no sdist"),
    # assorted compiled packages
    ("pandas==2.2.3", "3.13", L64, None, "manylinux_2_17"),
    ("pandas", "3.7", L64, None, "newest for 3.7"),
    ("scipy==1.10.1", "3.8", LA64, None, "aarch64"),
    ("scikit-learn", "3.9", OA64, "12.0", "arm64 macOS 12"),
    ("lxml==5.2.2", "3.12", L64, "2.17", "manylinux_2_17 build"),
    ("lxml==5.2.2", "3.12", L64, "2.28", "manylinux_2_28 build preferred"),
    ("pyarrow==14.0.2", "3.12", L64, "2.17", "manylinux2014 build"),
    ("pyarrow==14.0.2", "3.12", L64, "2.28", "manylinux_2_28 build preferred"),
    ("psycopg2-binary==2.9.9", "3.12", LA64, None, "aarch64"),
    ("psycopg2-binary", "3.13", W32, None, "win32"),
    ("grpcio==1.60.0", "3.12", OA64, None, "universal2 on arm64"),
    ("pillow", "3.9", L64, "2.17", "glibc 2.17"),
    ("pillow==10.0.0", "3.12", L64, None, "manylinux_2_28 cp312 build"),
    ("black==24.1.0", "3.8", L64, None, "mypyc wheel preferred over py3-none-any"),
    ("black==24.1.0", "3.12", W32, None, "no win32 mypyc wheel: pure wheel"),
    ("ruff", "3.12", L64, None, "py3-none-manylinux wheel"),
    ("ruff", "3.7", W32, None, "py3-none-win32"),
    ("orjson", "3.13", LA64, "2.17", "aarch64 glibc 2.17"),
    ("msgpack==1.0.8", "3.7", O64, "10.9", "requires-python (>=3.8)"),
    ("msgpack==1.0.5", "3.7", O64, "10.9", "macOS 10.9 x86_64, cp37m"),
    ("matplotlib==3.7.5", "3.8", W32, None, "win32"),
    ("h5py", "3.13", LA64, None, "aarch64"),
    ("llvmlite==0.41.1", "3.12", OA64, None, "arm64 macOS"),
    ("pydantic-core", "3.13", W32, None, "win32"),
    # build tags: pip prefers the higher build tag among equally ranked wheels
    ("scipy==1.7.2", "3.10", W64, None, "build-tagged (-1-) and untagged cp310 win_amd64 wheels"),
    ("scipy==1.7.3", "3.9", OA64, "12.0", "build-tagged and untagged macosx_12_0_arm64 wheels"),
    ("matplotlib==2.0.0", "3.6", L64, None, "build-tagged manylinux1 wheel, py3.6"),
    ("pyqt5==5.10", "3.7", L64, None, "build tag 5.10.0, compressed interpreter tag cp35.cp36.cp37"),
    # specifier corners
    ("pytz==2023.3", "3.12", L64, None, "== excludes the .post1"),
    ("pytz>=2023.3,<2023.4", "3.12", L64, None, "post-release in range"),
    ("pytz>2023.3,<2023.4", "3.12", L64, None, "> excludes post-releases of the bound"),
    ("django!=5.*,!=6.*,>=4", "3.13", L64, None, "!= wildcards"),
    ("PyYAML == 6.0.1", "3.12", LA64, None, "spaces and case"),
    ("numpy==1.3.0", "3.7", W32, None, "only .exe/.egg and sdist files"),
    ("cryptography", "3.10", L64, None, "abi3: older cp3X-abi3 wheel for 3.10"),
    ("cryptography==3.4.8", "3.7", W32, None, "cp36-abi3 win32"),
    ("grpcio==1.60.0", "3.12", O64, "10.9", "universal2 built for 10.10 does not fit macOS 10.9"),
    ("grpcio==1.60.0", "3.12", O64, "11.0", "universal2 on x86_64"),
    ("matplotlib==2.0.0", "3.6", O64, "10.13", "multi-tag macosx_10_6_intel...10_10_x86_64 wheel"),
    ("numpy==1.19.5", "3.6", W32, None, "cp36m"),
    # invalid requires_python ('>=3.7.*'): pip ignores it (index and METADATA alike)
    ("synapseclient==2.6.0", "3.6", L64, None, "invalid requires_python >=3.7.* ignored"),
    ("boilerpy3", "3.12", W64, None, "invalid requires_python >=3.6.*"),
    # names that do not exist
    ("this-package-does-not-exist-pipcmp", "3.11", L64, None, "no such package"),
]


# --------------------------------------------------------------------------------------------
# Differences that are understood. Key: "REQUIREMENT @ TARGET" as printed in the table.

KNOWN_DIFFERENCES = {
    "metarequires @ py3.11 linux-64 glibc 2.28 [local-http]":
        "Contract decision (CONTRACT.md, exists, compatible_versions): a file's requires_python is "
        "the one the simple API publishes. pip also enforces the Requires-Python of the chosen "
        "wheel's METADATA (resolvelib provider: every candidate depends on a "
        "RequiresPythonRequirement built from dist.requires_python, even with --no-deps) and "
        "backtracks to an older version. PyPI publishes data-requires-python from the upload "
        "metadata, so this shows only on hand-made indexes.",
    "numpy>=2.3.0,<2.4.1,!=2.3.2,!=2.3.3,!=2.3.4,!=2.3.5,!=2.4.0 @ py3.14 linux-64 glibc 2.28":
        "Contract decision (CONTRACT.md, exists, matching_versions): pre-releases are admitted only "
        "when no final release *known to the index* satisfies the set, then the target filter "
        "applies. pip applies packaging's pre-release rule after its target filter "
        "(PackageFinder.find_all_candidates keeps only files the target can install; "
        "CandidateEvaluator.get_applicable_candidates then calls SpecifierSet.filter with "
        "prereleases=None), so when every final in range lacks a wheel for the target it "
        "falls back to a compatible pre-release (2.4.0rc1) that preflight never considers.",
}


# --------------------------------------------------------------------------------------------
# --local: a tiny hand-made simple repository, for behaviour live PyPI cannot show (a version
# with two build tags, a pinned version with one yanked and one good wheel, a Requires-Python
# that only the wheel's METADATA states). Served over http://127.0.0.1 by a stdlib server
# (LOCAL_HTTP) and read as a file:// index (LOCAL_FILE; pip reads a directory's index.html).

LOCAL_HTTP, LOCAL_FILE = "local-http", "local-file"

# project -> [(version, wheel file name, attributes of its <a> tag, METADATA Requires-Python)]
LOCAL_PROJECTS = {
    # Equal tag priority; pip prefers the higher build tag (no build tag is lowest), whatever
    # the listing order. The untagged wheel is listed first on purpose.
    "buildtags": [("1.0", "buildtags-1.0-py3-none-any.whl", {}, None),
                  ("1.0", "buildtags-1.0-2-py3-none-any.whl", {}, None),
                  ("1.0", "buildtags-1.0-1-py3-none-any.whl", {}, None)],
    # A pinned version whose best-tagged wheel is yanked and whose pure wheel is not: pip
    # installs the non-yanked one (PEP 592: a yanked file only when nothing else fits).
    "halfyanked": [("2.0", "halfyanked-2.0-cp311-cp311-manylinux_2_17_x86_64.whl", {"data-yanked": "broken"}, None),
                   ("2.0", "halfyanked-2.0-py3-none-any.whl", {}, None)],
    # Requires-Python only in METADATA, not published as data-requires-python.
    "metarequires": [("1.0", "metarequires-1.0-py3-none-any.whl", {}, None),
                     ("2.0", "metarequires-2.0-py3-none-any.whl", {}, ">=3.12")],
}

LOCAL_QUERIES = [
    ("buildtags", "3.11", L64, None, "build tag 2 beats 1 beats none", LOCAL_HTTP),
    ("halfyanked==2.0", "3.11", L64, None, "pinned: the non-yanked wheel, not the better-tagged yanked one", LOCAL_HTTP),
    ("halfyanked", "3.11", L64, None, "unpinned: yanked file ignored", LOCAL_HTTP),
    ("metarequires", "3.11", L64, None, "Requires-Python only in the wheel METADATA", LOCAL_HTTP),
    ("halfyanked", "3.11", L64, None, "the same through a file:// index", LOCAL_FILE),
]


def build_local_index(root):
    """Write LOCAL_PROJECTS as PEP 503 HTML pages with real (tiny) wheels under root/simple."""
    import hashlib
    import zipfile
    simple = Path(root) / "simple"
    for project, files in LOCAL_PROJECTS.items():
        folder = simple / project
        folder.mkdir(parents=True, exist_ok=True)
        links = []
        for version, filename, attributes, requires_python in files:
            dist_info = f"{project}-{version}.dist-info"
            metadata = f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n"
            if requires_python:
                metadata += f"Requires-Python: {requires_python}\n"
            with zipfile.ZipFile(folder / filename, "w") as wheel:
                wheel.writestr(f"{dist_info}/METADATA", metadata)
                wheel.writestr(f"{dist_info}/WHEEL", "Wheel-Version: 1.0\nGenerator: pip-compare\n"
                                                     "Root-Is-Purelib: true\nTag: py3-none-any\n")
                wheel.writestr(f"{dist_info}/RECORD", "")
            digest = hashlib.sha256((folder / filename).read_bytes()).hexdigest()
            extra = "".join(f' {k}="{v}"' for k, v in attributes.items())
            links.append(f'<a href="{filename}#sha256={digest}"{extra}>{filename}</a><br/>')
        (folder / "index.html").write_text("<!DOCTYPE html>\n<html><body>\n" + "\n".join(links) + "\n</body></html>\n")
    (simple / "index.html").write_text("<!DOCTYPE html>\n<html><body>\n" + "".join(
        f'<a href="{p}/">{p}</a><br/>\n' for p in LOCAL_PROJECTS) + "</body></html>\n")
    return simple


def serve_local_index(root):
    """A stdlib HTTP server for root on 127.0.0.1 (a free port), in a daemon thread."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --------------------------------------------------------------------------------------------
# Running the tools


def run_pip(pip_exe, req, target, workdir, index):
    report = Path(workdir) / "report.json"
    cmd = [pip_exe, "install", "--dry-run", "--quiet", "--report", str(report),
           "--target", str(Path(workdir) / "target"), "--no-deps", "--only-binary=:all:",
           "--ignore-installed", "--no-cache-dir", "--disable-pip-version-check", "--no-input",
           "--index-url", index,
           "--python-version", target.python, "--implementation", "cp",
           "--abi", target.abi, "--abi", "abi3", "--abi", "none"]
    for tag in target.platform_tags():
        cmd += ["--platform", tag]
    cmd.append(req)
    env = dict(os.environ, PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    except subprocess.TimeoutExpired:
        return {"ok": None, "error": "pip timed out"}
    errors = [line[len("ERROR: "):] for line in proc.stderr.splitlines() if line.startswith("ERROR: ")]
    if proc.returncode != 0:
        text = " / ".join(errors) or (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
        # pip's own "nothing fits" answers; anything else (network, crash) decides nothing.
        decided = any(s in proc.stderr for s in (
            "Could not find a version that satisfies", "No matching distribution found",
            "requires a different Python"))
        return {"ok": False if decided else None, "error": text, "stderr": proc.stderr}
    data = json.loads(report.read_text())
    installs = data.get("install", [])
    if len(installs) != 1:
        return {"ok": None, "error": f"pip report lists {len(installs)} installs"}
    item = installs[0]
    url = item["download_info"]["url"]
    return {"ok": True, "version": item["metadata"]["version"], "url": url,
            "filename": urllib.parse.unquote(url.rsplit("/", 1)[-1].split("#", 1)[0]),
            "yanked": item.get("is_yanked", False), "pip_version": data.get("pip_version")}


def run_preflight(exe, req, target, cache_dir, index):
    cmd = [exe, "exists", "--source", "pypi", "--format", "json", "--cache-dir", cache_dir,
           *target.preflight_args(), req]
    if index != INDEX:
        cmd[2:2] = ["--index-url", index]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"ok": None, "error": "preflight timed out"}
    if proc.returncode not in (0, 1):
        return {"ok": None, "error": f"exit {proc.returncode}: {proc.stderr.strip()[-300:]}"}
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        return {"ok": None, "error": f"bad JSON ({e}): {proc.stdout[:200]!r}"}
    if data.get("available") != (proc.returncode == 0):
        return {"ok": None, "error": f"exit {proc.returncode} but available={data.get('available')}"}
    best = data.get("best") or {}
    return {"ok": bool(data["available"]), "status": data["status"], "version": best.get("version"),
            "filename": best.get("filename"), "url": best.get("url"), "json": data}


def wheel_rank(filename, tags):
    """The index of the wheel's best tag in `tags` (lower is better), or None."""
    try:
        _, _, _, wheel_tags = parse_wheel_filename(filename)
    except InvalidWheelFilename:
        return None
    positions = {str(t): i for i, t in reversed(list(enumerate(tags)))}
    found = [positions[str(t)] for t in wheel_tags if str(t) in positions]
    return min(found) if found else None


def tag_order_flips(target, pip_file, preflight_file):
    """Whether pip's tag order and packaging's order prefer different ones of the two wheels.

    pip expands `--platform manylinux2014_x86_64` into manylinux2014, manylinux2010, manylinux1
    at that position, so its order puts the two older legacy aliases before manylinux_2_16 ...
    manylinux_2_5, where packaging (and preflight) have them after manylinux_2_12 and
    manylinux_2_5. Only a version with wheels on both sides of that reordering can tell.
    """
    pip_order, ref_order = target.pip_tags(), target.packaging_tags()
    a = (wheel_rank(pip_file, pip_order), wheel_rank(preflight_file, pip_order))
    b = (wheel_rank(pip_file, ref_order), wheel_rank(preflight_file, ref_order))
    if None in a or None in b:
        return False
    return (a[0] < a[1]) != (b[0] < b[1])


def same_version(a, b):
    try:
        return Version(a) == Version(b)
    except (InvalidVersion, TypeError):
        return a == b


def compare(pip_res, pf_res):
    """'agree', or a short description of the disagreement, or None when undecided."""
    if pip_res["ok"] is None or pf_res["ok"] is None:
        return None
    if pip_res["ok"] != pf_res["ok"]:
        return f"availability: pip {'ok' if pip_res['ok'] else 'fails'}, preflight {pf_res['status']}"
    if not pip_res["ok"]:
        return "agree"
    diffs = []
    if not same_version(pip_res["version"], pf_res["version"]):
        diffs.append(f"version pip {pip_res['version']} vs preflight {pf_res['version']}")
    if pip_res["filename"] != pf_res["filename"]:
        diffs.append(f"file pip {pip_res['filename']} vs preflight {pf_res['filename']}")
    elif pip_res["url"] != pf_res["url"]:
        diffs.append(f"url pip {pip_res['url']} vs preflight {pf_res['url']}")
    return "; ".join(diffs) or "agree"


def run_query(args, cache_dir, indexes, q):
    req, python, platform, override, why = q[:5]
    where = q[5] if len(q) > 5 else None
    index = indexes[where] if where else INDEX
    target = Target(python, platform,
                    glibc=override if platform.startswith("linux") else None,
                    macos=override if platform.startswith("osx") else None)
    key = f"{req} @ {target}" + (f" [{where}]" if where else "")
    with tempfile.TemporaryDirectory(prefix="pipcmp-") as work:
        t0 = time.monotonic()
        pip_res = run_pip(args.pip, req, target, work, index)
        t1 = time.monotonic()
    pf_res = run_preflight(args.preflight, req, target, cache_dir, index)
    t2 = time.monotonic()
    verdict = compare(pip_res, pf_res)
    order_artifact = False
    if pip_res["ok"] and pf_res["ok"] and pip_res["filename"] != pf_res["filename"]:
        order_artifact = tag_order_flips(target, pip_res["filename"], pf_res["filename"])
    return {"key": key, "requirement": req, "target": str(target) + (f" [{where}]" if where else ""), "why": why,
            "pip": {k: v for k, v in pip_res.items() if k != "stderr"},
            "pip_stderr_tail": pip_res.get("stderr", "")[-1500:],
            "preflight": {k: v for k, v in pf_res.items() if k != "json"},
            "preflight_json": pf_res.get("json"),
            "verdict": verdict, "tag_order_artifact": order_artifact,
            "seconds": {"pip": round(t1 - t0, 2), "preflight": round(t2 - t1, 2)}}


# --------------------------------------------------------------------------------------------
# Output


def cell(text, width=None):
    text = str(text).replace("|", "\\|")
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def describe_pip(r):
    if r["ok"]:
        return f"{r['version']} `{r['filename']}`" + (" (yanked)" if r.get("yanked") else "")
    if r["ok"] is False:
        e = r["error"]
        if "requires a different Python" in e:
            return "fails: requires-python (metadata)"
        return "fails: no matching distribution"
    return f"ERROR {r['error']}"


def describe_preflight(r):
    if r["ok"]:
        return f"{r['version']} `{r['filename']}`"
    if r["ok"] is False:
        return r["status"]
    return f"ERROR {r['error']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--preflight", default=str(ROOT / ".build/debug/preflight"))
    ap.add_argument("--pip", default=str(Path(sys.executable).with_name("pip")))
    ap.add_argument("--cache-dir", help="preflight cache (default: a fresh temporary directory)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="run only queries whose fields (requirement, python, platform, "
                    "note, index) contain this text")
    ap.add_argument("--local", action="store_true",
                    help="also run LOCAL_QUERIES against a generated local index (http:// and file://)")
    ap.add_argument("--report", help="write every result as JSON here")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    queries = QUERIES + (LOCAL_QUERIES if args.local else [])
    queries = [q for q in queries if not args.only or args.only in " ".join(str(x) for x in q)]
    cache_dir = args.cache_dir or tempfile.mkdtemp(prefix="pipcmp-cache-")
    indexes, server = {}, None
    if args.local:
        local_root = tempfile.mkdtemp(prefix="pipcmp-index-")
        simple = build_local_index(local_root)
        server = serve_local_index(local_root)
        indexes[LOCAL_HTTP] = f"http://127.0.0.1:{server.server_address[1]}/simple"
        indexes[LOCAL_FILE] = simple.as_uri()
    pip_version = subprocess.run([args.pip, "--version"], capture_output=True, text=True).stdout.split()[1]
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda q: run_query(args, cache_dir, indexes, q), queries))
    elapsed = time.monotonic() - started
    if server:
        server.shutdown()
        shutil.rmtree(local_root, ignore_errors=True)
    if not args.cache_dir:
        shutil.rmtree(cache_dir, ignore_errors=True)

    agree = unexpected = known = undecided = 0
    print(f"pip {pip_version} (vendored packaging {vendored_packaging.__version__}), "
          f"preflight {args.preflight}, index {INDEX}, {time.strftime('%Y-%m-%d')}\n")
    print("| # | requirement | target | pip | preflight | verdict |")
    print("| --- | --- | --- | --- | --- | --- |")
    for i, r in enumerate(results, 1):
        v = r["verdict"]
        if v is None:
            undecided += 1
            mark = "UNDECIDED"
        elif v == "agree":
            agree += 1
            mark = "agree" if r["key"] not in KNOWN_DIFFERENCES else "agree (stale known difference)"
        elif r["key"] in KNOWN_DIFFERENCES:
            known += 1
            mark = f"known: {v}"
        else:
            unexpected += 1
            mark = f"DIFF: {v}"
        r["mark"] = mark
        print(f"| {i} | `{cell(r['requirement'])}` | {r['target']} | {cell(describe_pip(r['pip']))} | "
              f"{cell(describe_preflight(r['preflight']))} | {cell(mark)} |")
    total = len(results)
    print(f"\nagreement: {agree}/{total} ({100.0 * agree / max(total, 1):.1f}%); "
          f"known differences: {known}; unexplained differences: {unexpected}; undecided: {undecided}; "
          f"{elapsed:.0f} s")
    for r in results:
        if r["verdict"] not in (None, "agree") and r["key"] in KNOWN_DIFFERENCES:
            print(f"\nknown difference — {r['key']}:\n  {KNOWN_DIFFERENCES[r['key']]}")
        if r["verdict"] is None or (r["verdict"] != "agree" and r["key"] not in KNOWN_DIFFERENCES) or args.verbose:
            if r["verdict"] == "agree" and not args.verbose:
                continue
            print(f"\n{r['key']} ({r['why']}): {r['mark']}")
            print(f"  pip: {json.dumps(r['pip'])}")
            if r["pip_stderr_tail"]:
                print("  pip stderr: " + r["pip_stderr_tail"].strip().replace("\n", "\n    "))
            print(f"  preflight: {json.dumps(r['preflight'])}")
            if r["tag_order_artifact"]:
                print("  note: the two files rank the other way round in pip's expanded --platform tag order "
                      "than in packaging's sys_tags order: an artifact of this harness, not of preflight")
    if args.report:
        Path(args.report).write_text(json.dumps({"pip_version": pip_version, "results": results}, indent=1))
    if unexpected:
        return 1
    if undecided:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
