#!/usr/bin/env python3
"""Generate Vectors/markers.json from packaging.markers (26.x).

Rerun:  /tmp/venv-pypkg/bin/python gen_markers.py /tmp/pypi-cache.json

Markers: the marker part of every fetched info.requires_dist entry, plus hand-written cases
(every variable and alias, every operator, reversed operands, version wildcards, nesting,
quoting and escapes, undefined comparisons, syntax errors), generated variable/operator/value
combinations, and 500 random mutations of those (seed 685).

Evaluations: each marker is evaluated with Marker.evaluate(environment) for every target below
crossed with several extras selections. environment() builds the dictionary exactly as the
Swift MarkerEnvironment.forTarget does (see its documentation); "extra" is passed as a set of
the requested extras, or left out (packaging then uses "") when none are requested. All eleven
keys are given, so the machine running this script does not leak into the result.

Result per evaluation: true/false, or "UndefinedComparison" / "UndefinedEnvironmentName".
"""

from __future__ import annotations

import sys

from common import load_requires_dist, require_packaging_26, rng, write_vectors
from packaging.markers import InvalidMarker, Marker, UndefinedComparison, UndefinedEnvironmentName

# (python version, os, arch) as given to MarkerEnvironment.forTarget.
TARGETS = [
    ("3.8", "linux", "x86_64"),
    ("3.12", "macos", "arm64"),
    ("3.11", "windows", "x86_64"),
    ("3.7", "linux", "aarch64"),
    ("3.13.1", "linux", "x86_64"),
    ("2.7.18", "linux", "i686"),
    ("3.10", "windows", "x86"),
    ("3.9.7", "macos", "x86_64"),
    ("3.14", "linux", "ppc64le"),
    ("3.6", "windows", "arm64"),
]

EXTRAS = [[], ["foo"], ["Foo_Bar", "test"], ["security", "socks"]]


def environment(python: str, os_name: str, arch: str) -> dict[str, str]:
    parts = python.split(".")
    short = ".".join(parts[:2])
    full = python if len(parts) >= 3 else python + ".0"
    if os_name == "linux":
        machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(arch, arch)
        sys_platform, system, os_ = "linux", "Linux", "posix"
    elif os_name == "macos":
        machine = {"aarch64": "arm64"}.get(arch, arch)
        sys_platform, system, os_ = "darwin", "Darwin", "posix"
    else:
        machine = {"x86_64": "AMD64", "arm64": "ARM64", "x86": "x86"}[arch]
        sys_platform, system, os_ = "win32", "Windows", "nt"
    return {
        "implementation_name": "cpython",
        "implementation_version": full,
        "os_name": os_,
        "platform_machine": machine,
        "platform_release": "",
        "platform_system": system,
        "platform_version": "",
        "python_full_version": full,
        "platform_python_implementation": "CPython",
        "python_version": short,
        "sys_platform": sys_platform,
    }


VARIABLES = ["python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
             "platform_release", "platform_system", "platform_version", "platform.version",
             "platform_machine", "platform.machine", "platform_python_implementation",
             "platform.python_implementation", "python_implementation", "implementation_name",
             "implementation_version", "extra"]
OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in"]
VALUES = ["3.8", "3.8.0", "3", "3.*", "3.1*", "2.7", "3.10", "3.12", "3.13.1", "linux", "Linux", "win32",
          "darwin", "posix", "nt", "x86_64", "AMD64", "arm64", "cpython", "CPython", "", "foo",
          "Foo_Bar", "test", "3.8.0a1", "3.14.dev0", "3.7.*", "a b", "lin", "3.8.*"]

