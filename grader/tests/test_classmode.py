"""Class mode with 30 synthetic students, some broken: the gradebook
adds up, the pristine checks are used, one student's program cannot touch
another's folder, and nothing is written inside the class folder."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from contextlib import redirect_stderr
from pathlib import Path

from grader import classmode, sandbox
from grader.tests.helpers import PROGRAMS, TempDir, settings

LOOP = """#include "async.h"
async_value greet(void *arg) { (void)arg; for (;;) ; }
int main(void) { for (;;) ; }
"""
VANDAL = """#include <stdio.h>
#include <unistd.h>
#include "async.h"
async_value greet(void *arg) {{ (void)arg; return ASYNC_NONE; }}
int main(void) {{ FILE *f = fopen("{victim}", "r");
    if (f) {{ puts("snooped"); fclose(f); }}
    unlink("{victim}"); f = fopen("{victim}", "w");
    if (f) {{ fputs("vandal", f); fclose(f); }} return 0; }}
"""


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            st = os.stat(os.path.join(dirpath, f))
            out[os.path.join(dirpath, f)] = (st.st_mtime_ns, st.st_size)
    return out


class TestClass(TempDir):
    @property
    def sandboxed(self) -> bool:
        return sandbox.mode() == "bwrap"

    def make_class(self, ex: Path, sol: Path) -> tuple[Path, dict]:
        cls = self.tmp / "class"
        plan = (["solved"] * 10 + ["stub"] * 8 + ["sequential"] * 4
                + ["compile"] * 2 + ["loop"] * 2 + ["renamed", "missing",
                                                     "cheat", "vandal"])
        assert len(plan) == 30
        kinds = {}
        for i, kind in enumerate(plan):
            who = cls / f"student{i:02d}"
            kinds[who.name] = kind
            src = sol if kind in ("solved", "sequential", "renamed") else ex
            for slug in ("01-greet", "02-order"):
                shutil.copytree(src / slug, who / slug,
                                ignore=shutil.ignore_patterns("wrong"))
            greet = who / "01-greet" / "greet.c"
            if kind == "sequential":
                shutil.copy(sol / "01-greet" / "wrong" / "sequential.c",
                            greet)
            elif kind == "compile":
                greet.write_text("int main(void) { return missing; }\n")
            elif kind == "loop":
                greet.write_text(LOOP)
            elif kind == "renamed":
                (who / "01-greet").rename(who / "01-greetings")
            elif kind == "missing":
                shutil.rmtree(who / "02-order")
            elif kind == "cheat":
                # A check.toml of their own that their stub would pass.
                (who / "01-greet" / "check.toml").write_text(
                    'title = "x"\nlesson = "x"\nfiles = ["greet.c"]\n'
                    'hints = ["x"]\n[[check]]\nkind = "forbid"\n'
                    'points = 10\nlines = ["nothing"]\n')
            elif kind == "vandal":
                # Without a sandbox nothing stops it: aim it elsewhere.
                victim = (cls / "student00" / "01-greet" / "greet.c"
                          if self.sandboxed else self.tmp / "decoy.c")
                greet.write_text(VANDAL.format(victim=victim))
        return cls, kinds

    def test_class_of_30_gradebook(self) -> None:
        ex, sol = self.course(timeout=2)
        cls, kinds = self.make_class(ex, sol)
        os.chmod(self.tmp, 0o755)
        before = snapshot(cls)
        err = io.StringIO()
        results = classmode.grade_class(ex, cls, settings(), jobs=4,
                                        stream=err)
        self.assertEqual(snapshot(cls), before)  # nothing written inside
        self.assertIn("60/60 gradings", err.getvalue())
        totals = {who: sum(r.points for r in rs)
                  for who, rs in results.items()}
        for who, kind in kinds.items():
            # sequential: its no_blocking check is not judged while its
            # output is wrong; vandal: its forbid check passes.
            want = {"solved": 13, "renamed": 13, "stub": 0, "cheat": 0,
                    "sequential": 6, "compile": 0, "loop": 0,
                    "missing": 0, "vandal": 1}[kind]
            self.assertEqual(totals[who], want, f"{who} ({kind})")
        vandal = next(w for w, k in kinds.items() if k == "vandal")
        if self.sandboxed:
            self.assertNotIn("snooped", results[vandal][0].log)
        loop = next(w for w, k in kinds.items() if k == "loop")
        self.assertTrue(results[loop][0].outcome.startswith("timeout"))
        self.assertIn("missing file", results[next(
            w for w, k in kinds.items() if k == "missing")][1].outcome)

        out = self.tmp / "out" / "gradebook.csv"
        folder = classmode.write_gradebook(results, out)
        with out.open() as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["student", "01", "02", "total"])
        self.assertEqual(len(rows), 32)  # header, 30 students, max
        self.assertEqual(rows[1], ["student00", "10", "3", "13"])
        self.assertEqual(rows[-1], ["max", "10", "3", "13"])
        data = json.loads((folder / "student04.json").read_text())
        self.assertEqual(data["score"], 13)
        self.assertEqual(len(list(folder.glob("*.json"))), 30)

    def test_class_output_inside_class_folder_refused(self) -> None:
        cls = self.tmp / "class"
        (cls / "a").mkdir(parents=True)
        with redirect_stderr(io.StringIO()) as err:
            code = classmode.main(PROGRAMS.parents[3], cls,
                                  str(cls / "gradebook.csv"))
        self.assertIn("must not be inside the class folder", err.getvalue())
        self.assertEqual(code, 2)
        self.assertFalse((cls / "gradebook.csv").exists())


class TestClassCommand(TempDir):
    """grade.py --class end to end (classmode.main), on one exercise."""

    def test_main_grades_and_writes_the_gradebook(self) -> None:
        from contextlib import redirect_stdout
        repo = PROGRAMS.parents[3]
        cls = self.tmp / "class"
        shutil.copytree(repo / "exercises" / "01-predict-blocking",
                        cls / "ada" / "01-predict-blocking")
        out = self.tmp / "gradebook.csv"
        with redirect_stdout(io.StringIO()) as said:
            code = classmode.main(repo, cls, str(out), jobs=1,
                                  wanted=["01"])
        self.assertEqual(code, 0, said.getvalue())
        self.assertIn("ada", said.getvalue())
        with out.open() as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[1][0], "ada")
