#!/usr/bin/env python3
"""Generate Vectors/wheels.json: distribution file names parsed by packaging.utils and pip.

Rerun:  /tmp/venv-pypkg/bin/python gen_wheels.py /tmp/pypi-cache.json
(needs pip in the same venv: pip install -U pip; its internals give the pip-side answers).

Inputs: up to 25 random files of every fetched project (all files of unusual formats are kept),
plus hand-written edge cases. For each file name and its project:
  wheel: packaging.utils.parse_wheel_filename -> name, version (str), build [number, suffix]
         or null, tags (sorted "interp-abi-plat"), or its error message;
  sdist: packaging.utils.parse_sdist_filename -> name, version, or null;
  pip:   pip's LinkEvaluator split for a non-wheel file of that project: pip.utils.misc.splitext,
         extension in the contract's list (.tar.gz .zip .tar.bz2 .tar.xz .tgz), the "macosx10"
         .zip rule, index.package_finder._extract_version_from_fragment, the "-pyX.Y" suffix
         rule, and a valid version -> version text, version (str), python, or null.
"""

from __future__ import annotations

import sys

from common import load_cache, require_packaging_26, rng, write_vectors
from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name,
                             parse_sdist_filename, parse_wheel_filename)
from packaging.version import InvalidVersion, Version
from pip._internal.index.package_finder import LinkEvaluator, _extract_version_from_fragment
from pip._internal.utils.misc import splitext

SDIST_EXTENSIONS = (".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz")

EDGE_CASES = [
    ("foo-1.0-py3-none-any.whl", "foo"), ("foo-1.0-1-py3-none-any.whl", "foo"),
    ("foo-1.0-1abc-py3-none-any.whl", "foo"), ("foo-1.0-abc-py3-none-any.whl", "foo"),
    ("foo-1.0-py2.py3-none-any.whl", "foo"), ("foo__bar-1.0-py3-none-any.whl", "foo-bar"),
    ("Foo.Bar-1.0-py3-none-any.whl", "foo-bar"), ("foo-1.0-py3-none.whl", "foo"),
    ("foo-1.0-py3-none-any-x-y.whl", "foo"), ("foo-1.0-py3-none-any-x.whl", "foo"),
    ("foo-1.0-cp38.cp39-abi3-manylinux1_x86_64.manylinux2014_x86_64.whl", "foo"),
    ("foo-1.0-py3-none-.whl", "foo"), ("foo-1.0-3py-none-any.whl", "foo"),
    ("foo-1.0-CP38-CP38-Win_AMD64.whl", "foo"), ("foo-1.0-py3-none-any.WHL", "foo"),
    ("foo-1.0-py3.-none-any.whl", "foo"), ("foo-1.0-py3..py2-none-any.whl", "foo"),
    ("foo-v1.0-py3-none-any.whl", "foo"), ("foo-1.0.0-py3-none-any.whl", "foo"),
    ("foo-1.0+local-py3-none-any.whl", "foo"), ("foo-1.0_post1-py3-none-any.whl", "foo"),
    ("foo-notaversion-py3-none-any.whl", "foo"), ("-1.0-py3-none-any.whl", "foo"),
    ("f\u00f6\u00f6-1.0-py3-none-any.whl", "f\u00f6\u00f6"), ("foo bar-1.0-py3-none-any.whl", "foo"),
    ("foo-1.0-99999999999-py3-none-any.whl", "foo"), ("foo-1.0-0-py3-none-any.whl", "foo"),
    ("foo-1.0-1_x-py3-none-any.whl", "foo"), ("foo-1.0-py3-none-any.whl", "bar"),
    ("foo-1.0-_py3-none-any.whl", "foo"), ("foo-1.0-py3_x-none-any.whl", "foo"),
    ("foo-1.0-py3-abi3.none-any.whl", "foo"), ("foo-1.0-py3-none-any.any.whl", "foo"),
    ("foo.whl", "foo"), (".whl", "foo"), ("foo-1.0-py3-none-any.whl.metadata", "foo"),
    ("foo-1.0.tar.gz", "foo"), ("foo-bar-1.0.tar.gz", "foo-bar"), ("foo-bar-1.0.tar.gz", "foo"),
    ("foo_bar-1.0.zip", "foo-bar"), ("Foo.Bar-1.0.zip", "foo_bar"), ("foo-1.0.tar.bz2", "foo"),
    ("foo-1.0.tgz", "foo"), ("foo-1.0.tar.xz", "foo"), ("foo-1.0.tar", "foo"), ("foo-1.0.tbz", "foo"),
    ("foo-1.0.exe", "foo"), ("foo-1.0.win32.exe", "foo"), ("foo-1.0-py2.7.egg", "foo"),
    ("foo-1.0.msi", "foo"), ("foo-1.0.rpm", "foo"), ("foo-1.0.dmg", "foo"),
    ("foo-1.0-py3.8.tar.gz", "foo"), ("foo-1.0-py2.tar.gz", "foo"), ("foo-1.0-py27.tar.gz", "foo"),
    ("foo-1.0-py2..tar.gz", "foo"), ("foo-1.0-py4.tar.gz", "foo"), ("foo-1.0.TAR.GZ", "foo"),
    ("foo-1.0.Tar.gz", "foo"), ("foo.tar.gz", "foo"), ("foo-.tar.gz", "foo"), ("-1.0.tar.gz", "foo"),
    ("foo-1.0-1.tar.gz", "foo"), ("foo-bar-baz-1.0.tar.gz", "foo-bar-baz"), ("foo-bar-baz-1.0.tar.gz", "foo-bar"),
    ("foo-1.0 .tar.gz", "foo"), ("foo--1.0.tar.gz", "foo"), ("foo-1.0-macosx10.zip", "foo"),
    ("foo-1.0.macosx10.tar.gz", "foo"), ("FOO-1.0.tar.gz", "foo"), ("foo-1.0a1.dev2.tar.gz", "foo"),
    ("foo-1.0.zip", "Foo"), ("foo-notaversion.tar.gz", "foo"), ("foo-1.0.tar.gz#sha256=abc", "foo"),
    (".tar.gz", "foo"), ("foo-1.0.tar.gz.asc", "foo"), ("foo_bar-2.0.tar.gz", "foo.bar"),
]


