"""The labs' harness (grader/unit.h) and the unit check (grader/unit.py):
one verdict per test, a crash or a hang failing its test alone, forged
verdicts not counting, a test that never ran failing with "did not run".
They grade a toy lab (fixtures/labs) with student files made here."""
from __future__ import annotations

import os
import shutil
import subprocess
import unittest
from pathlib import Path

from grader import checks, spec, unit
from grader.tests.helpers import FIXTURES, REPO, TempDir, settings

LAB = FIXTURES / "labs" / "exercises" / "01lab-toy"
SOLUTION = (FIXTURES / "labs" / "solutions" / "01lab-toy" / "toy.c"
            ).read_text()
GOOD_ADD = "return a + b;"
GOOD_TWICE = "return 2 * x;"


def toy(add: str = GOOD_ADD, twice: str = GOOD_TWICE, head: str = "") -> str:
    """The toy lab's student file with these bodies."""
    text = SOLUTION.replace(GOOD_ADD, add).replace(GOOD_TWICE, twice)
    return ("#define _DEFAULT_SOURCE\n#include <signal.h>\n#include <stdio.h>"
            "\n#include <stdlib.h>\n#include <unistd.h>\n" + head + text)


class TestParse(unittest.TestCase):
    def test_verdicts_and_output_by_test(self) -> None:
        v = unit.parse("[==========] t: 2 test(s), seed 1\n"
                       "[ RUN      ] test_a\n    | hello\n"
                       "[       OK ] test_a\n[ RUN      ] test_b\n"
                       "[  FAILED  ] test_b: t.c:3: x is 1, expected 2\n"
                       "[==========] t: 2 test(s) run: 1 passed, 1 failed\n")
        self.assertEqual(v.said, {"test_a": [""],
                                  "test_b": ["t.c:3: x is 1, expected 2"]})
        self.assertEqual(v.output["test_a"], ["hello"])
        self.assertTrue(v.ended)

    def test_indented_verdict_is_output_not_a_verdict(self) -> None:
        v = unit.parse("[ RUN      ] test_a\n    | [       OK ] test_a\n")
        self.assertEqual(v.said, {})
        self.assertFalse(v.ended)


class TestStrict(unittest.TestCase):
    def test_harness_and_labs_compile_with_every_warning_an_error(self
                                                                  ) -> None:
        """unit.h and each lab's C files (its stub, tests, given files
        and solution), under $CC."""
        labs = [LAB, *sorted((REPO / "exercises").glob("*lab-*"))]
        self.assertGreater(len(labs), 1)
        for lab in labs:
            sol = lab.parents[1] / "solutions" / lab.name
            files = [str(f) for f in (*sorted(lab.glob("*.c")),
                                      *sorted(sol.glob("*.c")))]
            r = subprocess.run(
                [os.environ.get("CC", "cc"), "-std=c11", "-Wall", "-Wextra",
                 "-Werror", "-fsyntax-only", "-D_DEFAULT_SOURCE",
                 f"-I{REPO / 'grader'}", f"-I{REPO / 'runtime'}", f"-I{lab}",
                 *files], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, f"{lab.name}: {r.stderr}")


class TestSpec(TempDir):
    def lab(self, tests: str) -> Path:
        d = self.tmp / "01lab-toy"
        shutil.copytree(LAB, d)
        toml = (d / "check.toml").read_text()
        (d / "check.toml").write_text(toml.replace('["test_add"]', tests))
        return d

    def test_a_test_the_driver_lacks_is_an_error(self) -> None:
        with self.assertRaisesRegex(spec.SpecError,
                                    "test_ad, which tests.c does not"):
            spec.load_exercise(self.lab('["test_ad"]'))

    def test_no_tests_is_an_error(self) -> None:
        with self.assertRaisesRegex(spec.SpecError, "at least one test"):
            spec.load_exercise(self.lab("[]"))

    def test_a_lab_needs_no_main_in_its_file(self) -> None:
        ex = spec.load_exercise(self.lab('["test_add"]'))
        self.assertEqual(ex.track, "lab")
        self.assertEqual([c.tests for c in ex.checks],
                         [("test_add",), ("test_twice", "test_given")])


