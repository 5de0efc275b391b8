#!/usr/bin/env python3
"""Generate Vectors/versions.json from packaging.version (26.x).

Rerun:  /tmp/venv-pypkg/bin/python gen_versions.py /tmp/pypi-cache.json
(the cache comes from fetch_pypi.py; see README.md).

Cases: every release key of the fetched PyPI projects, hand-picked edge cases, re-spellings of
real versions (case, separators, alternate letters, implicit numbers, whitespace) and random
mutations. For each: whether packaging accepts it and, if so, its normalized form, parts, flags
and its rank in packaging's order (equal versions share a rank).
"""

from __future__ import annotations

import sys

from common import INT_MAX, load_cache, require_packaging_26, rng, write_vectors
from packaging.version import InvalidVersion, Version

EDGE_CASES = [
    # epochs
    "1!1.0", "0!1.0", "01!1.0", "1!", "!1.0", "1!1!1.0", "2!0.1", "1!1.0a1", "10!0",
    # implicit post and spellings
    "1.0-1", "1.0-0", "1.0-", "1.0--1", "1.0.0-1", "1.0-01", "1.0a1-1", "1.0-1-1",
    "1.0.post1.dev2", "1.0post1dev1", "1.0-post1-dev1", "1.0_post_1", "1.0.post", "1.0post",
    "1.0.rev1", "1.0rev", "1.0r", "1.0-r-1", "1.0.r.1", "1.0-post-", "1.0.post1.post2",
    # pre-releases
    "1.0alpha1", "1.0ALPHA1", "1.0Alpha", "1.0beta", "1.0BETA2", "1.0c1", "1.0C", "1.0pre1",
    "1.0PRE", "1.0preview1", "1.0Preview", "1.0.a.1", "1.0-a-1", "1.0_a_1", "1.0rc", "1.0RC1",
    "1.0a", "1.0a.", "1.0a-", "1.0a..post1", "1.0a--1", "1.0a1b2", "1.0a1.a2", "1.0prev",
    "1.0alp", "1.0rcc", "1.0-rc.1", "1.0a1.post1", "1.0a1-2", "1.0b1.dev1", "1.0rc1.post1.dev1",
    # dev releases
    "1.0.dev", "1.0dev1", "1.0-dev-1", "1.0_dev_1", "1.0.dev1.post1", "1.0DEV", "1.0.dev.1",
    "1.0.dev01", "1.0a1.dev1", "1.0.post1.dev1", "1.0a1.post1.dev1+local",
    # local versions
    "1.0+abc.5", "1.0+ABC", "1.0+abc-def_ghi", "1.0+", "1.0+.", "1.0+abc..def", "1.0+001",
    "1.0+0.0", "1.0+a0b", "1.0+ubuntu.1", "1.0+ubuntu-1", "1.0+Ubuntu_01", "1.0+abc.",
    "1.0+.abc", "1.0++abc", "1.0+abc+def", "1.0+abc.-1", "1.0+1", "1.0+a", "1.0+1.a",
    "1.0+a.1", "1.0+abc.1", "1.0+abc.01", "1.0+abc.1.0", "1.0+abc.a", "1.0+2", "1.0+10",
    "1.0+09", "1.0+0", "1.0+00", "1.0+cu118", "2.1.0+cpu", "1.0+99999999999999999999999",
    "1.0+0000000000000000000000001", "1.0+z", "1.0+Z9", "1.0+9z", "1.0.0+abc", "1.0+abc.0",
    # leading v, case
    "v1.0", "V1.0", "vv1.0", " v1.0", "v 1.0", "v1!1.0", "1.0V", "version1.0",
    # whitespace
    " 1.0", "1.0 ", "\t1.0\n", "\u00a01.0", "1.0\u3000", "1 .0", "1. 0", "\u200b1.0",
    "\x1c1.0\x1f", "\u20281.0\u2029", "\u0085 1.0 \u205f", "\f1.0\v", "1.0\r\n",
    # junk
    "", " ", ".", "1.", ".1", "1..0", "1.0.", "a", "1.0.x", "1.0*", "1.0.*", "1.*", "=1.0",
    "1,0", "1.0;", "\u0967.\u0966", "\uff11.0", "1.0\u0131", "1.0\u212a", "1.0-\u0661", "1.0/",
    "-1.0", "+1.0", "1.0_", "1.0.a", "1.0.post.dev", "1.0.post-dev", "1.0.0.0.0.0.0.0.0.0.0.x",
    "1.0 a1", "1.0a 1", "1.0\x00", "1.0é", "1-0", "1_0", "1.0-dev", "1.0.dev-1",
    # numbers
    "0", "0.0", "00", "000.000", "0.0.0.1", "0!0.0.0", "01.02.03", "1" * 19,
    "9223372036854775807", "9223372036854775808", "1.0.post99999999999999999999",
    "99999999999999999999!1.0", "1.0a9223372036854775807", "1.0.dev9223372036854775808",
    "1.2.3.4.5.6.7.8.9.10", "1.0.0.0.0.0", "1.0.0.0.0.1", "1.0.0.0.0.0.0.0.0.0.0.0.0.1",
    "1.2.3.4.5", "1.2.3.4.5.0", "1.2.3.4.6", "1.2.3.4", "20230101", "2023.01.01", "1.0.0.0.0+a",
    # ordering ladder
    "1.0.dev0", "1.0a0.dev0", "1.0a0", "1.0a1.dev1", "1.0a1", "1.0a1.post0.dev0", "1.0a1.post0",
    "1.0b1", "1.0rc1", "1.0", "1.0.post0.dev0", "1.0.post0", "1.0.post1", "1.0.1.dev0", "1.0.1",
    "1", "1.0.0", "1.0.0.0.0.0.0", "1.0+local", "1.0.0+local", "1.0+LOCAL", "0.dev0", "0a0",
    "0.post0", "0!0.dev0", "1!0.dev0", "1.0a1+local", "1.0.post0+local", "1.0.dev0+local",
]