def wheel_result(filename: str):
    try:
        name, version, build, tags = parse_wheel_filename(filename)
    except InvalidWheelFilename as error:
        return {"error": str(error)}
    return {"name": name, "version": str(version), "build": list(build) if build else None,
            "tags": sorted(str(t) for t in tags)}


def sdist_result(filename: str):
    try:
        name, version = parse_sdist_filename(filename)
    except InvalidSdistFilename:
        return None
    return {"name": name, "version": str(version)}


def pip_result(filename: str, project: str):
    base, ext = splitext(filename)
    if ext not in SDIST_EXTENSIONS:
        return None
    if "macosx10" in filename and ext == ".zip":
        return None
    version = _extract_version_from_fragment(base, canonicalize_name(project))
    if not version:
        return None
    python = None
    match = LinkEvaluator._py_version_re.search(version)
    if match:
        version = version[: match.start()]
        python = match.group(1)
    try:
        parsed = Version(version)
    except InvalidVersion:
        return None
    return {"version_text": version, "version": str(parsed), "python": python}


def main() -> None:
    require_packaging_26()
    cache = load_cache(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json")
    random = rng(427)
    inputs = list(EDGE_CASES)
    for project, releases in sorted(cache.items()):
        files = sorted({f for fs in releases.values() for f in fs})
        unusual = [f for f in files if not f.endswith((".whl", ".tar.gz"))]
        inputs += [(f, project) for f in random.sample(files, min(25, len(files)))]
        inputs += [(f, project) for f in random.sample(unusual, min(8, len(unusual)))]
    inputs = list(dict.fromkeys(inputs))

    cases = []
    for filename, project in inputs:
        case = {"filename": filename, "project": project}
        if filename.endswith(".whl"):
            case["wheel"] = wheel_result(filename)
        else:
            case["sdist"] = sdist_result(filename)
            case["pip"] = pip_result(filename, project)
        cases.append(case)
    write_vectors("wheels.json", {
        "description": "wheel and sdist file names: packaging.utils and pip's LinkEvaluator",
        "sdist_extensions": list(SDIST_EXTENSIONS),
        "cases": cases,
    })


if __name__ == "__main__":
    main()
