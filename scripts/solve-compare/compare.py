#!/usr/bin/env python3
"""Compare `preflight check`'s conda resolution with py-rattler's solver, case by case.

    python3 scripts/solve-compare/compare.py [--preflight .build/release/preflight] \
        [--case ID ...] [--priority strict|flexible|disabled ...] [--priority-flag disabled=flexible] \
        [--json] [--keep DIR] [--verbose]

For every case of `cases.json` it writes a conda `environment.yml` in a temporary directory
(`channels:` the `file://` URLs of the case's fixture channels in order, then `nodefaults`;
`dependencies:` the case's MatchSpecs) and runs

    preflight check --format json --platform P [--glibc X] [--cuda Y] [--macos Z] \
        --channel-priority PRIORITY --cache-dir DIR environment.yml

then compares preflight's answer with rattler's, read from `rattler-results.json` (made by
`make_rattler_results.py`; py-rattler is not needed here):

- the verdict. preflight says "unsatisfiable" when `specs[0].resolution[0].status` is
  `unsatisfiable` or an error finding has one of the codes in `UNSAT_CODES`, "satisfiable" when
  the status is `resolved` and no such finding exists, and "unknown" otherwise (status `unknown`,
  no resolution, a crash, exit 2/3). Only "satisfiable"/"unsatisfiable" can agree with rattler.
- for cases both solve, the solved set record by record: a record agrees when preflight installs
  the same name at the same version and build. "N/M" counts agreeing names out of the names in
  either set; every difference is listed. Channel and filename differences of agreeing records
  are listed as notes (they do not count against N).

Exit status: 0 when every compared case's verdict agrees, 1 otherwise (a verdict difference,
an unknown verdict, preflight rejecting a flag or crashing), 2 for bad arguments or input.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_FIXTURES = ROOT.parent / "shared" / "fixtures" / "conda"

UNSAT_CODES = {"unsatisfiable", "package-not-found", "version-not-found", "requires-python",
               "no-compatible-distribution", "dependency-not-found"}
# The virtual packages preflight can express, and how.
VIRTUAL_FLAGS = {"__glibc": "--glibc", "__cuda": "--cuda", "__osx": "--macos"}
IMPLIED_BY_PLATFORM = {"linux": {"__unix", "__linux"}, "osx": {"__unix"}, "win": {"__win"}}
PRIORITY_FLAG = {"strict": "strict", "flexible": "flexible", "disabled": "disabled"}


# --------------------------------------------------------------------------------------------
# Cases -> preflight invocations

INPUT_FIELDS = ("channels", "specs", "platform", "virtual_packages", "channel_priority")  # as make_rattler_results.py


def case_digest(case):
    inputs = {field: case.get(field) for field in INPUT_FIELDS}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


class CaseError(Exception):
    """A case preflight's flags cannot express."""


def platform_family(platform):
    return platform.split("-")[0] if "-" in platform else platform


def target_flags(case):
    platform = case.get("platform", "linux-64")
    family = platform_family(platform)
    virtual = dict(case.get("virtual_packages", {}))
    flags = ["--platform", platform]
    implied = IMPLIED_BY_PLATFORM.get(family, set())
    for name in sorted(virtual):
        if name in VIRTUAL_FLAGS or name in implied:
            continue
        raise CaseError(f"virtual package {name} cannot be expressed with preflight's flags on {platform}")
    for name in sorted(implied - set(virtual)):
        raise CaseError(f"{platform} always has {name} in preflight, the case does not list it")
    if family == "linux":
        if "__glibc" not in virtual:
            raise CaseError("a linux target always has __glibc in preflight (default 2.28): give it in the case")
        flags += ["--glibc", str(virtual["__glibc"])]
    elif "__glibc" in virtual:
        raise CaseError(f"__glibc on {platform}")
    if family == "osx":
        if "__osx" in virtual:
            flags += ["--macos", str(virtual["__osx"])]
    elif "__osx" in virtual:
        raise CaseError(f"__osx on {platform}")
    if "__cuda" in virtual:
        flags += ["--cuda", str(virtual["__cuda"])]
    return flags


