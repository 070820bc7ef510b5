"""Every check kind passing and failing. Most cases hand the check a
made-up run (output and trace), so they test the judging alone; the last
ones grade the fixture exercises for real."""
from __future__ import annotations

import dataclasses
import unittest
from pathlib import Path

from grader import build, checks, context, kinds, run, spec, trace
from grader.tests.helpers import EXERCISES, SOLUTIONS, settings
from grader.tests.test_trace import SAMPLE, ev

FAKE_SETTINGS = checks.Settings(Path("."), Path("lib.a"), Path("cache"))
EXERCISE = spec.Exercise("05", "05-fake", "Fake", "07-sleeping", ("a.c",),
                         ("Why?",), (), path=Path("."))


def fake_run(stdout: str = "", stderr: str = "", code: int = 0,
             trace_text: str | None = SAMPLE,
             status: str = "exit") -> checks.Ran:
    tr = trace.parse(trace_text) if trace_text is not None else None
    r = run.RunResult(status, code, stdout, stderr, tr, 0.01, "none")
    b = build.Build(True, Path("prog"), "", "")
    return checks.Ran(b, r, run.outcome(r, run.Limits()))


def judge(c: spec.Check, ran: checks.Ran,
          settings_: checks.Settings = FAKE_SETTINGS) -> checks.CheckResult:
    ctx = checks.Context(EXERCISE, {}, settings_)
    key = context.key_of(c)
    ctx.runs[("main", *key)] = ran
    ctx.runs[("driver", c.driver, *key)] = ran
    ctx.runs[("program", c.program, *key)] = ran
    return checks.REGISTRY[c.kind](c, ctx)


def check(kind: str, **kw) -> spec.Check:
    return spec.Check(kind, 3, kw.pop("name", kind), **kw)


class TestOutputKinds(unittest.TestCase):
    def test_output_passes_ignoring_trailing_space(self) -> None:
        r = judge(check("output", lines=("a", "b")), fake_run("a  \nb\n\n"))
        self.assertTrue(r.passed)
        self.assertEqual(r.points, 3)

    def test_output_fails_with_tagged_lines(self) -> None:
        r = judge(check("output", lines=("a", "b", "c")), fake_run("a\nx\n"))
        self.assertFalse(r.passed)
        self.assertEqual(r.points, 0)
        text = "\n".join(r.details)
        self.assertIn("GOOD a", text)
        self.assertIn("BAD  x", text)
        self.assertIn("MISSING c", text)

    def test_one_missing_line_is_one_missing_not_every_later_bad(self
                                                                  ) -> None:
        want = tuple(f"line {i}" for i in range(10))
        got = "\n".join(l for l in want if l != "line 2") + "\n"
        r = judge(check("output", lines=want), fake_run(got))
        text = "\n".join(r.details)
        self.assertEqual(text.count("MISSING"), 1, text)
        self.assertIn("MISSING line 2", text)
        self.assertNotIn("BAD", text)
        extra = "\n".join(["line 0", "oops", *want[1:]]) + "\n"
        text = "\n".join(judge(check("output", lines=want),
                               fake_run(extra)).details)
        self.assertEqual(text.count("BAD"), 1, text)
        self.assertNotIn("MISSING", text)

    def test_output_failure_carries_author_message(self) -> None:
        c = check("output", lines=("a",), message="Did you await it?")
        r = judge(c, fake_run("b\n"))
        self.assertTrue(r.message.startswith("Did you await it?"))

    def test_patterns_in_order(self) -> None:
        c = check("patterns", patterns=(r"took \d\.\d\d s", "end"))
        self.assertTrue(judge(c, fake_run("x\ntook 1.00 s\ny\nend\n")).passed)
        r = judge(c, fake_run("end\ntook 1.00 s\n"))
        self.assertFalse(r.passed)
        self.assertIn("MISSING /end/", "\n".join(r.details))

    def test_patterns_must_match_whole_line(self) -> None:
        c = check("patterns", patterns=("took",))
        self.assertFalse(judge(c, fake_run("took 1 s\n")).passed)

    def test_unordered_groups(self) -> None:
        c = check("unordered", groups=(("a", "b"), ("c",)))
        self.assertTrue(judge(c, fake_run("b\na\nc\n")).passed)
        r = judge(c, fake_run("a\nc\nb\n"))
        self.assertFalse(r.passed)
        self.assertIn("group 1", r.message)
        self.assertFalse(judge(c, fake_run("a\nb\nc\nd\n")).passed)

    def test_forbid_lines_and_patterns(self) -> None:
        c = check("forbid", lines=("bad",), patterns=("(?i)error.*",))
        self.assertTrue(judge(c, fake_run("good\n")).passed)
        r = judge(c, fake_run("ok\nError: no\n"))
        self.assertFalse(r.passed)
        self.assertIn("line 2: Error: no", "\n".join(r.details))

    def test_broken_run_fails_every_output_check(self) -> None:
        ran = fake_run("a\n", "x.c:3: TODO: write it\n", code=1)
        r = judge(check("output", lines=("a",)), ran)
        self.assertFalse(r.passed)
        self.assertEqual(r.message, "not done yet: x.c:3: TODO: write it")


