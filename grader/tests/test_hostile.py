"""Hostile submissions (grader/tests/fixtures/hostile/): programs that try
to forge or booby-trap their trace, starve the compiler, fill memory the
grader does not see, read the course's secrets, leave processes behind,
and class folders that point elsewhere. Each gets the verdict an
instructor wants, the grader finishes, and a canary file outside the
sandbox never changes."""
from __future__ import annotations

import dataclasses
import io
import os
import socket
import subprocess
import sys
import threading
import time
import unittest
from contextlib import redirect_stderr
from pathlib import Path
from unittest import mock

from grader import build, checks, classmode, run, sandbox, supervise
from grader.tests.helpers import (PROGRAMS, REPO, TempDir, program,
                                  settings)

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
SHORT = run.Limits(timeout=2.0)
NORMAL = run.Limits(timeout=10.0)
CANARY = "the grader's own file\n"


def hostile(name: str) -> build.Build:
    s = settings()
    return build.compile_program(s.repo, s.lib, s.cache,
                                 {name: HOSTILE / name}, [name])


def alive(pid: int) -> bool:
    return supervise.alive(pid)


def mentioning(marker: bytes) -> list[int]:
    """Processes whose command line holds marker."""
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    if marker in f.read():
                        out.append(int(p))
            except OSError:
                pass
    return out


class Hostile(TempDir):
    def setUp(self) -> None:
        super().setUp()
        self.runs_under_tmp()
        self.canary = self.tmp / "canary.txt"
        self.canary.write_text(CANARY)
        self.addCleanup(self.assert_canary)

    def assert_canary(self) -> None:
        self.assertEqual(self.canary.read_text(), CANARY)

    def run_hostile(self, name: str, args: tuple[str, ...] = (),
                    limits: run.Limits = NORMAL) -> tuple[run.RunResult,
                                                          str]:
        b = hostile(name)
        self.assertTrue(b.ok, b.errors)
        assert b.binary is not None
        start = time.monotonic()
        r = run.run_program(b.binary, args=args, limits=limits)
        self.assertLess(time.monotonic() - start, limits.timeout + 10)
        return r, run.outcome(r, limits)

    def need_bwrap(self) -> None:
        if sandbox.mode() != "bwrap":
            self.skipTest("bubblewrap does not start here")


class TestTrace(Hostile):
    def test_fifo_trace_is_a_bad_trace_not_a_hang(self) -> None:
        r, line = self.run_hostile("fifo_trace.c")
        self.assertEqual(r.stdout, "Hello\n")
        self.assertEqual(line, "bad trace: the trace file was replaced: "
                         "trace.jsonl is a FIFO, not a file")

    def test_trace_linked_to_dev_zero_is_refused(self) -> None:
        r, line = self.run_hostile("link_trace.c")
        self.assertIn("trace.jsonl is a symbolic link", line)
        r, line = self.run_hostile("link_trace.c", (str(self.canary),))
        self.assertIn("trace.jsonl is a symbolic link", line)

    def test_trace_written_over_is_a_bad_trace(self) -> None:
        _, line = self.run_hostile("garbage_trace.c")
        self.assertTrue(line.startswith("bad trace: the trace file was "
                                        "written over: its line 1"), line)

    def test_forged_trace_gives_itself_away(self) -> None:
        _, line = self.run_hostile("forge_trace.c")
        self.assertIn("task 2 has a 'suspend' event but was never created",
                      line)


