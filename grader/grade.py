#!/usr/bin/env python3
"""grade.py: build, run and judge the workbook's exercises.

    python3 grader/grade.py              every exercise: a table, Score: N/M,
                                         then the next exercise to do
    python3 grader/grade.py 07           one exercise (number or name), in full
    python3 grader/grade.py --hint 07    the next hint for exercise 07
    python3 grader/grade.py --watch      re-grade on every save
    python3 grader/grade.py --self-check solutions pass, stubs and wrong
                                         answers fail (make test)
    python3 grader/grade.py --checks DIR add the hidden checks of
                                         DIR/NN-name/check.toml
    python3 grader/grade.py --format autolab   Autolab's score line last

grader/README.md documents every option, check.toml and the JSON report.
Exit status 0 only at full marks."""
import sys

if sys.version_info < (3, 11):
    print(f"grade.py needs Python 3.11 or newer (this is "
          f"{sys.version.split()[0]}); install one, e.g. "
          "'sudo apt-get install python3.11' or, on macOS, "
          "'brew install python@3.12', then run it with that python3.",
          file=sys.stderr)
    sys.exit(2)

import argparse
import dataclasses
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader import build as buildmod  # noqa: E402
from grader import checks, report, sandbox, spec  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="grade.py", description="Grade the asyncbook exercises.",
        epilog="Exit status: 0 at full marks, 1 short of them, 2 on a "
               "usage or set-up error.")
    p.add_argument("exercise", nargs="*",
                   help="exercise numbers or names (default: all)")
    p.add_argument("--hint", metavar="N",
                   help="show the next hint for exercise N")
    p.add_argument("--list", action="store_true",
                   help="list the exercises")
    p.add_argument("--watch", action="store_true",
                   help="re-grade the exercise being edited on every save")
    p.add_argument("--dir", metavar="PATH",
                   help="grade this copy of exercises/ instead")
    p.add_argument("--solutions", action="store_true",
                   help="grade solutions/ with the exercises' checks")
    p.add_argument("--files-from", metavar="DIR",
                   help="take the edited files from DIR (a student's "
                        "exercises/), the checks from exercises/")
    p.add_argument("--format", choices=["text", "json", "gradescope",
                                        "junit", "autolab"], default="text")
    p.add_argument("--checks", metavar="DIR",
                   help="add the hidden checks of DIR/NN-name/check.toml")
    p.add_argument("--max-timeout", type=float, default=0.0, metavar="S",
                   help="give no run more than S real seconds")
    p.add_argument("--output", metavar="FILE",
                   help="write the --format report (or the class "
                        "gradebook CSV) here")
    p.add_argument("--real-time", action="store_true",
                   help="run on the real clock (elapsed checks get "
                        "0.25 s of slack)")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="grade N exercises at once (default: up to 4)")
    p.add_argument("--color", choices=["auto", "always", "never"],
                   default="auto")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="every exercise in full, compiler warnings too")
    p.add_argument("--class", dest="class_dir", metavar="DIR",
                   help="grade every student folder in DIR")
    p.add_argument("--self-check", action="store_true",
                   help="solutions pass, stubs and wrong variants fail")
    p.add_argument("--no-sandbox", action="store_true",
                   help=argparse.SUPPRESS)
    return p.parse_args(argv)


def select(folders: list[Path], wanted: list[str]) -> list[Path]:
    """The folders named by number ("7", "07") or by name."""
    if not wanted:
        return folders
    out = []
    for w in wanted:
        hits = [f for f in folders if matches(f, w)]
        if not hits:
            raise SystemExit(f"grade.py: no exercise '{w}' (try --list)")
        out += [h for h in hits if h not in out]
    return out


def matches(folder: Path, word: str) -> bool:
    w = word.strip().rstrip("/").split("/")[-1].lower()
    fid = spec.folder_id(folder.name)
    slug = folder.name[len(fid) + 1:]
    if spec.wanted_id(w):
        return fid == spec.wanted_id(w)
    return w == folder.name or w == slug or (len(w) >= 3 and w in slug)


def roots(args: argparse.Namespace) -> tuple[Path, Path]:
    """(where the checks come from, where the edited files are)."""
    ref = Path(args.dir).resolve() if args.dir else REPO / "exercises"
    if args.files_from:
        return ref, Path(args.files_from).resolve()
    return ref, (REPO / "solutions" if args.solutions else ref)


def rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


def grade_all(folders: list[Path], work: Path, settings: checks.Settings,
              jobs: int, copy: bool = False
              ) -> Iterator[checks.ExerciseResult]:
    """The results in exercise order, each as soon as it and those
    before it are done (so the table grows while grading goes on).
    With copy (--files-from), the edited files are first copied out of
    work, refusing links and special files (grader/submission.py)."""
    import shutil
    import tempfile
    from grader import classmode, submission
    taken = Path(tempfile.mkdtemp(prefix="asyncbook-files-")) if copy \
        else None

    def one(f: Path) -> checks.ExerciseResult:
        folder = work
        if taken is not None:
            try:
                files = spec.load_exercise(f).files
            except spec.SpecError:
                files = ()
            why = submission.take(work, f.name, files, taken)
            if why:
                return classmode.zero(f, settings, f"refused: {why}")
            folder = taken
        return checks.grade_folder(f, folder / f.name, settings,
                                   label=rel(f / "check.toml"))
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            yield from pool.map(one, folders)
    finally:
        if taken is not None:
            shutil.rmtree(taken, ignore_errors=True)


def keep_logs(results: list[checks.ExerciseResult]) -> None:
    """build/grade/<exercise>.out holds a failing run's output."""
    d = REPO / "build" / "grade"
    d.mkdir(parents=True, exist_ok=True)
    for r in results:
        out = d / f"{r.slug}.out"
        if r.passed:
            out.unlink(missing_ok=True)
        else:
            out.write_text(r.log or r.report())


def next_up(results: list[checks.ExerciseResult], ref: Path,
            work: Path, total: int | None = None) -> str:
    """The next exercise to do; when all pass, how many of how many (a
    subset passing is not every exercise passing)."""
    for r in results:
        if r.passed:
            continue
        try:
            ex = spec.load_exercise(ref / r.slug)
        except spec.SpecError:
            return f"Next: {r.slug}: fix its check.toml first"
        path = rel(work / r.slug / ex.files[0])
        return (f"Next: exercise {r.id}, {ex.title}: {path}\n"
                f"  Hint: {ex.hints[0]}\n"
                f"  (more: python3 grader/grade.py --hint {r.id})")
    total = len(results) if total is None else total
    if len(results) < total:
        return (f"All {len(results)} exercise(s) graded here pass "
                f"({len(results)} of {total}); grade them all with "
                "python3 grader/grade.py")
    return f"Every exercise passes ({total} of {total}). Well done!"


def show_hint(folders: list[Path], which: str) -> int:
    target = select(folders, [which])[0]
    ex = spec.load_exercise(target)
    state = os.environ.get("ASYNCBOOK_GRADE_STATE")
    state_file = (Path(state) if state else REPO / "build" / "grade") \
        / "hints.json"
    try:
        seen = json.loads(state_file.read_text())
    except (OSError, ValueError):
        seen = {}
    n = min(int(seen.get(ex.slug, 0)) + 1, len(ex.hints))
    seen[ex.slug] = n
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(seen, indent=1) + "\n")
    print(f"{ex.id} {ex.title}")
    for i, h in enumerate(ex.hints[:n], 1):
        mark = "  " if i < n else "> "
        print(f"{mark}Hint {i}/{len(ex.hints)}: {h}")
    if n == len(ex.hints):
        print("That was the last hint; the lesson "
              f"lessons/{ex.lesson}/ has the rest.")
    return 0


