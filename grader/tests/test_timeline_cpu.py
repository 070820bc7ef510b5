"""A step drawn as long as the CPU time it used (the trace's `cpu`): the
pictures' axis is virtual time + CPU time (timeline_model.cpu_axis), so a
task that hogs the loop is seen hogging it, and those it starves are seen
waiting through its step. The grader's checks and its text timeline read
virtual time only, and a forged `cpu` changes nothing but a picture."""
from __future__ import annotations

import json
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from grader import timeline, trace
from grader import timeline_figures as figures
from grader.tests.helpers import REPO
from grader.tests.test_trace import ev

SVG_NS = "{http://www.w3.org/2000/svg}"
LESSON = REPO / "lessons" / "13-starvation"


def starvation(worker: list[float], tick: float = 0.000004) -> str:
    """Lesson 13's run under the virtual clock: main gathers a worker whose
    steps used these CPU times (each but the last ends in a yield) and a
    ticker that yields three times. The ready queue takes them in turn."""
    lines = [ev(0, "loop", clock="virtual"), ev(0, "create", 1, "main", by=0)]
    t = 0.000001
    lines += [ev(t, "run", 1, "main"), ev(t, "create", 2, "worker", by=1),
              ev(t, "create", 3, "ticker", by=1),
              ev(t, "suspend", 1, "main", why="gather", on=0, until=0,
                 cpu=0.00003)]
    steps = {2: [("worker", c) for c in worker], 3: [("ticker", tick)] * 4}
    while steps[2] or steps[3]:
        for task in (2, 3):
            if not steps[task]:
                continue
            name, cpu = steps[task].pop(0)
            t += 0.000001
            lines.append(ev(t, "run", task, name))
            lines.append(ev(t, "suspend", task, name, why="yield", on=0,
                            until=0, cpu=cpu) if steps[task] else
                         ev(t, "done", task, name, cpu=cpu))
    lines += [ev(t, "wake", 1, "main"), ev(t + 0.000001, "run", 1, "main"),
              ev(t + 0.000001, "done", 1, "main", cpu=0.000004),
              ev(t + 0.000001, "close"), ev(t + 0.000001, "exit")]
    return "\n".join(lines) + "\n"


HOG = starvation([0.003])  # hog.c: one step does it all
POLITE = starvation([0.0005, 0.001, 0.0015, 0.000004])  # polite.c


def runs(tl: timeline.Timeline, label: str, state: str = "running"
         ) -> list[timeline.Span]:
    row = next(r for r in tl.rows if r.label == label)
    return [s for s in row.spans if s.state == state]


def step_rects(svg: str, label: str) -> list[float]:
    """The widths of a row's `running` rectangles in an SVG timeline."""
    root = ET.fromstring(svg)
    for g in root.iter(SVG_NS + "g"):
        if g.find(SVG_NS + "text").text == label:
            return [float(r.get("width")) for r in g.iter(SVG_NS + "rect")
                    if r.get("fill") == timeline.FILL["running"]]
    raise AssertionError(f"no row {label}")


def side_by_side(a: trace.Trace, b: trace.Trace) -> tuple[str, str]:
    """Two pictures on one scale, as the lessons' figures are drawn."""
    ta, tb = timeline.build(a, cpu=True), timeline.build(b, cpu=True)
    end = max(ta.end, tb.end)
    return (timeline.svg_timeline(ta, 440, end),
            timeline.svg_timeline(tb, 440, end))


class TestOrder(unittest.TestCase):
    def test_the_made_up_runs_follow_the_lesson(self) -> None:
        for text, worker in ((HOG, ["done"]),
                             (POLITE, ["suspend"] * 3 + ["done"])):
            evs = trace.parse(text).events
            self.assertEqual([e.ev for e in evs if e.task == 2
                              and e.ev in trace.STEP_ENDS], worker)
            self.assertEqual(trace.parse(text).problem, "")


