#!/usr/bin/env python3
"""The runtime's reading budget: a student reads its core in one evening.

    budget.py           check runtime/*.[chS] (tests and benchmarks aside)

The core (the switch, tasks, the loop, timers, futures, sleep and gather,
the files lesson 16 walks through) stays under 1,000 lines; the whole
runtime under 6,000; no file over 500, so that each is one idea a student
can hold at once. Lines are counted as `wc -l` counts them, comments and
all: a comment is read too. Ends with `budget: N passed, M failed`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ("switch_x86_64.S", "task.c", "loop.c", "timer.c", "future.c",
        "sleep.c", "gather.c")
FILE_MAX, CORE_MAX, WHOLE_MAX = 500, 999, 5999


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n")


def check(runtime: Path) -> list[tuple[str, str | None]]:
    """(what was checked, None or why it fails), one per file, then the
    core and the whole."""
    files = sorted(p for ext in ("c", "h", "S") for p in runtime.glob(f"*.{ext}"))
    count = {p.name: lines(p) for p in files}
    out: list[tuple[str, str | None]] = []
    for name, n in count.items():
        out.append((name, None if n <= FILE_MAX else
                    f"runtime/{name} has {n} lines, over the {FILE_MAX} a "
                    "file may have: split it by concept, or say the same "
                    "in fewer lines"))
    missing = [n for n in CORE if n not in count]
    core = sum(count.get(n, 0) for n in CORE)
    if missing:
        why: str | None = (f"the core's files {missing} are gone: update "
                           "CORE in grader/budget.py")
    else:
        why = None if core <= CORE_MAX else (
            f"the core ({', '.join(CORE)}) has {core} lines, over "
            f"{CORE_MAX}: it must stay readable in one evening")
    out.append(("core", why))
    whole = sum(count.values())
    if not files:
        out.append(("whole", f"no runtime sources in {runtime}"))
    else:
        out.append(("whole", None if whole <= WHOLE_MAX else
                    f"the runtime has {whole} lines in {len(files)} files, "
                    f"over {WHOLE_MAX}: say the same in fewer lines, or "
                    "move what is not the runtime's out of runtime/"))
    return out


def main(argv: list[str]) -> int:
    runtime = Path(argv[1]) if len(argv) > 1 else ROOT / "runtime"
    results = check(runtime)
    for _, why in results:
        if why:
            print(f"FAIL {why}")
    bad = sum(1 for _, why in results if why)
    print(f"budget: {len(results) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
