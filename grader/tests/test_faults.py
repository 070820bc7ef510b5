"""Failures the runtime finds reach the grader as trace events (`fault`,
runtime/TRACE.md), never as its English: the outcome lines are made from
the events, and no grader module searches for the runtime's messages."""
from __future__ import annotations

import json
import re
import unittest

from grader import faults, run, trace
from grader.tests.helpers import REPO


def ev(t: float, name: str, task: int = 0, who: str = "",
       **extra: object) -> str:
    obj: dict[str, object] = {"t": t, "ev": name}
    if task:
        obj.update(task=task, name=who)
    obj.update(extra)
    return json.dumps(obj)

# Phrases of the runtime's messages on stderr (runtime/*.c): the grader
# must not look for any of them (it reads the trace's fault events).
RUNTIME_PHRASES = ("asyncbook: ", "which blocks the whole loop",
                   "without suspending; no other task",
                   "was still pending when the loop closed",
                   "was never awaited; its result",
                   "nothing is left that could wake",
                   "stopping instead of waiting forever",
                   "waits for a future that nothing will set",
                   "raise ASYNC_STACK_SIZE (e.g.")


class TestNoEnglish(unittest.TestCase):
    def test_the_phrases_are_the_runtimes(self) -> None:
        runtime = "".join(p.read_text() for p in (REPO / "runtime").glob("*.c"))
        runtime = re.sub(r'"\s*\n\s*"', "", runtime)  # joined literals
        for phrase in RUNTIME_PHRASES:
            self.assertTrue(phrase in runtime, phrase)

    def test_no_grader_module_holds_a_runtime_message(self) -> None:
        for p in sorted((REPO / "grader").glob("*.py")):
            text = p.read_text()
            for phrase in RUNTIME_PHRASES:
                self.assertFalse(phrase in text, f"{p.name}: {phrase!r}")
            # Nor does it look for the word in what a program printed.
            self.assertFalse('"deadlock" in' in text, p.name)


class TestOutcomes(unittest.TestCase):
    def result(self, *events: str, code: int = 1) -> str:
        tr = trace.parse("\n".join(events))
        r = run.RunResult("exit", code, "", "", tr, 0.1, "none")
        return run.outcome(r, run.Limits())

    def test_deadlock_names_each_wait(self) -> None:
        line = self.result(
            ev(0, "create", 2, "a", by=1), ev(0, "create", 3, "b", by=1),
            ev(0, "deadlock"),
            ev(0, "fault", 2, "a", kind="deadlock", why="task", on=3),
            ev(0, "fault", 3, "b", kind="deadlock", why="event", on=0),
            ev(0, "fault", kind="misuse", message="deadlock: stop"))
        self.assertEqual(line, "deadlock: 'a' (task 2) waits for task 'b'; "
                         "'b' (task 3) waits in async_event")

    def test_misuse_is_a_runtime_error_with_its_message(self) -> None:
        line = self.result(ev(0, "create", 1, "main", by=0),
                           ev(0, "fault", 1, "main", kind="misuse",
                              message="async_result: task 'b' is not done"))
        self.assertEqual(line, "runtime error: async_result: task 'b' is "
                         "not done")

    def test_warnings_alone_are_not_the_outcome(self) -> None:
        line = self.result(ev(0, "create", 2, "a", by=1),
                           ev(0, "fault", 2, "a", kind="never_awaited"),
                           code=3)
        self.assertEqual(line, "exit status 3 (expected 0)")

    def test_stack_overflow(self) -> None:
        tr = trace.parse(ev(0, "fault", kind="stack_overflow",
                            task_name="deep", stack=65536))
        self.assertTrue(faults.overflow(tr).startswith(
            "crash: stack overflow in task 'deep' (stack 64 KiB)"))

    def test_english_on_stderr_alone_says_nothing(self) -> None:
        tr = trace.parse("")
        r = run.RunResult("exit", 1, "", "asyncbook: deadlock: every task "
                          "is waiting\n", tr, 0.1, "none")
        self.assertEqual(run.outcome(r, run.Limits()),
                         "exit status 1 (expected 0)")


if __name__ == "__main__":
    unittest.main()
