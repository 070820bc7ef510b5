"""Watch mode: a save is noticed by polling, and only the exercise that
changed is graded again."""
from __future__ import annotations

import io
import os
import shutil
import time
from contextlib import redirect_stdout

from grader import report, spec, watch
from grader.tests.helpers import TempDir, settings


class TestWatch(TempDir):
    def test_watch_regrades_only_what_changed(self) -> None:
        ex, sol = self.course()
        folders = spec.find_exercises(ex)
        w = watch.Watcher(folders, ex, settings())
        for f in folders:
            w.grade(f)
        self.assertEqual(w.changed(), [])
        self.assertEqual(w.progress(10), "[..........] 0/2 done")
        # The student saves the solution over the stub.
        greet = ex / "01-greet" / "greet.c"
        shutil.copy(sol / "01-greet" / "greet.c", greet)
        os.utime(greet, ns=(time.time_ns(), time.time_ns() + 10**9))
        self.assertEqual([f.name for f in w.changed()], ["01-greet"])
        r = w.grade(folders[0])
        self.assertTrue(r.passed, r.report())
        self.assertEqual(w.changed(), [])
        self.assertEqual(w.progress(10), "[#####.....] 1/2 done")

    def test_watch_main_runs_given_cycles(self) -> None:
        ex, _ = self.course()
        out = io.StringIO()
        with redirect_stdout(out):
            code = watch.main(spec.find_exercises(ex)[1:], ex, settings(),
                              report.Style(), ["02"], cycles=1)
        self.assertEqual(code, 1)
        self.assertIn("0/1 done", out.getvalue())
        self.assertIn("watching 1 exercise(s)", out.getvalue())
