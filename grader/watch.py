"""--watch: grade once, then re-grade an exercise each time one of its
edited files is saved, with a progress bar of exercises done. It polls
file times and sizes (no inotify), so it works on WSL and network file
systems too."""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader import checks, report, sandbox, spec

POLL = 0.25  # seconds between looks at the files


def signature(folder: Path, names: tuple[str, ...]) -> tuple:
    """What changes when any edited file is saved (or replaced)."""
    out = []
    for n in names:
        try:
            st = os.stat(folder / n)
            out.append((n, st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append((n, 0, -1, 0))
    return tuple(out)


@dataclass
class Watcher:
    """The exercises watched, their last signatures and results."""
    folders: list[Path]
    work: Path
    settings: checks.Settings
    seen: dict[str, tuple] = field(default_factory=dict)
    results: dict[str, checks.ExerciseResult] = field(default_factory=dict)

    def files_of(self, ref: Path) -> tuple[str, ...]:
        try:
            return spec.load_exercise(ref).files
        except spec.SpecError:
            return ()

    def snapshot(self, ref: Path) -> tuple:
        return signature(self.work / ref.name, self.files_of(ref)) + \
            signature(ref, ("check.toml",))

    def grade(self, ref: Path) -> checks.ExerciseResult:
        self.seen[ref.name] = self.snapshot(ref)
        r = checks.grade_folder(ref, self.work / ref.name, self.settings)
        self.results[ref.name] = r
        return r

    def changed(self) -> list[Path]:
        """The exercises whose files changed since they were graded."""
        return [f for f in self.folders
                if self.seen.get(f.name) != self.snapshot(f)]

    def progress(self, width: int = 30) -> str:
        done = sum(r.passed for r in self.results.values())
        total = len(self.folders)
        fill = round(width * done / total) if total else width
        return f"[{'#' * fill}{'.' * (width - fill)}] {done}/{total} done"


def main(folders: list[Path], work: Path, settings: checks.Settings,
         st: report.Style, wanted: list[str],
         cycles: int | None = None, jobs: int = 2) -> int:
    """Watch until interrupted (or for `cycles` polls, for tests)."""
    if sandbox.notice(settings.sandbox):
        print(st.dim(sandbox.notice(settings.sandbox)))
    w = Watcher(folders, work, settings)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        first = list(pool.map(w.grade, folders))
    for f, r in zip(folders, first):
        if len(folders) == 1:
            print(report.verbose(r, str(work / f.name), st))
        else:
            print(report.table_line(r, st))
    print(w.progress())
    print(f"watching {len(folders)} exercise(s); save a file to re-grade, "
          "Ctrl-C to stop", flush=True)
    n = 0
    try:
        while cycles is None or n < cycles:
            n += 1
            time.sleep(POLL)
            for f in w.changed():
                start = time.monotonic()
                r = w.grade(f)
                print(f"\n--- {time.strftime('%H:%M:%S')} {f.name} changed, "
                      f"re-graded in {time.monotonic() - start:.2f} s")
                print(report.verbose(r, str(work / f.name), st))
                print(w.progress(), flush=True)
    except KeyboardInterrupt:
        print(file=sys.stderr)
    return 0 if all(r.passed for r in w.results.values()) else 1