def environment_yml(case, fixtures):
    lines = [f"name: {case['id']}", "channels:"]
    for channel in case["channels"]:
        folder = fixtures / channel
        if not folder.is_dir():
            raise CaseError(f"no fixture channel {folder}")
        lines.append(f"  - {folder.resolve().as_uri()}")
    lines.append("  - nodefaults")
    lines.append("dependencies:")
    for spec in case["specs"]:
        lines.append(f"  - {json.dumps(spec)}")  # a JSON string is a YAML double-quoted scalar
    return "\n".join(lines) + "\n"


def rattler_python(result):
    """`X.Y` of the python in rattler's solution, or None."""
    for package in result.get("packages") or []:
        if package["name"] == "python":
            return ".".join(package["version"].split(".")[:2])
    return None


def run_preflight(options, case, fixtures, workdir, cache_dir, result):
    env_dir = workdir / case["id"]
    env_dir.mkdir(parents=True, exist_ok=True)
    env_file = env_dir / "environment.yml"
    env_file.write_text(environment_yml(case, fixtures))
    command = [options.preflight, "check", "--format", "json"] + target_flags(case)
    python = rattler_python(result) if options.python_from_rattler else None
    if python:
        command += ["--python", python]
    command += ["--channel-priority", PRIORITY_FLAG[case.get("channel_priority", "strict")]]
    command += ["--cache-dir", str(cache_dir), str(env_file)]
    started = time.monotonic()
    try:
        process = subprocess.run(command, capture_output=True, text=True, timeout=options.timeout)
        retried = None
        if process.returncode == 2 and "--channel-priority" in process.stderr and PRIORITY_FLAG.get("strict") == "strict" \
                and case.get("channel_priority", "strict") == "strict":
            # An older preflight without the flag: strict is conda's (and preflight's) default anyway.
            index = command.index("--channel-priority")
            command = command[:index] + command[index + 2:]
            retried = "preflight does not accept --channel-priority; ran this strict case without it"
            process = subprocess.run(command, capture_output=True, text=True, timeout=options.timeout)
    except subprocess.TimeoutExpired:
        return {"command": command, "exit": None, "error": f"timed out after {options.timeout} s"}
    answer = {"command": command, "exit": process.returncode, "seconds": round(time.monotonic() - started, 2),
              "stderr": process.stderr.strip()[-4000:]}
    if retried:
        answer["note"] = retried
    if process.returncode == 2:
        answer["error"] = "preflight rejected the invocation (exit 2): " + first_lines(process.stderr, 3)
        return answer
    try:
        answer["report"] = json.loads(process.stdout)
    except json.JSONDecodeError:
        answer["error"] = f"exit {process.returncode}, stdout is not JSON: " + first_lines(process.stdout or process.stderr, 3)
    return answer


def first_lines(text, count):
    return " | ".join(line for line in text.strip().splitlines()[:count])


# --------------------------------------------------------------------------------------------
# preflight's answer


def fixture_name(url, fixtures):
    """`file:///…/fixtures/conda/index4[/linux-64/…]` -> `index4`; anything else as given."""
    if not url:
        return url
    try:
        path = Path(unquote(urlparse(url).path)).resolve()
        relative = path.relative_to(fixtures.resolve())
        return relative.parts[0] if relative.parts else url
    except (ValueError, OSError):
        return url


def preflight_verdict(answer, fixtures):
    """(verdict, detail, conda packages, unsat findings) from one preflight run."""
    if "error" in answer:
        return "unknown", answer["error"], [], []
    report = answer["report"]
    specs = report.get("specs") or []
    if not specs:
        return "unknown", f"exit {answer['exit']}: no specs in the report", [], []
    spec = specs[0]
    findings = spec.get("findings") or []
    unsat = [f for f in findings if f.get("code") in UNSAT_CODES and f.get("severity", "error") == "error"]
    resolution = spec.get("resolution") or []
    status = resolution[0].get("status") if resolution else None
    packages = []
    if resolution:
        for package in resolution[0].get("packages") or []:
            if package.get("source", "conda") != "conda":
                continue
            packages.append({"name": str(package.get("name", "")).lower(), "version": package.get("version"),
                             "build": package.get("build"), "channel": fixture_name(package.get("channel"), fixtures),
                             "filename": package.get("filename")})
    codes = sorted({f["code"] for f in unsat})
    if status == "unsatisfiable" or unsat:
        detail = f"status {status}" + (f", findings {', '.join(codes)}" if codes else "")
        return "unsatisfiable", detail, packages, unsat
    if status == "resolved":
        return "satisfiable", "status resolved", packages, unsat
    others = sorted({f.get("code") for f in findings if f.get("severity") == "error"})
    detail = f"exit {answer['exit']}, status {status or 'missing (no resolution)'}"
    if others:
        detail += f", error findings {', '.join(others)}"
    return "unknown", detail, packages, unsat


