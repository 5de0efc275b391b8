#!/usr/bin/env python3
"""Generate Vectors/requirements.json from packaging.requirements (26.x).

Rerun:  /tmp/venv-pypkg/bin/python gen_requirements.py /tmp/pypi-cache.json

Inputs: the info.requires_dist entries of the fetched PyPI projects, requirement lines of the
pip requirements files in ../shared/corpus (when present), hand-written edge cases, and random
mutations of real requirements. For each: whether Requirement() accepts it; if so name,
canonical name, extras (as written, sorted; and normalized), str(specifier), each specifier in
order, url, str(marker) and str(requirement); if not, the error message and span.
"""

from __future__ import annotations

import glob
import os
import sys

from common import REPO, load_requires_dist, require_packaging_26, rng, write_vectors
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

EDGE_CASES = [
    "name", "name>=1.0", "name >= 1.0", "name (>=1.0)", "name(>=1.0, <2)", "name ( >=1.0 , <2 )",
    "name[extra]", "name[ extra1 , Extra_2 ]>=1", "name[]", "name[ ]", "name[extra", "name[extra1 extra2]",
    "name[extra1,]", "name[,extra]", "name[extra1,,extra2]", "name[extra.1,extra-2,extra_3]",
    "name[Foo,foo,FOO]", "name @ https://x/y.whl", "name@https://x", "name @https://x",
    "name @ https://x ; python_version<'3'", "name @ https://x;python_version<'3'", "name @ ",
    "name @", "name @ https://x\n", "name @ https://x\t", "name @ https://x  ", "name @ https://x y",
    "name @ file:///tmp/a b", "name[e] @ https://x", "name>=1 @ https://x",
    "name>=1.0;python_version<'3.8'", "name>=1.0 ; python_version < \"3.8\" and os_name == 'nt'",
    "name; extra == 'Foo_Bar'", "name; 'Foo.Bar' == extra", "name; 'Foo' in extras",
    "name==1.0.*", "name==1.0a1.*", "name>=1.0.*", "name!=1.0.post1.*", "name===1.0.*",
    "name>=1.0+local", "name==1.0+local", "name<=1.0+local", "name~=1", "name~=1.0", "name=1.0",
    "name>=1.0,,<2", "name>=1.0,", "name>=1.0 ,", "name>=1.0, ", "name,>=1.0", "name ===foo",
    "name===foo,bar", "name ===foo;python_version>'3'", "name>=1.0 <2", "name >=1.0 , <2 , !=1.5",
    "-name", "name-", "name_", "name.", "na me", "1name", "Name.With-All_Separators",
    "\u00f1ame", "name\u00e9", "name\u00e9>=1", "n\u00e9>=1", "name-\u00e9", "name-\u00e9>=1",
    "name ; ", "name;", "name ;python_version", "name; python_version ~= '3'",
    "name; os_name ==", "name; (python_version < '3'", "name; python_version < '3')",
    "name; python_version not in '2.7 3.4'", "name; python_version notin '3'",
    "name; '3' in python_version", "name; python_version<'3'or os_name=='x'",
    "name; python_version<'3'andos_name=='x'", "  name  ", "\tname\t>=1",
    "name>=1.0\t;\tpython_version<'3'", "name (>=1.0) ; python_version<'3'", "name (>=1.0",
    "name >=1.0)", "name[extra](>=1.0)", "name[extra] (>=1.0)", "name (>=1.0) [extra]", "", " ",
    "\t", "name>=9223372036854775807", "name; python_version == '\\x33.8'",
    "name; os_name == 'a\"b'", "name; os_name == \"a'b\"", "name; os_name == 'a\\tb'",
    "name; os_name == '\\N{LATIN SMALL LETTER A}'", "name; os_name == '\\x4'",
    "name; os_name == 'unterminated", "name; os_name == \"x\\\"", "name; os.name == 'posix'",
    "name; sys.platform == 'linux'", "name; platform.machine == 'x86_64'",
    "name; python_implementation == 'CPython'", "name; platform.python_implementation == 'CPython'",
    "name; platform_release >= '5'", "name; implementation_version > '3'", "name; extras == 'x'",
    "name; dependency_groups == 'x'", "name; python_version == python_full_version",
    "name; 'a' == 'b'", "name; python_versio == '3'", "name; python_version_x == '3'",
    "name; python_version === '3.8'", "name; (((python_version < '3')))",
    "name; python_version < '3' and (os_name == 'nt' or sys_platform == 'linux')",
    "name;python_version<'3'", "name ; python_version < '3' ; os_name == 'nt'",
    "name >= 1.0.0 ; extra == 'test'", "name[test] ; extra == 'test'",
    "name>=1.0a1.dev0", "name>1.0.post1", "name<1.0rc1", "name ~= 2.2.post3",
    "name>=v1.0", "name==V1.0", "name (== 1.0)", "name(==1.0)", "name ()", "name ( )",
    "name(", "name)", "name>=1.0)", "name; (", "name; ()", "name; os_name", "name; 'x'",
    "name; os_name in", "name; os_name not", "name; os_name not  in 'x'", "name; os_name not\tin 'x'",
    "name; os_name <> 'x'", "name; os_name = 'x'", "name; os_name == 'x' or", "name; os_name == 'x' xor os_name == 'y'",
    "name; os_name == 'x' OR os_name == 'y'", "name\n", "name\u3000>=1", "name>=\u00a01.0",
    "name>=1.0\u00a0", "name; os_name == 'x'\u00a0", "name @ https://x/\u00e9.whl",
    "name@ https://x", "name[extra]@https://x", "name>=1.0.0.0.0.0.0.0.1", "name ==1.0 ==2.0",
    "name>=1.0 ;", "name>=1.0;;", "a", "a-b", "a_b", "a.b", "A.B-C_D", "zope.interface>=5",
    "torch==2.1.0+cu118", "torch==2.1.0+cu118 ; platform_system=='Linux'",
    "name; python_version < '3.8' and python_version >= '3.6' or python_version == '2.7'",
    "name; (python_version < '3.8' and (python_version >= '3.6' or (os_name == 'nt')))",
]