HAND_WRITTEN = [
    'python_version < "3.8"', "python_version>='3'", 'python_version == "3.8.*"',
    'python_full_version >= "3.8.0" and python_full_version < "3.9"', '"3.8" < python_version',
    '"3.8.*" == python_version', '"linux" == sys_platform', '"lin" in sys_platform',
    '"x" not in sys_platform', 'sys_platform in "linux darwin"', 'sys_platform not in "win32 cygwin"',
    'platform_release >= "5"', 'platform_release == ""', 'platform_version != ""', '"5" <= platform_release',
    'os_name ~= "posix"', 'os_name === "posix"', 'python_version === "3.8"', 'python_version ~= "3.8"',
    'python_version ~= "3"', 'python_version ~= "3.0"', 'os_name < "z"', 'os_name > "a"', 'os_name <= "posix"',
    'os_name >= "posix"', 'extra == "foo"', 'extra == "FOO"', 'extra == "foo-bar"', 'extra != "foo"',
    '"foo" == extra', '"Foo.Bar" == extra', 'extra > "a"', 'extra in "foo"', '"foo" in extra',
    'extra ~= "1.0"', 'extras == "x"', '"x" in extras', 'dependency_groups == "x"', 'python_version == os_name',
    '"a" == "b"', '"linux" == "sys_platform"', '"3.8" == "python_version"', 'python_version == python_version',
    '(python_version < "3.8")', '((python_version < "3.8"))', 'python_version < "3.8" or (os_name == "nt")',
    'python_version < "3.8" and os_name == "nt" or sys_platform == "linux"',
    'python_version < "3.8" and (os_name == "nt" or sys_platform == "linux")',
    '(python_version < "3.8" or os_name == "nt") and (sys_platform == "linux" or extra == "test")',
    'os_name == "nt" or os_name ~= "x"', 'os_name ~= "x" or os_name == "posix"',
    'python_version<"3.8"or os_name=="nt"', "python_version < '3.8' and(os_name == 'nt')",
    'implementation_name == "cpython" and platform_python_implementation == "CPython"',
    'implementation_version >= "3.8"', 'python_full_version == "3.13.1"', 'python_full_version ~= "3.13.0"',
    'python_version > "3.12"', 'python_version > "3.8"', 'python_version >= "3.8.dev0"',
    'python_version < "3.8+local"', 'python_version == "3.8+local"', 'python_full_version == "3.8.0+local"',
    'platform_machine == "x86_64" or platform_machine == "AMD64"', "platform_machine in 'x86_64 AMD64 arm64'",
    'os.name == "nt"', 'sys.platform == "win32"', 'platform.machine == "arm64"', 'python_implementation == "CPython"',
    'platform.python_implementation != "PyPy"', 'platform.version == ""', 'os_name == "a\\tb"',
    'os_name == "\\x70osix"', "os_name == 'p\\x6fsix'", 'os_name == "posix\\\n"',
    'os_name == "\\N{LATIN SMALL LETTER P}osix"', 'os_name == "\\u0070osix"', 'os_name == "\\160osix"',
    'os_name == "\\d"', 'os_name == \'a"b\'', 'os_name == "a\'b"', "os_name == '\\x4'",
    'os_name == "\\U00110000"', 'os_name == "\\N{NOT A NAME}"', 'os_name == "tab\there"',
    'os_name == "\u00e9"', 'os_name == "\u200b"', 'sys_platform == "linux" and', 'sys_platform ==',
    '== "linux"', '"linux"', 'sys_platform', 'sys_platform = "linux"', 'sys_platform <> "linux"',
    'sys_platform == linux', "sys_platform == 'linux", '(sys_platform == "linux"', 'sys_platform == "linux")',
    '()', '', ' ', 'sys_platform == "linux" or or os_name == "nt"', 'sys_platform == "linux" OR os_name == "nt"',
    'sys_platform == "linux" && os_name == "nt"', 'python_version notin "3"', 'python_version not  in "3"',
    'python_version not\tin "3"', 'python_version not', 'python_versionin "3"', 'python_version in"3"',
    'python_version_x == "3"', 'pythonversion == "3"', 'Python_Version == "3"', 'platform_system == "Linux"',
    '\tsys_platform\t==\t"linux"\t', ' ( sys_platform == "linux" ) ', 'sys_platform\n== "linux"',
    '(' * 201 + 'os_name == "nt"' + ')' * 201, '(' * 200 + 'os_name == "nt"' + ')' * 200,
    'python_version == "3.8" and python_version == "3.8" and python_version == "3.8" or os_name == "x"',
    'extra == "test" and python_version < "3.9"', 'extra == "Foo_Bar"', 'extra == "foo_bar" or extra == "foo"',
    'extra != "security"', '"socks" in extra', 'extra == ""', 'extra != ""',
]


def mutate(random, text: str) -> str:
    alphabet = "abc023.-_ ()<>=!~'\"\t\\"
    chars = list(text)
    for _ in range(random.randint(1, 2)):
        pos = random.randrange(len(chars) + 1)
        op = random.randrange(3)
        if op == 0:
            chars.insert(pos, random.choice(alphabet))
        elif chars and op == 1:
            del chars[min(pos, len(chars) - 1)]
        elif chars:
            chars[min(pos, len(chars) - 1)] = random.choice(alphabet)
    return "".join(chars)


def evaluate(marker: Marker, env: dict, extras: list[str]):
    environment_ = dict(env)
    if extras:
        environment_["extra"] = set(extras)
    try:
        return marker.evaluate(environment_)
    except UndefinedComparison:
        return "UndefinedComparison"
    except UndefinedEnvironmentName:
        return "UndefinedEnvironmentName"


def main() -> None:
    require_packaging_26()
    cache_path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json"
    real = []
    for reqs in load_requires_dist(cache_path).values():
        for r in reqs:
            if ";" in r:
                real.append(r.split(";", 1)[1].strip())
    generated = [f'{v} {op} "{val}"' for v in VARIABLES for op in OPERATORS for val in VALUES[::7]]
    generated += [f'"{val}" {op} {v}' for v in VARIABLES[::3] for op in OPERATORS for val in VALUES[1::5]]
    markers = list(dict.fromkeys(HAND_WRITTEN + real + generated))
    # Random mutations exercise the error paths (messages and spans).
    random = rng(685)
    markers += [mutate(random, m) for m in random.sample(markers, 500)]
    markers = list(dict.fromkeys(markers))

    evaluations = [{"python": p, "os": o, "arch": a, "extras": e} for (p, o, a) in TARGETS for e in EXTRAS]
    cases = []
    for text in markers:
        try:
            marker = Marker(text)
        except InvalidMarker as error:
            cases.append({"marker": text, "valid": False, "message": error.message, "span": list(error.span)})
            continue
        try:
            printed = str(marker)
        except ValueError:
            printed = None  # a value holding both quote characters cannot be printed
        results = [evaluate(marker, environment(ev["python"], ev["os"], ev["arch"]), ev["extras"])
                   for ev in evaluations]
        cases.append({"marker": text, "valid": True, "str": printed, "results": results})

    write_vectors("markers.json", {
        "description": "packaging.markers.Marker: str() and evaluate() on targets built like MarkerEnvironment.forTarget",
        "evaluations": evaluations,
        "environments": {f"{p} {o} {a}": environment(p, o, a) for (p, o, a) in TARGETS},
        "cases": cases,
    })


if __name__ == "__main__":
    main()
