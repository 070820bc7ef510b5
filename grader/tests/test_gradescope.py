"""make gradescope: the autograder zip, unpacked into a temporary root laid
out as Gradescope lays it out (source/, submission/, results/), graded end
to end on a good, a wrong and a hanging submission. One zip, built once;
it grades exercises 13 and 20 only, with one hidden check file for 13."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path
from unittest import mock

from grader import gradescope, patch, sandbox, spec
from grader.tests.helpers import REPO, settings

COUNT = "13-count-without-blocking"
GATHER = "20-gather-in-order"
HIDDEN_TOML = """\
[[check]]
kind = "driver"
name = "five counters"
points = 2
driver = "five.c"
lines = ["p: One", "q: One", "r: One", "s: One", "t: One",
         "p: Two", "q: Two", "r: Two", "s: Two", "t: Two", "1.00"]

[[check]]
kind = "patterns"
name = "says how long"
points = 1
patterns = ['count exec in 1\\.00 seconds\\.']
"""
FIVE_C = """\
#include <stdio.h>

#include "async.h"

async_value count(void *arg);

static async_value
amain(void *arg)
{
    (void)arg;
    void *names[5] = {"p", "q", "r", "s", "t"};
    async_gather_fn(count, names, 5, NULL);
    return ASYNC_NONE;
}

int
main(void)
{
    double start = async_time();
    async_run(amain, NULL);
    printf("%.2f\\n", async_time() - start);
    return 0;
}
"""
HANG_C = """\
#include <stdio.h>

#include "async.h"

async_value
count(void *arg)
{
    volatile unsigned long n = 0;
    (void)arg;
    for (;;)
        n++;
    return ASYNC_NONE;
}

