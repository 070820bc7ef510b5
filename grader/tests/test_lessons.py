"""Tests for grader/lessons.py, on the small course in
fixtures_lessons/run/lessons: two lessons, two C programs (one exits 3 and
writes to stderr under its .env), their twins and a Python-only example.
The C programs are built once for the whole class."""
from __future__ import annotations

import io
import shutil
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

from grader import lessons

FIXTURE = Path(__file__).resolve().parent / "fixtures_lessons" / "run" / \
    "lessons"


class TestLessons(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.build = Path(cls.tmp.name) / "build"

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def course(self) -> Path:
        """A private copy of the fixture course (mtimes kept, so the
        binaries built by an earlier test are reused)."""
        d = Path(tempfile.mkdtemp(dir=self.tmp.name)) / "lessons"
        shutil.copytree(FIXTURE, d)
        return d

    def check(self, where: Path, *filters: str,
              update: bool = False) -> tuple[int, int, list[str]]:
        cfg = lessons.Config(lessons.ROOT, where, self.build, update)
        out = io.StringIO()
        passed, failed = lessons.run_all(cfg, list(filters), out)
        return passed, failed, out.getvalue().splitlines()

    def test_fixture_course_passes_with_one_line_per_example(self):
        passed, failed, lines = self.check(FIXTURE)
        self.assertEqual(lines, [
            "ok   01-hello/hello (C, asyncio twin)",
            "ok   01-hello/only_python (Python)",
            "ok   02-exits/exits (C, asyncio twin)",
            "lessons: 5 passed, 0 failed",
        ])
        self.assertEqual((passed, failed), (5, 0))

    def test_stdout_mismatch_fails_both_programs_and_shows_a_diff(self):
        course = self.course()
        (course / "01-hello" / "hello.expected").write_text(
            "woke after 0.2 s\nwoke after 0.1 s\ntook 0.20 s\n")
        passed, failed, lines = self.check(course, "01-hello/hello")
        self.assertEqual((passed, failed), (0, 2))
        self.assertEqual(lines[0], "FAIL 01-hello/hello (C: stdout differs; "
                         "asyncio twin: stdout differs)")
        self.assertIn("     --- expected (hello.expected)", lines)
        self.assertIn("     +++ got (C stdout)", lines)
        self.assertIn("     +woke after 0.1 s", lines)

    def test_py_expected_is_what_the_twin_must_print(self):
        course = self.course()
        (course / "01-hello" / "hello.py.expected").write_text("other\n")
        passed, failed, lines = self.check(course, "01-hello/hello")
        self.assertEqual((passed, failed), (1, 1))
        self.assertTrue(lines[0].startswith(
            "FAIL 01-hello/hello (C: ok; asyncio twin: stdout differs)"))
        self.assertIn("     --- expected (hello.py.expected)", lines)

    def test_exit_status_must_match_the_exit_file(self):
        course = self.course()
        (course / "02-exits" / "exits.exit").unlink()
        passed, failed, lines = self.check(course, "02")
        # The twin falls back on exits.py.exit, so only C fails.
        self.assertEqual((passed, failed), (1, 1))
        self.assertIn("C: exit status 3, expected 0", lines[0])

    def test_stderr_file_lines_must_appear(self):
        course = self.course()
        (course / "02-exits" / "exits.env").unlink()
        passed, failed, lines = self.check(course, "02")
        # Without ASYNC_DEBUG=1 neither program says the required line.
        self.assertEqual((passed, failed), (0, 2))
        self.assertIn("C: stderr lacks a required line", lines[0])
        self.assertIn("     missing: exits: debug is 1", lines)

    def test_compile_warning_is_an_error(self):
        course = self.course()
        (course / "01-hello" / "unused.c").write_text(
            "int\nmain(void)\n{\n    int unused;\n    return 0;\n}\n")
        (course / "01-hello" / "unused.expected").write_text("")
        passed, failed, lines = self.check(course, "01-hello/unused")
        self.assertEqual((passed, failed), (0, 1))
        self.assertEqual(lines[0], "FAIL 01-hello/unused (C: does not "
                         "compile)")
        self.assertTrue(any("unused variable" in line for line in lines))

    def test_missing_expected_fails_and_update_writes_it(self):
        course = self.course()
        expected = course / "01-hello" / "hello.expected"
        text = expected.read_text()
        expected.unlink()
        passed, failed, lines = self.check(course, "01")
        self.assertEqual(failed, 2)
        self.assertIn("C: no hello.expected", lines[0])
        passed, failed, _ = self.check(course, "01", update=True)
        self.assertEqual((passed, failed), (3, 0))
        self.assertEqual(expected.read_text(), text)

    def test_filters_pick_lessons_and_examples(self):
        def labels(*filters):
            cfg = lessons.Config(lessons.ROOT, FIXTURE, self.build)
            return [ex.label for ex in lessons.find_examples(cfg,
                                                             list(filters))]
        self.assertEqual(labels("2"), ["02-exits/exits"])
        self.assertEqual(labels("01-hello"), ["01-hello/hello",
                                              "01-hello/only_python"])
        self.assertEqual(labels("01-hello/only_python"),
                         ["01-hello/only_python"])
        self.assertEqual(labels("03"), [])

    def test_no_examples_is_a_failure(self):
        empty = Path(tempfile.mkdtemp(dir=self.tmp.name))
        out = io.StringIO()
        with redirect_stdout(out):
            status = lessons.main(["--lessons", str(empty)])
        self.assertEqual(status, 1)
        self.assertEqual(out.getvalue(), "lessons: 0 passed, 0 failed\n")


if __name__ == "__main__":
    unittest.main()