def corpus_lines() -> list[str]:
    corpus = os.path.join(REPO, "..", "shared", "corpus")
    lines = []
    for path in sorted(glob.glob(os.path.join(corpus, "**", "*requirements*.txt"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            for raw in f:
                line = raw.split(" #", 1)[0].strip()
                if line and not line.startswith(("#", "-")):
                    lines.append(line)
    return lines


def mutate(random, text: str) -> str:
    alphabet = "abc012.-_ []()<>=!~,;@'\"\t"
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


def describe(text: str) -> dict:
    try:
        req = Requirement(text)
    except InvalidRequirement as error:
        return {"input": text, "valid": False, "message": error.message,
                "span": list(error.span) if error.span else None}
    # Read the specifiers in written order before str() canonicalizes (sorts) them in place.
    written_order = [str(s) for s in req.specifier._specs]
    return {
        "input": text,
        "valid": True,
        "name": req.name,
        "normalized_name": canonicalize_name(req.name),
        "raw_extras": sorted(req.extras),
        "extras": sorted({canonicalize_name(e) for e in req.extras}),
        "specifier": str(req.specifier),
        "specifiers": written_order,
        "url": req.url,
        "marker": str(req.marker) if req.marker else None,
        "str": str(req),
    }


def main() -> None:
    require_packaging_26()
    cache_path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pypi-cache.json"
    random = rng(508)
    real = [r for reqs in load_requires_dist(cache_path).values() for r in reqs]
    real += corpus_lines()
    real = list(dict.fromkeys(real))
    inputs = EDGE_CASES + real
    inputs += [mutate(random, s) for s in random.sample(real, min(700, len(real)))]
    inputs = list(dict.fromkeys(inputs))
    write_vectors("requirements.json", {
        "description": "packaging.requirements.Requirement over real requires_dist entries and edge cases",
        "cases": [describe(s) for s in inputs],
    })


if __name__ == "__main__":
    main()
