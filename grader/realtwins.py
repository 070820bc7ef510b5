#!/usr/bin/env python3
"""Run some lessons' asyncio twins under real CPython, not the virtual clock.

lessons.py runs every twin under grader/vclock.py, where time is exact.
lessons/README.md also promises that `python3 lessons/NN/NAME.py` run for
real prints the same lines. For the twins that print times, that holds
only modulo jitter: a real loop wakes a little late, and the lateness adds
up along a chain of sleeps. This check runs those twins for real and
compares with NAME.expected:

  - every line, with its times masked, must be an expected line;
  - every time may be off by at most TOLERANCE seconds;
  - lines whose expected times are within TOLERANCE of each other may come
    in either order (a real machine can swap events that close).

    python3 grader/realtwins.py [-v]

Ends with `real twins: N passed, M failed`. A real run is noisy, so a twin
that fails is run once more before it counts as failed.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# twins that print loop times: run them for real
LESSONS = ["24-capstone", "25-waiting-first", "26-errors-in-tasks",
           "27-structured-concurrency"]
TOLERANCE = 0.15            # seconds a real time may differ by
TIMEOUT = 60                # real seconds per twin
TIME = re.compile(r"\b(\d+\.\d+) s\b")


def masked(line: str) -> tuple[str, list[float]]:
    """A line with its times replaced by '#', and the times."""
    times = [float(t) for t in TIME.findall(line)]
    return TIME.sub("# s", line), times


def groups(lines: list[str]) -> list[list[str]]:
    """Consecutive expected lines whose first times lie within TOLERANCE of
    the group's first line: their order is not certain on a real clock."""
    out: list[list[str]] = []
    first: float | None = None
    for line in lines:
        _, times = masked(line)
        t = times[0] if times else None
        if out and t is not None and first is not None \
                and t - first <= TOLERANCE:
            out[-1].append(line)
        else:
            out.append([line])
            first = t
    return out


def close(a: str, b: str) -> bool:
    """a and b are the same line, their times within TOLERANCE."""
    ma, ta = masked(a)
    mb, tb = masked(b)
    return ma == mb and len(ta) == len(tb) and \
        all(abs(x - y) <= TOLERANCE for x, y in zip(ta, tb))


def compare(expected: list[str], got: list[str]) -> str | None:
    """None if got matches expected modulo jitter, else what differs."""
    if len(got) != len(expected):
        return f"{len(got)} lines, expected {len(expected)}"
    i = 0
    for group in groups(expected):
        chunk = got[i:i + len(group)]
        left = list(group)
        for line in chunk:
            match = next((e for e in left if close(e, line)), None)
            if match is None:
                return (f"line {i + 1}: got {line!r}, expected one of "
                        f"{left!r} (times within {TOLERANCE} s)")
            left.remove(match)
        i += len(group)
    return None


def run_twin(py: Path) -> str | None:
    """Runs py for real; None if it matches, else why not."""
    expected_file = py.with_suffix(".py.expected")
    if not expected_file.exists():
        expected_file = py.with_suffix(".expected")
    expected = expected_file.read_text().splitlines()
    why: str | None = "not run"
    for _ in range(2):      # a real run is noisy: one retry
        try:
            r = subprocess.run([sys.executable, str(py)], cwd=py.parent,
                               capture_output=True, text=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            why = f"still running after {TIMEOUT} s"
            continue
        if r.returncode != 0:
            why = f"exit status {r.returncode}: {r.stderr.strip()[-300:]}"
            continue
        why = compare(expected, r.stdout.splitlines())
        if why is None:
            return None
    return why


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", action="store_true", help="show every twin")
    args = ap.parse_args(argv)
    twins = sorted(p for lesson in LESSONS
                   for p in (ROOT / "lessons" / lesson).glob("*.py"))
    # The twins mostly sleep: running them side by side costs little CPU.
    with concurrent.futures.ThreadPoolExecutor(len(twins) or 1) as pool:
        results = list(pool.map(run_twin, twins))
    failed = 0
    for py, why in zip(twins, results):
        label = f"{py.parent.name}/{py.stem}"
        if why is None:
            print(f"ok   {label} (asyncio twin, real clock)")
        else:
            failed += 1
            print(f"FAIL {label} (asyncio twin, real clock): {why}")
    print(f"real twins: {len(twins) - failed} passed, {failed} failed")
    return 0 if twins and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
