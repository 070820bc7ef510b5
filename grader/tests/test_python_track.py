"""The asyncio track (grader/pyrun.py, grader/pytrace.py): a Python
exercise is graded as a C one is, by the same check kinds, from a trace
in the C runtime's format, in the same sandbox and under the same limits.
Each test grades a small exercise of its own, written here."""
from __future__ import annotations

import dataclasses
import os
import textwrap
import time
from pathlib import Path

from grader import checks, pyrun, run, spec, supervise
from grader import trace as tracemod
from grader.tests.helpers import REPO, TempDir, settings

GATHER = """\
import asyncio


async def append_two(lst, a, b):
    lst.append(a)
    await asyncio.sleep(0.5)
    lst.append(b)


async def append_all(lst, pairs):
    await asyncio.gather(*(append_two(lst, a, b) for a, b in pairs))


async def main(lst):
    await append_all(lst, [(1, 4), (3, 6), (2, 5)])


if __name__ == "__main__":
    lst = []
    asyncio.run(main(lst))
    print(lst)
"""

DRIVER = """\
import asyncio
import random
import sys

from prog import append_all

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
pairs = [(random.Random(seed).randint(0, 99), 7), (8, 9)]
lst = []
asyncio.run(append_all(lst, pairs))
print(lst)
"""

CHECKS = """\
title = "Gather"
lesson = "10-gather"
files = ["prog.py"]
timeout = 15
hints = ["One."]

[[check]]
kind = "output"
points = 1
lines = ["[1, 3, 2, 4, 6, 5]"]

[[check]]
kind = "elapsed"
points = 1
max = 0.99
message = "MSG-ELAPSED"

[[check]]
kind = "overlap"
points = 1
tasks = 3
why = ["sleep"]

[[check]]
kind = "no_blocking"
points = 1

[[check]]
kind = "never_awaited"
points = 1

[[check]]
kind = "driver"
driver = "driver.py"
seeded = true
points = 1
lines = ["[0, 8, 7, 9]"]
"""

SHORT = run.Limits(timeout=15.0)  # a loaded machine starts python slowly