class TestCompiler(Hostile):
    def test_include_dev_zero_stops_at_the_memory_limit(self) -> None:
        start = time.monotonic()
        b = hostile("include_zero.c")
        # gcc reads /dev/zero until the memory limit stops it; clang sees
        # a file of size 0 and compiles nothing from it. Either way the
        # grader is done within the minute.
        if "clang" not in os.environ.get("CC", "cc"):
            self.assertFalse(b.ok)
            self.assertIn("memory", b.errors)
        self.assertLess(time.monotonic() - start, 60)

    def test_hung_compile_is_killed_with_all_it_started(self) -> None:
        quick = dataclasses.replace(build.COMPILE_LIMITS, timeout=4, cpu=2)
        with mock.patch.object(build, "COMPILE_LIMITS", quick):
            b = hostile("slow_compile.c")
        self.assertFalse(b.ok)
        # gcc follows the include for ever and is stopped; clang gives up
        # once the path grows too long.
        self.assertRegex(b.errors, "the compiler was stopped|"
                         "File name too long")
        time.sleep(0.2)
        self.assertEqual(mentioning(b"slow_compile.c"), [])

    def test_link_error_hides_the_course_path(self) -> None:
        src = self.tmp / "nolink.c"
        src.write_text("int missing_fn(void);\n"
                       "int main(void) { return missing_fn(); }\n")
        s = settings()
        b = build.compile_program(s.repo, s.lib, s.cache,
                                  {"nolink.c": src}, ["nolink.c"])
        self.assertFalse(b.ok)
        self.assertIn("undefined reference to `missing_fn'", b.errors)
        for path in (REPO, s.cache, s.lib.parent):
            self.assertNotIn(str(path), b.errors + b.warnings)

    def test_include_of_a_solution_by_path_finds_nothing(self) -> None:
        self.need_bwrap()
        secret = self.tmp / "solutions" / "answer.c"
        secret.parent.mkdir()
        secret.write_text("int main(void) { return 0; }\n")
        os.chmod(secret.parent, 0o755)
        src = self.tmp / "steal.c"
        src.write_text(f'#include "{secret}"\n')
        s = settings()
        b = build.compile_program(s.repo, s.lib, s.cache,
                                  {"steal.c": src}, ["steal.c"])
        self.assertFalse(b.ok)
        self.assertRegex(b.errors, "No such file or directory|"
                         "file not found")


class TestLimits(Hostile):
    def test_filling_dev_shm_is_out_of_memory(self) -> None:
        r, line = self.run_hostile("shm_fill.c", ("300",),
                                   run.Limits(timeout=20, memory_mb=128))
        self.assertEqual(r.status, "memory", line)
        self.assertIn("out of memory", line)

    def test_background_process_is_killed(self) -> None:
        r, _ = self.run_hostile("daemon.c")
        self.assertRegex(r.stdout, r"^\d+\n$")   # it did start one
        # Its pid may be one of the sandbox's own: look for its program.
        self.assertEqual(mentioning(str(self.tmp).encode()), [])

    def test_each_run_has_its_own_process_limit(self) -> None:
        if sandbox.uid_range() is None:
            self.skipTest("only root can give each run a user of its own")
        bomb, forks = program("forkbomb.c"), hostile("forks.c").binary
        assert forks is not None
        out: dict[str, run.RunResult] = {}
        t = threading.Thread(target=lambda: out.setdefault(
            "bomb", run.run_program(bomb, limits=run.Limits(timeout=4))))
        t.start()
        time.sleep(1.0)   # the bomb has used its whole limit by now
        r = run.run_program(forks, args=("20",), limits=NORMAL)
        t.join()
        self.assertEqual(r.stdout, "started 20 of 20\n")
        # The bomb never ends by itself: the time limit stops it, or, on a
        # loaded machine, a signal from its own limits first (its forks
        # compete for the memory its run may use). Either way it was
        # stopped, and it did not starve the run beside it.
        self.assertIn(out["bomb"].status, ("timeout", "signal", "memory"))


