#!/usr/bin/env python3
"""One conda-side measurement in Python, in its own process, for bench/run.py.

Run by run.py with the bench venv's interpreter (py-rattler installed); by hand:
    /tmp/preflight-bench/venv/bin/python bench/conda_py.py MODE ...
Modes:
    full   PATH...                     rattler.RepoData.from_path on each file (full parse)
    sparse NAME SUBDIR=PATH...         SparseRepoData per subdir, then load_records(NAME)
    gateway NAME CHANNEL_URL CACHE_DIR rattler.Gateway(cache_dir).query(..., recursive=False)
    json   PATH...                     json.load on each file (the plain-Python baseline)
    solve  CHANNEL_URL CACHE_DIR SPEC... rattler.solve of the specs for linux-64 (glibc 2.28) over a Gateway
Prints one JSON object on stdout: {"mode", "seconds" (work only, after imports), "records"}.
The process's wall time and peak RSS are taken by run.py (os.wait4).
"""

import json
import sys
import time


def main(argv: list[str]) -> None:
    mode, args = argv[0], argv[1:]
    if mode in ("full", "sparse", "gateway", "solve"):
        import rattler  # noqa: F401  (imported before the clock starts, like json is)
    start = time.perf_counter()
    records = 0
    if mode == "full":
        from rattler import RepoData
        loaded = [RepoData.from_path(path) for path in args]
        records = len(loaded)  # RepoData exposes no cheap record count; keep the objects alive
    elif mode == "sparse":
        from rattler import Channel, PackageName, SparseRepoData
        name, pairs = args[0], args[1:]
        channel = Channel("bench")
        for pair in pairs:
            subdir, path = pair.split("=", 1)
            records += len(SparseRepoData(channel, subdir, path).load_records(PackageName(name)))
    elif mode == "gateway":
        import asyncio
        from rattler import Channel, Gateway
        name, url, cache_dir = args
        gateway = Gateway(cache_dir=cache_dir)
        result = asyncio.run(gateway.query([Channel(url)], ["linux-64", "noarch"], [name], recursive=False))
        records = sum(len(group) for group in result)
    elif mode == "solve":
        import asyncio
        from rattler import Channel, Gateway, GenericVirtualPackage, PackageName, Platform, Version, BuildString, solve
        url, cache_dir, specs = args[0], args[1], args[2:]
        virtual = [GenericVirtualPackage(PackageName(n), Version(v), BuildString("0"))
                   for n, v in (("__glibc", "2.28"), ("__unix", "0"), ("__linux", "5.15"))]
        try:
            solved = asyncio.run(solve([Channel(url)], specs, gateway=Gateway(cache_dir=cache_dir),
                                       platforms=[Platform("linux-64"), Platform("noarch")], virtual_packages=virtual))
            records = len(solved)
        except Exception as error:  # an unsatisfiable environment is an answer too: time it
            records = 0
            print(f"unsatisfiable: {str(error).splitlines()[0][:200]}", file=sys.stderr)
    elif mode == "json":
        for path in args:
            with open(path, "rb") as handle:
                data = json.load(handle)
            records += len(data.get("packages", {})) + len(data.get("packages.conda", {}))
    else:
        sys.exit(f"unknown mode {mode}")
    seconds = time.perf_counter() - start
    print(json.dumps({"mode": mode, "seconds": seconds, "records": records}))


if __name__ == "__main__":
    main(sys.argv[1:])
