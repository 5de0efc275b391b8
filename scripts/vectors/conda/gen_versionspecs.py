#!/usr/bin/env python3
"""Generate Tests/CondaPackagingTests/Vectors/versionspecs.json from py-rattler.

Rerun (from the repository root):
    python3 -m venv /tmp/venv-rattler && /tmp/venv-rattler/bin/pip install 'py-rattler==0.28.0'
    /tmp/venv-rattler/bin/python scripts/vectors/conda/gen_versionspecs.py

Spec strings: the version field of every dependency / constraint string in
../shared/fixtures/conda, hand-written cases for every operator and syntax form, and seeded
mutations. Each is parsed with `rattler.VersionSpec(s)` (default: lenient, as conda). For the
ones that parse, `canonical` is rattler's str() and `matches` is a string of 0/1, one per
entry of `versions` (a pool of fixture and edge-case versions), from `spec.matches(version)`.
"""
import re

from rattler import Version, VersionSpec

from common import load_raw, mutate, rattler_version, repodata_files, rng, write_vectors

HAND_SPECS = [
    "*", "*.*", "1.2", "1.2.*", "1.2*", "1.2.0", "==1.2", "==1.2.*", "=1.2", "=1.2.*", "=1.2*", "!=1.2", "!=1.2.*",
    "!=1.2*", ">1.2", ">=1.2", "<1.2", "<=1.2", "~=1.2", "~=1.2.3", "~=1", "~=1.2.*", ">=1.2.*", ">1.2.*", ">1.2*",
    "<1.2.*", "<=1.2.*", ">=1.2,<2", ">=1.2,<2|3.*", "3.*|>=1.2,<2", "1.2|1.3", "1.2|1.3|1.4", "(1.2|1.3),>=1.2.5",
    "((>=1.2,<2)|3),!=3.1", "(((1.5)))", "((1.5|((1.6|1.7), 1.8), 1.9 |2.0))|2.1", ">=1.2 ,<2", ">=1.2, <2",
    ">=1.2 | <1", "( >=1.2 )", "(>=1.2 )", ">= 1.2", " >=1.2", ">=1.2 ", "1.2 .*", "> =1.2", ">=3.8<3.9",
    ">=2.17,<3.0.a0", "<3.0a0", ">=2.7,<2.8.0a0", "2.7*", "2.7.*", "3.6.*", ">=3.6,<3.7.0a0", ">=1!164.3095,<1!165",
    "1!1.*", ">=1!1.0", "1.2+local", "1.2+local.*", "==1.2+abc", ">=1.2+abc", "2023.*.*", "2023.*.", "1.0.*.*",
    "==1.0.*.*", "1.*.3", "1.2.**", "1.2.*.", "1.2.", "1.2..*", ">=*", "<=*", "==*", "=*", "~=*", ">*", "<*", "!=*",
    "^1.2$", "^1.2", "1.2$", "1.2.*$", "", " ", ",", "|", "1.2,", "1.2|", ",1.2", "(1.2", "1.2)", "()", "(,)",
    "<>1.2", "=>1.2", "=<1.2", "=!1.2", "!1.2", "~1.2", "===1.2", ">>1.2", "1.2.3,>=1.2,<=1.2.3,!=1.2.2",
    "v1.6.*", "v1.6.4", ">=v1.6", "1.4_5", ">=1.4_5", "1.4_5.*", "1.0.1_", ">=1.0.1_", "1.1.1.*", ">=1.1.1a",
    "1.7.0b2", ">=1.7.0rc1", "<1.7.0.dev0", ">=0.4rc.0.post1", "1.0.2l", ">1.0.2k,<1.0.3", "2012d", ">=2025a",
    "R15B01", ">=r15b", "custom", "*custom", "1.0.dev0|>=2", "1.0post1", ">1.0", "1.0.0.0.*", "1.0.0.1.*",
    "1.2.6.*", "1.2a.*", "1.2.0a.*", "1.2_.*", "~=1.2a", "~=1.2+x", "~=2.4", ">2.10*", "1.2.3|1.2.4,>=1.2.4",
    ">=1.2,<2,!=1.5.*", "1.2,1.3", "1.2;1.3", "1.2 1.3", "1.2\t", "1.2\n", "(1.2)|(1.3)", "((1.2))|((1.3),(1.4))",
    "1.2.*|>=2,<3|>=4", "18446744073709551616", ">=1.18446744073709551616", "4294967296!1", "4294967295!1",
    "1!2!3", "1.2+", "1.2+*", "1.2+3.*", "*1", "*.1", "**", "*.*.*", ".*", "1.2-3", "1.2_3", "1.2-_3",
]

