"""The self-check: solutions pass, stubs fail, wrong variants fail with
their phrase; and it fails when any of that is not so."""
from __future__ import annotations

import io
import unittest

from grader import selfcheck
from grader.tests.helpers import EXERCISES, SOLUTIONS, TempDir, settings


class TestSelfCheck(TempDir):
    def test_selfcheck_fixture_course_all_pass(self) -> None:
        out = io.StringIO()
        passed, failed = selfcheck.run(EXERCISES, SOLUTIONS, settings(), 2,
                                       out)
        lines = out.getvalue().splitlines()
        self.assertEqual((passed, failed), (8, 0), out.getvalue())
        self.assertEqual(len(lines), 8)
        self.assertTrue(lines[0].startswith("ok   01 solution: 10/10"))
        self.assertIn("ok   01 wrong/blocking.c", out.getvalue())

    def test_selfcheck_catches_wrong_expect_and_passing_stub(self) -> None:
        ex, sol = self.course()
        wrong = sol / "01-greet" / "wrong" / "wrong.toml"
        wrong.write_text(wrong.read_text().replace(
            'expect = "called sleep()"', 'expect = "no such phrase"'))
        # A stub that already passes is a broken exercise.
        (ex / "02-order" / "answer.txt").write_text(
            (sol / "02-order" / "answer.txt").read_text())
        out = io.StringIO()
        passed, failed = selfcheck.run(ex, sol, settings(), 2, out)
        self.assertEqual(failed, 2, out.getvalue())
        self.assertIn("FAIL 01 wrong/blocking.c: fails, but without "
                      "'no such phrase'", out.getvalue())
        self.assertIn("FAIL 02 stub: 3/3: the untouched stub passes",
                      out.getvalue())

    def test_selfcheck_missing_wrong_folder_fails(self) -> None:
        ex, sol = self.course()
        (sol / "02-order" / "wrong" / "wrong.toml").unlink()
        out = io.StringIO()
        _, failed = selfcheck.run(ex, sol, settings(), 1, out)
        self.assertEqual(failed, 1)
        self.assertIn("FAIL 02 wrong/", out.getvalue())


if __name__ == "__main__":
    unittest.main()
