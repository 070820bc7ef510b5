#!/usr/bin/env python3
"""determinism.py: grading a solution gives the same verdict and prints the
same virtual times every time, whatever the machine is doing.

Each solution is graded as grade.py grades it (built with AddressSanitizer
and UBSan, run under the virtual clock and debug mode), several times, two
gradings at once so that the machine is loaded, and every grading must
agree with the first: the points and message of every check, how the run
ended, its virtual time and all it printed.

    python3 grader/determinism.py               every solution, 10 gradings
                                                (make determinism)
    python3 grader/determinism.py --sample 8 --runs 4
                                                8 solutions drawn from
                                                today's date, 4 gradings
                                                (make test)
    python3 grader/determinism.py --seed S ...  the sample of seed S
    python3 grader/determinism.py 26 47         these exercises only

One line per exercise, then `determinism: N passed, M failed`.
"""
from __future__ import annotations

import argparse
import datetime
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader import build as buildmod  # noqa: E402
from grader import checks, spec  # noqa: E402

AT_ONCE = 2  # gradings that run together: the load of two graders


def fingerprint(r: checks.ExerciseResult) -> dict[str, Any]:
    """What must not change from one grading to the next: the verdicts
    and what the run printed (real seconds and the cache may)."""
    return {
        "passed": r.passed,
        "points": r.points,
        "outcome": r.outcome,
        "error": r.error,
        "checks": [(c.name, c.passed, c.points, c.message, c.details)
                   for c in r.checks],
        "virtual time": r.virtual,
        "output": r.log,
    }


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Each field where b differs from a, with the first line that does."""
    out = []
    for key in a:
        if a[key] == b[key]:
            continue
        x, y = str(a[key]).splitlines(), str(b[key]).splitlines()
        i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q),
                 min(len(x), len(y)))
        got = (x[i] if i < len(x) else "(nothing)")[:100]
        then = (y[i] if i < len(y) else "(nothing)")[:100]
        out.append(f"{key}, line {i + 1}: {got!r} then {then!r}")
    return out


def grade_once(folders: list[Path], solutions: Path,
               settings: checks.Settings,
               jobs: int) -> dict[str, dict[str, Any]]:
    """One grading of each folder's solution, as grade.py --solutions
    does it (jobs exercises at once)."""
    def one(ref: Path) -> tuple[str, dict[str, Any]]:
        r = checks.grade_folder(ref, solutions / ref.name, settings)
        return ref.name, fingerprint(r)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, folders))


def check(folders: list[Path], solutions: Path, settings: checks.Settings,
          runs: int, jobs: int, out: TextIO = sys.stdout) -> tuple[int, int]:
    """Grade the solution of every exercise folder runs times, AT_ONCE
    gradings at a time, and print one line per exercise (more for one
    that fails). Returns (passed, failed)."""
    gradings: list[dict[str, dict[str, Any]]] = []
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        while len(gradings) < runs:
            n = min(AT_ONCE, runs - len(gradings))
            gradings += pool.map(lambda _: grade_once(
                folders, solutions, settings, jobs), range(n))
    passed = failed = 0
    for ref in folders:
        first = gradings[0][ref.name]
        bad = [(i, d) for i, g in enumerate(gradings[1:], 2)
               if (d := differences(first, g[ref.name]))]
        if not bad and first["passed"]:
            passed += 1
            print(f"ok   {ref.name}: {runs} gradings agree "
                  f"(virtual time {first['virtual time']})", file=out,
                  flush=True)
            continue
        failed += 1
        if not first["passed"]:
            print(f"FAIL {ref.name}: the solution does not pass: "
                  f"{first['outcome'] or first['error'] or first['points']}",
                  file=out, flush=True)
        for i, diffs in bad[:3]:
            print(f"FAIL {ref.name}: grading {i} differs from grading 1: "
                  + "; ".join(diffs), file=out, flush=True)
    return passed, failed


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="determinism.py", description=(
        "Grade the solutions several times, two gradings at once, and "
        "check that every grading agrees."))
    p.add_argument("exercise", nargs="*", help="numbers or names "
                   "(default: every exercise)")
    p.add_argument("--runs", type=int, default=10, metavar="N",
                   help="gradings of each solution (default 10)")
    p.add_argument("--sample", type=int, default=0, metavar="K",
                   help="only K exercises, drawn with --seed")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="which sample (default: today's date, so that "
                        "make test checks other exercises each day)")
    p.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                   help="exercises at once within one grading (default 2)")
    return p.parse_args(argv)


def choose(args: argparse.Namespace) -> list[Path]:
    folders = spec.find_exercises(REPO / "exercises")
    if args.exercise:
        from grader.grade import select
        folders = select(folders, args.exercise)
    if args.sample and args.sample < len(folders):
        seed = args.seed if args.seed is not None else \
            datetime.date.today().toordinal()
        folders = sorted(random.Random(seed).sample(folders, args.sample))
        print(f"determinism: a sample of {args.sample} (--seed {seed}): "
              + " ".join(f.name[:2] for f in folders), flush=True)
    return folders


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.runs < 2:
        print("determinism.py: --runs must be at least 2 (one grading "
              "has nothing to agree with)", file=sys.stderr)
        return 2
    if not (REPO / "solutions").is_dir():
        print("determinism: no solutions/ folder here (a student's copy "
              "of the course), so there is nothing to check")
        print("determinism: 0 passed, 0 failed")
        return 0
    folders = choose(args)
    try:
        settings = checks.settings_for(REPO)
    except buildmod.BuildError as e:
        print(f"determinism: {e}\ndeterminism: 0 passed, 1 failed")
        return 1
    passed, failed = check(folders, REPO / "solutions", settings, args.runs,
                           max(1, args.jobs))
    print(f"determinism: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