VERSION_POOL_HAND = [
    "0", "0.1", "0.9", "1", "1.0", "1.0.0", "1.0.1", "1.0.1_", "1.0.1a", "1.0.2", "1.0.2k", "1.0.2l", "1.0.3",
    "1.1", "1.1.1", "1.1.1a", "1.1.1w", "1.2", "1.2.0", "1.2.0.0", "1.2.1", "1.2.3", "1.2.4", "1.2.5", "1.2.10",
    "1.20", "1.2a", "1.2a1", "1.2.0a1", "1.2rc1", "1.2.dev0", "1.2.0.dev0", "1.2post1", "1.2.post1", "1.2+local",
    "1.2+abc", "1.2+local.1", "1.2+x", "1.2_1", "1.2-1", "1.2_", "1.3", "1.3+x", "1.4", "1.4_5", "1.4_6", "1.5",
    "1.5.1", "1.6", "1.7", "1.7.0b2", "1.7.0rc1", "1.7.0", "1.8", "1.9", "2", "2.0", "2.0a0", "2.0.0", "2.1",
    "2.4", "2.5", "2.7", "2.7.0", "2.7.15", "2.8", "2.10", "2.10.1", "2.17", "2.28", "2.38", "3", "3.0",
    "3.0a0", "3.0.0", "3.1", "3.5", "3.6", "3.6.0", "3.7", "3.7.0a0", "3.8", "3.9", "3.10", "3.12.4",
    "1!0.1", "1!1.0", "1!1.5", "1!164.3095", "1!165", "2!0.1", "2012c", "2012d", "2025a", "2025b", "2023.1",
    "2023.0.0", "2024.1", "v1.6.4", "v1.7", "r15b1", "R15B01", "custom", "0.4rc.0.post1", "0.4", "0.4.1",
    "1.1.dev1", "1.1a1", "1.1.0post1", "1996.07.12", "18.0", "10.0", "11.0", "11.2", "12.1",
]


def fixture_specs_and_versions():
    specs, versions = set(), set()
    for _key, path in repodata_files():
        data = load_raw(path)
        for section in ("packages", "packages.conda"):
            for record in (data.get(section) or {}).values():
                v = record.get("version")
                if isinstance(v, str):
                    versions.add(v)
                for dep in (record.get("depends") or []) + (record.get("constrains") or []):
                    if not isinstance(dep, str):
                        continue
                    # The version field of a dependency: after the name, before a build.
                    m = re.match(r"^\s*[^\s<>=!~]+\s*(.*)$", dep)
                    if not m:
                        continue
                    rest = m.group(1).strip()
                    if rest:
                        specs.add(rest.split()[0])
    return sorted(specs), sorted(versions)


def main():
    fixture_specs, fixture_versions = fixture_specs_and_versions()
    r = rng(424242)
    pool = []
    for v in VERSION_POOL_HAND + r.sample(fixture_versions, 250):
        if v not in pool:
            try:
                Version(v)
            except Exception:  # noqa: BLE001
                continue
            pool.append(v)
    alphabet = "0123456789.*,|()<>=!~ ab_-+"
    mutated = [mutate(r, s, alphabet) for s in r.sample(HAND_SPECS + fixture_specs, min(1500, len(HAND_SPECS) + len(fixture_specs)))]
    parsed_pool = [Version(v) for v in pool]

    seen, specs = set(), []
    for source, strings in (("fixture", fixture_specs), ("hand", HAND_SPECS), ("mutated", mutated)):
        for s in strings:
            if s in seen:
                continue
            seen.add(s)
            try:
                spec = VersionSpec(s)
            except Exception as e:  # noqa: BLE001
                specs.append({"spec": s, "ok": False, "src": source, "error": str(e).split("\n")[0]})
                continue
            bits = "".join("1" if spec.matches(v) else "0" for v in parsed_pool)
            specs.append({"spec": s, "ok": True, "src": source, "canonical": str(spec), "matches": bits})

    ok = sum(1 for s in specs if s["ok"])
    write_vectors("versionspecs.json", {
        "generator": "scripts/vectors/conda/gen_versionspecs.py",
        "reference": f"py-rattler {rattler_version()} rattler.VersionSpec (lenient)",
        "versions": pool,
        "specs": specs,
    })
    print(f"{len(specs)} specs ({ok} valid) x {len(pool)} versions = {ok * len(pool)} match cases")


if __name__ == "__main__":
    main()
