"""Autolab: --format autolab ends with the one JSON line Autolab reads
(a score per exercise), and the autograde-Makefile template grades a
handin with the course's own checks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

from grader import spec
from grader.tests.helpers import (EXERCISES, REPO, SOLUTIONS, TempDir,
                                  settings)

GRADE = str(REPO / "grader" / "grade.py")


class TestAutolabFormat(TempDir):
    def grade(self, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "NO_COLOR": "1",
               "ASYNCBOOK_GRADE_STATE": str(self.tmp)}
        env.pop("ASYNCBOOK_CHECKS", None)
        return subprocess.run([sys.executable, GRADE, "--dir",
                               str(EXERCISES), *args], capture_output=True,
                              text=True, timeout=120, env=env, cwd=REPO)

    def test_last_line_has_a_score_per_exercise(self) -> None:
        settings()  # skips when the runtime does not build
        r = self.grade("--files-from", str(SOLUTIONS), "--format",
                       "autolab")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        last = json.loads(r.stdout.strip().splitlines()[-1])
        want = {f.name: spec.load_exercise(f).max_points
                for f in spec.find_exercises(EXERCISES)}
        self.assertEqual(last["scores"], want)
        self.assertEqual(last["scoreboard"], [sum(want.values())])
        self.assertIn("Score: ", r.stdout)  # the table comes before it

    def test_stubs_score_zero_and_explain(self) -> None:
        settings()
        r = self.grade("--format", "autolab")
        self.assertEqual(r.returncode, 1)
        lines = r.stdout.strip().splitlines()
        last = json.loads(lines[-1])
        self.assertEqual(set(last["scores"].values()), {0})
        self.assertIn("not done yet", r.stdout)


class TestAutogradeMakefile(TempDir):
    def test_makefile_grades_a_handin(self) -> None:
        settings()
        if not (REPO / "grader" / "gradescope.py").is_file():
            self.skipTest("a student's copy has no instructors' tools")
        if shutil.which("make") is None:
            self.skipTest("no make")
        self.tmp.chmod(0o755)
        ex = spec.load_exercise(REPO / "exercises" /
                                "13-count-without-blocking")
        r = subprocess.run([sys.executable, str(REPO / "grader" /
                                                "gradescope.py"),
                            "--autolab", str(self.tmp), "--exercises", "13"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        shutil.copyfile(self.tmp / "autograde-Makefile",
                        self.tmp / "Makefile")
        with zipfile.ZipFile(self.tmp / "handin.zip", "w") as z:
            for f in ex.files:
                z.write(REPO / "solutions" / ex.slug / f,
                        f"exercises/{ex.slug}/{f}")
        env = {k: v for k, v in os.environ.items()
               if k not in ("ASYNCBOOK_CHECKS", "ASYNCBOOK_GRADE_CACHE",
                            "MAKEFLAGS", "MAKELEVEL")}
        r = subprocess.run(["make", "-s"], cwd=self.tmp, capture_output=True,
                           text=True, timeout=300, env=env)
        last = json.loads(r.stdout.strip().splitlines()[-1])
        self.assertEqual(last["scores"], {ex.slug: ex.max_points},
                         r.stdout + r.stderr)
