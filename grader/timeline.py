#!/usr/bin/env python3
"""Timelines of a run, drawn from its trace (runtime/TRACE.md): one row per
task, time running left to right, what each task was doing at each moment.

    timeline.py TRACE [--format text|svg|chrome|narrate] [--output FILE]
                      [--width N] [--color auto|always|never]
    timeline.py --run exercise:07          build and run an exercise (or
    timeline.py --run lesson:07-sleeping/countasync   a lesson example)
                                           under the virtual clock, print
                                           its output, then its timeline
    timeline.py --figures [--check]        regenerate the lessons' SVG
                                           figures (or compare them)

text is for the terminal (80 columns unless --width; colours on a TTY,
none with NO_COLOR), on virtual time; svg for the lessons (--width in
pixels), where a step is as long as its CPU time at least; chrome is
the Trace Event Format that Perfetto and chrome://tracing open, narrate
tells the run as one sentence per scheduling decision. A failed timing
check in the grader prints the text timeline (render())."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: make `grader` importable
    sys.path.insert(0, str(ROOT))

from grader import trace as tracemod  # noqa: E402
# The views, one module each; their names are this module's too.
from grader.timeline_chrome import chrome, us  # noqa: E402,F401
from grader.timeline_figures import (FIGURES, Figure, Program,  # noqa
                                     RunError, figures_command, find_program,
                                     library, make_figures, predicted,
                                     run_program, total_title)
from grader.timeline_model import (STATES, WORDS, Row, Span,  # noqa: F401
                                   Timeline, build, cpu_axis, fmt_time,
                                   intervals, label_tasks, ticks, unit_of)
from grader.timeline_narrate import narrate  # noqa: E402,F401
from grader.timeline_svg import FILL, MAX_SVG_ROWS, svg, svg_timeline  # noqa
from grader.timeline_text import (MARKS, MAX_ROWS, render,  # noqa: F401
                                  render_timeline, use_color)


# ---- Command line -----------------------------------------------------------

def formatted(tr: tracemod.Trace, fmt: str, width: int | None, color: bool,
              title: str | None = None) -> str:
    if fmt == "svg":
        tl = build(tr, cpu=True)
        return svg_timeline(tl, width or 800, None,
                            total_title(title, tl) if title else None)
    if fmt == "chrome":
        return chrome(tr)
    if fmt == "narrate":
        return narrate(tr) + "\n"
    return render(tr, width or 80, color) + "\n"


def run_command(spec: str, fmt: str, width: int | None, color: bool,
                output: str | None) -> int:
    try:
        prog = find_program(spec)
        lib = library()
        with tempfile.TemporaryDirectory(prefix="timeline-") as d:
            ran = run_program(prog, lib, Path(d))
    except RunError as e:
        print(e, file=sys.stderr)
        return 2
    if prog.prediction and not predicted(prog.prediction, ran.stdout):
        # The run is the puzzle's answer: the grader never shows it either.
        print(f"{prog.label} is a prediction puzzle: its run would give the "
              f"answer away. Write your prediction in {prog.prediction.name}"
              f"; once make grade passes it, this draws the run.",
              file=sys.stderr)
        return 1
    print(f"+ {prog.label} under ASYNC_CLOCK=virtual")
    sys.stdout.write(ran.stdout)
    if ran.stderr:
        sys.stdout.flush()
        sys.stderr.write(ran.stderr)
        sys.stderr.flush()
    if ran.status is None:
        print(f"(stopped after {prog.timeout:g} s: the program did not end)")
    elif ran.status != 0:
        print(f"(exit status {ran.status})")
    if ran.trace is None:
        print("(no trace: the program created no event loop)")
        return 1
    print()
    text = formatted(ran.trace, fmt, width, color, prog.label.split("/")[-1])
    emit(text, output)
    return 0 if ran.status == 0 else 1


def emit(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="timeline.py", description=__doc__.splitlines()[0],
        epilog="make timeline EX=07 runs --run exercise:07; make figures "
               "runs --figures.")
    ap.add_argument("trace", nargs="?", help="a trace (ASYNC_TRACE=FILE)")
    ap.add_argument("--format", choices=["text", "svg", "chrome",
                                         "narrate"], default="text")
    ap.add_argument("--narrate", action="store_const", dest="format",
                    const="narrate", help="same as --format narrate")
    ap.add_argument("--output", "-o", metavar="FILE")
    ap.add_argument("--width", type=int, metavar="N",
                    help="columns of text (80) or pixels of SVG (800)")
    ap.add_argument("--color", choices=["auto", "always", "never"],
                    default="auto")
    ap.add_argument("--run", metavar="WHAT",
                    help="exercise:NN or lesson:NN-topic/name")
    ap.add_argument("--figures", action="store_true",
                    help="regenerate the lessons' SVG figures")
    ap.add_argument("--check", action="store_true",
                    help="with --figures: compare, do not write")
    args = ap.parse_args(argv)
    to_tty = args.output in (None, "-")
    color = to_tty and use_color(args.color, sys.stdout)
    if args.figures:
        return figures_command(args.check)
    if args.check:
        ap.error("--check goes with --figures")
    if args.run:
        return run_command(args.run, args.format, args.width, color,
                           args.output)
    if not args.trace:
        ap.error("give a trace file, --run or --figures")
    tr = tracemod.read(Path(args.trace), limit=1 << 40)
    if tr is None:
        print(f"cannot read {args.trace}", file=sys.stderr)
        return 2
    emit(formatted(tr, args.format, args.width, color), args.output)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # | head
        sys.stderr.close()
        sys.exit(1)
