#!/usr/bin/env python3
"""Joint conda + pip cases: the conda half on ../shared/fixtures/conda/index4 (2018 records,
CPython 3.6), the pip half on live PyPI, each verdict with the reason checked by hand against the
records and PyPI's metadata (see cases.json). Prints one line per case; exit 1 on a disagreement.

    python3 scripts/joint-cases/run.py [--preflight .build/release/preflight]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHANNEL = (REPO.parent / "shared" / "fixtures" / "conda" / "index4").as_uri()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preflight", default=str(REPO / ".build" / "release" / "preflight"))
    parser.add_argument("--cache-dir", default="/tmp/joint-cases-cache")
    args = parser.parse_args()
    cases = json.loads((HERE / "cases.json").read_text())
    disagreements = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            env = Path(tmp) / "environment.yml"
            env.write_text("name: joint\nchannels:\n  - " + CHANNEL + "\ndependencies:\n"
                           + "".join(f"  - {d}\n" for d in case["conda"]) + "  - pip:\n"
                           + "".join(f"    - {p}\n" for p in case["pip"]))
            out = subprocess.run([args.preflight, "check", "--format", "json", "--platform", "linux-64",
                                  "--cache-dir", args.cache_dir, str(env)], capture_output=True, text=True)
        report = json.loads(out.stdout)
        spec = report["specs"][0]
        status = spec["resolution"][0]["status"]
        errors = [f for f in spec["findings"] if f["severity"] == "error"]
        why = errors[0]["message"].splitlines()[0][:150] if errors else ", ".join(
            f"{p['name']} {p['version']} ({p['source']})" for p in spec["resolution"][0]["packages"] if p["source"] == "pypi")
        ok = status == case["expect"]
        disagreements += not ok
        print(f"{'ok ' if ok else 'BAD'} {case['id']:30} expect {case['expect']:13} got {status:13} {why}")
    print(f"{len(cases) - disagreements}/{len(cases)} verdicts as expected")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
