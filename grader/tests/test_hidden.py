"""Hidden checks (grade.py --checks DIR): an instructor's extra checks
run on top of the public ones, are marked in every report, and never show
the student what they feed the program or expect from it."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from grader import checks, report, spec
from grader.tests.helpers import EXERCISES, REPO, SOLUTIONS, TempDir, settings

GRADE = str(REPO / "grader" / "grade.py")
# The hidden driver greets names no public check uses: none of them may
# ever appear in what a student is shown.
SECRET = ("kim", "lou", "quin")
HIDDEN_TOML = """\
[[check]]
kind = "driver"
name = "three other greeters"
points = 2
driver = "other.c"
groups = [["Hello kim", "Hello lou", "Hello quin"],
          ["Bye kim", "Bye lou", "Bye quin"]]
max = 1.5

[[check]]
kind = "driver"
name = "the public driver, once more"
points = 1
driver = "driver.c"
groups = [["Hello zed", "Hello yan"], ["Bye zed", "Bye yan"], ["took 1.00 s"]]
"""
OTHER_C = """\
#include <stdio.h>

#include "async.h"

async_value greet(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    void *names[] = {"kim", "lou", "quin"};
    async_gather_fn(greet, names, 3, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
"""


class TestHidden(TempDir):
    def setUp(self) -> None:
        super().setUp()
        self.tmp.chmod(0o755)
        self.hidden = self.tmp / "hidden"
        folder = self.hidden / "01-greet"
        folder.mkdir(parents=True)
        (folder / "check.toml").write_text(HIDDEN_TOML)
        (folder / "other.c").write_text(OTHER_C)
        self.settings = dataclasses.replace(settings(), hidden=self.hidden)

    def grade(self, greet: Path) -> checks.ExerciseResult:
        work = self.tmp / "work" / "01-greet"
        work.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(greet, work / "greet.c")
        return checks.grade_folder(EXERCISES / "01-greet", work,
                                   self.settings)

    def test_solution_passes_hidden_checks_too(self) -> None:
        public = spec.load_exercise(EXERCISES / "01-greet").max_points
        r = self.grade(SOLUTIONS / "01-greet" / "greet.c")
        hidden = [c for c in r.checks if c.hidden]
        self.assertEqual([c.name for c in hidden],
                         ["three other greeters",
                          "the public driver, once more"])
        self.assertEqual(r.max_points, public + 3)
        self.assertTrue(r.passed, r.report())

    def test_hardcoded_answer_fails_hidden_check_without_seeing_it(
            self) -> None:
        wrong = SOLUTIONS / "01-greet" / "wrong" / "hardcoded.c"
        r = self.grade(wrong)
        secret = next(c for c in r.checks
                      if c.name == "three other greeters")
        self.assertTrue(secret.hidden)
        self.assertFalse(secret.passed)
        self.assertEqual(secret.details, ())
        self.assertIn("hidden check failed", secret.message)
        texts = {
            "text": report.verbose(r, "exercises/01-greet",
                                   report.Style(False)),
            "table": report.table_line(r, report.Style(False)),
            "json": report.to_json([r]),
            "gradescope": report.to_gradescope([r]),
            "junit": report.to_junit([r]),
            "autolab": report.to_autolab([r]),
        }
        for fmt, text in texts.items():
            for name in SECRET:
                self.assertNotIn(name, text, f"{fmt} shows '{name}'")
        self.assertIn("three other greeters (hidden)", texts["text"])
        data = json.loads(texts["json"])
        flags = {c["name"]: c.get("hidden", False)
                 for c in data["exercises"][0]["checks"]}
        self.assertTrue(flags["three other greeters"])
        self.assertFalse(flags["works for other names"])
        gs = json.loads(texts["gradescope"])
        vis = {t["name"]: t["visibility"] for t in gs["tests"]}
        self.assertEqual(vis["01 Greet concurrently: three other greeters "
                             "(hidden)"], "after_published")
        self.assertEqual(vis["01 Greet concurrently: works for other "
                             "names"], "visible")
        root = ET.fromstring(texts["junit"])
        marked = [c.get("name") for c in root.iter("testcase")
                  if any(p.get("name") == "hidden" and
                         p.get("value") == "true"
                         for p in c.iter("property"))]
        self.assertEqual(len(marked), 2)

    def test_hidden_file_with_other_keys_is_refused(self) -> None:
        toml = self.hidden / "01-greet" / "check.toml"
        toml.write_text('title = "peek"\n' + HIDDEN_TOML)
        ex = spec.load_exercise(EXERCISES / "01-greet")
        with self.assertRaises(spec.SpecError) as cm:
            spec.add_hidden(ex, toml.parent)
        self.assertIn("'title' is not a known key", str(cm.exception))

    def test_no_hidden_folder_adds_nothing(self) -> None:
        ex = spec.load_exercise(EXERCISES / "02-order")
        self.assertIs(spec.add_hidden(ex, self.hidden / "02-order"), ex)

    def test_command_line_marks_hidden_and_rejects_missing_dir(self) -> None:
        env = {**os.environ, "NO_COLOR": "1",
               "ASYNCBOOK_GRADE_STATE": str(self.tmp)}
        env.pop("ASYNCBOOK_CHECKS", None)
        base = [sys.executable, GRADE, "--dir", str(EXERCISES),
                "--files-from", str(SOLUTIONS)]
        r = subprocess.run([*base, "--checks", str(self.hidden), "01"],
                           capture_output=True, text=True, timeout=120,
                           env=env, cwd=REPO)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("three other greeters (hidden)", r.stdout)
        want = spec.load_exercise(EXERCISES / "01-greet").max_points + 3
        self.assertIn(f"{want}/{want} points", r.stdout)
        r = subprocess.run([*base, "--checks", str(self.tmp / "nope")],
                           capture_output=True, text=True, timeout=60,
                           env=env, cwd=REPO)
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a folder", r.stderr)
