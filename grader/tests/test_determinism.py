"""Tests for grader/determinism.py: gradings that agree pass, and a
solution whose run differs from one grading to the next is caught, with
the line where it differs."""
from __future__ import annotations

import io
import unittest

from grader import determinism, spec
from grader.tests import helpers


class TestDifferences(unittest.TestCase):

    def test_equal_fingerprints_have_no_differences(self):
        a = {"points": 3, "output": "a\nb\n"}
        self.assertEqual(determinism.differences(a, dict(a)), [])

    def test_a_difference_names_the_field_and_its_first_line(self):
        a = {"points": 3, "output": "t=1.00\nt=2.00\n"}
        b = {"points": 3, "output": "t=1.00\nt=2.01\n"}
        self.assertEqual(determinism.differences(a, b),
                         ["output, line 2: 't=2.00' then 't=2.01'"])

    def test_a_missing_line_is_a_difference(self):
        a = {"output": "one\ntwo\n"}
        b = {"output": "one\n"}
        self.assertEqual(determinism.differences(a, b),
                         ["output, line 2: 'two' then '(nothing)'"])


class CourseCheck(helpers.TempDir):
    """Gradings of the fixture course, two at once, after edit()."""

    def check(self, runs: int = 2) -> tuple[int, int, str]:
        ex, sol = self.course()
        self.edit(sol)
        out = io.StringIO()
        passed, failed = determinism.check(
            spec.find_exercises(ex), sol, helpers.settings(), runs, 2, out)
        return passed, failed, out.getvalue()

    def edit(self, sol) -> None:
        """A test's change to the fixture solutions (none here)."""

class TestCheck(CourseCheck):

    def test_a_deterministic_course_passes(self):
        passed, failed, text = self.check(runs=3)
        self.assertEqual((passed, failed), (2, 0), text)
        self.assertIn("ok   01-greet: 3 gradings agree (virtual time 1.0",
                      text)


class TestCheckCatchesDifferences(CourseCheck):

    def edit(self, sol) -> None:
        # Each run writes where ASLR put its stack: another address every
        # time, on stderr, so the checks (stdout) still pass.
        greet = sol / "01-greet" / "greet.c"
        greet.write_text(greet.read_text().replace(
            "    async_run(amain, NULL);",
            "    int here;\n"
            "    fprintf(stderr, \"stack at %p\\n\", (void *)&here);\n"
            "    async_run(amain, NULL);"))

    def test_a_solution_that_prints_differently_fails(self):
        passed, failed, text = self.check()
        self.assertEqual((passed, failed), (1, 1), text)
        self.assertIn("FAIL 01-greet: grading 2 differs from grading 1: "
                      "output, line 7: 'stack at 0x", text)
        self.assertIn("ok   02-order", text)


class TestCheckCatchesAFailingSolution(CourseCheck):

    def edit(self, sol) -> None:
        greet = sol / "01-greet" / "greet.c"
        greet.write_text(greet.read_text().replace("async_sleep(1)",
                                                   "async_sleep(2)"))

    def test_a_solution_short_of_full_marks_fails(self):
        passed, failed, text = self.check()
        self.assertEqual((passed, failed), (1, 1), text)
        self.assertIn("FAIL 01-greet: the solution does not pass", text)


if __name__ == "__main__":
    unittest.main()