class TestGrading(TempDir):
    """The toy lab graded for real: check 1 covers test_add, check 2
    test_twice and test_given (from given.c, which the lab gives)."""

    def grade(self, text: str) -> checks.ExerciseResult:
        work = self.tmp / "work"
        work.mkdir(exist_ok=True)
        (work / "toy.c").write_text(text)
        return checks.grade_folder(LAB, work, settings())

    def verdict(self, r: checks.ExerciseResult, n: int) -> str:
        c = r.checks[n]
        return "OK" if c.passed else c.message + "\n" + "\n".join(c.details)

    def test_solution_passes_every_check(self) -> None:
        r = self.grade(toy())
        self.assertEqual((r.points, r.max_points), (5, 5), r.report())
        self.assertEqual(r.outcome, "")

    def test_stub_fails_each_check_saying_not_done(self) -> None:
        r = self.grade((LAB / "toy.c").read_text())
        self.assertEqual(r.points, 0)
        self.assertTrue(r.checks[0].message.startswith(
            "not done yet: toy.c:9: TODO: add a and b (reached by test_add;"),
            r.checks[0].message)
        self.assertTrue(r.checks[1].message.startswith(
            "not done yet: toy.c:16: TODO: double x (reached by test_twice; "
            "1 of 2 test(s) failed)"), r.checks[1].message)

    def test_failed_assertion_names_line_got_and_expected(self) -> None:
        r = self.grade(toy(twice="return x + 20;"))
        self.assertEqual(self.verdict(r, 0), "OK")
        self.assertIn("test_twice: tests.c:18: toy_twice(21) is 41, "
                      "expected 42", r.checks[1].message)

    def test_a_crash_fails_its_test_alone(self) -> None:
        r = self.grade(toy(add="return *(volatile long *)16 + a + b;"))
        self.assertIn("test_add: crashed:", r.checks[0].message)
        self.assertIn("SEGV", r.checks[0].message)
        self.assertEqual(self.verdict(r, 1), "OK")

    def test_a_hang_times_out_alone(self) -> None:
        r = self.grade(toy(twice="for (;;) {} return x;"))
        self.assertEqual(self.verdict(r, 0), "OK")
        self.assertIn("test_twice: timed out: still running after 3 s",
                      r.checks[1].message)

    def test_inputs_are_drawn_at_each_grading(self) -> None:
        # A wrong sum shows what was expected: the inputs of that grading.
        said = {self.grade(toy(add="return -1;")).checks[0].message
                for _ in range(3)}
        self.assertEqual(len(said), 3, said)
        self.assertIn("test_add: tests.c:", said.pop())

    def test_exit_in_the_code_under_test_fails(self) -> None:
        r = self.grade(toy(twice="exit(0);"))
        self.assertIn("test_twice: exited with status 0 before the end of "
                      "the test", r.checks[1].message)

    def test_forged_ok_printed_by_the_test_does_not_pass(self) -> None:
        forged = ('printf("\\n[       OK ] test_add\\n"); fflush(stdout); '
                  'fprintf(stderr, "[       OK ] test_add\\n"); return 0;')
        r = self.grade(toy(add=forged))
        self.assertFalse(r.checks[0].passed)
        self.assertIn("test_add: tests.c:", r.checks[0].message)
        self.assertIn("| [       OK ] test_add", "\n".join(r.checks[0].details))

    def test_forged_ok_before_main_counts_twice_and_fails(self) -> None:
        head = ('__attribute__((constructor)) static void forge(void) '
                '{ printf("[       OK ] test_add\\n"); }\n')
        r = self.grade(toy(add="return 0;", head=head))
        self.assertIn("test_add: has 2 verdicts", r.checks[0].message)

    def test_a_test_never_reached_did_not_run(self) -> None:
        # test_add kills the harness itself: what comes after never runs.
        r = self.grade(toy(add="kill(getppid(), SIGKILL); for (;;) {}"))
        self.assertIn("test_add: did not run (the test program stopped "
                      "before it: crash: SIGKILL", r.checks[0].message)
        self.assertIn("test_twice: did not run", r.checks[1].message)

    def test_main_in_the_student_file_is_renamed_away(self) -> None:
        r = self.grade(toy(head="int main(void) { return 3; }\n"))
        self.assertEqual((r.points, r.max_points), (5, 5), r.report())


if __name__ == "__main__":
    unittest.main()
