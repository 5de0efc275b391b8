#!/usr/bin/env python3
"""Generate Vectors/specifiers.json from packaging.specifiers (26.x).

Rerun:  /tmp/venv-pypkg/bin/python gen_specifiers.py /tmp/pypi-cache.json

"projects" holds version lists (real PyPI release keys that packaging accepts, sorted by
packaging, plus one synthetic list around 1.0/2.0 with pre, post, dev, local and epoch
versions). Each case is a specifier set (hand-written edge cases, and sets generated from the
project's own versions) against one project's list:
  valid, str, prereleases (SpecifierSet.prereleases), specifiers (str of each, in order),
  contains_none / contains_true / contains_false: one character per version, "1" when
      SpecifierSet(spec).contains(version, prereleases=None/True/False),
  filter: indexes of list(SpecifierSet(spec).filter(versions)) (prereleases=None).
Cases with "ctor_prereleases" build the set with SpecifierSet(spec, prereleases=...).
Cases with "too_large" hold a version number past 2**63-1, which the Swift module rejects
(documented); packaging's answers are not recorded for them.
"string_cases": SpecifierSet(spec).contains(raw_string, prereleases=p) for raw strings, which
matters for === and for text that is not a version.
"""

from __future__ import annotations

import re
import sys

from common import INT_MAX, load_cache, require_packaging_26, rng, write_vectors
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

PROJECTS = ["numpy", "django", "pip", "setuptools", "torch", "tensorflow", "requests", "pytz",
            "zc-buildout", "sqlalchemy", "pandas", "scipy", "cryptography", "twisted", "pyyaml",
            "lxml", "protobuf", "grpcio", "jax", "transformers", "celery", "sphinx", "pywin32",
            "distribute", "python-ldap", "pyparsing", "mock", "pillow"]

SYNTHETIC = [
    "0.dev0", "0", "0.1", "0.9.post1", "1.0.dev0", "1.0.dev1", "1.0a0", "1.0a1.dev1", "1.0a1",
    "1.0a1.post0", "1.0a1.post1.dev1", "1.0a2", "1.0b1", "1.0rc1", "1.0rc1+local", "1.0",
    "1.0+local", "1.0+local.2", "1.0+abc", "1.0.0+xyz", "1.0.post0.dev0", "1.0.post0", "1.0.post1",
    "1.0.post1+local", "1.0.post2.dev3", "1.0.1.dev0", "1.0.1a1", "1.0.1", "1.0.1+l", "1.0.2",
    "1.1.dev0", "1.1a1", "1.1", "1.1.0.1", "1.4", "1.4.4", "1.4.5a1", "1.4.5", "1.4.5.0",
    "1.4.5.post1", "1.4.6", "1.4.99", "1.5.dev0", "1.5", "1.5.0.0+x", "1.9", "2.0.dev0",
    "2.0a1", "2.0rc2", "2.0", "2.0+ubuntu.1", "2.0.post1", "2.0.1", "2.1", "10.0", "1!0.1",
    "1!1.0", "1!1.0a1", "2024.1", "2024.10.post1",
]

