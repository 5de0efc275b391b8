#!/usr/bin/env python3
"""Compare preflight's resolver with uv on the cases of cases.json.

For every case this writes the case's requirements to a temporary requirements.txt and runs

    PREFLIGHT check --format json --python PY --platform PLATFORM --cache-dir DIR requirements.txt

then derives preflight's verdict from the JSON (the contract's "Resolution" section):

  * unsatisfiable  if specs[0].resolution[0].status == "unsatisfiable", or if there is an
                   error finding whose code is one of UNSAT_CODES (a per-package finding that
                   already explains the failure replaces the `unsatisfiable` finding);
  * unknown        if the resolution status is "unknown" (a source was unreachable or the
                   resolver hit its limit) or a `source-unreachable` error decides nothing else;
  * satisfiable    otherwise.

If the JSON has no "resolution" key (a preflight without the resolver, or run with
--no-resolve), the verdict comes from the findings alone and the versions cannot be compared;
the table says so ("findings only").

The verdict must agree with uv-results.json (see make_uv_results.py) in every case; for cases
that both call satisfiable, every package's version is compared as well (the union of both
package sets; a package only one side installs counts as a difference).  The exit status is 1
when any verdict disagrees (or preflight gave none), 2 on a usage problem, else 0: version
differences are reported, not fatal.

    python3 compare.py                                   # uses .build/release/preflight
    python3 compare.py --preflight .build/debug/preflight --case pin-pandas-numpy
    python3 compare.py --json > comparison.json

Only the standard library is needed (`packaging`, when importable, is used to compare
versions such as 1.0 and 1.0.0 as equal).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

UNSAT_CODES = {"unsatisfiable", "version-not-found", "package-not-found", "requires-python",
               "no-compatible-distribution", "dependency-not-found"}

try:  # optional: PEP 440 equality (1.0 == 1.0.0); plain string equality otherwise
    from packaging.version import InvalidVersion, Version

    def same_version(a: str, b: str) -> bool:
        try:
            return Version(a) == Version(b)
        except InvalidVersion:
            return a == b
except ImportError:  # pragma: no cover
    def same_version(a: str, b: str) -> bool:
        strip = lambda v: re.sub(r"(\.0+)+$", "", v.lower().lstrip("v"))
        return a == b or strip(a) == strip(b)


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def preflight_verdict(doc: dict) -> dict:
    """Interpret one `preflight check --format json` object for a single spec and target."""
    out = {"verdict": None, "resolution_present": False, "status": None, "packages": None,
           "error_codes": [], "unsat_findings": [], "notes": []}
    specs = doc.get("specs") or []
    if not specs:
        out["verdict"] = "error"
        out["notes"].append("no specs[0] in preflight's JSON")
        return out
    spec = specs[0]
    findings = spec.get("findings") or []
    errors = [f for f in findings if f.get("severity") == "error"]
    out["error_codes"] = sorted({f.get("code", "?") for f in errors})
    unsat = [f for f in errors if f.get("code") in UNSAT_CODES]
    out["unsat_findings"] = [{"code": f.get("code"), "package": f.get("package"),
                              "message": f.get("message", "")} for f in unsat]
    unreachable = any(f.get("code") == "source-unreachable" for f in errors)

    resolution = spec.get("resolution")
    if resolution is None:
        out["notes"].append("no 'resolution' in the JSON: verdict from findings only, versions not compared")
        if unsat:
            out["verdict"] = "unsatisfiable"
        elif unreachable:
            out["verdict"] = "unknown"
        else:
            out["verdict"] = "satisfiable"
        return out

    out["resolution_present"] = True
    if not resolution:
        out["notes"].append("'resolution' is empty")
        out["verdict"] = "unsatisfiable" if unsat else "unknown"
        return out
    if len(resolution) > 1:
        out["notes"].append(f"{len(resolution)} resolution entries; the first is used")
    entry = resolution[0]
    status = entry.get("status")
    out["status"] = status
    if status not in ("resolved", "unsatisfiable", "unknown"):
        out["notes"].append(f"unexpected resolution status {status!r}")
    if status == "resolved":
        pkgs = {}
        for p in entry.get("packages") or []:
            pkgs[normalize(p.get("name", ""))] = str(p.get("version"))
        out["packages"] = dict(sorted(pkgs.items()))

    if status == "unsatisfiable" or unsat:
        out["verdict"] = "unsatisfiable"
        if status == "resolved":
            out["notes"].append("status 'resolved' but an error finding says unsatisfiable: "
                                + ", ".join(out["error_codes"]))
        if status == "unknown":
            out["notes"].append("status 'unknown' but a finding says unsatisfiable")
    elif status == "unknown":
        out["verdict"] = "unknown"
    elif status == "resolved":
        out["verdict"] = "satisfiable"
        if unreachable:
            out["notes"].append("resolved although a source-unreachable error was reported")
    else:
        out["verdict"] = "unknown"
    return out


def run_preflight(args, case: dict) -> dict:
    with tempfile.TemporaryDirectory(prefix="resolve-compare-") as tmp:
        with open(os.path.join(tmp, "requirements.txt"), "w") as fh:
            fh.write("\n".join(case["requirements"]) + "\n")
        cmd = [args.preflight, "check", "--format", "json",
               "--python", case["python"], "--platform", case["platform"],
               "--cache-dir", args.cache_dir] + args.extra_arg + ["requirements.txt"]
        started = time.monotonic()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return {"verdict": "error", "exit": None, "seconds": args.timeout,
                    "notes": [f"preflight did not finish within {args.timeout} s"], "stderr": ""}
        seconds = time.monotonic() - started
    res = {"exit": proc.returncode, "seconds": round(seconds, 2),
           "stderr": "\n".join(proc.stderr.strip().splitlines()[-20:])}
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        res.update(verdict="error", notes=[f"exit {proc.returncode}, stdout is not JSON"])
        return res
    res.update(preflight_verdict(doc))
    if proc.returncode == 2:
        res["notes"].append("preflight exited 2 (usage or unreadable spec)")
        res["verdict"] = "error"
    elif res["verdict"] == "unsatisfiable" and proc.returncode not in (1,):
        res["notes"].append(f"unsatisfiable but exit status {proc.returncode} (expected 1)")
    return res


def compare_case(args, case: dict, uv: dict) -> dict:
    pf = run_preflight(args, case)
    row = {"id": case["id"], "kind": case["kind"], "python": case["python"], "platform": case["platform"],
           "uv": "error" if "error" in uv else ("satisfiable" if uv["satisfiable"] else "unsatisfiable"),
           "preflight": pf["verdict"], "preflight_exit": pf.get("exit"), "seconds": pf.get("seconds"),
           "resolution_present": pf.get("resolution_present", False),
           "error_codes": pf.get("error_codes", []), "notes": list(pf.get("notes", [])),
           "packages_agree": None, "packages_total": None, "differences": []}
    row["verdict_agrees"] = row["uv"] == row["preflight"] and row["uv"] in ("satisfiable", "unsatisfiable")
    if row["preflight"] == "unsatisfiable":
        row["explanation"] = "\n".join(f["message"] for f in pf.get("unsat_findings", []))
    if row["preflight"] in ("error", "unknown") and pf.get("stderr"):
        row["stderr"] = pf["stderr"]
    if row["uv"] == "satisfiable" and row["preflight"] == "satisfiable" and pf.get("packages") is not None:
        ours, theirs = pf["packages"], uv["packages"]
        names = sorted(set(ours) | set(theirs))
        agree = 0
        for n in names:
            a, b = theirs.get(n), ours.get(n)
            if a is not None and b is not None and same_version(a, b):
                agree += 1
            else:
                row["differences"].append({"name": n, "uv": a, "preflight": b})
        row["packages_agree"], row["packages_total"] = agree, len(names)
    return row


def print_table(rows: list[dict], summary: dict, out=sys.stdout) -> None:
    w = max([len(r["id"]) for r in rows] + [4])
    head = f"{'case':<{w}}  {'kind':<20} {'target':<21} {'uv':<6} {'preflight':<9} {'ok':<4} {'versions':<10} time"
    print(head, file=out)
    print("-" * len(head), file=out)
    short = {"satisfiable": "sat", "unsatisfiable": "unsat", "unknown": "unknwn", "error": "ERROR", None: "-"}
    for r in rows:
        ok = "yes" if r["verdict_agrees"] else "NO"
        if r["packages_total"] is not None:
            vers = f"{r['packages_agree']}/{r['packages_total']}"
        elif r["uv"] == "satisfiable" and r["preflight"] == "satisfiable" and not r["resolution_present"]:
            vers = "findings"
        else:
            vers = "-"
        target = f"py{r['python']} {r['platform']}"
        secs = f"{r['seconds']:.1f}s" if r.get("seconds") is not None else "-"
        print(f"{r['id']:<{w}}  {r['kind']:<20} {target:<21} {short[r['uv']]:<6} {short[r['preflight']]:<9} "
              f"{ok:<4} {vers:<10} {secs}", file=out)
    problems = [r for r in rows if not r["verdict_agrees"] or r["differences"] or r["notes"]]
    if problems:
        print("", file=out)
    for r in problems:
        if not r["verdict_agrees"]:
            print(f"{r['id']}: VERDICT uv={r['uv']} preflight={r['preflight']} "
                  f"(exit {r['preflight_exit']}, error codes {', '.join(r['error_codes']) or 'none'})", file=out)
            if r.get("explanation"):
                print("    preflight: " + r["explanation"].replace("\n", "\n               "), file=out)
            if r.get("stderr"):
                print("    stderr: " + r["stderr"].replace("\n", "\n            "), file=out)
        for d in r["differences"]:
            print(f"{r['id']}: {d['name']}: uv {d['uv'] or '(not installed)'}, "
                  f"preflight {d['preflight'] or '(not installed)'}", file=out)
        for n in r["notes"]:
            print(f"{r['id']}: note: {n}", file=out)
    print("", file=out)
    s = summary
    print(f"verdicts: {s['verdicts_agree']}/{s['cases']} agree "
          f"(uv: {s['uv_satisfiable']} satisfiable, {s['uv_unsatisfiable']} unsatisfiable)", file=out)
    if s["packages_total"]:
        print(f"versions: {s['packages_agree']}/{s['packages_total']} packages agree "
              f"({s['packages_percent']:.1f}%) over {s['cases_compared']} satisfiable case(s)", file=out)
    if s["findings_only"]:
        print(f"{s['findings_only']} case(s) had no 'resolution' in preflight's JSON: verdict from findings only, "
              f"versions not compared", file=out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--preflight", default=os.path.join(REPO, ".build", "release", "preflight"),
                    help="preflight executable (default: .build/release/preflight of the repository); "
                         "a relative path is taken relative to the repository root")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--uv-results", default=os.path.join(HERE, "uv-results.json"))
    ap.add_argument("--cache-dir", default="/tmp/resolve-compare-cache", help="preflight's --cache-dir")
    ap.add_argument("--case", action="append", default=[], metavar="ID", help="only this case (repeatable)")
    ap.add_argument("--kind", action="append", default=[], help="only cases of this kind (repeatable)")
    ap.add_argument("--json", action="store_true", help="print the comparison as JSON instead of the table")
    ap.add_argument("--jobs", type=int, default=4, help="preflight runs in parallel (default 4)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per preflight run (default 300)")
    ap.add_argument("--extra-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for preflight check (repeatable), e.g. --extra-arg=--offline")
    args = ap.parse_args()

    if not os.path.isabs(args.preflight) and not os.path.exists(args.preflight):
        args.preflight = os.path.join(REPO, args.preflight)
    args.preflight = os.path.abspath(args.preflight)
    if not os.access(args.preflight, os.X_OK):
        print(f"compare.py: no preflight executable at {args.preflight} "
              f"(build it with `swift build -c release`, or pass --preflight)", file=sys.stderr)
        return 2
    with open(args.cases) as fh:
        cases = json.load(fh)
    with open(args.uv_results) as fh:
        uvdoc = json.load(fh)
    uv = {r["id"]: r for r in uvdoc["results"]}
    unknown = set(args.case) - {c["id"] for c in cases}
    if unknown:
        print(f"compare.py: unknown case id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    selected = [c for c in cases
                if (not args.case or c["id"] in args.case) and (not args.kind or c["kind"] in args.kind)]
    missing = [c["id"] for c in selected if c["id"] not in uv]
    if missing:
        print(f"compare.py: no uv result for {', '.join(missing)}: run make_uv_results.py", file=sys.stderr)
        return 2
    if not selected:
        print("compare.py: no case selected", file=sys.stderr)
        return 2

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = list(pool.map(lambda c: compare_case(args, c, uv[c["id"]]), selected))

    compared = [r for r in rows if r["packages_total"] is not None]
    agree = sum(r["packages_agree"] for r in compared)
    total = sum(r["packages_total"] for r in compared)
    summary = {
        "cases": len(rows),
        "verdicts_agree": sum(r["verdict_agrees"] for r in rows),
        "verdict_disagreements": [r["id"] for r in rows if not r["verdict_agrees"]],
        "uv_satisfiable": sum(r["uv"] == "satisfiable" for r in rows),
        "uv_unsatisfiable": sum(r["uv"] == "unsatisfiable" for r in rows),
        "cases_compared": len(compared),
        "packages_agree": agree,
        "packages_total": total,
        "packages_percent": (100.0 * agree / total) if total else None,
        "version_differences": sum(len(r["differences"]) for r in rows),
        "findings_only": sum(not r["resolution_present"] and r["preflight"] not in ("error",) for r in rows),
    }
    if args.json:
        json.dump({"preflight": args.preflight, "uv_version": uvdoc.get("uv_version"),
                   "uv_generated": uvdoc.get("generated"), "summary": summary, "cases": rows},
                  sys.stdout, indent=2)
        print()
    else:
        print_table(rows, summary)
    return 1 if summary["verdict_disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())
