#!/usr/bin/env python3
"""Run asyncbook's test suites one after another and total them.

Each suite's own output is shown as it runs (cmocka's and unittest's summary
lines included); then one line per suite and, last, the line
`total: N passed, M failed`, so a run that tested nothing is plain to see.

    suites.py --cmocka NAME DIR [--runner CMD]   every test_* binary in DIR
              --unittest NAME DIR                python -m unittest discover DIR
              --command NAME CMD                 a command ending with a line
                                                 "... N passed, M failed"
Exit status 0 only if every suite ran and nothing failed.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CMOCKA_PASSED = re.compile(r"^\[  PASSED  \] (\d+) test")
CMOCKA_FAILED = re.compile(r"^\[  FAILED  \] (\d+) test")
UNITTEST_RAN = re.compile(r"^Ran (\d+) tests?")
UNITTEST_FAILED = re.compile(r"^FAILED \((.*)\)")
PLAIN = re.compile(r"(\d+) passed, (\d+) failed")


@dataclass
class Tally:
    name: str
    passed: int = 0
    failed: int = 0
    broken: str = ""  # why the suite itself could not run properly


def run(cmd: list[str] | str, shell: bool = False) -> tuple[int, str]:
    """Run cmd, echoing its output live, and return (status, output)."""
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            errors="replace")
    out = []
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        out.append(line)
    return proc.wait(), "".join(out)


def cmocka(name: str, directory: str, runner: str) -> Tally:
    tally = Tally(name)
    bins = sorted(p for p in Path(directory).glob("test_*")
                  if p.is_file() and os.access(p, os.X_OK)
                  and p.suffix == "")
    if not bins:
        tally.broken = f"no test binaries in {directory}"
        return tally
    for b in bins:
        status, out = run(shlex.split(runner) + [str(b)])
        passed = sum(int(m.group(1)) for m in map(CMOCKA_PASSED.match,
                     out.splitlines()) if m)
        failed = sum(int(m.group(1)) for m in map(CMOCKA_FAILED.match,
                     out.splitlines()) if m)
        tally.passed += passed
        tally.failed += failed
        if status != 0 and failed == 0:
            tally.failed += 1
            tally.broken = f"{b.name} exited with status {status}"
    return tally


def unittest(name: str, directory: str) -> Tally:
    tally = Tally(name)
    status, out = run([sys.executable, "-m", "unittest", "discover", "-s",
                       directory, "-t", ".", "-p", "test_*.py"])
    ran = [int(m.group(1)) for m in map(UNITTEST_RAN.match,
           out.splitlines()) if m]
    bad = 0
    for m in map(UNITTEST_FAILED.match, out.splitlines()):
        if m:
            bad += sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)",
                                                  m.group(1)))
    if not ran:
        tally.broken = "unittest printed no 'Ran N tests' line"
        tally.failed = 1
        return tally
    tally.passed = ran[-1] - bad
    tally.failed = bad
    if status != 0 and bad == 0:
        tally.failed = 1
        tally.broken = f"unittest exited with status {status}"
    return tally


def command(name: str, cmd: str) -> Tally:
    tally = Tally(name)
    status, out = run(cmd, shell=True)
    found = PLAIN.findall(out)
    if not found:
        tally.failed = 1
        tally.broken = "no 'N passed, M failed' line"
        return tally
    tally.passed, tally.failed = map(int, found[-1])
    if status != 0 and tally.failed == 0:
        tally.failed = 1
        tally.broken = f"exited with status {status}"
    return tally


def main(argv: list[str]) -> int:
    tallies: list[Tally] = []
    runner = ""
    i = 0
    while i < len(argv):
        opt = argv[i]
        if opt == "--runner":
            runner = argv[i + 1]
            i += 2
            continue
        if opt not in ("--cmocka", "--unittest", "--command") or \
                i + 2 >= len(argv):
            print(f"suites.py: unexpected argument {opt!r}; see --help",
                  file=sys.stderr)
            return 2
        name, arg = argv[i + 1], argv[i + 2]
        print(f"\n==== {name} ====", flush=True)
        if opt == "--cmocka":
            tallies.append(cmocka(name, arg, runner))
        elif opt == "--unittest":
            tallies.append(unittest(name, arg))
        else:
            tallies.append(command(name, arg))
        i += 3
    print()
    for t in tallies:
        note = f"  ({t.broken})" if t.broken else ""
        print(f"{t.name}: {t.passed} passed, {t.failed} failed{note}")
    passed = sum(t.passed for t in tallies)
    failed = sum(t.failed for t in tallies)
    print(f"total: {passed} passed, {failed} failed")
    ok = failed == 0 and passed > 0 and not any(t.broken for t in tallies)
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
