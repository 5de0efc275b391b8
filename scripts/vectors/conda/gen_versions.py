#!/usr/bin/env python3
"""Generate Tests/CondaPackagingTests/Vectors/versions.json from py-rattler.

Rerun (from the repository root):
    python3 -m venv /tmp/venv-rattler && /tmp/venv-rattler/bin/pip install 'py-rattler==0.28.0'
    /tmp/venv-rattler/bin/python scripts/vectors/conda/gen_versions.py

Cases: every distinct `version` of every record in ../shared/fixtures/conda, hand-written
edge cases, and seeded random / mutated strings. For each: whether rattler's `Version`
parses it and, if so, its normalised spelling. The valid ones are sorted with rattler's
ordering into groups of equal versions (`order`), and `pairs` holds seeded random pairs with
rattler's comparison result (-1, 0, 1).
"""
import functools

from rattler import Version

from common import load_raw, mutate, random_strings, rattler_version, repodata_files, rng, write_vectors

HAND = [
    # conda's documented order and special cases
    "0.4", "0.4.0", "0.4.1.rc", "0.4.1.RC", "0.4.1", "0.5a1", "0.5b3", "0.5C1", "0.5", "0.9.6", "0.960923",
    "1.0", "1.1dev1", "1.1_", "1.1a1", "1.1.0dev1", "1.1.dev1", "1.1.a1", "1.1.0rc1", "1.1.0", "1.1",
    "1.1.0post1", "1.1.post1", "1.1post1", "1996.07.12", "1!0.4.1", "1!3.1.1.6", "2!0.4.1",
    # openssl convention
    "1.0.1dev", "1.0.1_", "1.0.1a", "1.0.1b", "1.0.1c", "1.0.1d", "1.0.1r", "1.0.1rc", "1.0.1rc1",
    "1.0.1rc2", "1.0.1s", "1.0.1", "1.0.1post.a", "1.0.1post.b", "1.0.1post.z", "1.0.1post.za", "1.0.2",
    "1.0.2l", "1.0.2k", "1.1.1w",
    # PEP 440-like
    "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
    "1.0b2.post345", "1.0c1.dev456", "1.0c1", "1.0c3", "1.0rc2", "1.0.dev456", "1.0.post456.dev34",
    "1.0.post456", "1.2.r32+123456", "1.2.rev33+123456", "1.2+abc", "1.2+abc123def", "1.2+abc123",
    "1.2+123abc", "1.2+123abc456", "1.2+1234.abc", "1.2+123456", "1!1.0a1", "1!1.2+123456",
    # fixture oddities and friends
    "v1.6.4", "v1.7.0", "V2", "1.4_5", "1.4-5", "0.13_145", "1.0.2l", "9b", "9c", "2012d", "2025b", "R15B01",
    "R16B", "custom", "0.4rc.0.post1", "1.7.0b2", "1.7.0rc1", "3.5.0rc4", "1.3.2.post0", "2.000", "2", "2.0",
    "2.0.0.0", "02.00", "0!2.0", "00!2", "1!2.0", "1!1!2", "1.2+local.1", "1.2+local_1", "1.2+local-1",
    # separators and trailing separators
    "1.1-", "1.1__", "1.1--", "1.1___", "1_", "1__", "1-", "1--", "1._", "1.-", "1._.3", "1.2_.3", "1.2-_",
    "1.2_-", "1._-", "1.__a", "1_2_", "1.1_a", "1.2a-b", "1-2-3", "1_2_3", "1.2-rc_1", "1_2-3", "1.4_5-1",
    "1.2+3_", "1.2+3-", "1.2_+3-4", "1.2-+3_4", "1.2+3.4_5",
    # dev / post / case
    "dev", "post", "1.0DEV", "1.0Dev1", "1.0Post1", "1.0POST", "1.0postfix", "1.0develop", "1.0devpost",
    "1.0.dev", "1.0.post", "1.0a.post", "1.0pre", "1.0PRE1", "1.0.0.0.0.0.1", "0", "0.0", "0.0.0.1",
    # numbers
    "18446744073709551615", "18446744073709551616", "99999999999999999999", "1.18446744073709551616",
    "18446744073709551616!1", "4294967296!1.0", "4294967295!1.0", "0001.0002",
    # malformed
    "", " ", " 1.2", "1.2 ", "1 .2", "1..2", "1.2.", ".1", "1.2+", "+1", "1!", "!1", "a!1", "1.2.*", "1.2*",
    "1!2!3", "1+2+3", "1,2", "1.-a", "1.__", "_1", "-1", "1.2$", "^1.2", "1.2é", "é1", "1.2\n", "1\t2",
    "*", "1.2=3", "1.2#3", "1.2(3)", "1.2/3", "1:2", "1;2", "1~2", "1>2",
]

ALPHABET = "0123456789.-_+!abcdevpostrcABDEVPOST*=, "


def fixture_versions():
    versions = set()
    for _key, path in repodata_files():
        data = load_raw(path)
        for section in ("packages", "packages.conda"):
            for record in (data.get(section) or {}).values():
                v = record.get("version")
                if isinstance(v, str):
                    versions.add(v)
    return sorted(versions)


def main():
    fixtures = fixture_versions()
    r = rng(20240601)
    randoms = random_strings(7, ALPHABET, 4000, 10)
    mutated = [mutate(r, v, ALPHABET) for v in r.sample(fixtures, 1500)]
    seen = set()
    cases = []
    parsed = {}
    for source, strings in (("fixture", fixtures), ("hand", HAND), ("random", randoms), ("mutated", mutated)):
        for s in strings:
            if s in seen:
                continue
            seen.add(s)
            try:
                v = Version(s)
            except Exception as e:  # noqa: BLE001 - any rejection counts
                cases.append({"v": s, "ok": False, "src": source, "error": str(e).split("\n")[0]})
                continue
            parsed[s] = v
            cases.append({"v": s, "ok": True, "src": source, "norm": str(v)})

    valid = list(parsed)

    def cmp(a, b):
        va, vb = parsed[a], parsed[b]
        return -1 if va < vb else (1 if va > vb else 0)

    ordered = sorted(valid, key=functools.cmp_to_key(cmp))
    groups = []
    for s in ordered:
        if groups and cmp(groups[-1][0], s) == 0:
            groups[-1].append(s)
        else:
            groups.append([s])

    pair_rng = rng(99)
    pairs = []
    for _ in range(6000):
        a, b = pair_rng.choice(valid), pair_rng.choice(valid)
        pairs.append([a, b, cmp(a, b)])
    # Pairs within the same normalised group and neighbours stress the edge of equality.
    for group in groups:
        if len(group) > 1:
            pairs.append([group[0], group[-1], 0])

    write_vectors("versions.json", {
        "generator": "scripts/vectors/conda/gen_versions.py",
        "reference": f"py-rattler {rattler_version()} rattler.Version",
        "cases": cases,
        "order": groups,
        "pairs": pairs,
    })
    print(f"{len(cases)} cases, {len(valid)} valid, {len(groups)} order groups, {len(pairs)} pairs")


if __name__ == "__main__":
    main()