EDGE_SETS = [
    "", ">=1.0", ">=1.0,<2.0", "~=1.4.5", "~=1.4", "~=1.4.5a1", "~=1.4.5.0", "~=1.4.5.post1",
    "~=1.0.dev0", "~=0.9", "~=1!0.1", "==1.4.*", "==1.*", "!=1.4.*", "==1.0.0.*", "!=1.0.0.*",
    "==1.0+local", "!=1.0+local", "==1.0", "==1.0.0", "!=1.0", "==1.0+LOCAL", "==1.0+local.2",
    "<1.0", "<1.0rc1", "<1.0.post1", "<1.0.dev1", "<=1.0", "<=1.0a1", "<=1.0.post1", ">1.0",
    ">1.0a1", ">1.0.post1", ">1.0.dev1", ">1.0rc1", ">1.0.post1.dev1", "===1.0", "===1.0.0",
    "===foo", "===1.0a1", "===1.0+local", "===1.0+LOCAL", ">=1.0a1", "<2.0a1,>=1.0", ">=1.0,!=1.5",
    "==1.0.dev0", "<0", "<0.dev0", "<0a0", ">= 1.0 , < 2", " >=1.0,,  ,<2 ", ">=v1.0", "==V1.0",
    ">=1!1.0", ">=1!0", "==1.0-1", "==1.0.post1", "~=2.2.post3", "!=1.0.post0.dev0", ">1!0.1",
    "<1!0", ">=0", "!=0", "==0.*", "==2024.*", "~=2024.1", "<2,>1", "<1.0,>2.0", "==1.0,!=1.0",
    "==1.0,==1.0.0", ">=1.0,>=1.0.0,<2", ">=1.0a1,<1.0", "!=1.0a1", "==1.0a1", "==1.0rc1",
    ">=1.0rc1,!=1.0rc1+local", "<1.0+local", ">1.0+local", "~=1.0+local", "==1.0.*+local",
    "==1.0a1.*", ">=1.0.*", "~=1", "~=1.*", "=1.0", ">=1.0 <2", "==", "===", "=== 1.0", "== 1.0",
    "!= 1.4.*", ">=1.0;", ">=1.0)", "<=1.0+local", ">=1.0,", ",>=1.0", "1.0", "v1.0", ">=1.0.0a",
    ">=1.0-", "==1.0+", "~=1.0,===1.0", "===1.0,>=0.5", "===2.0,===2.0", "===2.0,===2.0.0",
    ">=1.0,\u00a0<2.0", "\u3000>=1.0", ">=\u00a01.0", ">=1.0\u2003", ">=1.0\u200b", "==1.0.*\t",
    ">=9223372036854775807", "==1.9223372036854775807.*", "~=1.9223372036854775807",
    ">=9223372036854775808", "==1.0.post99999999999999999999", "===99999999999999999999",
    ">=1.0.DEV", ">=1.0ALPHA", "<2.0Preview1", "==1.0-r-1", "!=1.0_post_1", "~=1.4.5-1",
    ">=1.0.0.0.0.0.1", "==1.0.0.0.0.0.*", "<1.0.0.0.0.1",
]

STRING_ITEMS = ["1.0", "1.0.0", "1.0a1", "1.0+local", "foo", "FOO", "1.0-1", "v1.0", "1.0.post1",
                "", " 1.0", "1.0 ", "2.0rc2", "not a version", "1.0.dev0", "Foo"]
STRING_SETS = ["", ">=1.0", "===1.0", "===foo", "===1.0,>=0.5", "===foo,>=0.5", "===1.0a1",
               "===v1.0", ">=0.5,<2", "!=1.0", "===FOO", "==1.0+local", "===1.0.0,===1.0",
               "===2.0rc2", ">=2.0a1"]


def bits(flags) -> str:
    return "".join("1" if f else "0" for f in flags)


def project_versions(cache, name: str) -> list[str]:
    good = []
    for s in cache.get(name, {}):
        try:
            v = Version(s)
        except InvalidVersion:
            continue
        if max([v.epoch, *v.release, v.post or 0, v.dev or 0, v.pre[1] if v.pre else 0]) > INT_MAX:
            continue
        good.append(s)
    good.sort(key=Version)
    return good


