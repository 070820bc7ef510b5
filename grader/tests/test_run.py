"""Running programs safely: every way a student's program can end, from
real C programs (grader/tests/fixtures/programs/), turned into one clear
line, with nothing left running and nothing outside the run touched."""
from __future__ import annotations

import os
import tempfile
import time
import unittest
from pathlib import Path

from grader import run, trace
from grader.tests.helpers import PROGRAMS, TempDir, program

SHORT = run.Limits(timeout=1.0)   # for the programs that never end
NORMAL = run.Limits(timeout=10.0)  # the rest: a loaded machine is slow


def leftovers(marker: str) -> list[str]:
    """Processes still running from a run directory under marker (other
    graders may be running on this machine: they are not ours)."""
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    out.append(p)
        except OSError:
            pass
    return out


class RunCase(TempDir):
    def setUp(self) -> None:
        super().setUp()
        self.runs_under_tmp()

    def run_fixture(self, name: str, limits: run.Limits = NORMAL,
                    args: tuple[str, ...] = ()) -> tuple[run.RunResult, str]:
        binary = program(name)
        start = time.monotonic()
        r = run.run_program(binary, args=args, limits=limits)
        # Never hangs: at most the timeout plus reading a big trace.
        self.assertLess(time.monotonic() - start, limits.timeout + 5)
        return r, run.outcome(r, limits)


class TestOutcomes(RunCase):
    def test_run_exit_zero_has_no_outcome(self) -> None:
        r, line = self.run_fixture("blocksleep.c")
        self.assertTrue(r.ok)
        self.assertEqual(line, "")
        self.assertEqual(r.stdout, "woke\n")

    def test_run_infinite_loop_times_out(self) -> None:
        r, line = self.run_fixture("loop.c", SHORT)
        self.assertEqual(r.status, "timeout")
        self.assertTrue(line.startswith("timeout: still running after 1 s"))
        self.assertEqual(leftovers(str(self.tmp)), [])

    def test_run_fork_bomb_is_contained_and_killed(self) -> None:
        r, line = self.run_fixture("forkbomb.c", SHORT)
        self.assertEqual(r.status, "timeout")
        self.assertIn("timeout", line)
        time.sleep(0.1)
        self.assertEqual(leftovers(str(self.tmp)), [])

    def test_run_output_flood_stopped_at_one_mib(self) -> None:
        r, line = self.run_fixture("flood.c", run.Limits(timeout=20))
        self.assertEqual(r.status, "flood")
        self.assertLessEqual(len(r.stdout), run.OUTPUT_CAP)
        self.assertLess(r.wall, 10)
        self.assertTrue(line.startswith("output flood"))

    def test_run_segfault_names_signal_and_summary(self) -> None:
        r, line = self.run_fixture("segv.c")
        self.assertEqual(r.stdout, "before\n")
        self.assertIn("SIGSEGV (segmentation fault)", line)
        # gcc's report names the line; clang's, unsymbolized under the
        # grader's filter (run.sanitizer_env), names the program's offset.
        self.assertRegex(line, r"SUMMARY: AddressSanitizer: SEGV "
                               r"((\./)?segv\.c:|\S*prog\+0x)")

    def test_run_stack_overflow_names_the_task(self) -> None:
        _, line = self.run_fixture("overflow.c")
        self.assertTrue(line.startswith(
            "crash: stack overflow in task 'main'"), line)

    def test_run_abort_is_sigabrt(self) -> None:
        r, line = self.run_fixture("abort.c")
        self.assertEqual(r.status, "signal")
        self.assertEqual(line, "crash: SIGABRT (abort)")

    def test_run_exit_3_is_reported(self) -> None:
        r, line = self.run_fixture("exit3.c")
        self.assertEqual((r.status, r.code), ("exit", 3))
        self.assertEqual(line, "exit status 3 (expected 0)")
        self.assertEqual(run.outcome(r, NORMAL, expect_exit=3), "")

    def test_run_todo_stub_is_not_done_yet(self) -> None:
        _, line = self.run_fixture("todo.c")
        self.assertEqual(line, "not done yet: todo.c:7: TODO: write main")

    def test_run_deadlock_names_each_wait(self) -> None:
        _, line = self.run_fixture("deadlock.c")
        self.assertTrue(line.startswith("deadlock: "), line)
        self.assertIn("'wait_a' (task 3) waits for task 'wait_b'", line)

    def test_run_undefined_behaviour_is_a_crash(self) -> None:
        _, line = self.run_fixture("ub.c")
        self.assertIn("runtime error: signed integer overflow", line)

    def test_run_memory_hog_is_stopped(self) -> None:
        r, line = self.run_fixture("memhog.c",
                                   run.Limits(timeout=10, memory_mb=150))
        self.assertEqual(r.status, "memory")
        self.assertIn("out of memory", line)

    def test_run_timeout_says_what_each_task_waits_on(self) -> None:
        r, line = self.run_fixture("spin.c", SHORT)
        self.assertEqual(r.status, "timeout")
        self.assertIn("'main' (task 1) waits for task 'spin'", line)

    def test_run_blocking_sleep_is_in_the_trace(self) -> None:
        r, _ = self.run_fixture("blocksleep.c")
        assert r.trace is not None
        calls = r.trace.of("blocking_call")
        self.assertEqual([(e.name, e.get("call")) for e in calls],
                         [("main", "sleep")])
        self.assertAlmostEqual(r.trace.exit_time or 0, 2.0, places=2)
        self.assertIn("called sleep()", r.stderr)


