#!/usr/bin/env python3
"""Generate Tests/CondaPackagingTests/Vectors/matchspecs.json and repodata.json from py-rattler.

Rerun (from the repository root):
    python3 -m venv /tmp/venv-rattler && /tmp/venv-rattler/bin/pip install 'py-rattler==0.28.0'
    /tmp/venv-rattler/bin/python scripts/vectors/conda/gen_matchspecs.py

MatchSpec strings: every dependency / constraint string in ../shared/fixtures/conda, hand-written
cases for each syntax feature, and seeded mutations. Each is parsed with
`rattler.MatchSpec(s, strict=False, exact_names_only=False)` (lenient, glob names allowed, as
conda; extras / conditionals / flags at their defaults). For the ones that parse, `c` lists
candidate records (indices into `records`, "channel/subdir/filename" keys): every record of
the spec's name (a seeded sample of 40 when there are more) plus 3 records of other names,
or 60 seeded records for glob names. `m` holds rattler's `spec.matches(record)` for each
candidate, as 0/1, with records loaded by `RepoData.from_path(...).into_repo_data(...)`.

repodata.json holds, per fixture file, the counts Python's json.load sees, so the Swift
decoder can be checked against them.
"""
import zlib

from rattler import Channel, MatchSpec, RepoData

from common import load_raw, mutate, rattler_version, repodata_files, rng, write_vectors