class TestBehaviourNeedsOutput(unittest.TestCase):
    def result(self, kind: str, passed: bool) -> checks.CheckResult:
        return checks.CheckResult(kind, kind, 2 if passed else 0, 2, passed)

    def test_behaviour_withheld_while_output_wrong(self) -> None:
        got = checks.behaviour_needs_output((
            self.result("output", False), self.result("elapsed", True),
            self.result("no_blocking", True), self.result("driver", True)))
        self.assertEqual([r.points for r in got], [0, 0, 0, 2])
        self.assertIn("not judged yet", got[1].message)
        self.assertFalse(got[2].passed)

    def test_behaviour_counts_once_output_right(self) -> None:
        given = (self.result("output", True), self.result("overlap", True))
        self.assertEqual(checks.behaviour_needs_output(given), given)


class TestTraceKinds(unittest.TestCase):
    def test_elapsed_within_bounds(self) -> None:
        self.assertTrue(judge(check("elapsed", max=1.5), fake_run()).passed)
        self.assertTrue(judge(check("elapsed", min=1), fake_run()).passed)

    def test_elapsed_too_slow_says_so_with_timeline(self) -> None:
        r = judge(check("elapsed", max=1.0), fake_run())
        self.assertFalse(r.passed)
        self.assertIn("took 1.00 s (virtual time); expected within 1.0 s",
                      r.message)
        self.assertIn("  timeline:", r.details)

    def test_elapsed_too_fast(self) -> None:
        r = judge(check("elapsed", min=2), fake_run())
        self.assertIn("expected at least 2 s", r.message)

    def test_elapsed_real_time_has_tolerance(self) -> None:
        s = dataclasses.replace(FAKE_SETTINGS, virtual=False)
        self.assertTrue(judge(check("elapsed", max=0.9), fake_run(), s)
                        .passed)
        self.assertFalse(judge(check("elapsed", max=0.7), fake_run(), s)
                         .passed)

    def test_elapsed_without_exit_event_fails(self) -> None:
        cut = "\n".join(SAMPLE.splitlines()[:-1])
        r = judge(check("elapsed", max=5), fake_run(trace_text=cut))
        self.assertIn("no 'exit' event", r.message)

    def test_overlap_counts_suspended_tasks(self) -> None:
        self.assertTrue(judge(check("overlap", tasks=3), fake_run()).passed)
        r = judge(check("overlap", tasks=3, why=("sleep",)), fake_run())
        self.assertFalse(r.passed)
        self.assertIn("at most 2 task(s) were suspended at once", r.message)

    def test_overlap_without_trace_fails(self) -> None:
        r = judge(check("overlap", tasks=1), fake_run(trace_text=None))
        self.assertIn("no trace", r.message)

    def test_no_blocking_passes_on_clean_trace(self) -> None:
        self.assertTrue(judge(check("no_blocking"), fake_run()).passed)

    def test_no_blocking_names_the_call_and_task(self) -> None:
        text = SAMPLE.replace(
            ev(0.000002, "suspend", 2, "a", why="sleep", on=0,
               until=1.000002),
            ev(0.000002, "blocking_call", 2, "a", call="usleep",
               seconds=0.5))
        r = judge(check("no_blocking"), fake_run(trace_text=text))
        self.assertFalse(r.passed)
        self.assertIn("task 'a' called usleep()", r.message)

    def test_real_time_beyond_virtual_time_is_blocking(self) -> None:
        ran = fake_run()
        assert ran.result is not None
        slow = dataclasses.replace(ran, result=dataclasses.replace(
            ran.result, wall=1.0 + kinds.REAL_SLACK + 0.5))
        for kind, kw in (("no_blocking", {}), ("overlap", {"tasks": 2}),
                         ("elapsed", {"max": 1.5})):
            r = judge(check(kind, **kw), slow)
            self.assertFalse(r.passed, kind)
            self.assertIn("blocked for real", r.message)
            self.assertTrue(judge(check(kind, **kw), ran).passed, kind)

    def test_no_blocking_reports_held_loop(self) -> None:
        text = SAMPLE + ev(1.2, "blocked", 1, "main", seconds=0.2) + "\n"
        r = judge(check("no_blocking"), fake_run(trace_text=text))
        self.assertIn("held the loop for 0.20 s", r.message)