int
main(void)
{
    for (;;)
        ;
}
"""


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ASYNCBOOK_CHECKS", "ASYNCBOOK_GRADE_CACHE",
                        "MAKEFLAGS", "MAKELEVEL")}
    env.update(extra)
    return env


class TestGradescope(unittest.TestCase):
    tmp: Path
    root: Path
    zip: Path

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = Path(tempfile.mkdtemp(prefix="grader-gradescope-"))
        cls.tmp.chmod(0o755)
        hidden = cls.tmp / "hidden" / COUNT
        hidden.mkdir(parents=True)
        (hidden / "check.toml").write_text(HIDDEN_TOML)
        (hidden / "five.c").write_text(FIVE_C)
        cls.zip = cls.tmp / "autograder.zip"
        r = subprocess.run([sys.executable,
                            str(REPO / "grader" / "gradescope.py"),
                            "--output", str(cls.zip), "--exercises", "13,20",
                            "--max-timeout", "2",
                            "--checks", str(cls.tmp / "hidden")],
                           capture_output=True, text=True, timeout=120,
                           env=clean_env())
        assert r.returncode == 0, r.stdout + r.stderr
        # Gradescope: the zip in source/, run_autograder beside it.
        cls.root = cls.tmp / "autograder"
        with zipfile.ZipFile(cls.zip) as z:
            z.extractall(cls.root / "source")
        shutil.copyfile(cls.root / "source" / "run_autograder",
                        cls.root / "run_autograder")
        cls.course = cls.root / "source" / "asyncbook"
        cls.max = {}
        for slug in (COUNT, GATHER):
            ex = spec.load_exercise(cls.course / "exercises" / slug)
            ex = spec.add_hidden(ex, cls.course / "hidden-checks" / slug)
            cls.max[slug] = ex.max_points

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def submit(self, files: dict[str, Path | str]) -> dict:
        """Put files (name in the submission: source or text) in
        submission/, run run_autograder, return results.json."""
        settings()  # skips when the runtime does not build here
        sub = self.root / "submission"
        shutil.rmtree(sub, ignore_errors=True)
        shutil.rmtree(self.root / "results", ignore_errors=True)
        for name, what in files.items():
            (sub / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(what, Path):
                shutil.copyfile(what, sub / name)
            else:
                (sub / name).write_text(what)
        r = subprocess.run(["bash", str(self.root / "run_autograder")],
                           capture_output=True, text=True, timeout=300,
                           env=clean_env(
                               ASYNCBOOK_AUTOGRADER_ROOT=str(self.root)))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        data = json.loads((self.root / "results" /
                           "results.json").read_text())
        for t in data["tests"]:
            self.assertLessEqual({"name", "score", "max_score", "output",
                                  "visibility", "status"}, set(t))
        self.assertEqual(data["score"], sum(t["score"]
                                            for t in data["tests"]))
        return data

    def points(self, data: dict, slug: str) -> int:
        return sum(t["score"] for t in data["tests"]
                   if t["name"].startswith(slug[:2] + " "))

    def test_zip_layout(self) -> None:
        with zipfile.ZipFile(self.zip) as z:
            names = z.namelist()
            modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
        self.assertIn("setup.sh", names)
        self.assertIn("run_autograder", names)
        self.assertTrue(modes["run_autograder"] & 0o111)
        self.assertIn(f"asyncbook/hidden-checks/{COUNT}/five.c", names)
        self.assertIn(f"asyncbook/exercises/{COUNT}/check.toml", names)
        self.assertFalse([n for n in names if "solutions/" in n
                          or "/wrong/" in n or "exercises/01-" in n])
        r = subprocess.run(["bash", "-n", str(self.root / "source" /
                                              "setup.sh")])
        self.assertEqual(r.returncode, 0)

    def test_good_submission_full_marks(self) -> None:
        # A zip of exercises/, as a student would upload it.
        zpath = self.tmp / "good.zip"
        with zipfile.ZipFile(zpath, "w") as z:
            for slug, f in ((COUNT, "count.c"), (GATHER, "measure.c")):
                z.write(REPO / "solutions" / slug / f,
                        f"exercises/{slug}/{f}")
        data = self.submit({"exercises.zip": zpath})
        self.assertEqual(data["max_score"], sum(self.max.values()))
        self.assertEqual(data["score"], data["max_score"], data["output"])
        hidden = [t for t in data["tests"] if "(hidden)" in t["name"]]
        self.assertEqual(len(hidden), 2)
        self.assertEqual({t["visibility"] for t in hidden},
                         {"after_published"})

    def test_wrong_submission_loses_the_right_points(self) -> None:
        # An exercises/ folder; 13 is a typical mistake (blocking sleep).
        data = self.submit({
            f"exercises/{COUNT}/count.c": patch.materialize(
                REPO / "solutions" / COUNT / "wrong" / "blocking.diff",
                REPO / "solutions" / COUNT / "count.c"),
            f"exercises/{GATHER}/measure.c":
                REPO / "solutions" / GATHER / "measure.c"})
        self.assertEqual(self.points(data, GATHER), self.max[GATHER])
        self.assertLess(self.points(data, COUNT), self.max[COUNT])
        failed = [t for t in data["tests"] if t["status"] == "failed"]
        self.assertTrue(any("no blocking call" in t["name"] for t in failed))
        for t in failed:
            if "(hidden)" in t["name"]:
                self.assertNotIn("p: One", t["output"])

    def test_hanging_submission_costs_only_its_exercise(self) -> None:
        # The edited files themselves, at the top; count.c never ends.
        data = self.submit({"count.c": HANG_C,
                            "measure.c": (REPO / "solutions" / GATHER /
                                          "measure.c").read_text()})
        self.assertEqual(self.points(data, COUNT), 0)
        self.assertEqual(self.points(data, GATHER), self.max[GATHER])
        self.assertEqual(data["score"], self.max[GATHER])
        self.assertIn("timeout", data["output"])

    def test_autograder_files_unreadable_without_bubblewrap(self) -> None:
        # A container that allows no namespaces: only file permissions and
        # the run's own user stand between the program and the checks.
        secret = (self.course / "hidden-checks" / COUNT / "check.toml")
        snoop = ('#include <stdio.h>\n#include "async.h"\n'
                 'async_value count(void *a) { (void)a; return ASYNC_NONE; }\n'
                 'int main(void) {\n'
                 f'    FILE *f = fopen("{secret}", "r");\n'
                 '    puts(f ? "LEAKED the hidden checks" : "no leak");\n'
                 '    return 0;\n}\n')
        with mock.patch.dict(os.environ, {sandbox.NO_BWRAP: "1",
                                          sandbox.NO_UNSHARE: "1"}):
            data = self.submit({"count.c": snoop})
        text = json.dumps(data)
        self.assertIn("no leak", text)
        self.assertNotIn("LEAKED", text)
        self.assertTrue(data["output"].startswith("sandbox: "))
        self.assertEqual(self.root.stat().st_mode & 0o077, 0)
        # The author's words are shown whole, never taken for output.
        self.assertNotIn("togethe<a line", text)

    def test_missing_files_are_named(self) -> None:
        data = self.submit({"notes.txt": "nothing here\n"})
        self.assertEqual(data["score"], 0)
        self.assertIn("not found in the submission", data["output"])
        self.assertIn(f"{COUNT}/count.c", data["output"])


class TestStaging(unittest.TestCase):
    """How submissions are taken apart, without grading them."""

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="grader-stage-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.refs = [REPO / "exercises" / COUNT,
                     REPO / "exercises" / "01-predict-blocking",
                     REPO / "exercises" / "04-predict-boards"]

    def test_zip_cannot_write_outside_and_ambiguous_loose_files_wait(
            self) -> None:
        sub = self.tmp / "sub"
        sub.mkdir()
        with zipfile.ZipFile(sub / "hand.zip", "w") as z:
            z.writestr("../evil.c", "int x;\n")
            z.writestr("count.c", "/* mine */\n")
            z.writestr("prediction.txt", "a guess\n")
            z.writestr("01-predict-blocking/prediction.txt", "first\n")
        into = self.tmp / "into"
        notes = gradescope.stage(sub, self.refs, into)
        self.assertFalse((self.tmp / "evil.c").exists())
        self.assertEqual((into / COUNT / "count.c").read_text(),
                         "/* mine */\n")
        self.assertEqual((into / "01-predict-blocking" /
                          "prediction.txt").read_text(), "first\n")
        # prediction.txt is edited in two exercises: a loose one is not
        # guessed to be either.
        self.assertFalse((into / "04-predict-boards" /
                          "prediction.txt").exists())
        self.assertIn("04-predict-boards/prediction.txt", "\n".join(notes))

    def test_budget_spent_scores_zero_without_running(self) -> None:
        s = settings()
        work = self.tmp / "work"
        results = gradescope.grade(work, self.refs[:1], s, -1.0, 1)
        self.assertEqual(results[0].points, 0)
        self.assertIn("time budget", results[0].outcome)


if __name__ == "__main__":
    unittest.main()
