"""The command itself, run as a student runs it: exit codes, the table,
the next exercise, one exercise in full, hints, --list, the formats, and
the message on an old Python."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from grader.tests.helpers import EXERCISES, REPO, SOLUTIONS, TempDir

GRADE = str(REPO / "grader" / "grade.py")


class TestCommand(TempDir):
    def grade(self, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "NO_COLOR": "1",
               "ASYNCBOOK_GRADE_STATE": str(self.tmp)}
        return subprocess.run([sys.executable, GRADE, "--dir",
                               str(EXERCISES), *args], capture_output=True,
                              text=True, timeout=120, env=env, cwd=REPO)

    def test_untouched_exercises_fail_and_name_the_next(self) -> None:
        r = self.grade()
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stdout.splitlines()
        self.assertIn("FAIL", lines[0])
        self.assertIn("not done yet: greet.c:", lines[0])
        self.assertIn("Score: 0/13", r.stdout)
        self.assertIn("Next: exercise 01, Greet concurrently: "
                      "grader/tests/fixtures/exercises/01-greet/greet.c",
                      r.stdout)
        self.assertIn("Hint: What does each greeting do", r.stdout)

    def test_solutions_full_marks_exit_zero(self) -> None:
        r = self.grade("--files-from", str(SOLUTIONS), "-j", "2")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Score: 13/13", r.stdout)

    def test_a_subset_that_passes_says_how_many_of_how_many(self) -> None:
        r = self.grade("--files-from", str(SOLUTIONS), "01", "02")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("Every exercise passes (2 of 2)", r.stdout)
        d = self.tmp / "ex"
        import shutil
        shutil.copytree(EXERCISES, d)
        shutil.copytree(EXERCISES / "02-order", d / "03-more")
        env = {**os.environ, "NO_COLOR": "1"}
        r = subprocess.run([sys.executable, GRADE, "--dir", str(d),
                            "--files-from", str(SOLUTIONS), "01", "02"],
                           capture_output=True, text=True, timeout=120,
                           env=env, cwd=REPO)
        self.assertNotIn("Every exercise passes", r.stdout)
        self.assertIn("(2 of 3)", r.stdout)

    def test_one_exercise_shows_its_compiler_warnings(self) -> None:
        work = self.tmp / "work"
        (work / "01-greet").mkdir(parents=True)
        text = (SOLUTIONS / "01-greet" / "greet.c").read_text()
        (work / "01-greet" / "greet.c").write_text(
            text.replace("    const char *name = arg;",
                         "    const char *name = arg;\n    int unused;"))
        r = self.grade("--files-from", str(work), "01")
        self.assertIn("compiler:", r.stdout)
        self.assertIn("unused variable", r.stdout)

    def test_one_exercise_verbose_by_number_or_name(self) -> None:
        for which in ("1", "01", "greet"):
            r = self.grade(which)
            self.assertIn("== 01 Greet concurrently", r.stdout)
            self.assertIn("FAIL  in gather's order", r.stdout)
            self.assertNotIn("02", r.stdout.split("==")[1])

    def test_unknown_exercise(self) -> None:
        r = self.grade("99")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no exercise '99'", r.stderr)

    def test_hint_gives_the_next_each_time(self) -> None:
        first = self.grade("--hint", "1").stdout
        second = self.grade("--hint", "1").stdout
        self.assertIn("> Hint 1/3: What does each greeting", first)
        self.assertNotIn("Hint 2/3", first)
        self.assertIn("> Hint 2/3: Lesson 07", second)

    def test_list(self) -> None:
        r = self.grade("--list")
        self.assertEqual(r.returncode, 0)
        self.assertIn("01  Greet concurrently", r.stdout)
        self.assertIn("02  Predict the order", r.stdout)

    def test_formats_to_output_files(self) -> None:
        out = self.tmp / "r.json"
        r = self.grade("--format", "json", "--output", str(out))
        self.assertIn("Score: 0/13", r.stdout)
        data = json.loads(out.read_text())
        self.assertEqual((data["score"], data["max_score"]), (0, 13))
        r = self.grade("--format", "junit")
        self.assertEqual(ET.fromstring(r.stdout).tag, "testsuites")
        r = self.grade("--format", "gradescope", "--files-from",
                       str(SOLUTIONS))
        self.assertEqual(json.loads(r.stdout)["score"], 13)

    def test_color_always_and_never(self) -> None:
        self.assertIn("\033[", self.grade("--color", "always", "2").stdout)
        self.assertNotIn("\033[", self.grade("--color", "never",
                                             "2").stdout)

    def test_real_time_mode_still_grades(self) -> None:
        r = self.grade("--real-time", "--files-from", str(SOLUTIONS),
                       "2")
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_old_python_is_refused_with_advice(self) -> None:
        code = ("import sys; sys.version_info = (3, 9, 0); "
                f"sys.argv = ['grade.py']; "
                f"exec(compile(open({GRADE!r}).read(), 'grade.py', 'exec'), "
                "{'__name__': '__main__'})")
        r = subprocess.run([sys.executable, "-c", code],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn("needs Python 3.11 or newer", r.stderr)
        self.assertIn("brew install python@3.12", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1)


class TestSelect(TempDir):
    """A number names the C exercise; NNpy and NNlab name their track's."""

    def test_numbers_and_tracks(self):
        from pathlib import Path

        from grader import grade
        folders = [Path(n) for n in ("07-count", "07py-count", "07lab-loop",
                                     "08-other")]
        names = lambda *w: [p.name for p in grade.select(folders, list(w))]
        self.assertEqual(names("7"), ["07-count"])
        self.assertEqual(names("07PY"), ["07py-count"])
        self.assertEqual(names("7lab", "8"), ["07lab-loop", "08-other"])
        self.assertEqual(names("count"), ["07-count", "07py-count"])
        with self.assertRaises(SystemExit):
            grade.select(folders, ["9py"])
