"""The course's own test (make test): for every exercise, the solution
passes at full marks, the untouched stub fails, and every typical mistake
in solutions/NN-name/wrong/ fails with the phrase its wrong.toml expects.
One line per case, then `self-check: N passed, M failed`."""
from __future__ import annotations

import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from grader import build as buildmod
from grader import checks, patch, spec


@dataclass(frozen=True)
class Case:
    label: str       # "07 solution", "07 stub", "07 wrong/sequential.c"
    passed: bool
    note: str        # why it failed, or what it showed


def cases_for(ref: Path, sol: Path, settings: checks.Settings
              ) -> list[Callable[[], Case]]:
    """The cases of one exercise, as functions to run (in parallel)."""
    label = spec.folder_id(ref.name)
    try:
        ex = spec.load_exercise(ref)
    except spec.SpecError as e:
        err = str(e)
        return [lambda: Case(f"{label} check.toml", False, err)]
    out: list[Callable[[], Case]] = [
        lambda: solution_case(ex, sol, settings),
        lambda: stub_case(ex, settings)]
    wrong = sol / "wrong"
    try:
        variants = spec.load_variants(wrong)
    except spec.SpecError as e:
        err = str(e)
        out.append(lambda: Case(f"{label} wrong/", False, err))
        return out
    for v in variants:
        out.append(lambda v=v: variant_case(ex, sol, v, settings))
    return out


def solution_files(ex: spec.Exercise, sol: Path) -> dict[str, Path]:
    return {n: sol / n for n in ex.files}


def solution_case(ex: spec.Exercise, sol: Path,
                  settings: checks.Settings) -> Case:
    r = checks.grade(ex, solution_files(ex, sol), settings)
    why = "" if r.passed else first_line(r.report())
    return Case(f"{ex.id} solution", r.passed,
                f"{r.points}/{r.max_points}" + (f": {why}" if why else ""))


def stub_case(ex: spec.Exercise, settings: checks.Settings) -> Case:
    r = checks.grade(ex, {n: ex.path / n for n in ex.files}, settings)
    ok = r.points < r.max_points
    note = f"{r.points}/{r.max_points}"
    return Case(f"{ex.id} stub", ok,
                note + ("" if ok else ": the untouched stub passes"))


def variant_case(ex: spec.Exercise, sol: Path, v: spec.Variant,
                 settings: checks.Settings) -> Case:
    files = solution_files(ex, sol)
    # The variant replaces the first edited file under that file's own
    # name, so compiler and TODO messages read as the student's would.
    tmp = Path(tempfile.mkdtemp(prefix="asyncbook-variant-"))
    try:
        (tmp / ex.files[0]).write_text(patch.materialize(
            sol / "wrong" / v.file, sol / ex.files[0]), encoding="utf-8")
        files[ex.files[0]] = tmp / ex.files[0]
        r = checks.grade(ex, files, settings)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    label = f"{ex.id} wrong/{v.file}"
    if r.passed:
        return Case(label, False, f"passes ({v.mistake}) but must fail")
    text = r.report()
    if v.expect not in text:
        return Case(label, False, f"fails, but without '{v.expect}': "
                    + first_line(text))
    return Case(label, True, f"{r.points}/{r.max_points}, says '{v.expect}'")


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:100]
    return ""


def run(ref_root: Path, sol_root: Path, settings: checks.Settings,
        jobs: int = 2, out=sys.stdout) -> tuple[int, int]:
    """Every case of every exercise; prints one line each as it ends, in
    order. Returns (passed, failed)."""
    todo: list[Callable[[], Case]] = []
    for ref in spec.find_exercises(ref_root):
        sol = sol_root / ref.name
        if not sol.is_dir():
            todo.append(lambda ref=ref: Case(f"{spec.folder_id(ref.name)} solution",
                                             False, f"no solutions/"
                                             f"{ref.name}/ folder"))
            continue
        todo += cases_for(ref, sol, settings)
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for case in pool.map(lambda f: f(), todo):
            status = "ok  " if case.passed else "FAIL"
            print(f"{status} {case.label}: {case.note}", file=out, flush=True)
            passed += case.passed
            failed += not case.passed
    return passed, failed


def main(repo: Path, jobs: int = 2, sandbox: bool = True) -> int:
    try:
        settings = checks.settings_for(repo, sandbox=sandbox)
    except buildmod.BuildError as e:
        print(f"self-check: {e}")
        print("self-check: 0 passed, 1 failed")
        return 1
    passed, failed = run(repo / "exercises", repo / "solutions", settings,
                         jobs)
    print(f"self-check: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1
