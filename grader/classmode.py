"""--class DIR: grade a whole class. Each subfolder of DIR is one
student's copy of exercises/ (or holds one as exercises/). Checks, drivers
and puzzles always come from the course's own exercises/, never from the
student's folder; nothing is written inside the students' folders. The
result is a CSV gradebook and one JSON report per student."""
from __future__ import annotations

import csv
import dataclasses
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grader import build as buildmod
from grader import checks, report, spec, submission
from grader import sandbox as sandboxmod


def student_root(folder: Path) -> Path:
    return submission.student_root(folder)[0]


def students(class_dir: Path) -> list[Path]:
    """One per folder of class_dir; a link in a folder's place is listed
    too, so that its student is told why it was refused."""
    return sorted(p for p in class_dir.iterdir()
                  if (p.is_dir() or p.is_symlink())
                  and not p.name.startswith("."))


def zero(ref: Path, settings: checks.Settings,
         why: str) -> checks.ExerciseResult:
    """An exercise that scores 0 without being built: every check fails
    with why (the one line the student and the instructor read)."""
    try:
        ex = spec.load_exercise(ref)
        if settings.hidden is not None:
            ex = spec.add_hidden(ex, settings.hidden / ref.name)
    except spec.SpecError as e:
        return checks.failed(spec.folder_id(ref.name), ref.name, ref.name, str(e))
    return checks.ExerciseResult(
        ex.id, ex.slug, ex.title, 0, ex.max_points,
        tuple(checks.CheckResult(c.name, c.kind, 0, c.points, False, why,
                                 (), c.hidden) for c in ex.checks), why)


def grade_student(who: Path, ref: Path, settings: checks.Settings,
                  private: Path) -> checks.ExerciseResult:
    """One student's exercise, from a private copy of the files they
    edited (submission.take). Whatever their folder holds, this returns
    a result: a refusal or a failure of the grader is that student's
    line in the gradebook, never the end of the class's grading."""
    try:
        root, why = submission.student_root(who)
        if not why:
            try:
                files = spec.load_exercise(ref).files
            except spec.SpecError:
                files = ()
            why = submission.take(root, ref.name, files, private)
        if why:
            return zero(ref, settings, f"refused: {why}")
        return checks.grade_folder(ref, private / ref.name, settings)
    except Exception as e:  # noqa: BLE001 (one student, not the class)
        return zero(ref, settings, f"the grader failed on this submission "
                    f"({type(e).__name__}: {e}); tell the instructor")


class Progress:
    """A bar with an ETA on stderr: redrawn on a terminal, else a line
    every tenth of the way."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.start = time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_tenth = -1
        self.lock = threading.Lock()

    def step(self) -> None:
        with self.lock:
            self.draw()

    def draw(self) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done)
        fill = 30 * self.done // max(1, self.total)
        line = (f"[{'#' * fill}{'.' * (30 - fill)}] {self.done}/{self.total}"
                f" gradings, ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        tenth = 10 * self.done // max(1, self.total)
        if self.tty:
            self.stream.write("\r" + line)
            if self.done == self.total:
                self.stream.write("\n")
        elif tenth != self.last_tenth:
            self.stream.write(line + "\n")
        self.last_tenth = tenth
        self.stream.flush()


def grade_class(repo_exercises: Path, class_dir: Path,
                settings: checks.Settings, jobs: int,
                wanted: list[str] | None = None, stream=sys.stderr
                ) -> dict[str, list[checks.ExerciseResult]]:
    """Every (student, exercise) pair, in parallel. Returns each
    student's results in exercise order."""
    # No student's program, nor the compiler on their files, may read
    # the other students' folders.
    settings = dataclasses.replace(settings,
                                   hide=(str(class_dir.resolve()),))
    refs = spec.find_exercises(repo_exercises)
    if wanted:
        ids = {spec.wanted_id(w) for w in wanted} - {""}
        refs = [r for r in refs if spec.folder_id(r.name) in ids
                or r.name in wanted]
    people = students(class_dir)
    pairs = [(s, r) for s in people for r in refs]
    bar = Progress(len(pairs), stream)

    private = Path(tempfile.mkdtemp(prefix="asyncbook-class-"))
    private.chmod(0o700)

    def one(pair: tuple[Path, Path]) -> checks.ExerciseResult:
        who, ref = pair
        r = grade_student(who, ref, settings, private / who.name)
        bar.step()
        return r

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            flat = list(pool.map(one, pairs))
    finally:
        shutil.rmtree(private, ignore_errors=True)
    out: dict[str, list[checks.ExerciseResult]] = {}
    for (who, _), r in zip(pairs, flat):
        out.setdefault(who.name, []).append(r)
    return out


def write_gradebook(results: dict[str, list[checks.ExerciseResult]],
                    output: Path) -> Path:
    """The CSV, and beside it a folder of JSON reports (one per
    student). Returns that folder."""
    output.parent.mkdir(parents=True, exist_ok=True)
    ids = [r.id for r in next(iter(results.values()), [])]
    with open(output, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", *ids, "total"])
        for who, rs in results.items():
            got, _ = report.score(rs)
            # A folder named "=cmd(...)" must not become a formula.
            safe = "'" + who if who[:1] in ("=", "+", "-", "@") else who
            w.writerow([safe, *(r.points for r in rs), got])
        if results:
            first = next(iter(results.values()))
            w.writerow(["max", *(r.max_points for r in first),
                        report.score(first)[1]])
    folder = output.with_suffix("")
    folder = folder.parent / (folder.name + "-reports")
    folder.mkdir(parents=True, exist_ok=True)
    for who, rs in results.items():
        (folder / f"{who}.json").write_text(report.to_json(rs))
    return folder


def main(repo: Path, class_dir: Path, output: str | None, jobs: int = 2,
         sandbox: bool = True, wanted: list[str] | None = None) -> int:
    if not class_dir.is_dir():
        print(f"grade.py: --class {class_dir}: not a folder", file=sys.stderr)
        return 2
    try:
        settings = checks.settings_for(repo, sandbox=sandbox)
    except buildmod.BuildError as e:
        print(f"grade.py: {e}", file=sys.stderr)
        return 2
    out = Path(output or "gradebook.csv").resolve()
    if out.is_relative_to(class_dir.resolve()):
        print("grade.py: --output must not be inside the class folder",
              file=sys.stderr)
        return 2
    if sandboxmod.notice(settings.sandbox):
        print(sandboxmod.notice(settings.sandbox))
    results = grade_class(repo / "exercises", class_dir, settings, jobs,
                          wanted)
    folder = write_gradebook(results, out)
    for who, rs in results.items():
        got, total = report.score(rs)
        print(f"{who:<24} {got:>4}/{total}")
    print(f"gradebook: {out}\nreports: {folder}/")
    return 0
