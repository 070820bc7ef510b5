"""Reading traces: events, the exit time, overlap, task states, and
traces that are cut short or huge."""
from __future__ import annotations

import json
import unittest

from grader import trace
from grader.tests.helpers import TempDir


def ev(t: float, kind: str, task: int = 0, name: str = "", **extra) -> str:
    obj = {"t": t, "ev": kind}
    if task:
        obj.update(task=task, name=name)
    obj.update(extra)
    return json.dumps(obj)


# main gathers two tasks that sleep 1 s together, then a third alone.
SAMPLE = "\n".join([
    ev(0, "loop", clock="virtual"),
    ev(0, "create", 1, "main", by=0),
    ev(0.000001, "run", 1, "main"),
    ev(0.000001, "create", 2, "a", by=1),
    ev(0.000001, "create", 3, "b", by=1),
    ev(0.000001, "suspend", 1, "main", why="gather", on=0, until=0),
    ev(0.000002, "run", 2, "a"),
    ev(0.000002, "suspend", 2, "a", why="sleep", on=0, until=1.000002),
    ev(0.000003, "run", 3, "b"),
    ev(0.000003, "suspend", 3, "b", why="yield", on=0, until=0),
    ev(0.000004, "run", 3, "b"),
    ev(0.000004, "suspend", 3, "b", why="sleep", on=0, until=1.000004),
    ev(1.000002, "wake", 2, "a"),
    ev(1.000003, "run", 2, "a"),
    ev(1.000003, "done", 2, "a"),
    ev(1.000004, "wake", 3, "b"),
    ev(1.000005, "run", 3, "b"),
    ev(1.000005, "done", 3, "b"),
    ev(1.000005, "wake", 1, "main"),
    ev(1.000006, "run", 1, "main"),
    ev(1.000006, "done", 1, "main"),
    ev(1.000006, "close"),
    ev(1.000006, "exit"),
]) + "\n"


class TestParse(unittest.TestCase):
    def test_parse_reads_every_event(self) -> None:
        tr = trace.parse(SAMPLE)
        self.assertEqual(len(tr.events), SAMPLE.count("\n"))
        self.assertEqual(tr.events[1].name, "main")
        self.assertEqual(tr.events[7].get("why"), "sleep")
        self.assertAlmostEqual(tr.exit_time or 0, 1.000006)

    def test_parse_skips_a_truncated_last_line(self) -> None:
        tr = trace.parse(SAMPLE + '{"t":1.5,"ev":"ru')
        self.assertEqual(tr.bad_lines, 1)
        self.assertEqual(tr.events[-1].ev, "exit")

    def test_exit_time_none_without_exit_event(self) -> None:
        cut = "\n".join(SAMPLE.splitlines()[:10])
        self.assertIsNone(trace.parse(cut).exit_time)

    def test_max_suspended_counts_waiting_and_sleeping(self) -> None:
        n, when = trace.max_suspended(trace.parse(SAMPLE))
        self.assertEqual(n, 3)  # main in gather, a and b asleep
        self.assertAlmostEqual(when, 0.000004)

    def test_max_suspended_filters_by_reason(self) -> None:
        tr = trace.parse(SAMPLE)
        n, _ = trace.max_suspended(tr, frozenset({"sleep"}))
        self.assertEqual(n, 2)

    def test_yield_leaves_task_ready_not_suspended(self) -> None:
        tr = trace.parse(SAMPLE)
        st = trace.states(tr, upto=10)
        self.assertEqual(st[3].state, "ready")
        self.assertEqual(st[2].state, "sleeping")
        self.assertEqual(st[1].state, "waiting")

    def test_describe_names_what_is_awaited(self) -> None:
        text = SAMPLE.replace('"why": "gather", "on": 0',
                              '"why": "task", "on": 2')
        tr = trace.parse(text)
        st = trace.states(tr, upto=8)
        self.assertEqual(trace.describe(st[1], tr.names()),
                         "'main' (task 1) waits for task 'a'")
        self.assertEqual(trace.describe(st[2], tr.names()),
                         "'a' (task 2) sleeps until t=1.00")


    def test_failed_task_is_done(self) -> None:
        failed = ev(1.000003, "failed", 2, "a", code=7)
        tr = trace.parse(SAMPLE.replace(
            json.dumps({"t": 1.000003, "ev": "done", "task": 2,
                        "name": "a"}), failed))
        self.assertEqual(tr.of("failed")[0].get("code"), 7)
        st = trace.states(tr, upto=15)
        self.assertEqual(st[2].state, "done")


class TestRead(TempDir):
    def test_read_missing_file_is_none(self) -> None:
        self.assertIsNone(trace.read(self.tmp / "none.jsonl"))

    def test_read_huge_trace_keeps_head_and_tail(self) -> None:
        lines = SAMPLE.splitlines()
        body = [ev(2 + i, "run", 2, "a") for i in range(20000)]
        p = self.tmp / "t.jsonl"
        p.write_text("\n".join(lines[:6] + body) + "\n")
        tr = trace.read(p, limit=200_000)
        assert tr is not None
        self.assertTrue(tr.truncated)
        self.assertLess(len(tr.events), 20000)
        self.assertEqual(tr.events[0].ev, "loop")
        self.assertEqual(tr.events[-1].t, 2 + 19999)
        self.assertEqual(trace.states(tr)[1].state, "waiting")


if __name__ == "__main__":
    unittest.main()
