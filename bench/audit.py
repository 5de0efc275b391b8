#!/usr/bin/env python3
"""The audit benchmark of issue 8, on ../shared/corpus/azureml-examples:

    python3 bench/audit.py [--preflight PATH] [--runs 3] [--top 12] [--work /tmp/preflight-audit-bench]

1. every spec the audit finds, checked alone with an empty cache (one sweep);
2. the `--top` slowest of the sweep again, `--runs` times each: the slowest median is "the
   slowest single spec's cold check";
3. the whole corpus, `preflight audit` with an empty cache, `--runs` times (cold), then
   `--runs` more times on the cache the last cold run filled (warm).

Targets: cold corpus < 2x the slowest single spec; warm corpus < 2 s. Every cache is a fresh
folder under --work (a few GB in all), removed at the end; nothing is written to the checkout.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "azureml-examples"


def timed(argv: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    rc = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, rc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preflight", type=Path, default=REPO / ".build" / "release" / "preflight")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--work", type=Path, default=Path("/tmp/preflight-audit-bench"))
    args = parser.parse_args()
    if not args.preflight.exists():
        sys.exit(f"{args.preflight} is missing: build it first (swift build -c release --static-swift-stdlib)")
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is missing")
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pf = str(args.preflight.resolve())
    cwd = CORPUS.parent.parent.parent  # paths in reports are then shared/corpus/...

    # Every cache is a new folder, and nothing is deleted until the end: removing hundreds of MB
    # of cache files just before a timed run slows the next run's file creation (ext4 steps over
    # recently freed inodes), which would make the measurements depend on the order.
    counter = iter(range(1_000_000))

    def fresh(name: str) -> Path:
        return work / f"{name}-{next(counter)}"

    # The specs the audit finds: from one audit's report.
    listing = fresh("listing")
    subprocess.run([pf, "audit", str(CORPUS), "--out", str(listing / "out"), "--cache-dir", str(listing / "cache")],
                   cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    specs = [s["path"] for s in json.loads((listing / "out" / "report.json").read_text())["specs"]]
    print(f"{len(specs)} specs", file=sys.stderr)

    sweep: list[tuple[float, str]] = []
    for spec in specs:
        cache = fresh("single")
        seconds, _ = timed([pf, "check", spec, "--cache-dir", str(cache)], cwd)
        sweep.append((seconds, spec))
    sweep.sort(reverse=True)

    medians: list[tuple[float, str, list[float]]] = []
    for _, spec in sweep[:args.top]:
        runs = []
        for _ in range(args.runs):
            cache = fresh("single")
            runs.append(timed([pf, "check", spec, "--cache-dir", str(cache)], cwd)[0])
        medians.append((statistics.median(runs), spec, runs))
    medians.sort(reverse=True)
    slowest, slowest_spec, slowest_runs = medians[0]

    cold: list[float] = []
    cache = work
    for rep in range(args.runs):
        cache = fresh("corpus-cache")
        cold.append(timed([pf, "audit", str(CORPUS), "--out", str(work / f"cold-{rep}"), "--cache-dir", str(cache)], cwd)[0])
    warm: list[float] = []
    for rep in range(args.runs):
        warm.append(timed([pf, "audit", str(CORPUS), "--out", str(work / f"warm-{rep}"), "--cache-dir", str(cache)], cwd)[0])

    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    sum_single = sum(seconds for seconds, _ in sweep)
    print(f"| what | measured | target | verdict |")
    print(f"| --- | --- | --- | --- |")
    print(f"| slowest single spec, cold (median of {args.runs}) | {slowest:.2f} s ({', '.join(f'{r:.2f}' for r in slowest_runs)}): `{slowest_spec}` | | |")
    print(f"| sum of all {len(specs)} specs checked alone, cold (one sweep) | {sum_single:.1f} s | | |")
    print(f"| corpus audit, cold (median of {args.runs}) | {cold_median:.2f} s ({', '.join(f'{r:.2f}' for r in cold)}) = "
          f"{cold_median / slowest:.2f}x the slowest spec | < 2x | {'met' if cold_median < 2 * slowest else 'missed'} |")
    print(f"| corpus audit, warm (median of {args.runs}) | {warm_median:.2f} s ({', '.join(f'{r:.2f}' for r in warm)}) | < 2 s | "
          f"{'met' if warm_median < 2 else 'missed'} |")
    print("\nslowest specs (medians):")
    for median, spec, runs in medians:
        print(f"  {median:.2f} s  {spec}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