def generated_sets(random, versions: list[str]) -> list[str]:
    parsed = [Version(s) for s in versions]
    out = []
    ops = [">=", "<=", ">", "<", "==", "!=", "~=", "===", "==*", "!=*"]
    for _ in range(random.randint(10, 16)):
        parts = []
        for _ in range(random.choice([1, 1, 2, 2, 3])):
            v = random.choice(parsed)
            op = random.choice(ops)
            if op.endswith("*"):
                prefix = v.release[: random.randint(1, len(v.release))]
                epoch = f"{v.epoch}!" if v.epoch else ""
                text = f"{op[:2]}{epoch}{'.'.join(map(str, prefix))}.*"
            elif op == "~=":
                if len(v.release) < 2:
                    continue
                text = f"~={v}"
            elif op == "===":
                text = f"==={random.choice([str(v), v.public, v.base_version])}"
            else:
                text = f"{op}{v.public if op not in ('==', '!=') else v}"
            space = random.choice(["", "", " "])
            parts.append(text.replace(op[:2], op[:2] + space, 1) if random.random() < 0.2 else text)
        if parts:
            joiner = random.choice([",", ",", ", ", " , "])
            out.append(joiner.join(parts))
    # Pre-release pins and exclusive bounds on pre-releases.
    pres = [v for v in parsed if v.is_prerelease]
    for v in random.sample(pres, min(4, len(pres))):
        out += [f"=={v}", f"<{v}", f">={v}", f">{v},<{v.base_version}.post1"]
    return out


def evaluate(spec: str, versions: list[str], project: str, ctor_prereleases=None) -> dict:
    case = {"spec": spec, "project": project}
    if ctor_prereleases is not None:
        case["ctor_prereleases"] = ctor_prereleases
    try:
        ss = SpecifierSet(spec, prereleases=ctor_prereleases)
    except InvalidSpecifier as error:
        case["valid"] = False
        case["error"] = str(error)
        return case
    parsed = [Version(s) for s in versions]
    case["valid"] = True
    if any(int(run) > INT_MAX for run in re.findall(r"[0-9]+", spec.split("+")[0])) and not spec.strip().startswith("==="):
        # Swift rejects numbers past Int.max (documented); the test expects that rejection.
        case["too_large"] = True
        return case
    case["str"] = str(ss)
    case["prereleases"] = ss.prereleases
    case["specifiers"] = [str(s) for s in SpecifierSet(spec)._specs]
    case["contains_none"] = bits(ss.contains(v) for v in parsed)
    case["contains_true"] = bits(ss.contains(v, prereleases=True) for v in parsed)
    case["contains_false"] = bits(ss.contains(v, prereleases=False) for v in parsed)
    # filter yields the very objects it was given; index them by identity, since equal
    # versions ("1.4.5" and "1.4.5.0") may both be in a list.
    position = {id(v): i for i, v in enumerate(parsed)}
    case["filter"] = [position[id(v)] for v in ss.filter(parsed)]
    return case


def main() -> None:
    require_packaging_26()
    cache = load_cache(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json")
    random = rng(508)
    projects = {"synthetic": sorted(SYNTHETIC, key=Version)}
    for name in PROJECTS:
        versions = project_versions(cache, name)
        if versions:
            projects[name] = versions

    cases = []
    for spec in EDGE_SETS:
        cases.append(evaluate(spec, projects["synthetic"], "synthetic"))
    for spec in EDGE_SETS[:40]:
        for flag in (True, False):
            cases.append(evaluate(spec, projects["synthetic"], "synthetic", ctor_prereleases=flag))
    for name, versions in projects.items():
        for spec in generated_sets(random, versions):
            cases.append(evaluate(spec, versions, name))
        for spec in random.sample(EDGE_SETS, 6):
            cases.append(evaluate(spec, versions, name))

    string_cases = []
    for spec in STRING_SETS:
        for item in STRING_ITEMS:
            for pre in (None, True, False):
                ss = SpecifierSet(spec)
                string_cases.append({"spec": spec, "item": item, "prereleases": pre,
                                     "result": ss.contains(item, prereleases=pre)})

    write_vectors("specifiers.json", {
        "description": "packaging.specifiers.SpecifierSet contains/filter over project version lists",
        "projects": projects,
        "string_cases": string_cases,
        "cases": cases,
    })


if __name__ == "__main__":
    main()