# --------------------------------------------------------------------------------------------
# Comparison


def compare_sets(rattler_packages, preflight_packages):
    ours = {p["name"].lower(): p for p in rattler_packages}
    theirs = {}
    duplicates = []
    for p in preflight_packages:
        if p["name"] in theirs:
            duplicates.append(p["name"])
        theirs[p["name"]] = p
    names = sorted(set(ours) | set(theirs))
    agree, differences, notes = 0, [], []
    for name in names:
        r, p = ours.get(name), theirs.get(name)
        if r is None:
            differences.append({"name": name, "kind": "only-preflight", "preflight": f"{p['version']} {p['build']}"})
        elif p is None:
            differences.append({"name": name, "kind": "only-rattler", "rattler": f"{r['version']} {r['build']}"})
        elif (r["version"], r["build"]) != (p["version"], p["build"]):
            differences.append({"name": name, "kind": "different", "rattler": f"{r['version']} {r['build']} ({r['channel']})",
                                "preflight": f"{p['version']} {p['build']} ({p['channel']})"})
        else:
            agree += 1
            if r["channel"] != p["channel"]:
                notes.append(f"{name}: channel {r['channel']} (rattler) vs {p['channel']} (preflight)")
            elif p.get("filename") and r["filename"] != p["filename"]:
                notes.append(f"{name}: filename {r['filename']} (rattler) vs {p['filename']} (preflight)")
    for name in duplicates:
        notes.append(f"{name}: preflight lists it more than once")
    return agree, len(names), differences, notes