def show_list(folders: list[Path]) -> int:
    for f in folders:
        try:
            ex = spec.load_exercise(f, rel(f / "check.toml"))
            print(f"{ex.id}  {ex.title:<34} {ex.max_points:>3} pts  "
                  f"lesson {ex.lesson}  {rel(f / ex.files[0])}")
        except spec.SpecError as e:
            print(f"{spec.folder_id(f.name) or f.name}  {e}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.no_sandbox:
        # Through the environment, so every report's notice says so.
        os.environ[sandbox.NO_SANDBOX] = "1"
    if args.checks:
        hidden = Path(args.checks).resolve()
        if not hidden.is_dir():
            print(f"grade.py: --checks {args.checks}: not a folder",
                  file=sys.stderr)
            return 2
        # Through the environment, so every mode's settings see them.
        os.environ["ASYNCBOOK_CHECKS"] = str(hidden)
    if args.self_check and not (REPO / "solutions").is_dir():
        # A student's copy of the course has no solutions to check.
        print("self-check: no solutions/ folder here (a student's copy "
              "of the course), so there is nothing to check")
        print("self-check: 0 passed, 0 failed")
        return 0
    if args.self_check and args.exercise:
        return self_check_some(args)
    if args.self_check:
        from grader import selfcheck
        return selfcheck.main(REPO, jobs=args.jobs or default_jobs(),
                              sandbox=not args.no_sandbox)
    if args.class_dir:
        from grader import classmode
        return classmode.main(REPO, Path(args.class_dir), args.output,
                              jobs=args.jobs or default_jobs(),
                              sandbox=not args.no_sandbox,
                              wanted=args.exercise)
    ref, work = roots(args)
    folders = spec.find_exercises(ref)
    if not folders:
        print(f"grade.py: no exercises in {rel(ref)}/", file=sys.stderr)
        return 2
    if args.list:
        return show_list(folders)
    if args.hint:
        return show_hint(folders, args.hint)
    chosen = select(folders, args.exercise)
    try:
        settings = checks.settings_for(REPO, virtual=not args.real_time,
                                       sandbox=not args.no_sandbox)
        if args.max_timeout > 0:
            settings = dataclasses.replace(settings,
                                           max_timeout=args.max_timeout)
    except buildmod.BuildError as e:
        print(f"grade.py: {e}", file=sys.stderr)
        return 2
    st = report.Style(report.want_color(args.color))
    if args.watch:
        from grader import watch
        return watch.main(chosen, work, settings, st, args.exercise,
                          jobs=args.jobs or default_jobs())
    return grade_and_report(args, chosen, ref, work, settings, st)


def self_check_some(args: argparse.Namespace) -> int:
    """--self-check 33: the self-check of the exercises named only (a new
    exercise's author need not wait for every other one)."""
    import shutil
    import tempfile
    from grader import selfcheck
    chosen = select(spec.find_exercises(REPO / "exercises"), args.exercise)
    try:
        settings = checks.settings_for(REPO, sandbox=not args.no_sandbox)
    except buildmod.BuildError as e:
        print(f"self-check: {e}\nself-check: 0 passed, 1 failed")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="asyncbook-selfcheck-"))
    try:
        tmp.chmod(0o755)   # the compiler may run as nobody
        for f in chosen:
            shutil.copytree(f, tmp / f.name)
        passed, failed = selfcheck.run(tmp, REPO / "solutions", settings,
                                       args.jobs or default_jobs())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"self-check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def grade_and_report(args: argparse.Namespace, chosen: list[Path],
                     ref: Path, work: Path, settings: checks.Settings,
                     st: report.Style) -> int:
    text = args.format == "text" or bool(args.output)
    one = len(chosen) == 1 and bool(args.exercise)
    loud = text and not one and not args.verbose

    results = []
    if text and sandbox.notice(settings.sandbox):
        print(st.dim(sandbox.notice(settings.sandbox)), flush=True)
    for r in grade_all(chosen, work, settings, args.jobs or default_jobs(),
                       bool(args.files_from)):
        results.append(r)
        if text and (one or args.verbose):
            # One exercise graded (make grade EX=NN): its compiler
            # warnings too, since they point at bugs.
            print(report.verbose(r, rel(work / r.slug), st,
                                 show_warnings=True), flush=True)
        elif text:
            print(report.table_line(r, st), flush=True)
    if not (args.solutions or args.files_from or args.dir):
        keep_logs(results)
    if text:
        got, total = report.score(results)
        print(st.bold(f"Score: {got}/{total}"))
        if loud or (args.verbose and len(results) > 1):
            print(next_up(results, ref, work,
                          len(spec.find_exercises(ref))))
    if args.format != "text":
        report.write(report.FORMATS[args.format](results), args.output)
    got, total = report.score(results)
    return 0 if got == total and all(r.passed for r in results) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `grade.py --list | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
