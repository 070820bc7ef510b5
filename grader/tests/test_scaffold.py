"""make new-exercise: the scaffold writes an exercise in the course's
format, and once its solution's TODO line is filled as the scaffold says,
the self-check and the course lint pass on it (in a copy of the course)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from grader import spec
from grader.tests.helpers import REPO, TempDir, settings

COURSE = ("Makefile", "README.md", "runtime", "lessons", "exercises",
          "solutions", "grader")


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ASYNCBOOK_CHECKS", "ASYNCBOOK_GRADE_CACHE",
                        "MAKEFLAGS", "MAKELEVEL")}
    env["NO_COLOR"] = "1"
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


class TestScaffold(TempDir):
    def test_scaffolded_exercise_passes_once_filled(self) -> None:
        settings()  # skips when the runtime does not build here
        self.tmp.chmod(0o755)
        course = self.tmp / "course"
        course.mkdir()
        ignore = shutil.ignore_patterns("build", "__pycache__")
        for name in COURSE:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, course / name, ignore=ignore)
            else:
                shutil.copy2(src, course / name)
        last = sorted(p.name for p in (course / "lessons").glob("[0-9]*-*")
                      if p.is_dir())[-1]
        n = len([f for f in spec.find_exercises(course / "exercises")
                 if spec.track_of(spec.folder_id(f.name)) == "c"]) + 1
        slug = f"{n:02d}-greeters"

        r = run([sys.executable, "grader/scaffold.py", "greeters",
                 "--lesson", last], course)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        made = r.stdout
        ex = spec.load_exercise(course / "exercises" / slug)
        self.assertEqual(ex.lesson, last)
        self.assertEqual({c.kind for c in ex.checks}, {"output", "driver"})
        self.assertTrue(1 <= len(ex.hints) <= 4)
        stub = (course / "exercises" / slug / ex.files[0]).read_text()
        self.assertTrue(stub.startswith("// SPDX-License-Identifier: MIT"
                                        "\n/*\n * Exercise"))
        self.assertIn("TODO(", stub)
        variants = spec.load_variants(course / "solutions" / slug / "wrong")
        self.assertEqual(len(variants), 1)

        # Unfilled, the solution is the stub: the self-check says so.
        r = run([sys.executable, "grader/grade.py", "--self-check",
                 str(n)], course)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn(f"FAIL {n:02d} solution", r.stdout)

        # Fill the TODO line as the scaffold's instructions say.
        m = re.search(r"TODO line becomes:\s*`([^`]+)`", made)
        assert m is not None, made
        line = m.group(1)
        sol = course / "solutions" / slug / ex.files[0]
        sol.write_text(re.sub(r"(?m)^( *)TODO\(.*$",
                              lambda t: t.group(1) + line, sol.read_text()))

        r = run([sys.executable, "grader/grade.py", "--self-check",
                 str(n)], course)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("self-check: 3 passed, 0 failed", r.stdout)
        r = run([sys.executable, "grader/courselint.py", "--root",
                 str(course)], course)
        self.assertEqual(r.returncode, 0, r.stdout)
        r = run([sys.executable, "grader/readme.py"], course)
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_bad_name_and_unknown_lesson_are_refused(self) -> None:
        r = run([sys.executable, str(REPO / "grader" / "scaffold.py"),
                 "Bad_Name", "--root", str(self.tmp)], self.tmp)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("kebab case", r.stderr)