HAND = [
    # name only, case, globs, regex names
    "numpy", "NumPy", "pyobjc-framework-Cocoa", "*", "num*", "*py", "py*", "*-cos6-*", "^num.*$", "^NUM.*$",
    "^py(thon|yaml)$", "n?mpy*", "r-[a-c]*", "python_abi", "_r-mutex", "__glibc", "__cuda",
    # positional version / build
    "numpy 1.11.3", "numpy 1.11", "numpy 1.11.*", "numpy 1.11*", "numpy 1.11.3 py27h1b885b7_8", "numpy 1.11.3 py27*",
    "numpy 1.11.3 *_8", "numpy * *_8", "numpy * py36*", "numpy 1.11.3 8", "numpy  1.11.3   py27*",
    "numpy\t1.11.3\tpy27*", "python 2.7*", "python 2.7.*", "python 3.6*", "python >=2.7,<2.8.0a0",
    "python >=3.6,<3.7.0a0", "python 3.6.* *_cpython", "python_abi 3.9.* *_cp39", "python_abi 3.6.* *_cp36m",
    # = and ==
    "numpy=1.11", "numpy=1.11.3", "numpy=1.11.*", "numpy=1.11*", "numpy==1.11.3", "numpy==1.11", "numpy==1.11.*",
    "numpy=1.11=py27*", "numpy=1.11.3=py27h1b885b7_8", "numpy==1.11.3=py27h1b885b7_8", "numpy 1.11.3=py27h1b885b7_8",
    "numpy=1.11,<2", "numpy =1.11", "numpy = 1.11", "numpy=1.11=", "numpy=*", "numpy==*", "numpy=*=py27*",
    "numpy=1", "numpy=1.*", "numpy ==1.*", "numpy 1.11.*.*", "numpy =1.11 py27*", "numpy=1.11 py27*",
    # ranges with and without spaces
    "numpy >=1.11,<1.12", "numpy>=1.11,<1.12", "numpy >= 1.11, < 1.12", "numpy >=1.11 , <1.12 py27*",
    "numpy >=1.11 ,<2=py27*", "numpy>=1.11|<1.9", "numpy >=1.13|1.11.*", "numpy (>=1.11,<1.12)|1.13.*",
    "numpy >1.11", "numpy <1.12", "numpy <=1.11.3", "numpy !=1.11.3", "numpy !=1.11.*", "numpy ~=1.11",
    "numpy ~=1.11.0", "numpy >1.11*", "numpy >=1.11.*", "numpy <1.*", "numpy >=1!0", "numpy 1!1.11",
    "__glibc >=2.17,<3.0.a0", "__glibc>=2.17", "__cuda>=10.0,<11", "__cuda >=9.0", "cudatoolkit >=10.0,<10.1",
    "r-base 3.4.*", "r-base >=3.4.1,<3.4.2.0a0", "r-base 3.5.1 h1e0a451_2", "r-maps >=2.3_0", "r-rcpp >=0.12.16",
    "openssl 1.0.2*", "openssl >=1.0.2l", "openssl 1.0.2l", "openssl >=1.0.2o,<1.0.3a", "jpeg 9b", "jpeg >=9b,<10a",
    "pytz 2012d", "pytz >=2017.2", "erlang R15B01", "faiss-cpu v1.6.4", "faiss-cpu >=v1.6", "ignite-nightly 0.4rc.0.post1",
    "pytorch 1.7.1", "pytorch >=1.8,<2", "pytorch 2.1.0 *cuda*", "pytorch * cpu*", "torchvision 0.8.2 py38_cu110",
    # channels, subdirs, namespaces
    "conda-forge::numpy", "conda-forge/linux-64::numpy", "conda-forge/noarch::numpy", "defaults::numpy 1.11.3",
    "https://conda.anaconda.org/conda-forge::numpy", "https://conda.anaconda.org/conda-forge/linux-64::numpy >=1",
    "*::numpy", "*/linux-64::numpy", "conda-forge:ns:numpy", "ns:numpy", "::numpy", ":numpy", "a:b::numpy",
    "a/b/linux-64::numpy", "./local::numpy", "/abs/chan::numpy", "c h::numpy",
    # brackets
    'numpy[version=">=1.11,<1.12"]', "numpy[version='1.11.*']", "numpy[version=1.11.*]", 'numpy[build="py27*"]',
    "numpy[build=py27h1b885b7_8]", "numpy[build='*_8']", 'numpy[version="1.11.*", build="py27*"]',
    'numpy[version="1.11.*",build="py27*"]', "numpy[build_number=8]", 'numpy[build_number=">=3"]',
    'numpy[build_number="<1"]', 'numpy[build_number="!=0"]', 'numpy[build_number="==0"]', 'numpy[build_number=">8"]',
    'numpy[build_number="<=8"]', "numpy[build_number=08]", 'numpy[subdir="linux-64"]', "numpy[subdir=win-64]",
    "numpy[channel=conda-forge]", "numpy[channel=conda-forge/linux-64]", 'numpy[md5="59a08a48752ade87ab6597731ba6235b"]',
    "numpy[md5=59A08A48752ADE87AB6597731BA6235B]", "numpy[md5=00000000000000000000000000000000]",
    "numpy[sha256=" + "a" * 64 + "]", "numpy[fn=foo.tar.bz2]", 'numpy[license="BSD 3-Clause"]', "numpy[license=MIT]",
    "numpy[license_family=BSD]", 'numpy[track_features="mkl"]', "numpy[track_features=mkl]", "blas[track_features=mkl]",
    "numpy 1.11.* [build=py27*]", "numpy >=1.12[version='>=1.11']", "numpy 1.12[build_number=8]",
    "numpy[version=1.11.*,version=1.12]", "numpy[]", "numpy[ version = '1.11.*' ]", "numpy[extras=[a,b]]",
    'numpy[when="__linux"]', "numpy[flags=[a]]", "numpy[namespace=x]", 'numpy[build="^py27h.*8$"]',
    'numpy[build="py2[!8]*"]', 'numpy[build="py27*8"]', 'numpy[build="*"]', 'numpy[build="py27h1b885b7_?"]',
    'numpy[build="[abc"]', "conda-forge::numpy[version=1.11.*]", "numpy[url=https://x.org/numpy-1.0-0.tar.bz2]",
    # URL / path specs
    "https://x.org/c/linux-64/numpy-1.11.3-py27h1b885b7_8.tar.bz2", "/tmp/numpy-1.11.3-py27h1b885b7_8.conda",
    "http://x.org/a.tar.bz2", "file:foo-1.0-0.conda",
    # comments and odd whitespace
    "numpy # comment", "numpy#x", " numpy ", "numpy 1.11.3 # pinned", "numpy\t>=1.11",
    # rejected or odd forms
    "", " ", "#", "numpy==", "numpy=", "numpy>=", "numpy>=1.11|", "numpy (1.11", "numpy[version]", "numpy[version=]",
    "numpy[ ]", "numpy[=1]", "numpy[features=mkl]", "numpy[foo=1]", "numpy]", "numpy[", "num[py", "numpy[a=1]x]",
    "numpy[version=1]]", "numpy[[version=1]]", "numpy[version=1][build=2]", "numpy [version=1] [build=2]",
    "numpy [version=1]x", "numpy[md5=abc]", "numpy[sha256=abc]", "numpy[md5=" + "g" * 32 + "]",
    'numpy[build_number="~=8"]', 'numpy[build_number=">= 8"]', 'numpy[build_number="8 "]', "numpy[build_number=-1]",
    'numpy[build_number="=>8"]', 'numpy[build_number=">=8,<9"]', "numpy[build=a**b]", 'numpy[version=" >=1"]',
    "numpy[url=foo]", 'numpy[when=""]', 'numpy[extras="a b"]', "numpy; if x", "numpy;a;b", "numpy;x", "num+py",
    "num@py", "numpy!", "numpy !1", "numpy <>1", "numpy ^1.11$", "numpy 1.11$", "foo::bar::numpy", "a:b:c:numpy",
    "x\\y::numpy", "numpy >=1.11 extra words here", "numpy 1.11.3 py27h1b885b7_8 extra", "numpy*1", "^num",
    "num$", ".numpy", "-numpy", "n.umpy", "numpy-", "numpy 1.2,,1.3", "numpy (1.11|1.12)", "numpy ((1.11))",
    "numpy >=1.11,<1.12,!=1.11.2", "numpy 1.11.3|1.11.2 py27*", "numpy==1.11.3|1.12=py27*",
    # regular expressions and globs in builds and names
    'numpy[build="^py2[0-9]h[a-f0-9]+_[0-9]+$"]', 'numpy[build="^py(27|36)"]', 'numpy[build="^np1[0-9]+py"]',
    'numpy[build="^.*_8$"]', 'numpy[build="^(?:py36|py37)h\\w+_\\d$"]', 'python[build="^[^h]*$"]',
    'python[build="^h?[a-f0-9]{7}_\\d+$"]', 'openssl[build="^h[0-9a-f]{7}_[0-9]$"]', "^r-.*$", "^r-(base|essentials)$",
    "^py.{2,4}$", "^(numpy|scipy)$", "r-*", "*-cos7-*", "r-r*", "python[build=py3?_*]", "python[build=\"*_[0-9]\"]",
    "numpy[build=*h1b885b7*]", "r-base[build=h*]", 'pytorch[build="*cuda*"]', 'pytorch[build="*cpu*"]',
]

