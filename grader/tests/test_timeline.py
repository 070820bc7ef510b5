"""The text timeline: one row per task, marks where they belong, never
wider than 80 columns."""
from __future__ import annotations

import unittest

from grader import timeline, trace
from grader.tests.test_trace import SAMPLE, ev


class TestRender(unittest.TestCase):
    def test_render_one_row_per_task_and_an_axis(self) -> None:
        text = timeline.render(trace.parse(SAMPLE))
        rows = text.splitlines()
        self.assertIn("# running", rows[0])
        self.assertEqual([r.split("|")[0].strip() for r in rows[1:4]],
                         ["main", "a", "b"])
        self.assertTrue(rows[-1].rstrip().endswith("1.00 s"))

    def test_render_fits_80_columns(self) -> None:
        for width in (80, 60):
            text = timeline.render(trace.parse(SAMPLE), width=width)
            self.assertLessEqual(max(len(l) for l in text.splitlines()),
                                 width)

    def test_sleeping_task_is_marked_z(self) -> None:
        rows = timeline.render(trace.parse(SAMPLE)).splitlines()
        bar_a = rows[2].split("|")[1]
        self.assertTrue(bar_a.startswith("#z"))
        self.assertGreater(bar_a.count("z"), 50)
        self.assertIn("w", rows[1].split("|")[1])  # main waits in gather

    def test_blocked_step_shows_as_running(self) -> None:
        text = "\n".join([
            ev(0, "create", 1, "main", by=0),
            ev(0, "run", 1, "main"),
            ev(0, "blocking_call", 1, "main", call="sleep", seconds=2),
            ev(2, "blocked", 1, "main", seconds=2),
            ev(2, "done", 1, "main"),
            ev(2, "exit")])
        rows = timeline.render(trace.parse(text)).splitlines()
        bar = rows[1].split("|")[1]
        self.assertGreater(bar.count("#"), 60)

    def test_same_names_get_ids(self) -> None:
        text = "\n".join([ev(0, "create", 1, "w", by=0),
                          ev(0, "create", 2, "w", by=0),
                          ev(0, "run", 1, "w"), ev(1, "done", 1, "w"),
                          ev(1, "run", 2, "w"), ev(2, "done", 2, "w")])
        rows = timeline.render(trace.parse(text)).splitlines()
        self.assertTrue(rows[1].startswith("w#1"))
        self.assertTrue(rows[2].startswith("w#2"))

    def test_empty_trace(self) -> None:
        self.assertIn("no task", timeline.render(trace.parse("")))


if __name__ == "__main__":
    unittest.main()