class TestSandbox(RunCase):
    def setUp(self) -> None:
        super().setUp()
        probe = run.run_program(program("exit3.c"), limits=NORMAL)
        if probe.sandbox != "bwrap":
            self.skipTest("bubblewrap is not available here")

    def test_run_cannot_write_outside_or_delete_grader_files(self) -> None:
        victim = PROGRAMS.parent / f"victim-{os.getpid()}.txt"
        victim.write_text("the grader's own file\n")
        self.addCleanup(victim.unlink, True)
        outside = PROGRAMS.parent / f"escaped-{os.getpid()}.txt"
        self.addCleanup(outside.unlink, True)
        r, _ = self.run_fixture("escape.c",
                                args=(str(outside), str(victim)))
        self.assertEqual(r.stdout, "wrote inside\n")
        self.assertFalse(outside.exists())
        self.assertTrue(victim.exists())


class TestDeterminism(RunCase):
    def test_run_twice_gives_identical_output_and_trace(self) -> None:
        r1, _ = self.run_fixture("deadlock.c")
        r2, _ = self.run_fixture("deadlock.c")
        self.assertEqual((r1.stdout, r1.stderr), (r2.stdout, r2.stderr))
        assert r1.trace is not None and r2.trace is not None
        # All but the steps' CPU times, which are measured (TRACE.md).
        self.assertEqual(trace.without_cpu(r1.trace),
                         trace.without_cpu(r2.trace))


class TestHelpers(unittest.TestCase):
    def test_signal_name_words(self) -> None:
        self.assertEqual(run.signal_name(11), "SIGSEGV (segmentation fault)")
        self.assertEqual(run.signal_name(99), "signal 99")




class TestRunAs(unittest.TestCase):
    def test_others_can_enter_needs_every_folder_searchable(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            inner = Path(d) / "a" / "b"
            inner.mkdir(parents=True)
            os.chmod(d, 0o755)
            os.chmod(Path(d) / "a", 0o755)
            self.assertTrue(run.others_can_enter(inner))
            os.chmod(Path(d) / "a", 0o700)  # like /root
            self.assertFalse(run.others_can_enter(inner))
            os.chmod(Path(d) / "a", 0o755)

    def test_a_private_course_is_graded_from_a_folder_nobody_can_enter(
            self) -> None:
        from grader import checks
        repo = Path(__file__).resolve().parent.parent.parent
        home = checks.home_for_nobody(repo)
        self.assertTrue(run.others_can_enter(home))
        self.assertTrue((home / "course" / "runtime" / "async.h").is_file())
        self.assertTrue(run.others_can_enter(home / "course" / "runtime"))


if __name__ == "__main__":
    unittest.main()
