"""Evidence a program cannot forge: a program that prints the expected
lines and writes its own trace, one that tries to tell it runs under a
driver, one that learned the driver's published lines, and one per way
of blocking below the runtime's wrappers. Each gets the verdict an
instructor would want, and the grader finishes. (Hostile submissions that
attack the sandbox are in test_hostile.py.)"""
from __future__ import annotations

import dataclasses
import time
import unittest
from pathlib import Path

from grader import checks
from grader.tests.helpers import EXERCISES, FIXTURES, SOLUTIONS, TempDir, \
    settings

FORGERY = FIXTURES / "forgery"
GREET = EXERCISES / "01-greet"
BEHAVIOUR = ("elapsed", "overlap", "no_blocking")

# The solution of 01-greet with its async_sleep(1) replaced by a blocking
# wait: three greetings, one after another, for real.
SOLUTION = (SOLUTIONS / "01-greet" / "greet.c").read_text()
HEAD = ("#define _GNU_SOURCE\n#include <poll.h>\n#include <stdio.h>\n"
        "#include <sys/epoll.h>\n"
        "#include <sys/select.h>\n#include <sys/syscall.h>\n"
        "#include <time.h>\n#include <unistd.h>\n"
        "int __real_usleep(useconds_t usec);\n")
BLOCKING = {
    "poll": "poll(NULL, 0, 1000);",
    "select": "struct timeval tv = {1, 0}; select(0, 0, 0, 0, &tv);",
    "clock_nanosleep": "struct timespec ts = {1, 0}; "
                       "clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);",
    "nanosleep syscall": "struct timespec ts = {1, 0}; "
                         "syscall(SYS_nanosleep, &ts, NULL);",
    "__real_usleep": "__real_usleep(1000000);",
    "epoll_wait": "struct epoll_event e; "
                  "epoll_wait(epoll_create1(0), &e, 1, 1000);",
    "pthread_cond_timedwait": "sleep_timed();",
}
TIMED = """
#include <pthread.h>
static void
sleep_timed(void)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += 1;
    pthread_mutex_lock(&m);
    pthread_cond_timedwait(&c, &m, &t);
    pthread_mutex_unlock(&m);
}
"""
# Its own __wrap_usleep: usleep() then never reaches the runtime's.
OWN_WRAP = """
int __wrap_usleep(useconds_t usec) { return __real_usleep(usec); }
"""
# Sleeps with the wrapped sleep() (the virtual clock is charged, the trace
# says so), then deletes the evidence from the trace at exit.
EDIT_TRACE = """
#include <stdlib.h>
#include <string.h>
static void
scrub(void)
{
    const char *path = getenv("ASYNC_TRACE");
    static char buf[1 << 20], out[1 << 20];
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    size_t n = fread(buf, 1, sizeof buf - 1, f), o = 0;
    fclose(f);
    buf[n] = 0;
    for (char *line = strtok(buf, "\\n"); line; line = strtok(NULL, "\\n"))
        if (!strstr(line, "blocking_call") && !strstr(line, "blocked")
            && !strstr(line, "\\"exit\\""))
            o += (size_t)sprintf(out + o, "%s\\n", line);
    o += (size_t)sprintf(out + o, "{\\"t\\":1.0,\\"ev\\":\\"exit\\"}\\n");
    f = fopen(path, "w");
    fwrite(out, 1, o, f);
    fclose(f);
}
__attribute__((constructor)) static void
early(void)
{
    atexit(scrub); /* runs last: after the runtime has closed the trace */
}
"""


class ForgeryCase(TempDir):
    def grade(self, text: str) -> checks.ExerciseResult:
        (self.tmp / "greet.c").write_text(text)
        s = dataclasses.replace(settings(), reference=SOLUTIONS)
        start = time.monotonic()
        r = checks.grade_folder(GREET, self.tmp, s)
        self.assertLess(time.monotonic() - start, 60)  # it finishes
        return r

    def points(self, r: checks.ExerciseResult, *kinds: str) -> int:
        return sum(c.points for c in r.checks if c.kind in kinds)

    def assert_no_behaviour_points(self, r: checks.ExerciseResult) -> None:
        self.assertEqual(self.points(r, *BEHAVIOUR), 0, r.report())
        self.assertLess(r.points, r.max_points)


class TestForgedEvidence(ForgeryCase):
    def test_the_solution_still_gets_full_marks(self) -> None:
        r = self.grade(SOLUTION)
        self.assertTrue(r.passed, r.report())

    def test_forged_trace_and_output_earn_no_behaviour_points(self) -> None:
        r = self.grade((FORGERY / "forged.c").read_text())
        self.assertEqual(self.points(r, "output", "unordered"), 3)
        self.assertEqual(self.points(r, "driver"), 0)
        self.assert_no_behaviour_points(r)

    def test_a_program_cannot_tell_it_runs_under_the_driver(self) -> None:
        r = self.grade((FORGERY / "detects.c").read_text())
        self.assertTrue(r.passed, r.report())  # nothing told it

    def test_published_driver_lines_fail_on_drawn_inputs(self) -> None:
        text = (FORGERY / "published.c").read_text()
        r = self.grade(text)
        driver = [c for c in r.checks if c.kind == "driver"][0]
        self.assertFalse(driver.passed)
        self.assertIn("inputs drawn for this grading", driver.message)
        self.assert_no_behaviour_points(r)
        # Without a reference solution the published inputs are used,
        # and it passes: the drawn inputs are what catches it.
        s = dataclasses.replace(settings(), reference=None)
        (self.tmp / "greet.c").write_text(text)
        plain = checks.grade_folder(GREET, self.tmp, s)
        self.assertTrue(plain.passed, plain.report())


class TestBlockingBelowTheWrappers(ForgeryCase):
    def blocked(self, call: str) -> checks.ExerciseResult:
        text = SOLUTION.replace("async_sleep(1);", call)
        extra = TIMED if "sleep_timed" in call else ""
        return self.grade(HEAD + extra + text)

    def test_each_sleeping_call_is_caught(self) -> None:
        for name, call in BLOCKING.items():
            with self.subTest(name):
                r = self.blocked(call)
                self.assertTrue(r.outcome.startswith("blocked for real"),
                                r.outcome)
                self.assertEqual(r.points, 0)

    def test_its_own_wrap_usleep_is_caught(self) -> None:
        # The runtime is one object that always holds __wrap_usleep, so a
        # program's own is refused at link time; if it ever linked, the
        # filter below the wrappers would still catch the sleep.
        text = SOLUTION.replace("async_sleep(1);", "usleep(1000000);")
        r = self.grade(HEAD + OWN_WRAP + text)
        self.assertTrue(r.outcome.startswith("blocked for real") or
                        "multiple definition of `__wrap_usleep'"
                        in r.outcome, r.outcome)
        self.assertEqual(r.points, 0)

    def test_a_trace_edited_at_exit_earns_no_behaviour_points(self) -> None:
        text = SOLUTION.replace("async_sleep(1);", "sleep(1);")
        r = self.grade(HEAD + EDIT_TRACE + text)
        self.assertEqual(r.outcome, "")
        self.assert_no_behaviour_points(r)
        driver = [c for c in r.checks if c.kind == "driver"][0]
        self.assertFalse(driver.passed)  # its own output shows the blocking


if __name__ == "__main__":
    unittest.main()
