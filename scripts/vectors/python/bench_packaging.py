#!/usr/bin/env python3
"""Time parsing and sorting 1,000,000 versions with packaging, for comparison with
VersionBenchmarkTests (PREFLIGHT_BENCH=1 swift test -c release --filter VersionBenchmarkTests).

Rerun:  /tmp/venv-pypkg/bin/python bench_packaging.py
The inputs follow the same mix as the Swift test (its random generator differs, the
distribution does not).
"""

import random
import time

import packaging
from packaging.version import Version


def make_inputs(count: int) -> list[str]:
    rng = random.Random(1_000_000)
    n = rng.randrange
    out = []
    for _ in range(count):
        base = f"{n(30)}.{n(40)}.{n(200)}"
        k = n(100)
        if k < 55:
            out.append(base)
        elif k < 65:
            out.append(f"{n(30)}.{n(40)}")
        elif k < 75:
            out.append(base + ["a", "b", "rc"][n(3)] + str(n(5)))
        elif k < 80:
            out.append(base + f".post{n(4)}")
        elif k < 85:
            out.append(base + f".dev{20_230_000 + n(1000)}")
        elif k < 90:
            out.append(base + f"+cu{110 + n(20)}")
        elif k < 95:
            out.append(base + f".{n(10)}.{n(10)}")
        else:
            out.append(f"{n(3)}!" + base)
    return out


def main() -> None:
    inputs = make_inputs(1_000_000)
    start = time.perf_counter()
    versions = [Version(s) for s in inputs]
    parsed = time.perf_counter()
    versions.sort()
    done = time.perf_counter()
    print(f"packaging {packaging.__version__}: parse {parsed - start:.3f}s, sort {done - parsed:.3f}s, "
          f"total {done - start:.3f}s for {len(inputs)} versions")


if __name__ == "__main__":
    main()
