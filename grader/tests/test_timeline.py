"""The timelines: text (golden files, marks, width, colour), SVG (XML, one
row per task, a shared scale, the same bytes twice), Chrome trace JSON
(the fields Perfetto needs), narration, the lessons' figures, --run.

Golden files live in fixtures_timeline/; after a deliberate change,
TIMELINE_UPDATE=1 python3 -m unittest grader.tests.test_timeline
rewrites them (read the diff before you keep it)."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

from grader import timeline, trace
from grader.tests.helpers import REPO
from grader.tests.test_trace import SAMPLE, ev

HERE = Path(__file__).resolve().parent / "fixtures_timeline"
SVG_NS = "{http://www.w3.org/2000/svg}"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def load(name: str) -> trace.Trace:
    return trace.parse((HERE / f"{name}.jsonl").read_text())


def golden(test: unittest.TestCase, name: str, text: str) -> None:
    path = HERE / name
    if os.environ.get("TIMELINE_UPDATE"):
        path.write_text(text, encoding="utf-8")
    test.assertEqual(text, path.read_text(encoding="utf-8"),
                     f"{name} changed (TIMELINE_UPDATE=1 rewrites it)")


def bars(text: str) -> dict[str, str]:
    """Row label -> its marks."""
    return {line.split("|")[0].strip(): line.split("|", 1)[1]
            for line in text.splitlines() if "|" in line}


class TestText(unittest.TestCase):
    def test_golden_files(self) -> None:
        for name in ("countasync", "exhibition", "mixed"):
            with self.subTest(name):
                golden(self, f"{name}.txt",
                       timeline.render(load(name)) + "\n")

    def test_one_row_per_task_and_a_labelled_axis(self) -> None:
        rows = timeline.render(trace.parse(SAMPLE)).splitlines()
        self.assertIn("# running", rows[0])
        self.assertEqual(list(bars("\n".join(rows))), ["main", "a", "b"])
        self.assertTrue(rows[-1].rstrip().endswith("1.0 s"), rows[-1])
        self.assertTrue(rows[-2].strip().startswith("+"))

    def test_axis_picks_the_unit(self) -> None:
        text = timeline.render(load("countasync"))
        self.assertTrue(text.splitlines()[-1].endswith(" s"))
        tiny = "\n".join([ev(0, "create", 1, "m", by=0),
                          ev(0.000001, "run", 1, "m"),
                          ev(0.000007, "done", 1, "m")])
        self.assertTrue(timeline.render(trace.parse(tiny))
                        .splitlines()[-1].endswith(" us"))

    def test_a_failed_task_says_so_in_its_row(self) -> None:
        run = "\n".join([ev(0, "create", 1, "main", by=0),
                         ev(0, "run", 1, "main"),
                         ev(0, "create", 2, "fetch", by=1),
                         ev(0.5, "run", 2, "fetch"),
                         ev(0.5, "failed", 2, "fetch", code=7),
                         ev(1, "done", 1, "main")])
        labels = list(bars(timeline.render(trace.parse(run))))
        self.assertEqual(labels, ["main", "fetch (failed)"])
        self.assertIn("fails with error 7",
                      timeline.narrate(trace.parse(run)))

    def test_a_column_is_never_zero(self) -> None:
        for end in (0, 0.000007, 0.00003):
            tiny = "\n".join([ev(0, "create", 1, "m", by=0),
                              ev(0, "run", 1, "m"),
                              ev(end, "done", 1, "m")])
            text = timeline.render(trace.parse(tiny))
            self.assertNotIn("= 0.0 ", text)
            self.assertIn("1 column = 1.0 us", text)

    def test_fits_the_width(self) -> None:
        for name in ("countasync", "exhibition", "mixed"):
            for width in (40, 60, 80, 120):
                text = timeline.render(load(name), width=width)
                self.assertLessEqual(
                    max(len(l) for l in text.splitlines()), width,
                    f"{name} at {width}")

    def test_distinct_marks_for_each_state(self) -> None:
        b = bars(timeline.render(load("mixed")))
        self.assertIn("w", b["main"])      # waits for a task
        self.assertIn("w", b["fetch"])     # waits for a future
        self.assertIn("i", b["reader"])    # waits for I/O
        self.assertNotIn("w", b["reader"])
        self.assertTrue(b["spinner"].startswith("!"))  # blocking usleep
        self.assertIn("z", b["spinner"])
        self.assertEqual(len(set(timeline.MARKS.values())),
                         len(timeline.MARKS))

    def test_ready_while_another_task_blocks(self) -> None:
        b = bars(timeline.render(load("exhibition")))
        self.assertTrue(b["game#3"].startswith("-----!"), b["game#3"])
        self.assertGreater(b["game#4"].count("-"), 8)

    def test_sleeping_and_waiting(self) -> None:
        b = bars(timeline.render(trace.parse(SAMPLE)))
        self.assertTrue(b["a"].startswith("#z"))
        self.assertGreater(b["a"].count("z"), 50)
        self.assertIn("w", b["main"])

    def test_blocking_call_shows_as_blocked(self) -> None:
        text = "\n".join([
            ev(0, "create", 1, "main", by=0),
            ev(0, "run", 1, "main"),
            ev(0, "blocking_call", 1, "main", call="sleep", seconds=2),
            ev(2, "blocked", 1, "main", seconds=2),
            ev(2, "done", 1, "main"),
            ev(2, "exit")])
        self.assertGreater(bars(timeline.render(trace.parse(text)))
                           ["main"].count("!"), 60)

    def test_program_without_a_loop(self) -> None:
        tl = timeline.build(trace.parse(ev(3, "exit")))
        self.assertEqual([r.label for r in tl.rows], ["main (no loop)"])
        self.assertEqual(tl.rows[0].spans[0].state, "blocked")
        self.assertEqual(tl.total, 3)

    def test_same_names_get_ids(self) -> None:
        text = "\n".join([ev(0, "create", 1, "w", by=0),
                          ev(0, "create", 2, "w", by=0),
                          ev(0, "run", 1, "w"), ev(1, "done", 1, "w"),
                          ev(1, "run", 2, "w"), ev(2, "done", 2, "w")])
        self.assertEqual(list(bars(timeline.render(trace.parse(text)))),
                         ["w#1", "w#2"])

    def test_many_tasks_are_cut(self) -> None:
        lines = [ev(0, "create", i, f"t{i}", by=0) for i in range(1, 31)]
        lines.append(ev(1, "exit"))
        text = timeline.render(trace.parse("\n".join(lines)))
        self.assertIn("... and 14 more tasks", text)

    def test_empty_trace(self) -> None:
        self.assertIn("no task", timeline.render(trace.parse("")))


class TestColour(unittest.TestCase):
    def test_colour_codes_only_when_asked(self) -> None:
        tr = load("mixed")
        plain = timeline.render(tr)
        coloured = timeline.render(tr, color=True)
        self.assertNotIn("\x1b", plain)
        self.assertIn("\x1b[", coloured)
        self.assertEqual(ANSI.sub("", coloured), plain)

    def test_no_color_and_no_tty_turn_it_off(self) -> None:
        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True
        with mock.patch.dict(os.environ, {"NO_COLOR": "1", "TERM": "xterm"}):
            self.assertFalse(timeline.use_color("auto", Tty()))
        with mock.patch.dict(os.environ, {"TERM": "xterm"}):
            os.environ.pop("NO_COLOR", None)
            self.assertTrue(timeline.use_color("auto", Tty()))
            self.assertFalse(timeline.use_color("auto", io.StringIO()))
            self.assertFalse(timeline.use_color("never", Tty()))
            self.assertTrue(timeline.use_color("always", io.StringIO()))

    def test_command_line_to_a_pipe_has_no_colour(self) -> None:
        out = io.StringIO()
        with redirect_stdout(out):
            timeline.main([str(HERE / "mixed.jsonl")])
        self.assertNotIn("\x1b", out.getvalue())
        self.assertIn("spinner", out.getvalue())


class TestSvg(unittest.TestCase):
    def parse(self, text: str) -> ET.Element:
        return ET.fromstring(text)

    def test_golden_file(self) -> None:
        golden(self, "mixed.svg", timeline.svg(load("mixed"), title="mixed"))

    def test_one_row_per_task_with_its_name(self) -> None:
        for name in ("countasync", "exhibition", "mixed"):
            tr = load(name)
            root = self.parse(timeline.svg(tr))
            rows = [g for g in root.iter(SVG_NS + "g")
                    if g.get("class") == "row"]
            self.assertEqual(len(rows), len(tr.names()), name)
            labels = [g.find(SVG_NS + "text").text for g in rows]
            self.assertEqual(labels, [r.label for r in
                                      timeline.build(tr).rows])

    def test_legend_axis_and_no_external_resources(self) -> None:
        text = timeline.svg(load("mixed"), title="mixed")
        root = self.parse(text)
        words = [t.text for t in root.iter(SVG_NS + "text")]
        for legend in ("running", "sleeping", "waiting for I/O",
                       "blocked (a blocking call)", "time (s)"):
            self.assertIn(legend, words)
        self.assertNotIn("href", text)
        self.assertNotIn("@import", text)
        self.assertNotIn("<image", text)
        sizes = [int(t.get("font-size", root.get("font-size")))
                 for t in root.iter(SVG_NS + "text")]
        self.assertGreaterEqual(min(sizes), 12)

    def test_same_bytes_twice(self) -> None:
        tr = load("exhibition")
        self.assertEqual(timeline.svg(tr, title="x"),
                         timeline.svg(tr, title="x"))

    def test_a_shared_scale_shortens_the_shorter_run(self) -> None:
        tr = load("countasync")

        def sleep_width(end: float | None) -> float:
            root = self.parse(timeline.svg(tr, end=end))
            return max(float(r.get("width")) for r in
                       root.iter(SVG_NS + "rect")
                       if r.get("fill") == timeline.FILL["sleeping"])
        own, shared = sleep_width(None), sleep_width(3.0)
        self.assertAlmostEqual(own / shared, 3.0, delta=0.05)


class TestChrome(unittest.TestCase):
    def test_required_fields_and_one_thread_per_task(self) -> None:
        tr = load("mixed")
        data = json.loads(timeline.chrome(tr))
        evs = data["traceEvents"]
        for e in evs:
            for key in ("ph", "pid", "tid", "name"):
                self.assertIn(key, e)
            if e["ph"] != "M":
                self.assertIsInstance(e["ts"], (int, float))
        threads = {e["tid"]: e["args"]["name"] for e in evs
                   if e["ph"] == "M" and e["name"] == "thread_name"}
        self.assertEqual(sorted(threads), sorted(tr.names()))
        self.assertEqual(threads[3], "reader (task 3)")

    def test_spans_in_microseconds(self) -> None:
        evs = json.loads(timeline.chrome(load("countasync")))["traceEvents"]
        sleeps = [e for e in evs if e["ph"] == "X"
                  and e["name"] == "sleeping"]
        self.assertEqual(len(sleeps), 3)
        for e in sleeps:
            self.assertAlmostEqual(e["dur"], 1_000_050, delta=10)
        self.assertTrue(any(e["ph"] == "X" and e["name"] ==
                            "waiting (gather)" for e in evs))

    def test_spans_of_a_thread_nest(self) -> None:
        evs = json.loads(timeline.chrome(load("exhibition")))["traceEvents"]
        by_tid: dict[int, list[tuple[float, float]]] = {}
        for e in evs:
            if e["ph"] == "X":
                self.assertGreaterEqual(e["dur"], 0)
                by_tid.setdefault(e["tid"], []).append(
                    (e["ts"], e["ts"] + e["dur"]))
        blocked = [e for e in evs if e["ph"] == "X" and e["cat"] ==
                   "blocked"]
        self.assertEqual(len(blocked), 6)
        for spans in by_tid.values():
            for a0, a1 in spans:
                for b0, b1 in spans:
                    overlap = a0 < b0 < a1 < b1
                    self.assertFalse(overlap, (a0, a1, b0, b1))


class TestNarrate(unittest.TestCase):
    def test_one_sentence_per_event(self) -> None:
        tr = trace.parse(SAMPLE)
        lines = timeline.narrate(tr).splitlines()
        self.assertEqual(len(lines), len(tr.events))
        self.assertTrue(all(re.match(r"^\d+\.\d{6} ", l) for l in lines))

    def test_create_run_suspend_wake_done(self) -> None:
        text = timeline.narrate(trace.parse(SAMPLE))
        for sentence in (
                "0.000001 main creates 'a' (task 2); it waits at the back "
                "of the ready queue",
                "0.000002 the loop runs a: it starts",
                "0.000002 a sleeps until 1.000002; it gives the loop back",
                "0.000001 main waits for the tasks it gathers",
                "0.000003 b yields; it goes straight to the back of the "
                "ready queue",
                "0.000004 the loop runs b: it resumes",
                "1.000002 a wakes (its sleep is over); it joins the back of "
                "the ready queue",
                "1.000003 a returns; it is finished",
                "1.000006 the program ends after 1.00 s"):
            self.assertIn(sentence, text)

    def test_waits_cancels_and_blocking(self) -> None:
        text = timeline.narrate(load("mixed"))
        for sentence in (
                "main waits for 'fetch' (task 2) to finish",
                "fetch waits for a future", "reader waits for I/O",
                "spinner calls usleep(), which blocks for 0.5 s",
                "cancelling 'spinner' (task 4) is requested",
                "spinner wakes (to be cancelled)",
                "spinner ends cancelled"):
            self.assertIn(sentence, text)


class TestCommandLine(unittest.TestCase):
    def test_every_format_to_a_file(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            for fmt in ("text", "svg", "chrome", "narrate"):
                out = Path(d) / f"out.{fmt}"
                rc = timeline.main([str(HERE / "mixed.jsonl"), "--format",
                                    fmt, "--output", str(out),
                                    "--color", "always"])
                self.assertEqual(rc, 0)
                text = out.read_text()
                self.assertNotIn("\x1b", text)  # a file gets no colour
                self.assertIn("spinner", text)
            json.loads((Path(d) / "out.chrome").read_text())
            ET.parse(Path(d) / "out.svg")

    def test_bad_run_specs(self) -> None:
        for spec in ("exercise:99", "lesson:00-none/x", "bogus"):
            with self.assertRaises(timeline.RunError):
                timeline.find_program(spec)

    def test_exercise_sources_come_from_check_toml(self) -> None:
        p = timeline.find_program("exercise:13")
        self.assertEqual([s.name for s in p.sources], ["count.c"])
        self.assertTrue(p.label.startswith("exercises/13-"))

    @unittest.skipUnless(shutil.which("cc") and shutil.which("make"),
                         "needs cc and make")
    def test_run_a_lesson_example(self) -> None:
        out = io.StringIO()
        with redirect_stdout(out):
            rc = timeline.main(["--run", "lesson:07-sleeping/countasync",
                                "--color", "never"])
        self.assertEqual(rc, 0)
        text = out.getvalue()
        self.assertIn("countasync exec in 1.00 seconds.", text)
        self.assertEqual(len(bars(text)), 4)
        self.assertIn("z", bars(text)["count#2"])


class TestFigures(unittest.TestCase):
    def test_every_figure_has_its_example_and_is_shown(self) -> None:
        self.assertTrue(timeline.FIGURES)
        for fig in timeline.FIGURES:
            folder = REPO / "lessons" / fig.lesson
            readme = (folder / "README.md").read_text()
            for name in fig.examples:
                self.assertTrue((folder / f"{name}.c").is_file(), name)
                self.assertTrue((folder / f"{name}.svg").is_file(), name)
                self.assertRegex(readme, rf"!\[[^\]]+\]\({name}\.svg\)")

    def test_side_by_side_figures_share_a_scale(self) -> None:
        a = (REPO / "lessons/07-sleeping/countsync.svg").read_text()
        b = (REPO / "lessons/07-sleeping/countasync.svg").read_text()
        ticks = re.compile(r'<line x1="([\d.]+)" y1="\d+" x2="[\d.]+" '
                           r'y2="\d+" stroke="#e4e4e4"')
        self.assertEqual(ticks.findall(a), ticks.findall(b))
        self.assertEqual(a.split(">")[0], b.split(">")[0])  # same size


class TestPredictionPuzzles(unittest.TestCase):
    def test_a_puzzle_is_drawn_only_once_predicted(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            answer = Path(d) / "prediction.txt"
            answer.write_text("# my guess\nOne\n\nTwo\n")
            self.assertTrue(timeline.predicted(answer, "One\nTwo\n"))
            answer.write_text("TODO: write your prediction here\n")
            self.assertFalse(timeline.predicted(answer, "One\nTwo\n"))


if __name__ == "__main__":
    unittest.main()