class PythonTrack(TempDir):
    def setUp(self) -> None:
        super().setUp()
        self.runs_under_tmp()

    def exercise(self, program: str, toml: str = CHECKS,
                 solution: str = GATHER) -> tuple[Path, Path]:
        """exercises/01py-gather (program as prog.py, driver.py) and its
        solution; returns (the exercise folder, the solutions root)."""
        ex = self.tmp / "exercises" / "01py-gather"
        sol = self.tmp / "solutions" / "01py-gather"
        for d in (ex, sol):
            d.mkdir(parents=True, exist_ok=True)
        (ex / "check.toml").write_text(toml)
        (ex / "prog.py").write_text(program)
        (ex / "driver.py").write_text(DRIVER)
        (sol / "prog.py").write_text(solution)
        return ex, sol.parent

    def grade(self, program: str, toml: str = CHECKS
              ) -> checks.ExerciseResult:
        ex, sols = self.exercise(program, toml)
        s = dataclasses.replace(settings(), reference=sols)
        return checks.grade_folder(ex, ex, s)

    def failed(self, r: checks.ExerciseResult) -> dict[str, str]:
        return {c.kind: c.message for c in r.checks if not c.passed}

    def run_py(self, program: str, limits: run.Limits = SHORT,
               **files: str) -> run.RunResult:
        d = self.tmp / "src"
        d.mkdir(exist_ok=True)
        (d / "prog.py").write_text(program)
        for name, text in files.items():
            (d / name).write_text(text)
        return pyrun.run_script({p.name: p for p in d.iterdir()}, "prog.py",
                                settings().lib.parent, limits=limits)

    def outcome(self, r: run.RunResult, limits: run.Limits = SHORT) -> str:
        return pyrun.outcome(r, limits, 0, ("prog.py",))

    # ---- Grading ------------------------------------------------------------

    def test_a_right_program_gets_full_marks(self) -> None:
        r = self.grade(GATHER)
        self.assertEqual(r.outcome, "")
        self.assertEqual(self.failed(r), {})
        self.assertEqual(r.points, r.max_points)
        self.assertAlmostEqual(r.virtual or 0, 0.5, delta=0.01)

    def test_sequential_awaits_fail_timing_and_overlap(self) -> None:
        seq = GATHER.replace(
            "    await asyncio.gather(*(append_two(lst, a, b) for a, b in "
            "pairs))", "    for a, b in pairs:\n"
            "        await append_two(lst, a, b)")
        r = self.grade(seq.replace("[1, 3, 2, 4, 6, 5]", "x"),
                       CHECKS.replace('["[1, 3, 2, 4, 6, 5]"]',
                                      '["[1, 4, 3, 6, 2, 5]"]'))
        bad = self.failed(r)
        self.assertEqual(set(bad), {"elapsed", "overlap", "driver",
                                    "no_blocking", "never_awaited"}, bad)
        self.assertIn("not judged yet", bad["no_blocking"])
        self.assertIn("MSG-ELAPSED", bad["elapsed"])
        self.assertIn("took 1.50 s", bad["elapsed"])
        self.assertIn("at most 1 task(s) were suspended", bad["overlap"])

    def test_time_sleep_in_a_task_fails_no_blocking(self) -> None:
        blocking = ("import time\n" + GATHER).replace(
            "await asyncio.sleep(0.5)", "time.sleep(0.5)")
        r = self.grade(blocking, CHECKS.replace(
            '["[1, 3, 2, 4, 6, 5]"]', '["[1, 4, 3, 6, 2, 5]"]'))
        bad = self.failed(r)
        self.assertIn("no_blocking", bad)
        self.assertIn("task 'append_two' called time.sleep() at t=0.00: "
                      "a blocking sleep that stops the whole loop for 0.5 s",
                      bad["no_blocking"])
        self.assertIn("use await asyncio.sleep", bad["no_blocking"])

    def test_a_coroutine_never_awaited_is_named_with_its_line(self) -> None:
        forgot = GATHER.replace(
            "    await asyncio.gather(*(append_two(lst, a, b) for a, b in "
            "pairs))", "    for a, b in pairs:\n"
            "        append_two(lst, a, b)")
        r = self.grade(forgot)
        bad = self.failed(r)
        self.assertIn("coroutine 'append_two' was never awaited (made at "
                      "prog.py line 12)", bad["never_awaited"])

    def test_a_hard_coded_answer_fails_the_seeded_driver(self) -> None:
        fake = GATHER.replace("print(lst)", "print([1, 3, 2, 4, 6, 5])")
        fake = fake.replace("*(append_two(lst, a, b) for a, b in pairs)",
                            "*(append_two([], a, b) for a, b in pairs)")
        bad = self.failed(self.grade(fake))
        self.assertEqual(set(bad), {"driver", "elapsed", "overlap",
                                    "no_blocking", "never_awaited"}, bad)
        self.assertIn("inputs drawn for this grading", bad["driver"])

    # ---- How a run ends -----------------------------------------------------

    def test_a_syntax_error_is_one_line(self) -> None:
        r = self.grade("import asyncio\n\nasync def main(:\n    pass\n")
        self.assertRegex(r.outcome, r"^syntax error: prog\.py:3: ")
        self.assertEqual(r.points, 0)

    def test_an_exception_is_one_line_with_its_place(self) -> None:
        r = self.run_py("import asyncio\n\n\nasync def main():\n"
                        "    await asyncio.sleep(1)\n    return 1 / 0\n\n"
                        "asyncio.run(main())\n")
        self.assertEqual(self.outcome(r), "the program raised "
                         "ZeroDivisionError: division by zero (prog.py "
                         "line 6)")
        self.assertIn("Traceback (most recent call last):", r.stderr)
        self.assertIn('File "<stdlib>/asyncio/runners.py"', r.stderr)

    def test_a_todo_left_is_not_done_yet(self) -> None:
        r = self.run_py('def f():\n    # TODO: write f\n'
                        '    raise NotImplementedError("TODO: write f")\n\n'
                        'f()\n')
        self.assertEqual(self.outcome(r),
                         "not done yet: prog.py:3: TODO: write f")

    def test_an_endless_loop_times_out_saying_what_tasks_do(self) -> None:
        r = self.run_py("import asyncio\n\nasync def spin():\n"
                        "    while True:\n        pass\n\n"
                        "async def main():\n"
                        "    await asyncio.create_task(spin())\n\n"
                        "asyncio.run(main())\n",
                        run.Limits(timeout=2.0))
        said = self.outcome(r, run.Limits(timeout=2.0))
        self.assertTrue(said.startswith("timeout: still running after 2 s"),
                        said)
        self.assertIn("'main' (task 1) waits for task 'spin'", said)
        self.assertIn("'spin' (task 2) is running", said)

    def test_a_flood_of_output_is_capped(self) -> None:
        r = self.run_py("while True:\n    print('x' * 1000)\n")
        self.assertEqual(r.status, "flood")
        self.assertTrue(self.outcome(r).startswith("output flood"))
        self.assertLessEqual(len(r.stdout), 2 * run.OUTPUT_CAP)

    # ---- What it may see and leave ------------------------------------------

    def test_it_cannot_read_the_course_or_write_outside(self) -> None:
        canary = self.tmp / "canary.txt"
        canary.write_text("mine\n")
        secret = REPO / "grader" / "tests" / "test_python_track.py"
        r = self.run_py(textwrap.dedent(f"""\
            import os, sys
            for path in ({str(secret)!r}, {str(REPO / 'solutions')!r}):
                try:
                    open(path).read() if path.endswith('.py') \\
                        else os.listdir(path)
                    print('READ', path)
                except OSError:
                    print('DENIED')
            try:
                with open({str(canary)!r}, 'w') as f:
                    f.write('theirs')
            except OSError:
                pass
            import pytrace   # the harness: shown read-only
            for name in ('pytrace.py', 'new.py'):
                try:
                    with open(os.path.join(os.path.dirname(
                            pytrace.__file__), name), 'a') as f:
                        f.write('#')
                    print('WROTE', name)
                except OSError:
                    print('DENIED')
            """))
        self.assertEqual(r.stdout.split(), ["DENIED"] * 4, r.stderr)
        self.assertEqual(canary.read_text(), "mine\n")

    def test_it_leaves_no_process_behind(self) -> None:
        marker = f"asyncbook-py-{os.getpid()}-{time.monotonic_ns()}"
        r = self.run_py(textwrap.dedent(f"""\
            import subprocess
            subprocess.Popen(['sh', '-c', 'sleep 300; : {marker}'],
                             start_new_session=True)
            print('started')
            """))
        self.assertEqual(r.stdout.strip(), "started")
        time.sleep(0.3)
        left = []
        for p in os.listdir("/proc"):
            try:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    if marker.encode() in f.read():
                        left.append(int(p))
            except OSError:
                pass
        self.assertEqual([p for p in left if supervise.alive(p)], [])

    # ---- The trace ----------------------------------------------------------

    def test_the_trace_of_a_gather_shows_three_sleeping(self) -> None:
        r = self.run_py(GATHER)
        tr = r.trace
        assert tr is not None
        self.assertEqual(tr.problem, "")
        self.assertEqual(tracemod.max_suspended(tr, frozenset({"sleep"}))[0],
                         3)
        first = [(e.ev, e.task, e.name) for e in tr.events[:4]]
        self.assertEqual(first, [("loop", 0, ""), ("create", 1, "main"),
                                 ("run", 1, "main"),
                                 ("create", 2, "append_two")])
        main = [e for e in tr.events if e.task == 1 and e.ev == "suspend"]
        self.assertEqual(main[0].get("why"), "gather")
        sleeps = [e for e in tr.events if e.ev == "suspend"
                  and e.get("why") == "sleep"]
        self.assertEqual(len(sleeps), 3)
        self.assertAlmostEqual(float(sleeps[0].get("until")), 0.5,
                               delta=0.001)
        self.assertEqual(len(tr.of("timer")), 3)
        self.assertEqual([e.task for e in tr.of("wake")], [2, 3, 4, 1])
        self.assertEqual([e.get("by") for e in tr.of("create")], [0, 1, 1, 1])
        self.assertAlmostEqual(tr.exit_time or 0, 0.5, delta=0.001)

    def test_the_trace_says_what_each_task_waits_in(self) -> None:
        r = self.run_py(textwrap.dedent("""\
            import asyncio

            async def waiter(ev, lock, q):
                await ev.wait()
                async with lock:
                    await q.get()
                await asyncio.sleep(0)

            async def main():
                ev, lock, q = asyncio.Event(), asyncio.Lock(), asyncio.Queue()
                await lock.acquire()
                t = asyncio.create_task(waiter(ev, lock, q))
                await asyncio.sleep(0.1)
                ev.set()
                await asyncio.sleep(0.1)
                lock.release()
                await asyncio.sleep(0.1)
                q.put_nowait(1)
                await t
                try:
                    await asyncio.create_task(fails())
                except ValueError:
                    pass

            async def fails():
                raise ValueError("no")

            asyncio.run(main())
            """))
        tr = r.trace
        assert tr is not None
        whys = [e.get("why") for e in tr.events
                if e.ev == "suspend" and e.name == "waiter"]
        self.assertEqual(whys, ["event", "lock", "queue", "yield"])
        main_whys = [e.get("why") for e in tr.events
                     if e.ev == "suspend" and e.name == "main"]
        self.assertEqual(main_whys[-2:], ["task", "task"])
        on = [e.get("on") for e in tr.events
              if e.ev == "suspend" and e.name == "main"][-2]
        self.assertEqual(on, 2)
        failed = tr.of("failed")
        self.assertEqual([(e.name, e.get("error")) for e in failed],
                         [("fails", "ValueError: no")])

    def test_a_long_computation_is_a_blocked_step(self) -> None:
        r = self.run_py("import asyncio\n\nasync def hog():\n"
                        "    n = 0\n    for i in range(10_000_000):\n"
                        "        n += i\n\nasyncio.run(hog())\n")
        blocked = r.trace.of("blocked") if r.trace else []
        self.assertEqual([e.name for e in blocked], ["hog"])
        self.assertGreater(float(blocked[0].get("seconds")), 0.1)

    # ---- check.toml ---------------------------------------------------------

    def test_a_python_exercise_runs_a_py_file(self) -> None:
        no_driver = CHECKS[:CHECKS.index('[[check]]\nkind = "driver"')]
        ex, _ = self.exercise(GATHER, no_driver.replace('"prog.py"',
                                                        '"prog.c"'))
        (ex / "prog.c").write_text("int main(void) { return 0; }\n")
        with self.assertRaisesRegex(spec.SpecError, "must be the .py "
                                    "program the checks run"):
            spec.load_exercise(ex)
        ex, _ = self.exercise(GATHER, CHECKS.replace('"driver.py"',
                                                     '"driver.c"'))
        (ex / "driver.c").write_text("int main(void) { return 0; }\n")
        with self.assertRaisesRegex(spec.SpecError, "must name a .py file"):
            spec.load_exercise(ex)

    def test_never_awaited_is_for_python_exercises_only(self) -> None:
        c_ex = self.tmp / "exercises" / "02-plain"
        c_ex.mkdir(parents=True)
        (c_ex / "p.c").write_text("int main(void) { return 0; }\n")
        (c_ex / "check.toml").write_text(
            'title = "t"\nlesson = "l"\nfiles = ["p.c"]\nhints = ["h"]\n'
            '[[check]]\nkind = "never_awaited"\npoints = 1\n')
        with self.assertRaisesRegex(spec.SpecError, "for asyncio exercises"):
            spec.load_exercise(c_ex)
        ex, _ = self.exercise(GATHER)
        self.assertEqual(spec.load_exercise(ex).track, "py")

    # ---- The other ways to grade --------------------------------------------

    def test_class_mode_grades_python_exercises(self) -> None:
        import contextlib
        import io
        from unittest import mock

        from grader import classmode
        self.exercise(GATHER.replace("await asyncio.gather", "# "))
        for who, text in (("ann", GATHER), ("ben", "print('[1, 3]')\n")):
            d = self.tmp / "class" / who / "01py-gather"
            d.mkdir(parents=True)
            (d / "prog.py").write_text(text)
        out = self.tmp / "book.csv"
        s = dataclasses.replace(settings(), reference=self.tmp / "solutions")
        with mock.patch.object(checks, "settings_for", return_value=s), \
                contextlib.redirect_stdout(io.StringIO()):
            code = classmode.main(self.tmp, self.tmp / "class", str(out))
        self.assertEqual(code, 0)
        rows = out.read_text().splitlines()
        self.assertEqual(rows, ["student,01py,total", "ann,6,6", "ben,0,0",
                                "max,6,6"])

    def test_the_timeline_runs_a_python_exercise(self) -> None:
        from grader import timeline_figures as tf
        self.exercise(GATHER)
        p = tf.find_program("exercise:01py", self.tmp)
        self.assertEqual(p.kind, "python")
        ran = tf.run_program(p, settings().lib, self.tmp)
        self.assertEqual(ran.stdout, "[1, 3, 2, 4, 6, 5]\n")
        assert ran.trace is not None
        self.assertEqual(tracemod.max_suspended(ran.trace)[0], 4)

    def test_the_hint_lint_reads_python_solutions(self) -> None:
        from grader import courselint, textlint
        self.exercise(GATHER, CHECKS.replace(
            'hints = ["One."]', 'hints = ["lst.append(a) then await '
            'asyncio.sleep(0.5) then lst.append(b)"]'))
        lint = courselint.Lint(self.tmp)
        textlint.lint_hints(lint)
        said = [f.problem for f in lint.findings if f.rule == "hint-code"]
        self.assertEqual(len(said), 1)
        self.assertIn("quotes 3 lines of the solution", said[0])

    def test_a_real_wait_is_blocked_for_real(self) -> None:
        r = self.grade(GATHER.replace(
            "    lst.append(b)",
            "    lst.append(b)\n    import select\n"
            "    select.select([], [], [], 4 if b == 4 else 0)"),
            CHECKS)
        bad = self.failed(r)
        self.assertIn("elapsed", bad)
        self.assertIn("\nblocked for real: the run took", bad["elapsed"])
        self.assertIn("(a real wait: a thread's, select's or a child "
                      "process's, not asyncio.sleep)", bad["elapsed"])

    def test_a_crash_and_a_memory_hog_are_one_line(self) -> None:
        r = self.run_py("import ctypes\nctypes.string_at(0)\n")
        self.assertEqual(self.outcome(r), "crash: SIGSEGV (segmentation "
                         "fault)")
        r = self.run_py("x = bytearray(900 << 20)\nimport time\n"
                        "time.sleep(30)\n")
        self.assertTrue(self.outcome(r).startswith("out of memory: used "
                                                   "more than 512 MiB"),
                        self.outcome(r))

    def test_hidden_checks_run_their_own_python_driver(self) -> None:
        ex, sols = self.exercise(GATHER)
        hidden = self.tmp / "hidden" / "01py-gather"
        hidden.mkdir(parents=True)
        (hidden / "secret.py").write_text(
            "import asyncio\nfrom prog import append_all\nlst = []\n"
            "asyncio.run(append_all(lst, [(5, 6)]))\nprint(lst)\n")
        (hidden / "check.toml").write_text(
            '[[check]]\nkind = "driver"\ndriver = "secret.py"\npoints = 2\n'
            'lines = ["[5, 6]"]\n')
        s = dataclasses.replace(settings(), reference=sols,
                                hidden=self.tmp / "hidden")
        r = checks.grade_folder(ex, ex, s)
        self.assertEqual([(c.name, c.passed, c.hidden) for c in r.checks
                          if c.hidden], [("driver", True, True)])
        (ex / "prog.py").write_text(GATHER.replace("lst.append(b)",
                                                   "lst.append(-b)"))
        r = checks.grade_folder(ex, ex, s)
        self.assertEqual([c.passed for c in r.checks if c.hidden], [False])

    def test_python_start_up_is_measured_by_the_grader(self) -> None:
        from grader import build as buildmod
        from grader import kinds
        from grader.context import Context, Ran
        r = self.run_py(GATHER)
        loop = r.trace.of("loop")[0] if r.trace else None
        assert loop is not None
        ex, _ = self.exercise(GATHER)
        py = spec.load_exercise(ex)
        c = py.checks[1]
        # a program that claims a slow start in its own trace gains nothing
        trace = tracemod.parse(
            '{"t":0,"ev":"loop","clock":"virtual","startup":9.0}\n'
            '{"t":0.5,"ev":"exit"}\n')
        slow = dataclasses.replace(r, trace=trace, wall=7.0)
        ran = Ran(buildmod.Build(True, None, "", ""), slow, "")
        measured = Context(py, {}, settings())
        self.assertIsNone(measured.start_up)   # measured only when needed
        said = kinds.real_time(c, ran, measured)
        assert said is not None and measured.start_up is not None
        self.assertIn("blocked for real", said.message)
        # the grader's own measure, an empty program's run, is real
        self.assertGreater(measured.start_up, 0.0)
        self.assertLess(measured.start_up, kinds.PY_STARTUP)
        # a machine where python3 takes 2 s to start allows twice that
        loaded = Context(py, {}, settings(), start_up=2.0)
        self.assertIsNone(kinds.real_time(c, ran, loaded))
        longer = Ran(ran.build, dataclasses.replace(slow, wall=8.0), "")
        said = kinds.real_time(c, longer, loaded)
        assert said is not None
        self.assertIn("virtual time is 0.50 s (allowing 4.0 s for python3 "
                      "to start)", said.message)
        c_ex = dataclasses.replace(py, id="01")   # a C exercise: no allowance
        self.assertIsNotNone(kinds.real_time(
            c, ran, Context(c_ex, {}, settings(), start_up=2.0)))
