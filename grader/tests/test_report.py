"""The report formats against what their readers require: our JSON (as
grader/README.md documents it), Gradescope's results.json, JUnit XML,
and the text table."""
from __future__ import annotations

import json
import os
import unittest
import xml.etree.ElementTree as ET
from unittest import mock

from grader import report
from grader.checks import CheckResult, ExerciseResult


def sample() -> list[ExerciseResult]:
    ok = CheckResult("prints One", "output", 4, 4, True)
    bad = CheckResult("within 1 s", "elapsed", 0, 2, False,
                      "took 3.00 s (virtual time); expected within 1.0 s",
                      ("  timeline:", "    main |#zzz\x07"))
    return [
        ExerciseResult("01", "01-one", "First", 4, 4, (ok,), wall=0.2,
                       virtual=1.0),
        ExerciseResult("02", "02-two", "Second", 4, 6, (ok, bad), wall=0.3,
                       virtual=3.0),
        ExerciseResult("03", "03-three", "Third", 0, 0, (),
                       error="03-three/check.toml: 'title' is required"),
    ]


class TestJson(unittest.TestCase):
    def test_json_has_documented_fields(self) -> None:
        data = json.loads(report.to_json(sample()))
        self.assertEqual(data["score"], 8)
        self.assertEqual(data["max_score"], 10)
        ex = data["exercises"][1]
        for key in ("id", "title", "passed", "points", "max_points",
                    "checks", "outcome", "virtual_time", "seconds"):
            self.assertIn(key, ex)
        self.assertEqual(ex["passed"], False)
        check = ex["checks"][1]
        self.assertEqual(set(check), {"name", "kind", "passed", "points",
                                      "max_points", "message", "details"})
        self.assertEqual(check["points"], 0)


class TestGradescope(unittest.TestCase):
    def test_gradescope_results_follow_the_spec(self) -> None:
        data = json.loads(report.to_gradescope(sample()))
        self.assertEqual(data["score"], 8)
        self.assertIsInstance(data["execution_time"], (int, float))
        self.assertEqual(len(data["tests"]), 4)  # 1 + 2 checks + 1 error
        for t in data["tests"]:
            for key in ("score", "max_score", "name", "status", "output",
                        "visibility"):
                self.assertIn(key, t)
            self.assertIn(t["status"], ("passed", "failed"))
            self.assertLessEqual(t["score"], t["max_score"])
        failed = [t for t in data["tests"] if t["status"] == "failed"]
        self.assertIn("expected within 1.0 s", failed[0]["output"])
        self.assertEqual(sum(t["score"] for t in data["tests"]),
                         data["score"])


class TestJunit(unittest.TestCase):
    def test_junit_parses_and_counts(self) -> None:
        root = ET.fromstring(report.to_junit(sample()))
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(root.get("tests"), "4")
        self.assertEqual(root.get("failures"), "2")
        suites = root.findall("testsuite")
        self.assertEqual([s.get("name") for s in suites],
                         ["01-one", "02-two", "03-three"])
        failure = suites[1].findall("testcase")[1].find("failure")
        assert failure is not None
        self.assertIn("expected within 1.0 s", failure.get("message", ""))
        self.assertNotIn("\x07", failure.text or "")
        for case in root.iter("testcase"):
            self.assertTrue(case.get("classname") and case.get("name"))


class TestText(unittest.TestCase):
    def test_table_has_one_line_each_and_score(self) -> None:
        text = report.table(sample(), report.Style())
        lines = text.splitlines()
        self.assertEqual(len(lines), 4)
        self.assertIn("OK", lines[0])
        self.assertIn("FAIL", lines[1])
        self.assertIn("within 1 s: took 3.00 s", lines[1])
        self.assertEqual(lines[-1], "Score: 8/10")

    def test_verbose_shows_check_lines_and_details(self) -> None:
        text = report.verbose(sample()[1], "exercises/02-two",
                              report.Style())
        self.assertIn("== 02 Second (exercises/02-two) ==", text)
        self.assertIn("timeline:", text)
        self.assertTrue(text.splitlines()[-1].startswith("02: 4/6 points"))

    def test_color_choice_and_no_color(self) -> None:
        class Tty:
            def isatty(self) -> bool:
                return True
        with mock.patch.dict(os.environ, {"NO_COLOR": "1"}):
            self.assertFalse(report.want_color("auto", Tty()))
            self.assertTrue(report.want_color("always", Tty()))
        with mock.patch.dict(os.environ, {"NO_COLOR": "", "TERM": "xterm"}):
            self.assertTrue(report.want_color("auto", Tty()))
            self.assertFalse(report.want_color("never", Tty()))
        self.assertIn("\033[", report.Style(True).bad("x"))
        self.assertEqual(report.Style(False).bad("x"), "x")


if __name__ == "__main__":
    unittest.main()