class TestCpuAxis(unittest.TestCase):
    def test_a_step_lasts_its_cpu_time(self) -> None:
        tl = timeline.build(trace.parse(HOG), cpu=True)
        (step,) = runs(tl, "worker")
        self.assertAlmostEqual(step.end - step.start, 0.003, places=9)
        self.assertAlmostEqual(step.cpu, 0.003, places=9)
        self.assertTrue(tl.cpu)

    def test_the_starved_task_waits_through_the_long_step(self) -> None:
        tl = timeline.build(trace.parse(HOG), cpu=True)
        (step,) = runs(tl, "worker")
        ready = runs(tl, "ticker", "ready")
        self.assertTrue(any(r.start <= step.start and r.end >= step.end
                            for r in ready), ready)
        first_tick = runs(tl, "ticker")[0]
        self.assertGreaterEqual(first_tick.start, step.end)

    def test_the_hog_is_no_faster_than_the_polite_run(self) -> None:
        hog = timeline.build(trace.parse(HOG), cpu=True)
        polite = timeline.build(trace.parse(POLITE), cpu=True)
        self.assertGreaterEqual(hog.total, 0.003)
        self.assertGreaterEqual(hog.total, 0.95 * polite.total)
        # The same work: neither takes a tenth longer than the other.
        self.assertLess(abs(hog.total - polite.total), 0.1 * polite.total)

    def test_the_hogs_step_is_drawn_as_many_times_wider_as_it_computed(
            self) -> None:
        a, b = side_by_side(trace.parse(HOG), trace.parse(POLITE))
        (hog,) = step_rects(a, "worker")
        polite = step_rects(b, "worker")
        n = 0.003 / 0.0005  # the CPU times of the two first steps
        self.assertGreaterEqual(hog / polite[0], 0.95 * n, (hog, polite))
        self.assertGreaterEqual(len(polite), 3)

    def test_the_axis_says_what_it_measures(self) -> None:
        words = [t.text for t in ET.fromstring(timeline.svg(
            trace.parse(HOG))).iter(SVG_NS + "text")]
        self.assertIn("virtual time + CPU time (ms)", words)

    def test_a_trace_without_cpu_times_is_drawn_as_before(self) -> None:
        text = "\n".join(json.dumps({k: v for k, v in json.loads(line)
                                     .items() if k != "cpu"})
                         for line in HOG.splitlines())
        tl = timeline.build(trace.parse(text), cpu=True)
        self.assertFalse(tl.cpu)
        self.assertAlmostEqual(tl.total, 0.000007, places=9)

    def test_a_step_longer_than_its_cpu_time_keeps_its_length(self) -> None:
        # Under the real clock (or a charged step over 10 ms) the step
        # already lasts its CPU time: nothing after it moves.
        text = "\n".join([ev(0, "create", 1, "m", by=0), ev(1, "run", 1, "m"),
                          ev(1.5, "suspend", 1, "m", why="sleep", on=0,
                             until=2.5, cpu=0.4),
                          ev(2.5, "wake", 1, "m"), ev(2.5, "run", 1, "m"),
                          ev(2.5, "done", 1, "m", cpu=0.0)])
        plain = trace.parse(text)
        self.assertEqual(timeline.cpu_axis(plain).events, plain.events)

    def test_the_command_draws_svg_with_cpu_time_and_text_without(
            self) -> None:
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "hog.jsonl"
            src.write_text(HOG)
            out = Path(d) / "out"
            for fmt, axis in (("svg", "virtual time + CPU time (ms)"),
                              ("text", "(1 column = 1.0 us)")):
                with self.subTest(fmt):
                    rc = timeline.main([str(src), "--format", fmt, "-o",
                                        str(out), "--color", "never"])
                    self.assertEqual(rc, 0)
                    self.assertIn(axis, out.read_text())


class TestTheGraderIgnoresIt(unittest.TestCase):
    CAP = trace.CPU_CAP
    # What a program may write as a step's CPU time, and what it counts as.
    FORGED = ((float("nan"), 0.0), (-1.0, 0.0), (float("inf"), CAP),
              (1e300, CAP), (10 ** 400, CAP), ("2.0", 0.0), (True, 0.0),
              (None, 0.0), ([1], 0.0), ({"a": 1}, 0.0))

    def forged(self, cpu: object) -> trace.Trace:
        lines = []
        for line in HOG.splitlines():
            obj = json.loads(line)
            if "cpu" in obj:
                obj["cpu"] = cpu
            lines.append(json.dumps(obj))
        return trace.parse("\n".join(lines))

    def test_a_forged_cpu_time_is_read_as_zero_or_capped(self) -> None:
        for cpu, counts in self.FORGED:
            with self.subTest(cpu=str(cpu)[:12]):
                tr = self.forged(cpu)
                self.assertEqual(tr.problem, "")
                self.assertEqual(tr.bad_lines, 0)
                done = tr.of("done")[0]
                self.assertEqual(trace.step_cpu(done), counts)

    def test_a_forged_cpu_time_draws_and_stays_bounded(self) -> None:
        for cpu, _ in self.FORGED:
            with self.subTest(cpu=str(cpu)[:12]):
                tr = self.forged(cpu)
                tl = timeline.build(tr, cpu=True)
                steps = len(tr.of(*trace.STEP_ENDS))
                self.assertLessEqual(tl.end, steps * trace.CPU_CAP + 1)
                ET.fromstring(timeline.svg(tr, title="forged"))
                json.loads(timeline.chrome(tr))
                timeline.narrate(tr)

    def test_the_checks_and_the_text_timeline_read_virtual_time(
            self) -> None:
        plain = self.forged(None)
        for cpu in (0.003, 1e300, float("nan")):
            with self.subTest(cpu=cpu):
                tr = self.forged(cpu)
                self.assertEqual(timeline.render(tr, 70),
                                 timeline.render(plain, 70))
                self.assertEqual(trace.max_suspended(tr),
                                 trace.max_suspended(plain))
                self.assertEqual(tr.exit_time, plain.exit_time)
                self.assertEqual(trace.states(tr), trace.states(plain))

    def test_nan_and_infinity_as_json_literals(self) -> None:
        text = HOG.replace('"cpu": 0.003', '"cpu": NaN').replace(
            '"cpu": 3e-05', '"cpu": Infinity')
        self.assertIn("NaN", text)
        self.assertIn("Infinity", text)
        tr = trace.parse(text)
        self.assertEqual(tr.bad_lines, 0)
        tl = timeline.build(tr, cpu=True)
        self.assertEqual(runs(tl, "worker")[0].cpu, 0.0)
        self.assertEqual(runs(tl, "main")[0].cpu, trace.CPU_CAP)

    def test_a_step_adds_no_more_than_its_cpu_time(self) -> None:
        # A forged trace whose time runs backwards within a step.
        text = "\n".join([ev(0, "create", 1, "m", by=0),
                          ev(1e300, "run", 1, "m"),
                          ev(-1e300, "suspend", 1, "m", why="yield", on=0,
                             until=0, cpu=0.5),
                          ev(2, "run", 1, "m"), ev(2, "done", 1, "m")])
        moved = timeline.cpu_axis(trace.parse(text))
        self.assertEqual(moved.events[-1].t, 2.5)

    def test_a_time_that_is_not_finite_is_not_an_event(self) -> None:
        for t in ("NaN", "Infinity", "-Infinity"):
            with self.subTest(t=t):
                text = HOG.replace('{"t": 3e-06,', '{"t": %s,' % t, 1)
                self.assertNotEqual(text, HOG)
                tr = trace.parse(text)
                self.assertEqual(tr.bad_lines, 1)
                self.assertIn("written over", tr.problem)
                timeline.render(tr, 70)
                ET.fromstring(timeline.svg(tr))


