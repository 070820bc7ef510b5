"""make handout: the students' repository holds no solution, no wrong
variant, no hidden check and no instructors' tool; it says how to work and
hand in; and it builds and grades on its own (Score: 0/N), its self-check
and course lint passing without solutions/. One handout, built once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from grader import handout, spec
from grader.tests.helpers import REPO, settings


def run(cmd: list[str], cwd: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ASYNCBOOK_CHECKS", "ASYNCBOOK_GRADE_CACHE",
                        "MAKEFLAGS", "MAKELEVEL")}
    env.update(NO_COLOR="1", ASYNCBOOK_GRADE_STATE=str(tmp))
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=env)


class TestHandout(unittest.TestCase):
    tmp: Path
    out: Path

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = Path(tempfile.mkdtemp(prefix="grader-handout-"))
        cls.tmp.chmod(0o755)   # the compiler and programs may run as nobody
        cls.out = cls.tmp / "handout"
        handout.make(REPO, cls.out)

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_nothing_an_instructor_keeps(self) -> None:
        self.assertFalse((self.out / "solutions").exists())
        self.assertFalse((self.out / "hidden-checks").exists())
        tests = self.out / "grader" / "tests"
        for p in self.out.rglob("*"):
            inner = p.relative_to(tests).parts \
                if p.is_relative_to(tests) else ()
            if inner and inner[0].startswith("fixtures"):
                continue
            self.assertNotEqual(p.name, "wrong", p)
            self.assertNotIn(p.name, ("INSTRUCTORS.md", "handout.py",
                                      "gradescope.py", "scaffold.py",
                                      "test_handout.py"), p)
        self.assertFalse((self.out / "grader" / "templates").exists())
        # ... but everything a student needs.
        for need in ("Makefile", "runtime/async.h", "runtime/API.md",
                     "runtime/tests", "runtime/bench", "lessons/README.md",
                     "grader/grade.py", "grader/README.md"):
            self.assertTrue((self.out / need).exists(), need)
        theirs = sorted(p.name for p in (self.out / "exercises").iterdir())
        ours = [p.name for p in spec.find_exercises(REPO / "exercises")]
        self.assertEqual(theirs, ours)

    def test_readme_speaks_to_students(self) -> None:
        text = (self.out / "README.md").read_text()
        self.assertNotIn("## For instructors", text)
        self.assertIn("## Working on your copy", text)
        self.assertIn("### Handing in", text)
        r = run([sys.executable, "grader/readme.py"], self.out, self.tmp)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_workflow_grades_every_push_into_the_summary(self) -> None:
        wf = (self.out / ".github" / "workflows" / "grade.yml").read_text()
        self.assertRegex(wf, r"(?m)^on:\n  push:")
        self.assertIn("make grade", wf)
        self.assertIn('>> "$GITHUB_STEP_SUMMARY"', wf)
        self.assertIn("if: always()", wf)

    def test_grades_zero_of_everything_on_its_own(self) -> None:
        settings()  # skips when the runtime does not build here
        total = sum(spec.load_exercise(f).max_points
                    for f in spec.find_exercises(REPO / "exercises"))
        r = run([sys.executable, "grader/grade.py", "-j", "4"], self.out,
                self.tmp)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(f"Score: 0/{total}", r.stdout)
        self.assertTrue((self.out / "build").is_dir())  # its own runtime

    def test_self_check_and_lint_pass_without_solutions(self) -> None:
        r = run([sys.executable, "grader/grade.py", "--self-check"],
                self.out, self.tmp)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.strip().splitlines()[-1],
                         "self-check: 0 passed, 0 failed")
        r = run([sys.executable, "grader/courselint.py"], self.out,
                self.tmp)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stdout, r"courselint: \d+ passed, 0 failed")

    def test_refuses_a_folder_with_things_in_it(self) -> None:
        with self.assertRaises(SystemExit):
            handout.make(REPO, self.out)


if __name__ == "__main__":
    unittest.main()