class TestSecrets(Hostile):
    def test_solutions_and_hidden_checks_are_not_visible(self) -> None:
        self.need_bwrap()
        secrets = [self.tmp / "solutions" / "01-greet" / "greet.c",
                   self.tmp / "hidden-checks" / "01-greet" / "check.toml"]
        for p in secrets:
            p.parent.mkdir(parents=True)
            p.write_text("secret\n")
            os.chmod(p.parent, 0o755)
            os.chmod(p.parent.parent, 0o755)
        course = sorted((REPO / "solutions").glob("*/*.c"))[:1]
        r, line = self.run_hostile(
            "snoop.c", (str(self.canary), *map(str, secrets + course)))
        self.assertEqual(line, "")
        self.assertNotIn("READ", r.stdout)
        # (It may write where it stands, in its private /tmp: the canary
        # outside is checked after every test.)

    def test_a_course_kept_in_a_system_folder_is_covered(self) -> None:
        self.need_bwrap()
        inside = next((p for p in Path("/usr/share").glob("*/*")
                       if p.is_file() and os.access(p, os.R_OK)
                       and p.stat().st_mode & 0o004), None)
        if inside is None:
            self.skipTest("no file to try in /usr/share")
        b = hostile("snoop.c").binary
        assert b is not None
        r = run.run_program(b, args=(str(inside),), limits=NORMAL,
                            hide=(str(inside.parent),))
        self.assertNotIn("READ", r.stdout)
        r = run.run_program(b, args=(str(inside),), limits=NORMAL)
        self.assertIn("READ", r.stdout)   # the system itself is visible

    def test_hidden_line_never_echoed(self) -> None:
        ex, _ = self.course()
        hidden = self.tmp / "hidden" / "01-greet"
        hidden.mkdir(parents=True)
        (hidden / "check.toml").write_text(
            '[[check]]\nkind = "output"\nname = "secret"\npoints = 1\n'
            'lines = ["SECRET hidden line"]\n')
        work = self.tmp / "work" / "01-greet"
        work.mkdir(parents=True)
        (work / "greet.c").write_text(
            '#include <stdio.h>\n#include "async.h"\n'
            'async_value greet(void *a) { (void)a; return ASYNC_NONE; }\n'
            'int main(void) { puts("SECRET hidden line"); return 0; }\n')
        s = dataclasses.replace(settings(), hidden=self.tmp / "hidden")
        r = checks.grade_folder(ex / "01-greet", work, s)
        self.assertLess(r.points, r.max_points)
        self.assertNotIn("SECRET hidden line", r.report() + r.log)


class TestNetwork(Hostile):
    def reach(self) -> str:
        with socket.socket() as srv:
            srv.bind(("127.0.0.1", 0))
            srv.listen()
            r, _ = self.run_hostile("net.c", (str(srv.getsockname()[1]),))
        return r.stdout

    def test_bubblewrap_gives_a_loopback_of_its_own(self) -> None:
        self.need_bwrap()
        self.assertEqual(self.reach(), "own loopback works\n")

    def test_unshare_gives_a_loopback_of_its_own(self) -> None:
        with mock.patch.dict(os.environ, {sandbox.NO_BWRAP: "1"}):
            if sandbox.mode() != "unshare":
                self.skipTest("unshare cannot make namespaces here")
            self.assertEqual(self.reach(), "own loopback works\n")
            r, _ = self.run_hostile("daemon.c")
            self.assertEqual(mentioning(str(self.tmp).encode()), [])


class TestWithoutBubblewrap(Hostile):
    """As in a container that allows no namespaces (Gradescope's)."""

    def setUp(self) -> None:
        super().setUp()
        patch = mock.patch.dict(os.environ, {sandbox.NO_BWRAP: "1",
                                             sandbox.NO_UNSHARE: "1"})
        patch.start()
        self.addCleanup(patch.stop)

    def test_notice_is_one_line(self) -> None:
        self.assertEqual(sandbox.mode(), "uid" if sandbox.uid_range()
                         else "none")
        note = sandbox.notice()
        self.assertTrue(note.startswith("sandbox: bubblewrap is turned off "
                                        f"({sandbox.NO_BWRAP} is set)"))
        self.assertNotIn("\n", note)

    def test_still_confined(self) -> None:
        if sandbox.uid_range() is None:
            self.skipTest("the fallback's own user needs root")
        r, line = self.run_hostile("snoop.c", (str(self.canary),))
        self.assertEqual(r.sandbox, "uid")
        self.assertNotIn("CHANGED", r.stdout)
        self.assertNotIn("DELETED", r.stdout)
        self.assertNotIn("uid 0\n", r.stdout)
        r, _ = self.run_hostile("daemon.c")
        self.assertFalse(alive(int(r.stdout.split()[0])))  # same pids
        r, line = self.run_hostile("fifo_trace.c")
        self.assertIn("is a FIFO", line)

    def test_every_report_starts_with_the_notice(self) -> None:
        ex, sol = self.course()
        env = {**os.environ, sandbox.NO_BWRAP: "1",
               sandbox.NO_UNSHARE: "1"}
        cmd = [sys.executable, str(REPO / "grader" / "grade.py"), "--dir",
               str(ex), "--files-from", str(sol), "01"]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env,
                           timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(r.stdout.startswith("sandbox: "), r.stdout)
        r = subprocess.run([*cmd, "--format", "json"], capture_output=True,
                           text=True, env=env, timeout=300)
        self.assertIn('"sandbox": "sandbox: ', r.stdout)