class TestLessonFigure(unittest.TestCase):
    """Lesson 13's pictures, drawn from the traces kept beside them."""

    def kept(self, name: str) -> trace.Trace:
        tr = trace.read(LESSON / f"{name}.trace.jsonl")
        self.assertIsNotNone(tr, f"{name}.trace.jsonl (make figures)")
        assert tr is not None
        return tr

    def test_the_hogs_step_is_drawn_as_long_as_it_computed(self) -> None:
        hog, polite = self.kept("hog"), self.kept("polite")
        cpu = {name: [trace.step_cpu(e) for e in tr.of(*trace.STEP_ENDS)
                      if e.name == "worker"]
               for name, tr in (("hog", hog), ("polite", polite))}
        self.assertEqual(len(cpu["hog"]), 1)
        self.assertEqual(len(cpu["polite"]), 4)
        n = cpu["hog"][0] / max(cpu["polite"])
        self.assertGreater(n, 1.0)  # one step does what three did
        a, b = side_by_side(hog, polite)
        (wide,) = step_rects(a, "worker")
        self.assertGreaterEqual(wide / max(step_rects(b, "worker")),
                                0.95 * n)

    def test_the_kept_pictures_are_drawn_with_cpu_time(self) -> None:
        svg = (LESSON / "hog.svg").read_text()
        root = ET.fromstring(svg)
        plot = max(float(r.get("width")) for r in root.iter(SVG_NS + "rect")
                   if r.get("fill") == "#f6f6f6")
        hog = timeline.build(self.kept("hog"), cpu=True)
        polite = timeline.build(self.kept("polite"), cpu=True)
        end = max(hog.end, polite.end)
        (step,) = runs(hog, "worker")
        (wide,) = step_rects(svg, "worker")
        self.assertAlmostEqual(wide, step.cpu / end * plot, delta=1.0)
        self.assertGreater(wide, plot / 2)  # most of the run
        self.assertIn("virtual time + CPU time",
                      [t.text.split(" (")[0] for t in
                       root.iter(SVG_NS + "text")])


class TestKeptRun(unittest.TestCase):
    def ran(self, text: str) -> figures.Ran:
        return figures.Ran("", "", 0, trace.parse(text), text)

    def test_a_kept_trace_holds_while_only_cpu_times_differ(self) -> None:
        fig = figures.Figure("13-starvation", ("hog",), cpu=True)
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            (root / "lessons/13-starvation").mkdir(parents=True)
            kept = root / "lessons/13-starvation/hog.trace.jsonl"
            _, problem = figures.kept_run(root, fig, "hog", self.ran(HOG))
            self.assertIn("missing", problem)
            kept.write_text(HOG)
            fresh = HOG.replace('"cpu": 0.003', '"cpu": 0.0041')
            self.assertNotEqual(fresh, HOG)
            tr, problem = figures.kept_run(root, fig, "hog", self.ran(fresh))
            self.assertEqual(problem, "")
            assert tr is not None
            self.assertEqual(trace.step_cpu(tr.of("done")[0]), 0.003)
            other = HOG.replace('"ev": "done", "task": 2',
                                '"ev": "failed", "task": 2')
            self.assertNotEqual(other, HOG)
            tr, problem = figures.kept_run(root, fig, "hog", self.ran(other))
            self.assertIsNone(tr)
            self.assertIn("is not what hog.c does now", problem)


if __name__ == "__main__":
    unittest.main()