class TestPredict(unittest.TestCase):
    def setUp(self) -> None:
        import tempfile
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(__import__("shutil").rmtree, self.dir)

    def predict(self, answer: str, printed: str) -> checks.CheckResult:
        (self.dir / "a.txt").write_text(answer)
        c = check("predict", program="p.c", answer="a.txt")
        ctx = checks.Context(EXERCISE, {"a.txt": self.dir / "a.txt"},
                             FAKE_SETTINGS)
        ctx.runs[("program", "p.c", *context.key_of(c))] = fake_run(printed)
        return checks.REGISTRY["predict"](c, ctx)

    def test_predict_ignores_comments_and_blank_lines(self) -> None:
        self.assertTrue(self.predict("# mine\nx\n\ny\n", "x\ny\n").passed)

    def test_predict_empty_answer(self) -> None:
        self.assertIn("prediction is empty", self.predict("# ?\n", "x\n")
                      .message)

    def test_predict_names_first_wrong_line_without_the_answer(self) -> None:
        r = self.predict("x\nz\n", "x\ny\n")
        self.assertFalse(r.passed)
        self.assertIn("line 2 ('z')", r.message)
        self.assertNotIn("y", r.message.replace("your", ""))

    def test_predict_too_short(self) -> None:
        self.assertIn("prints 1 more", self.predict("x\n", "x\ny\n").message)


class TestRealGrading(unittest.TestCase):
    def test_solution_full_marks_stub_zero(self) -> None:
        s = settings()
        good = checks.grade_folder(EXERCISES / "01-greet",
                                   SOLUTIONS / "01-greet", s)
        self.assertTrue(good.passed, good.report())
        self.assertEqual((good.points, good.max_points), (10, 10))
        self.assertAlmostEqual(good.virtual or 0, 1.0, places=2)
        stub = checks.grade_folder(EXERCISES / "01-greet",
                                   EXERCISES / "01-greet", s)
        self.assertEqual(stub.points, 0)
        self.assertTrue(stub.outcome.startswith("not done yet: greet.c:"))

    def test_grading_twice_is_identical(self) -> None:
        s = settings()
        a = checks.grade_folder(EXERCISES / "01-greet",
                                SOLUTIONS / "01-greet", s)
        b = checks.grade_folder(EXERCISES / "01-greet",
                                SOLUTIONS / "01-greet", s)
        strip = [(c.name, c.passed, c.points, c.message) for c in a.checks]
        self.assertEqual(strip, [(c.name, c.passed, c.points, c.message)
                                 for c in b.checks])
        self.assertEqual(a.virtual, b.virtual)
        self.assertTrue(b.cached)

    def test_compile_error_is_one_clear_line(self) -> None:
        import shutil
        import tempfile
        d = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, d)
        (d / "greet.c").write_text("int main(void) { return x; }\n")
        r = checks.grade_folder(EXERCISES / "01-greet", d, settings())
        self.assertTrue(r.outcome.startswith("compile error: greet.c:1:"),
                        r.outcome)
        self.assertIn("undeclared", r.outcome)  # gcc's and clang's words
        self.assertIn("'x'", r.outcome)
        self.assertEqual(r.points, 0)

    def test_symbolic_link_is_refused(self) -> None:
        import shutil
        import tempfile
        d = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, d)
        (d / "greet.c").symlink_to("/etc/hostname")
        r = checks.grade_folder(EXERCISES / "01-greet", d, settings())
        self.assertEqual(r.outcome, "greet.c is a symbolic link; only plain "
                         "files are graded")
        self.assertEqual(r.points, 0)

    def test_missing_file(self) -> None:
        r = checks.grade_folder(EXERCISES / "01-greet", Path("/nonexistent"),
                                settings())
        self.assertEqual(r.outcome, "missing file: greet.c")

    def test_support_files_build_with_the_student_s(self) -> None:
        """A shipped test.c holds main() and calls the student's add(); a
        driver replaces that main() as it does the student's."""
        import shutil
        import tempfile
        d = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, d)
        ex = d / "05-shipped"
        ex.mkdir()
        (ex / "check.toml").write_text(
            'title = "T"\nlesson = "07-sleeping"\nfiles = ["add.c"]\n'
            'support = ["test.c"]\nhints = ["Why?"]\n'
            '[[check]]\nkind = "output"\npoints = 1\nlines = ["5"]\n'
            '[[check]]\nkind = "driver"\ndriver = "driver.c"\n'
            'points = 1\nlines = ["11"]\n')
        (ex / "add.h").write_text("int add(int a, int b);\n")
        (ex / "test.c").write_text(
            '#include <stdio.h>\n#include "add.h"\n'
            'int main(void) { printf("%d\\n", add(2, 3)); return 0; }\n')
        (ex / "driver.c").write_text(
            '#include <stdio.h>\n#include "add.h"\n'
            'int main(void) { printf("%d\\n", add(10, 1)); return 0; }\n')
        mine = d / "mine"
        mine.mkdir()
        (mine / "add.c").write_text(
            '#include "add.h"\nint add(int a, int b) { return a + b; }\n')
        r = checks.grade_folder(ex, mine, settings())
        self.assertEqual((r.points, r.max_points), (2, 2), r.report())


if __name__ == "__main__":
    unittest.main()