def load_inputs(options):
    cases = json.loads(Path(options.cases).read_text())["cases"]
    results_doc = json.loads(Path(options.results).read_text())
    results = {r["id"]: r for r in results_doc["results"]}
    missing = [c["id"] for c in cases if c["id"] not in results]
    if missing:
        raise SystemExit(f"rattler-results.json has no result for {', '.join(missing)}: run make_rattler_results.py")
    stale = [c["id"] for c in cases if ("satisfiable" in c and c["satisfiable"] != results[c["id"]]["satisfiable"])
             or results[c["id"]].get("inputs_sha256", case_digest(c)) != case_digest(c)]
    if stale:
        raise SystemExit(f"rattler-results.json is older than cases.json for {', '.join(stale)}: run make_rattler_results.py")
    if options.case:
        unknown = sorted(set(options.case) - {c["id"] for c in cases})
        if unknown:
            raise SystemExit(f"no such case: {', '.join(unknown)}")
        cases = [c for c in cases if c["id"] in options.case]
    if options.priority:
        cases = [c for c in cases if c.get("channel_priority", "strict") in options.priority]
    return cases, results, results_doc.get("py_rattler", "?")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preflight", default=str(ROOT / ".build" / "release" / "preflight"),
                        help="the preflight binary (default: .build/release/preflight of this checkout)")
    parser.add_argument("--fixtures", default=str(DEFAULT_FIXTURES))
    parser.add_argument("--cases", default=str(HERE / "cases.json"))
    parser.add_argument("--results", default=str(HERE / "rattler-results.json"))
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--priority", action="append", choices=sorted(PRIORITY_FLAG),
                        help="only cases with this channel priority (repeatable)")
    parser.add_argument("--priority-flag", action="append", default=[], metavar="PRIORITY=VALUE",
                        help="pass --channel-priority VALUE for the cases with this priority (e.g. disabled=flexible "
                             "to see how close preflight's flexible is to rattler's Disabled); repeatable")
    parser.add_argument("--python-from-rattler", action="store_true",
                        help="diagnostic: pass --python X.Y, the python rattler installs, for the cases rattler solves "
                             "(preflight otherwise takes a spec's python pin, else 3.10, as the target's python)")
    parser.add_argument("--cache-dir", help="preflight's --cache-dir (default: a fresh temporary directory)")
    parser.add_argument("--keep", help="write the environment.yml files here and keep them")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per preflight run")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON on stdout")
    parser.add_argument("--verbose", action="store_true", help="also print the notes and preflight's findings")
    options = parser.parse_args()

    for item in options.priority_flag:
        priority, _, value = item.partition("=")
        if priority not in PRIORITY_FLAG or not value:
            print(f"--priority-flag {item!r}: expected one of {', '.join(sorted(PRIORITY_FLAG))}=VALUE", file=sys.stderr)
            return 2
        PRIORITY_FLAG[priority] = value
    fixtures = Path(options.fixtures)
    if not (fixtures / "index4" / "linux-64" / "repodata.json").exists():
        print(f"fixtures not found at {fixtures}", file=sys.stderr)
        return 2
    if not (os.path.isfile(options.preflight) and os.access(options.preflight, os.X_OK)):
        print(f"{options.preflight} is not an executable: build preflight or pass --preflight", file=sys.stderr)
        return 2
    cases, results, rattler_version = load_inputs(options)
    if not cases:
        print("no cases selected", file=sys.stderr)
        return 2

    temporary = tempfile.mkdtemp(prefix="solve-compare-")
    workdir = Path(options.keep) if options.keep else Path(temporary) / "envs"
    cache_dir = Path(options.cache_dir) if options.cache_dir else Path(temporary) / "cache"
    rows = []
    try:
        for case in cases:
            rows.append(compare_case(options, case, results[case["id"]], fixtures, workdir, cache_dir))
            if not options.json:
                print_row(rows[-1], options.verbose)
                sys.stdout.flush()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)

    summary = summarise(rows, rattler_version, options.preflight)
    if options.json:
        json.dump({"summary": summary, "cases": rows}, sys.stdout, indent=1)
        print()
    else:
        print_summary(summary)
    return 0 if summary["verdicts_agree"] == summary["cases"] else 1


def compare_case(options, case, result, fixtures, workdir, cache_dir):
    row = {"id": case["id"], "channel_priority": case.get("channel_priority", "strict"), "tags": case.get("tags", []),
           "rattler": "satisfiable" if result["satisfiable"] else "unsatisfiable"}
    try:
        answer = run_preflight(options, case, fixtures, workdir, cache_dir, result)
    except CaseError as error:
        row.update(preflight="unknown", detail=f"case not expressible: {error}", verdict_agrees=False)
        return row
    verdict, detail, packages, unsat = preflight_verdict(answer, fixtures)
    row.update(preflight=verdict, detail=detail, verdict_agrees=verdict == row["rattler"], exit=answer.get("exit"),
               seconds=answer.get("seconds"), command=" ".join(answer["command"]))
    if answer.get("note"):
        row["note"] = answer["note"]
    if unsat:
        row["findings"] = [{"code": f.get("code"), "message": first_lines(f.get("message", ""), 6)} for f in unsat]
    if result["satisfiable"] and verdict == "satisfiable":
        if not packages:
            row["records"] = {"agree": 0, "total": len(result["packages"]), "differences": [], "preflight_empty": True,
                              "notes": ["preflight's resolution lists no conda packages (is its conda solver wired in?)"]}
        else:
            agree, total, differences, notes = compare_sets(result["packages"], packages)
            row["records"] = {"agree": agree, "total": total, "differences": differences, "notes": notes}
    elif not result["satisfiable"]:
        row["rattler_error"] = first_lines(result.get("error", ""), 4)
    if verdict == "unknown" and answer.get("stderr"):
        row["stderr"] = first_lines(answer["stderr"], 5)
    return row