ALPHABET = "abnumpy0123.*=<>!~,| [](){}'\"_-:/#;^$"


def main():
    files = repodata_files()
    records = {}   # key -> rattler record
    by_name = {}   # normalized name -> [key]
    counts = []
    dep_strings = set()
    for key, path in files:
        raw = load_raw(path)
        pk = raw.get("packages") or {}
        pc = raw.get("packages.conda") or {}
        stems_conda = {fn[: -len(".conda")] for fn in pc}
        superseded = sum(1 for fn in pk if fn.endswith(".tar.bz2") and fn[: -len(".tar.bz2")] in stems_conda)
        counts.append({
            "file": key, "packages": len(pk), "packages_conda": len(pc), "merged": len(pk) + len(pc) - superseded,
            "removed": len(raw.get("removed") or []), "subdir": (raw.get("info") or {}).get("subdir"),
            "repodata_version": raw.get("repodata_version"),
            "with_timestamp": sum(1 for r in list(pk.values()) + list(pc.values()) if "timestamp" in r),
        })
        for section in (pk, pc):
            for record in section.values():
                for dep in (record.get("depends") or []) + (record.get("constrains") or []):
                    if isinstance(dep, str):
                        dep_strings.add(dep)
        loaded = RepoData.from_path(path).into_repo_data(Channel("fixture"))
        wanted = set(pk) | set(pc)
        for record in loaded:
            if record.file_name not in wanted:
                continue
            full = f"{key}/{record.file_name}"
            records[full] = record
            by_name.setdefault(record.name.normalized, []).append(full)
    all_keys = sorted(records)
    for names in by_name.values():
        names.sort()

    r = rng(31337)
    mutated = [mutate(r, s, ALPHABET) for s in r.sample(HAND + sorted(dep_strings), 2500)]

    table, index_of = [], {}

    def idx(key):
        if key not in index_of:
            index_of[key] = len(table)
            table.append(key)
        return index_of[key]

    seen, specs, rejected = set(), [], []
    for source, strings in (("fixture", sorted(dep_strings)), ("hand", HAND), ("mutated", mutated)):
        for s in strings:
            if s in seen:
                continue
            seen.add(s)
            try:
                ms = MatchSpec(s, strict=False, exact_names_only=False)
            except BaseException as e:  # noqa: BLE001 - rattler can panic on some inputs
                if isinstance(e, KeyboardInterrupt):
                    raise
                message = str(e).split("\n")[0]
                specs.append({"spec": s, "ok": False, "src": source, "error": message})
                rejected.append(s)
                continue
            matcher = ms.name
            exact_name = matcher.as_package_name() if matcher is not None else None
            exact = exact_name is not None
            name_text = exact_name.normalized if exact else (matcher.normalized if matcher is not None else None)
            local = rng(zlib.crc32(s.encode()))
            if exact:
                norm = name_text
                candidates = list(by_name.get(norm, []))
                if len(candidates) > 40:
                    candidates = local.sample(candidates, 40)
                candidates += [k for k in local.sample(all_keys, 3) if k not in candidates]
            else:
                candidates = local.sample(all_keys, 60)
                if name_text and name_text != "*":
                    candidates += [k for k in all_keys[:: max(1, len(all_keys) // 200)] if k not in candidates][:40]
            bits = "".join("1" if ms.matches(records[k]) else "0" for k in candidates)
            specs.append({
                "spec": s, "ok": True, "src": source,
                "name": name_text if exact else None,
                "version": str(ms.version) if ms.version is not None else None,
                "build": str(ms.build) if ms.build is not None else None,
                "subdir": ms.subdir,
                "has_channel": ms.channel is not None,
                "c": [idx(k) for k in candidates],
                "m": bits,
            })

    ok = [s for s in specs if s["ok"]]
    triples = sum(len(s["m"]) for s in ok)
    write_vectors("matchspecs.json", {
        "generator": "scripts/vectors/conda/gen_matchspecs.py",
        "reference": f"py-rattler {rattler_version()} rattler.MatchSpec(s, strict=False, exact_names_only=False)",
        "records": table,
        "specs": specs,
        "rejected": rejected,
    })
    write_vectors("repodata.json", {
        "generator": "scripts/vectors/conda/gen_matchspecs.py",
        "reference": "Python json.load of each fixture repodata.json",
        "files": counts,
    })
    print(f"{len(specs)} specs, {len(ok)} parsed, {len(rejected)} rejected, {triples} (spec, record) triples, "
          f"{sum(1 for s in ok for b in s['m'] if b == '1')} matches")


if __name__ == "__main__":
    main()