class TestClassFolders(Hostile):
    def test_links_and_special_files_are_refused(self) -> None:
        ex, sol = self.course(timeout=4)
        cls = self.tmp / "class"
        honest = cls / "honest" / "01-greet"
        honest.mkdir(parents=True)
        (honest / "greet.c").write_text((sol / "01-greet" /
                                         "greet.c").read_text())
        (cls / "linker").mkdir()
        (cls / "linker" / "01-greet").symlink_to(sol / "01-greet")
        (cls / "copier").mkdir()
        (cls / "copier" / "01-greet").symlink_to(honest)
        (cls / "whole").symlink_to(sol)
        (cls / "hardlink" / "01-greet").mkdir(parents=True)
        os.link(sol / "01-greet" / "greet.c",
                cls / "hardlink" / "01-greet" / "greet.c")
        (cls / "fifo" / "01-greet").mkdir(parents=True)
        os.mkfifo(cls / "fifo" / "01-greet" / "greet.c")
        (cls / "inner" / "exercises").parent.mkdir()
        (cls / "inner" / "exercises").symlink_to(sol)
        start = time.monotonic()
        results = classmode.grade_class(ex, cls, settings(), jobs=2,
                                        wanted=["01"], stream=io.StringIO())
        self.assertLess(time.monotonic() - start, 120)
        got = {who: rs[0] for who, rs in results.items()}
        self.assertEqual(got["honest"].points, got["honest"].max_points)
        why = {"linker": "01-greet is a symbolic link",
               "copier": "01-greet is a symbolic link",
               "whole": "the student's folder whole is a symbolic link",
               "hardlink": "01-greet/greet.c is a hard link",
               "fifo": "01-greet/greet.c is a FIFO",
               "inner": "exercises is a symbolic link"}
        for who, text in why.items():
            self.assertEqual(got[who].points, 0, who)
            self.assertTrue(got[who].outcome.startswith("refused: " + text),
                            f"{who}: {got[who].outcome}")
        out = self.tmp / "out" / "gradebook.csv"
        classmode.write_gradebook(results, out)
        self.assertIn("honest", out.read_text())

    def test_files_from_refuses_a_link_outside(self) -> None:
        ex, sol = self.course()
        student = self.tmp / "student" / "01-greet"
        student.mkdir(parents=True)
        (student / "greet.c").symlink_to(sol / "01-greet" / "greet.c")
        r = subprocess.run(
            [sys.executable, str(REPO / "grader" / "grade.py"), "--dir",
             str(ex), "--files-from", str(student.parent), "01"],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 1)
        self.assertIn("refused: 01-greet/greet.c is a symbolic link",
                      r.stdout)

    def test_output_inside_class_folder_still_refused(self) -> None:
        cls = self.tmp / "class"
        (cls / "a").mkdir(parents=True)
        with redirect_stderr(io.StringIO()):
            code = classmode.main(PROGRAMS.parents[3], cls,
                                  str(cls / "gradebook.csv"))
        self.assertEqual(code, 2)


if __name__ == "__main__":
    unittest.main()
