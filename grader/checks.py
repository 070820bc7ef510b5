"""Grading one exercise: build it, run it once (plus its driver and
puzzle programs), hand every check the run it needs (grader/kinds.py
judges each kind), and withhold behaviour points until the output is
right. The names other modules use from here are re-exported below."""
from __future__ import annotations

import time
from pathlib import Path

from grader import build as buildmod
from grader import kinds  # noqa: F401  (registers every kind)
from grader import redact
from grader.compare import answer_lines as _answer_lines
from grader.compare import output_lines
from grader.context import Context, Ran
from grader.registry import KINDS, CheckFn
from grader.results import CheckResult, ExerciseResult, concealed, result
from grader.settings import Settings, home_for_nobody, settings_for
from grader.spec import Exercise

__all__ = ["CheckResult", "ExerciseResult", "Settings", "settings_for",
           "home_for_nobody", "Context", "Ran", "result", "concealed",
           "output_lines", "REGISTRY", "grade", "grade_folder", "failed",
           "behaviour_needs_output", "answer_lines"]

# kind -> its function (the kinds' full declarations are in KINDS).
REGISTRY: dict[str, CheckFn] = {k: v.fn for k, v in KINDS.items()}


def answer_lines(path: Path) -> list[str]:
    """A prediction file's lines, as the predict check reads them."""
    try:
        return _answer_lines(path.read_text(errors="replace"))
    except OSError:
        return []


def behaviour_needs_output(results: tuple[CheckResult, ...]
                           ) -> tuple[CheckResult, ...]:
    """Withhold passed behaviour checks while an output check fails. How
    a program ran (its timing, its overlap, its blocking) only counts once
    what it printed is right, drivers included: an untouched stub that
    prints the wrong thing quickly, or a program that prints the expected
    lines and writes its own trace, earns nothing for its trace."""
    wrong = next((r for r in results if r.kind in KINDS
                  and KINDS[r.kind].output and not r.passed), None)
    if wrong is None:
        return results
    see = "a hidden check" if wrong.hidden else f"'{wrong.name}'"
    return tuple(
        CheckResult(r.name, r.kind, 0, r.max_points, False,
                    f"not judged yet: timing and behaviour count once the "
                    f"output is right (see {see})", (), r.hidden)
        if r.kind in KINDS and KINDS[r.kind].behaviour and r.passed else r
        for r in results)


def unusable(name: str, path: Path | None) -> str:
    """Why an edited file cannot be graded, or "". A link could make the
    grader read (and a compiler error quote) a file that is not the
    student's, so links are refused."""
    if path is None or not (path.is_file() or path.is_symlink()):
        return f"missing file: {name}"
    if path.is_symlink():
        return f"{name} is a symbolic link; only plain files are graded"
    if path.stat().st_size >= buildmod.SOURCE_LIMIT:
        return f"{name} is over {buildmod.SOURCE_LIMIT >> 10} KiB"
    return ""


def grade(ex: Exercise, files: dict[str, Path],
          settings: Settings) -> ExerciseResult:
    """Build, run and judge ex with the edited files taken from files."""
    start = time.monotonic()
    problem = next(filter(None, (unusable(n, files.get(n))
                                 for n in ex.files)), "")
    if problem:
        checks = tuple(CheckResult(c.name, c.kind, 0, c.points, False,
                                   problem, (), c.hidden)
                       for c in ex.checks)
        return ExerciseResult(ex.id, ex.slug, ex.title, 0, ex.max_points,
                              checks, problem,
                              wall=time.monotonic() - start)
    ctx = Context(ex, files, settings)
    results = behaviour_needs_output(
        tuple(KINDS[c.kind].fn(c, ctx) for c in ex.checks))
    # What the table and the logs show comes from the student's public
    # runs only (never a hidden check's, never the reference's).
    seen = {k: r for k, r in ctx.runs.items()
            if k in ctx.public and k[0] != "reference"}
    main = next((r for k, r in seen.items() if k[0] == "main"), None)
    first = main or next(iter(seen.values()), None)
    outcome = first.outcome if first else ""
    virtual = None
    log = ""
    if main and main.result:
        tr = main.result.trace
        virtual = tr.exit_time if tr else None
        log = main.result.stdout + main.result.stderr
    build_log = ""
    if first:
        build_log = first.build.errors or first.build.warnings
    # Nothing a hidden check expects reaches the student (grader/redact.py).
    results, log = redact.scrub(ex, results, log)
    return ExerciseResult(
        ex.id, ex.slug, ex.title, sum(r.points for r in results),
        ex.max_points, results, outcome, "", build_log,
        time.monotonic() - start, virtual, log,
        all(r.build.cached for r in ctx.runs.values()))


def failed(ex_id: str, slug: str, title: str, error: str) -> ExerciseResult:
    """An exercise that could not be graded at all (a bad check.toml)."""
    return ExerciseResult(ex_id, slug, title, 0, 0, (), error=error)


def grade_folder(ref: Path, work: Path, settings: Settings,
                 label: str | None = None) -> ExerciseResult:
    """Grade the exercise whose pristine folder is ref (check.toml, driver
    and puzzle programs) with the student's edited files from work."""
    from grader import spec as specmod
    try:
        ex = specmod.load_exercise(ref, label)
        if settings.hidden is not None:
            ex = specmod.add_hidden(ex, settings.hidden / ref.name)
    except specmod.SpecError as e:
        return failed(specmod.folder_id(ref.name), ref.name, ref.name, str(e))
    return grade(ex, {n: work / n for n in ex.files}, settings)
