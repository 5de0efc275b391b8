#!/usr/bin/env python3
"""Generate Vectors/tags.json: packaging.tags output for CPython targets.

Rerun:  /tmp/venv-pypkg/bin/python gen_tags.py

For each target the list is
    list(tags.cpython_tags((M, m), [abi], platforms)) + list(tags.compatible_tags((M, m), "cpMm", platforms))
which is what sys_tags() yields on such an interpreter. The ABI is "cpMm", plus "m" before 3.8
and also "u" before 3.3 on Linux (packaging's _cpython_abis on a non-debug build with pymalloc,
and a UCS-4 build on Linux).

platforms come from packaging's own functions with the machine-specific probes replaced:
  Linux:   tags._linux_platforms(is_32bit=False) with
           sysconfig.get_platform() -> "linux-<arch>",
           _manylinux._get_glibc_version() -> the target glibc (or (-1, -1) for musl),
           _manylinux._have_compatible_abi() -> True (the target interpreter matches its arch:
               this only matters for i686 and armv7l, which packaging checks on the ELF header),
           _manylinux._get_manylinux_module() -> None (no _manylinux override module),
           _musllinux._get_musl_version() -> the target musl (or None for glibc).
  macOS:   tags.mac_platforms((major, minor), arch).
  Windows: tags._generic_platforms() with sysconfig.get_platform() -> "win-amd64" / "win32" /
           "win-arm64".
"""

from __future__ import annotations

from common import require_packaging_26, write_vectors
from packaging import _manylinux, _musllinux, tags

PYTHONS = [(3, 7), (3, 8), (3, 9), (3, 10), (3, 11), (3, 12), (3, 13)]

# (os, arch, libc-or-macos version)
ALL_PLATFORMS = [
    ("linux", "x86_64", ("glibc", 2, 17)), ("linux", "x86_64", ("glibc", 2, 28)),
    ("linux", "x86_64", ("glibc", 2, 31)), ("linux", "aarch64", ("glibc", 2, 28)),
    ("macos", "x86_64", (10, 9)), ("macos", "x86_64", (11, 0)), ("macos", "x86_64", (14, 0)),
    ("macos", "arm64", (10, 9)), ("macos", "arm64", (11, 0)), ("macos", "arm64", (14, 0)),
    ("windows", "x86_64", None), ("windows", "x86", None), ("linux", "x86_64", ("musl", 1, 2)),
]
EXTRA_TARGETS = [
    ((3, 11), ("linux", "ppc64le", ("glibc", 2, 17))), ((3, 11), ("linux", "s390x", ("glibc", 2, 34))),
    ((3, 11), ("linux", "i686", ("glibc", 2, 17))), ((3, 11), ("linux", "armv7l", ("glibc", 2, 31))),
    ((3, 11), ("linux", "armv8l", ("glibc", 2, 35))), ((3, 10), ("linux", "aarch64", ("musl", 1, 1))),
    ((3, 12), ("linux", "x86_64", ("glibc", 2, 4))), ((3, 12), ("linux", "aarch64", ("glibc", 2, 16))),
    ((3, 12), ("linux", "x86_64", ("glibc", 3, 2))), ((3, 12), ("windows", "arm64", None)),
    ((3, 12), ("macos", "x86_64", (10, 3))), ((3, 12), ("macos", "x86_64", (15, 2))),
    ((2, 7), ("linux", "x86_64", ("glibc", 2, 5))), ((2, 7), ("macos", "x86_64", (10, 6))),
    ((2, 7), ("windows", "x86", None)), ((3, 2), ("linux", "x86_64", ("glibc", 2, 12))),
    ((3, 14), ("linux", "x86_64", ("glibc", 2, 39))), ((3, 6), ("linux", "x86_64", ("glibc", 2, 17))),
]


def platform_list(os_: str, arch: str, version) -> list[str]:
    if os_ == "macos":
        return list(tags.mac_platforms(version, arch))
    if os_ == "windows":
        name = {"x86_64": "win-amd64", "x86": "win32", "arm64": "win-arm64"}[arch]
        tags.sysconfig.get_platform = lambda: name
        return list(tags._generic_platforms())
    kind, major, minor = version
    tags.sysconfig.get_platform = lambda: f"linux-{arch}"
    _manylinux._get_glibc_version = lambda: _manylinux._GLibCVersion(major, minor) if kind == "glibc" \
        else _manylinux._GLibCVersion(-1, -1)
    _manylinux._have_compatible_abi = lambda executable, archs: True
    _manylinux._get_manylinux_module = lambda: None
    _musllinux._get_musl_version = lambda executable: _musllinux._MuslVersion(major, minor) \
        if kind == "musl" else None
    return list(tags._linux_platforms(is_32bit=False))


def cpython_abi(python, os_: str) -> str:
    abi = f"cp{python[0]}{python[1]}"
    if python < (3, 8):
        abi += "m"
    if python < (3, 3) and os_ == "linux":
        abi += "u"
    return abi


def target_tags(python, platform) -> list[str]:
    os_, arch, version = platform
    platforms = platform_list(os_, arch, version)
    interpreter = f"cp{python[0]}{python[1]}"
    result = list(tags.cpython_tags(python, [cpython_abi(python, os_)], platforms))
    result += list(tags.compatible_tags(python, interpreter, platforms))
    return [str(t) for t in result]


def describe(python, platform) -> dict:
    os_, arch, version = platform
    case = {"python": list(python), "os": os_, "arch": arch, "tags": target_tags(python, platform)}
    if os_ == "linux":
        case["libc"] = version[0]
        case["libc_version"] = list(version[1:])
    elif os_ == "macos":
        case["macos_version"] = list(version)
    return case


def main() -> None:
    require_packaging_26()
    targets = [(p, ALL_PLATFORMS[0]) for p in PYTHONS]
    for python in [(3, 8), (3, 12)]:
        targets += [(python, platform) for platform in ALL_PLATFORMS]
    for python in [(3, 7), (3, 13)]:
        targets += [(python, platform) for platform in ALL_PLATFORMS[3::2]]
    targets += EXTRA_TARGETS
    cases = []
    seen = set()
    for python, platform in targets:
        key = (python, platform)
        if key not in seen:
            seen.add(key)
            cases.append(describe(python, platform))
    write_vectors("tags.json", {
        "description": "cpython_tags + compatible_tags for CPython targets (see gen_tags.py)",
        "cases": cases,
    })


if __name__ == "__main__":
    main()
