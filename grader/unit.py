"""The `unit` check kind: a lab's tests (a C file on grader/unit.h, the
harness that runs each test in a child process and prints one verdict
line per test) built with the student's files, run once per grading,
and judged by the verdicts of the tests the check names.

    [       OK ] test_name
    [  FAILED  ] test_name: tests.c:40: x is 3, expected 4
    [==========] tests: 12 test(s) run: 11 passed, 1 failed

A check passes when each of its tests has exactly one verdict, OK, and
the harness printed its closing line (it ran to its end). A test with no
verdict "did not run" (the program died before it); two verdicts mean a
line printed outside the harness looks like one, and fail. What this can
be trusted for: grader/INSTRUCTORS.md, "Labs"."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from grader.context import Context
from grader.results import CheckResult, result
from grader.spec import Check

RUN = re.compile(r"^\[ RUN      \] (\w+)$")
OK = re.compile(r"^\[       OK \] (\w+)$")
FAILED = re.compile(r"^\[  FAILED  \] (\w+): (.*)$")
SKIPPED = re.compile(r"^\[  SKIPPED \] (\w+)$")
END = re.compile(r"^\[==========\] .*: (\d+) test\(s\) run: (\d+) passed, "
                 r"(\d+) failed$")
# Lines of a failing test's own output shown under its verdict.
SHOWN = 12


@dataclass
class Verdicts:
    """What the harness printed: each test's verdicts ("" for OK, else
    why it failed), each test's own output, whether it reached its end."""
    said: dict[str, list[str]] = field(default_factory=dict)
    output: dict[str, list[str]] = field(default_factory=dict)
    ended: bool = False


def parse(stdout: str) -> Verdicts:
    v = Verdicts()
    current = ""
    for line in stdout.splitlines():
        line = line.rstrip()
        if m := RUN.match(line):
            current = m.group(1)
            v.output.setdefault(current, [])
        elif m := OK.match(line):
            v.said.setdefault(m.group(1), []).append("")
        elif m := FAILED.match(line):
            v.said.setdefault(m.group(1), []).append(m.group(2))
        elif m := SKIPPED.match(line):
            v.said.setdefault(m.group(1), []).append(
                "skipped (skip() in the test)")
        elif END.match(line):
            v.ended = True
        elif line.startswith("    | ") and current:
            v.output[current].append(line[6:])
    return v


def why_failed(said: list[str], stopped: str) -> str:
    """Why a test with these verdicts did not pass, or "" if it did."""
    if not said:
        return f"did not run ({stopped})"
    if len(said) > 1:
        return (f"has {len(said)} verdicts: a line printed outside the "
                "harness looks like one, so none counts")
    return said[0]


def judge(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.unit(c)
    if ran.result is None:  # it did not build
        details = ["    " + l for l in ran.build.errors.splitlines()]
        return result(c, False, ran.outcome, details)
    v = parse(ran.result.stdout)
    problem = ran.outcome
    stopped = (f"the test program stopped before it: {problem}" if problem
               else "the test program stopped before it")
    failing = [(n, why) for n in c.tests
               if (why := why_failed(v.said.get(n, []), stopped))]
    if not failing:
        if v.ended and not problem:
            return result(c, True)
        return result(c, False, "the test program stopped before its end"
                      + (f": {problem}" if problem else " (its closing "
                         "line is missing)"))
    first, why = failing[0]
    msg = (f"{len(failing)} of {len(c.tests)} test(s) failed: "
           f"{first}: {why}")
    if all(w.startswith("not done yet") for _, w in failing):
        # An unfinished lab: where to start, not the rule it breaks.
        msg = (f"{why} (reached by {first}; {len(failing)} of "
               f"{len(c.tests)} test(s) failed)")
        c = dataclasses.replace(c, message="")
    details: list[str] = []
    for name, why in failing:
        details.append(f"  [  FAILED  ] {name}: {why}")
        # Its own output, less the line its verdict already quotes.
        out = [l for l in v.output.get(name, []) if l not in why]
        details += [f"      | {l}" for l in out[:SHOWN]]
        if len(out) > SHOWN:
            details.append(f"      | ... ({len(out) - SHOWN} more lines)")
    return result(c, False, msg, details)