def print_row(row, verbose):
    mark = "ok  " if row["verdict_agrees"] else "DIFF"
    line = f"{mark} {row['id']:<48} rattler {row['rattler']:<13} preflight {row['preflight']:<13}"
    records = row.get("records")
    if records:
        line += f" records {records['agree']}/{records['total']}"
    print(line)
    if not row["verdict_agrees"]:
        print(f"       preflight: {row.get('detail')}")
        if row.get("rattler_error"):
            print(f"       rattler:   {row['rattler_error'][:300]}")
        if row.get("stderr"):
            print(f"       stderr:    {row['stderr'][:300]}")
        for finding in row.get("findings", []):
            print(f"       finding {finding['code']}: {finding['message'][:300]}")
    elif verbose:
        for finding in row.get("findings", []):
            print(f"       finding {finding['code']}: {finding['message'][:300]}")
    if records:
        for d in records["differences"]:
            if d["kind"] == "different":
                print(f"       {d['name']}: rattler {d['rattler']}, preflight {d['preflight']}")
            elif d["kind"] == "only-rattler":
                print(f"       {d['name']}: only rattler installs it ({d['rattler']})")
            else:
                print(f"       {d['name']}: only preflight installs it ({d['preflight']})")
        for note in records["notes"]:
            if verbose or note.startswith("preflight's resolution lists no conda packages"):
                print(f"       note: {note}")


def summarise(rows, rattler_version, binary):
    empty = [r["id"] for r in rows if r.get("records", {}).get("preflight_empty")]
    solved = [r for r in rows if r.get("records") and not r["records"].get("preflight_empty")]
    agree = sum(r["records"]["agree"] for r in solved)
    total = sum(r["records"]["total"] for r in solved)
    by_priority = {}
    for r in rows:
        entry = by_priority.setdefault(r["channel_priority"], {"cases": 0, "verdicts_agree": 0})
        entry["cases"] += 1
        entry["verdicts_agree"] += r["verdict_agrees"]
    return {
        "py_rattler": rattler_version,
        "preflight": binary,
        "cases": len(rows),
        "verdicts_agree": sum(r["verdict_agrees"] for r in rows),
        "verdict_disagreements": [r["id"] for r in rows if not r["verdict_agrees"]],
        "preflight_unknown": [r["id"] for r in rows if r["preflight"] == "unknown"],
        "run_without_channel_priority": [r["id"] for r in rows if r.get("note")],
        "by_priority": by_priority,
        "solved_by_both": len(solved),
        "identical_sets": sum(1 for r in solved if not r["records"]["differences"] and r["records"]["agree"]),
        "records_agree": agree,
        "records_total": total,
        "records_percent": round(100.0 * agree / total, 1) if total else None,
        "no_conda_packages_from_preflight": empty,
    }


def print_summary(s):
    print()
    print(f"verdicts: {s['verdicts_agree']}/{s['cases']} agree (py-rattler {s['py_rattler']}, {s['preflight']})")
    for priority, entry in sorted(s["by_priority"].items()):
        print(f"  {priority:<9} {entry['verdicts_agree']}/{entry['cases']}")
    if s["verdict_disagreements"]:
        print(f"  differ: {', '.join(s['verdict_disagreements'])}")
    if s["preflight_unknown"]:
        print(f"  preflight gave no verdict on: {', '.join(s['preflight_unknown'])}")
    if s["run_without_channel_priority"]:
        print(f"  preflight does not accept --channel-priority: {len(s['run_without_channel_priority'])} strict case(s) "
              f"were run without it (strict is its default)")
    if s["solved_by_both"]:
        percent = f" ({s['records_percent']} %)" if s["records_percent"] is not None else ""
        print(f"solved sets: {s['records_agree']}/{s['records_total']} records agree{percent}; "
              f"{s['identical_sets']}/{s['solved_by_both']} cases identical (name, version, build)")
    if s["no_conda_packages_from_preflight"]:
        print(f"solved sets: preflight's resolution had no conda packages in {len(s['no_conda_packages_from_preflight'])} "
              f"case(s) both call satisfiable: its conda solver is probably not wired in, so those sets were not compared")


if __name__ == "__main__":
    sys.exit(main())