ALT_LETTERS = {"a": ["a", "alpha", "A", "ALPHA", "Alpha"], "b": ["b", "beta", "B", "Beta"],
               "rc": ["rc", "c", "pre", "preview", "RC", "C", "Pre", "PREVIEW"]}
POST_WORDS = ["post", "rev", "r", "POST", "Rev", "R"]
SEPARATORS = ["", ".", "-", "_"]
WHITESPACE = ["", "", "", " ", "\t", "\n", "\u00a0", "\u3000", "  "]


def respell(random, v: Version) -> str:
    """A different spelling of the same version, made of constructs packaging accepts."""
    out = random.choice(["", "", "v", "V"])
    if v.epoch or random.random() < 0.1:
        out += f"{random.choice(['', '0', '00'])}{v.epoch}!"
    out += ".".join(random.choice(["", "", "0"]) + str(n) for n in v.release)
    if v.pre:
        letter, number = v.pre
        out += random.choice(SEPARATORS) + random.choice(ALT_LETTERS[letter])
        if number or random.random() < 0.5:
            out += random.choice(SEPARATORS) + random.choice(["", "0"]) + str(number)
    if v.post is not None:
        if v.post and random.random() < 0.3:
            out += f"-{v.post}"
        else:
            out += random.choice(SEPARATORS) + random.choice(POST_WORDS)
            if v.post or random.random() < 0.5:
                out += random.choice(SEPARATORS) + str(v.post)
    if v.dev is not None:
        out += random.choice(SEPARATORS) + random.choice(["dev", "DEV", "Dev"])
        if v.dev or random.random() < 0.5:
            out += random.choice(SEPARATORS) + str(v.dev)
    if v.local:
        parts = v.local.split(".")
        local = parts[0]
        for part in parts[1:]:
            local += random.choice(".-_") + part
        out += "+" + (local.upper() if random.random() < 0.3 else local)
    return random.choice(WHITESPACE) + out + random.choice(WHITESPACE)


def mutate(random, text: str) -> str:
    alphabet = "0123456789.-_+!vabcdeprostv*= \tABCRVX\u00e9"
    chars = list(text)
    for _ in range(random.randint(1, 3)):
        op = random.randrange(3)
        pos = random.randrange(len(chars) + 1)
        if op == 0:
            chars.insert(pos, random.choice(alphabet))
        elif chars and op == 1:
            del chars[min(pos, len(chars) - 1)]
        elif chars:
            chars[min(pos, len(chars) - 1)] = random.choice(alphabet)
    return "".join(chars)


def too_large(v: Version) -> bool:
    numbers = [v.epoch, *v.release, v.pre[1] if v.pre else 0, v.post or 0, v.dev or 0]
    return any(n > INT_MAX for n in numbers)


def describe(text: str) -> dict:
    try:
        v = Version(text)
    except InvalidVersion:
        return {"input": text, "valid": False}
    case = {
        "input": text,
        "valid": True,
        "normalized": str(v),
        "public": v.public,
        "base_version": v.base_version,
        "is_prerelease": v.is_prerelease,
        "is_postrelease": v.is_postrelease,
        "is_devrelease": v.is_devrelease,
        "local": v.local,
    }
    if too_large(v):
        # Swift rejects numbers past Int.max (documented); the test expects that rejection.
        case["too_large"] = True
    else:
        case["epoch"] = v.epoch
        case["release"] = list(v.release)
        case["pre"] = list(v.pre) if v.pre else None
        case["post"] = v.post
        case["dev"] = v.dev
    return case


def main() -> None:
    require_packaging_26()
    cache = load_cache(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json")
    random = rng(440)

    real = sorted({v for releases in cache.values() for v in releases})
    inputs: list[str] = list(dict.fromkeys(EDGE_CASES + real))
    valid_real = [Version(s) for s in real if describe(s)["valid"]]
    for v in random.sample(valid_real, 3000):
        inputs.append(respell(random, v))
    for s in random.sample(real, 2500):
        inputs.append(mutate(random, s))
    inputs = list(dict.fromkeys(inputs))

    cases = [describe(s) for s in inputs]

    # Rank every valid, representable version in packaging's order; equal versions share a rank.
    ranked = [(Version(c["input"]), i) for i, c in enumerate(cases) if c["valid"] and not c.get("too_large")]
    ranked.sort(key=lambda pair: pair[0])
    rank = -1
    previous = None
    for version, index in ranked:
        if previous is None or version != previous:
            rank += 1
            previous = version
        cases[index]["rank"] = rank

    for case in cases:
        # Keep the file small: absent means null/false, and public/base_version default to the
        # normalized form.
        if case.get("public") == case.get("normalized"):
            case.pop("public", None)
        if case.get("base_version") == case.get("normalized"):
            case.pop("base_version", None)
        for key in [k for k, value in case.items() if value is None or value is False]:
            if key != "valid":
                del case[key]

    write_vectors("versions.json", {
        "description": "packaging.version.Version over real PyPI version strings and edge cases",
        "omitted_fields": "null or false values are omitted; public and base_version default to normalized",
        "cases": cases,
    })


if __name__ == "__main__":
    main()
