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
none with NO_COLOR), svg for the lessons (--width in pixels), chrome is
the Trace Event Format that Perfetto and chrome://tracing open, narrate
tells the run as one sentence per scheduling decision. A failed timing
check in the grader prints the text timeline (render())."""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: make `grader` importable
    sys.path.insert(0, str(ROOT))

from grader import trace as tracemod  # noqa: E402

# The states a task is drawn in, strongest first: when one text column
# covers several, the first one wins, so a short step still shows.
STATES = ("blocked", "running", "ready", "io", "waiting", "sleeping")
MARKS = {"running": "#", "blocked": "!", "ready": "-", "sleeping": "z",
         "waiting": "w", "io": "i"}
WORDS = {"running": "running", "blocked": "blocked", "ready": "ready",
         "sleeping": "sleeping", "waiting": "waiting", "io": "I/O"}
ANSI = {"running": "32", "blocked": "1;31", "ready": "33", "sleeping": "34",
        "waiting": "35", "io": "36"}
# Okabe-Ito colours: told apart by most colour-blind readers too.
FILL = {"running": "#0072b2", "blocked": "#d55e00", "ready": "#f0c400",
        "sleeping": "#8fcbf0", "waiting": "#cc79a7", "io": "#009e73"}
LEGEND_SVG = {"running": "running", "blocked": "blocked (a blocking call)",
              "ready": "ready (in the queue)", "sleeping": "sleeping",
              "waiting": "waiting (task, future, gather)",
              "io": "waiting for I/O"}
MAX_ROWS = 16        # text rows before "... and N more tasks"
MAX_SVG_ROWS = 200
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"


# ---- From events to spans -----------------------------------------------

@dataclass(frozen=True)
class Span:
    start: float
    end: float
    state: str          # one of STATES
    why: str = ""       # the suspend's why, for waiting and sleeping
    on: int = 0         # the awaited task


@dataclass
class Row:
    id: int
    label: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class Timeline:
    rows: list[Row]
    end: float          # the run's last moment
    total: float        # its exit time, else end


def shown_state(s: tracemod.TaskState) -> str:
    if s.state == "waiting" and s.why == "io":
        return "io"
    return s.state


def build(tr: tracemod.Trace) -> Timeline:
    """Every task's spans, rows in order of first appearance. A step's
    blocking libc sleep is a `blocked` span on top of its `running` one."""
    rows: dict[int, Row] = {}
    cur: dict[int, tracemod.TaskState] = {}
    pending: dict[int, list[float]] = {}  # blocking calls: [start, end]
    names = tr.names()
    for e in tr.events:
        if not e.task:
            continue
        row = rows.get(e.task)
        if row is None:
            row = rows[e.task] = Row(e.task, "")
        prev = cur.get(e.task)
        new = tracemod.step(prev, e)
        if prev is not None and prev.state != "done" and (
                new.state != prev.state or new.since != prev.since):
            row.spans.append(Span(prev.since, e.t, shown_state(prev),
                                  prev.why, prev.on))
            if prev.state == "running":
                for a, b in pending.pop(e.task, []):
                    row.spans.append(Span(a, min(b, e.t), "blocked"))
        if e.ev == "blocking_call":
            secs = e.get("seconds", 0.0)
            if isinstance(secs, (int, float)) and secs > 0:
                pending.setdefault(e.task, []).append([e.t, e.t + secs])
        cur[e.task] = new
    end = tr.end_time
    for tid, s in cur.items():
        if s.state != "done":
            rows[tid].spans.append(Span(s.since, end, shown_state(s), s.why,
                                        s.on))
            for a, b in pending.pop(tid, []):
                rows[tid].spans.append(Span(a, min(b, end), "blocked"))
    labels = label_tasks(names, list(rows))
    for tid, row in rows.items():
        row.label = labels[tid]
        row.spans = [s for s in row.spans if s.end > s.start
                     or s.state in ("running", "blocked")]
    total = tr.exit_time if tr.exit_time is not None else end
    if not rows and total > 0:
        # A program with no event loop (countsync.c): under the virtual
        # clock its time can only have passed in blocking sleeps.
        rows[0] = Row(0, "main (no loop)", [Span(0.0, total, "blocked")])
    return Timeline(list(rows.values()), max(end, total), total)


def intervals(tr: tracemod.Trace
              ) -> dict[int, list[tuple[float, float, str]]]:
    """For each task, (start, end, state) spans."""
    return {r.id: [(s.start, s.end, s.state) for s in r.spans]
            for r in build(tr).rows}


def label_tasks(names: dict[int, str], ids: list[int]) -> dict[int, str]:
    """Task names, with the id added where two tasks share a name."""
    count: dict[str, int] = {}
    for t in ids:
        count[names.get(t, "?")] = count.get(names.get(t, "?"), 0) + 1
    return {t: names.get(t, "?") if count[names.get(t, "?")] == 1
            else f"{names.get(t, '?')}#{t}" for t in ids}


# ---- Time axis --------------------------------------------------------------

def unit_of(end: float) -> tuple[str, float]:
    """The unit a run of this length reads best in, and its factor."""
    if end >= 1:
        return "s", 1.0
    if end >= 1e-3:
        return "ms", 1e3
    return "us", 1e6


def ticks(end: float, most: int = 6) -> tuple[list[float], list[str], str]:
    """Round tick values (1, 2 or 5 times a power of ten) from 0 to end,
    their labels, and the unit."""
    end = end if end > 0 else 1e-6
    unit, factor = unit_of(end)
    span = end * factor
    raw = span / most
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if step * 10 ** decimals != round(step * 10 ** decimals):
        decimals += 1  # 2.5, 0.25
    n = int(span / step + 1e-9)
    values = [i * step / factor for i in range(n + 1)]
    labels = [f"{i * step:.{decimals}f}" for i in range(n + 1)]
    return values, labels, unit


def fmt_time(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.1f} us"


# ---- Text -------------------------------------------------------------------

def use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR", "") != "":
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, state: str, color: bool) -> str:
    return f"\x1b[{ANSI[state]}m{text}\x1b[0m" if color and text else text


def render(tr: tracemod.Trace, width: int = 80, color: bool = False) -> str:
    """The timeline in at most `width` columns (not counting colour
    codes): a legend, one row per task, an axis."""
    return render_timeline(build(tr), width, color)


def render_timeline(tl: Timeline, width: int = 80,
                    color: bool = False) -> str:
    if not tl.rows:
        return "(the trace holds no task)"
    lw = min(16, max(len(r.label) for r in tl.rows)) + 1
    cols = max(10, width - lw - 1)
    end = tl.end or 1e-9
    scale = end / cols
    present = [s for s in STATES if any(sp.state == s for r in tl.rows
                                        for sp in r.spans)]
    order = [s for s in ("running", "blocked", "ready", "sleeping",
                         "waiting", "io") if s in present]
    note = f"(1 column = {fmt_time(scale)})"
    rows: list[str] = []
    line, shown = "", ""  # the legend, wrapped to the width
    for s in order:
        item = MARKS[s] + " " + WORDS[s]
        if shown and len(shown) + 2 + len(item) > width:
            rows.append(line)
            line, shown = "", ""
        line += ("  " if shown else "") + paint(MARKS[s], s, color) \
            + item[1:]
        shown += ("  " if shown else "") + item
    if shown and len(shown) + 3 + len(note) <= width:
        rows.append(f"{line}   {note}")
    else:
        rows.extend([line, note] if shown else [note])
    rank = {s: i for i, s in enumerate(STATES)}
    for r in tl.rows[:MAX_ROWS]:
        cells: list[str] = [""] * cols
        for sp in r.spans:
            lo = min(cols - 1, int(sp.start / scale))
            hi = min(cols - 1, max(lo, int(sp.end / scale - 1e-9)))
            for i in range(lo, hi + 1):
                c = cells[i]
                if not c or rank[sp.state] < rank[c]:
                    cells[i] = sp.state
        rows.append(f"{r.label[:lw - 1]:<{lw}}|" + bar(cells, color))
    if len(tl.rows) > MAX_ROWS:
        rows.append(f"... and {len(tl.rows) - MAX_ROWS} more tasks")
    rows.extend(axis(lw, cols, end))
    return "\n".join(rows)


def bar(cells: list[str], color: bool) -> str:
    """The marks of one row, a colour code per run of equal cells."""
    while cells and not cells[-1]:
        cells.pop()
    out, i = [], 0
    while i < len(cells):
        j = i
        while j < len(cells) and cells[j] == cells[i]:
            j += 1
        s = cells[i]
        out.append(paint(MARKS[s] * (j - i), s, color) if s
                   else " " * (j - i))
        i = j
    return "".join(out)


def axis(lw: int, cols: int, end: float) -> list[str]:
    """A ruler with a + at each tick, and the ticks' values under it."""
    values, labels, unit = ticks(end, max(2, min(6, cols // 10)))
    scale = end / cols
    ruler = ["-"] * cols
    text = [" "] * (cols + 1)
    for i, (v, lab) in enumerate(zip(values, labels)):
        pos = min(cols - 1, int(v / scale + 1e-9))
        ruler[pos] = "+"
        if i == len(values) - 1:
            lab += " " + unit
        start = max(0, min(pos - len(lab) // 2, cols + 1 - len(lab)))
        if i == 0:
            start = 0
        if all(c == " " for c in text[max(0, start - 1):start + len(lab)]):
            text[start:start + len(lab)] = lab
        elif i == len(values) - 1:  # room for the unit at least
            tail = " " + unit
            text[cols + 1 - len(tail):] = tail
    return [" " * lw + "+" + "".join(ruler[1:]) + "",
            " " * lw + "".join(text).rstrip()]


# ---- SVG --------------------------------------------------------------------

def num(x: float) -> str:
    """Fixed formatting, so the same figure is the same bytes."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def svg(tr: tracemod.Trace, width: int = 800, end: float | None = None,
        title: str | None = None) -> str:
    return svg_timeline(build(tr), width, end, title)


def svg_timeline(tl: Timeline, width: int = 800, end: float | None = None,
                 title: str | None = None, label_chars: int = 0,
                 min_rows: int = 0, min_height: int = 0) -> str:
    """An SVG figure: title, one row per task, a time axis, a legend.
    `end` fixes the axis, `label_chars` the room for names and `min_rows`
    the height: figures shown side by side share them, so that equal
    times are equal lengths and the axes line up."""
    width = max(320, width)
    shown = tl.rows[:MAX_SVG_ROWS]
    axis_end = end if end and end > 0 else (tl.end or 1e-6)
    fs, row_h, bar_h = 14, 26, 16
    label_w = 16 + 9.0 * max([len(r.label) for r in shown]
                             + [4, label_chars])
    left, right = round(label_w + 10), 24
    plot_w = width - left - right
    top = 46 if title else 16
    scale = plot_w / axis_end

    def x(t: float) -> float:
        return left + min(t, axis_end) * scale

    out: list[str] = []
    rows_h = row_h * max(1, len(shown), min_rows)
    if len(tl.rows) > len(shown):
        rows_h += row_h
    axis_y = top + rows_h + 4
    # The legend names only what a reader can see: a ready span of a
    # microsecond in a one-second figure is not drawn.
    seen = {sp.state for r in shown for sp in r.spans
            if sp.state in ("running", "blocked")
            or (min(sp.end, axis_end) - sp.start) * scale >= 0.5}
    present = [s for s in ("running", "blocked", "ready", "sleeping",
                           "waiting", "io") if s in seen]
    legend_y = axis_y + 48
    # Legend entries flow onto as many lines as they need.
    items, lx, ly = [], 12.0, legend_y
    for s in present:
        w = 22 + 7.0 * len(LEGEND_SVG[s]) + 18
        if lx + w > width - 8 and lx > 12:
            lx, ly = 12.0, ly + 22
        items.append((s, lx, ly))
        lx += w
    height = max(min_height, round(ly + 20))
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
               f'height="{height}" viewBox="0 0 {width} {height}" '
               f'font-family="{FONT}" font-size="{fs}">')
    out.append(f"<title>{escape(title or 'timeline')}</title>")
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    if title:
        out.append(f'<text x="12" y="28" font-size="17" font-weight="bold" '
                   f'fill="#111111">{escape(title)}</text>')
    values, labels, unit = ticks(axis_end, max(2, min(8, plot_w // 64)))
    unit_txt = "\u00b5s" if unit == "us" else unit
    for v in values:  # grid lines behind the bars
        out.append(f'<line x1="{num(x(v))}" y1="{top - 4}" x2="{num(x(v))}" '
                   f'y2="{axis_y}" stroke="#e4e4e4" stroke-width="1"/>')
    for i, r in enumerate(shown):
        y = top + i * row_h
        by = y + (row_h - bar_h) / 2
        out.append(f'<g class="row" data-task="{r.id}">')
        if i % 2 == 0:
            out.append(f'<rect x="{left}" y="{y}" width="{plot_w}" '
                       f'height="{row_h}" fill="#f6f6f6"/>')
        out.append(f'<text x="{left - 10}" y="{num(y + row_h / 2 + 5)}" '
                   f'text-anchor="end" fill="#111111">'
                   f'{escape(r.label)}</text>')
        for x0, w, state, tip in merged(r, x, left + plot_w):
            out.append(f'<rect x="{num(x0)}" y="{num(by)}" width="{num(w)}" '
                       f'height="{bar_h}" fill="{FILL[state]}">'
                       f'<title>{escape(tip)}</title></rect>')
        out.append("</g>")
    if len(tl.rows) > len(shown):
        out.append(f'<text x="{left}" y="{top + len(shown) * row_h + 18}" '
                   f'fill="#333333">... and {len(tl.rows) - len(shown)} '
                   'more tasks</text>')
    out.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" '
               f'y2="{axis_y}" stroke="#333333" stroke-width="1"/>')
    for i, (v, lab) in enumerate(zip(values, labels)):
        xv = num(x(v))
        out.append(f'<line x1="{xv}" y1="{axis_y}" x2="{xv}" '
                   f'y2="{axis_y + 5}" stroke="#333333" stroke-width="1"/>')
        anchor = "start" if i == 0 else "middle"
        out.append(f'<text x="{xv}" y="{axis_y + 20}" font-size="13" '
                   f'text-anchor="{anchor}" fill="#333333">{lab}</text>')
    out.append(f'<text x="{left + plot_w}" y="{axis_y + 36}" font-size="13" '
               f'text-anchor="end" fill="#333333">time ({unit_txt})</text>')
    for s, lx, ly in items:
        out.append(f'<rect x="{num(lx)}" y="{ly - 12}" width="16" '
                   f'height="14" fill="{FILL[s]}"/>')
        out.append(f'<text x="{num(lx + 22)}" y="{ly}" font-size="13" '
                   f'fill="#111111">{escape(LEGEND_SVG[s])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


Rect = tuple[float, float, str, str]  # x, width, state, tooltip


def merged(r: Row, x: Callable[[float], float], right: float) -> list[Rect]:
    """The rectangles of a row: (x, width, state, tooltip). Spans of one
    state less than half a pixel apart become one rectangle (a huge
    trace stays a small file); steps get 3 pixels at least, and are drawn
    after the long states so that they lie on top."""
    out: list[Rect] = []
    for short in (False, True):
        cur: list = []  # [x0, x1, state, why, first start, last end, count]
        for sp in sorted((s for s in r.spans if (s.state in (
                "running", "blocked")) == short), key=lambda s: s.start):
            x0, x1 = x(sp.start), x(sp.end)
            if short:
                x1 = max(x1, x0 + 3.0)
            if cur and cur[2] == sp.state and cur[3] == sp.why \
                    and x0 <= cur[1] + 0.5:
                cur[1] = max(cur[1], x1)
                cur[5] = max(cur[5], sp.end)
                cur[6] += 1
                continue
            if cur:
                out.append(rect(r, cur, right))
            cur = [x0, x1, sp.state, sp.why, sp.start, sp.end, 1]
        if cur:
            out.append(rect(r, cur, right))
    return [o for o in out if o[1] >= 0.5]


def rect(r: Row, c: list, right: float) -> Rect:
    x0, x1, state, why, start, end, n = c
    w = x1 - x0
    x0 = min(x0, right - w) if state in ("running", "blocked") else x0
    what = WORDS[state] + (f" ({why})" if state == "waiting" and why
                           else "")
    many = f" ({n} spans)" if n > 1 else ""
    return (x0, w, state, f"{r.label}: {what}{many} from t={start:.6f} "
            f"to t={end:.6f} s")


# ---- Chrome Trace Event Format ------------------------------------------

def chrome(tr: tracemod.Trace) -> str:
    """JSON for Perfetto and chrome://tracing: one thread per task, a
    complete event (ph X) per span, instants for the task's life events.
    Times are microseconds."""
    tl = build(tr)
    evs: list[dict] = [{"ph": "M", "pid": 1, "tid": 0, "name":
                        "process_name", "args": {"name": "asyncbook run"}}]
    for i, r in enumerate(tl.rows):
        evs.append({"ph": "M", "pid": 1, "tid": r.id, "name": "thread_name",
                    "args": {"name": f"{r.label} (task {r.id})"}})
        evs.append({"ph": "M", "pid": 1, "tid": r.id,
                    "name": "thread_sort_index", "args": {"sort_index": i}})
    for r in tl.rows:
        for sp in sorted(r.spans, key=lambda s: (s.start, s.state
                                                 == "blocked")):
            name = WORDS[sp.state] + (f" ({sp.why})" if sp.state
                                      == "waiting" else "")
            e = {"ph": "X", "pid": 1, "tid": r.id, "name": name,
                 "cat": sp.state, "ts": us(sp.start),
                 "dur": us(sp.end - sp.start)}
            if sp.on:
                e["args"] = {"on": sp.on}
            evs.append(e)
    for e in tr.events:
        if e.ev in ("create", "done", "cancel", "cancelled",
                    "blocking_call"):
            evs.append({"ph": "i", "pid": 1, "tid": e.task, "name": e.ev,
                        "ts": us(e.t), "s": "t"})
        elif e.ev in ("loop", "close", "deadlock", "exit"):
            evs.append({"ph": "i", "pid": 1, "tid": 0, "name": e.ev,
                        "ts": us(e.t), "s": "g"})
    return json.dumps({"traceEvents": evs, "displayTimeUnit": "ms"},
                      separators=(",", ":")) + "\n"


def us(t: float) -> float:
    return round(t * 1e6, 3)


# ---- Narration ------------------------------------------------------------

WHY = {"sleep": "sleeps until {until}",
       "task": "waits for {on} to finish",
       "future": "waits for a future",
       "gather": "waits for the tasks it gathers",
       "as_completed": "waits for the next of its tasks to finish",
       "event": "waits for an event to be set",
       "lock": "waits for a lock",
       "semaphore": "waits for a semaphore",
       "queue": "waits on a queue",
       "io": "waits for I/O",
       "thread": "waits for its worker thread",
       "condition": "waits to be notified",
       "barrier": "waits at a barrier",
       "wait": "waits for the first of its tasks (asyncio.wait)"}
WOKEN = {"sleep": "its sleep is over", "task": "the task it awaited ended",
         "future": "its future has a result", "gather":
         "every gathered task ended", "as_completed": "one of its tasks "
         "finished", "event": "the event was set", "lock": "it was handed "
         "the lock", "semaphore": "a place was free", "queue": "the queue "
         "moved", "io": "its I/O is ready", "thread": "its thread finished",
         "condition": "it was notified", "barrier": "the barrier filled",
         "wait": "what it waited for happened"}


def narrate(tr: tracemod.Trace) -> str:
    """The run as sentences, one per scheduling decision."""
    names = tr.names()
    ids = sorted(names)
    labels = label_tasks(names, ids)
    started: set[int] = set()
    waiting_on: dict[int, str] = {}
    cancelling: set[int] = set()
    out: list[str] = []

    def who(t: int) -> str:
        return f"'{labels.get(t, t)}' (task {t})"

    for e in tr.events:
        t = f"{e.t:.6f}"
        me = labels.get(e.task, "?")
        if e.ev == "loop":
            s = f"a loop starts ({e.get('clock', 'real')} clock)"
        elif e.ev == "create":
            by = e.get("by", 0)
            maker = labels.get(by, "?") if by else "the program"
            s = (f"{maker} creates {who(e.task)}; it waits at the back of "
                 "the ready queue")
        elif e.ev == "run":
            verb = "resumes" if e.task in started else "starts"
            started.add(e.task)
            s = f"the loop runs {me}: it {verb}"
        elif e.ev == "suspend":
            why = str(e.get("why", ""))
            waiting_on[e.task] = why
            if why == "yield":
                s = (f"{me} yields; it goes straight to the back of the "
                     "ready queue")
            else:
                on = e.get("on", 0)
                until = e.get("until", 0.0)
                what = WHY.get(why, f"waits ({why})").format(
                    on=who(int(on)) if isinstance(on, int) and on
                    else "a task",
                    until=f"{until:.6f}" if isinstance(until, (int, float))
                    else until)
                s = f"{me} {what}; it gives the loop back"
        elif e.ev == "wake":
            because = WOKEN.get(waiting_on.pop(e.task, ""), "it can go on")
            if e.task in cancelling:
                because = "to be cancelled"
            s = f"{me} wakes ({because}); it joins the back of the ready queue"
        elif e.ev == "done":
            s = f"{me} returns; it is finished"
        elif e.ev == "cancel":
            cancelling.add(e.task)
            s = f"cancelling {who(e.task)} is requested"
        elif e.ev == "cancelled":
            s = f"{me} ends cancelled; its cleanup ran"
        elif e.ev == "blocking_call":
            s = (f"{me} calls {e.get('call', 'sleep')}(), which blocks for "
                 f"{e.get('seconds', 0)} s: the whole loop stops with it")
        elif e.ev == "blocked":
            secs = e.get("seconds", 0.0)
            s = (f"{me} held the loop for {secs} s: no other task could run"
                 if isinstance(secs, (int, float)) else f"{me} held the loop")
        elif e.ev == "deadlock":
            s = "every task waits and nothing can wake them: deadlock"
        elif e.ev == "close":
            s = "the loop closes"
        elif e.ev == "exit":
            s = f"the program ends after {fmt_time(e.t)}"
        else:
            s = f"{e.ev} ({me})" if e.task else e.ev
        out.append(f"{t} {s}")
    return "\n".join(out)


# ---- Building and running a program -------------------------------------

LESSON_CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-g", "-O2",
                 "-D_DEFAULT_SOURCE"]
STUDENT_CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-g", "-O1",
                  "-D_DEFAULT_SOURCE"]
LDFLAGS = ["-Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep", "-lm", "-pthread"]
PRINT_LIB = "print-lib:\n\t@echo $(LIB)\n"


class RunError(Exception):
    """The program could not be built or found."""


def library(root: Path = ROOT) -> Path:
    """make -s lib, then ask make where the plain library is."""
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                        str(root), "lib"], capture_output=True, text=True)
    if r.returncode != 0:
        raise RunError("make lib failed:\n" + (r.stderr or r.stdout))
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                        str(root), "-f", "Makefile", "-f", "-", "print-lib"],
                       input=PRINT_LIB, capture_output=True, text=True)
    lib = root / r.stdout.strip()
    if r.returncode != 0 or not r.stdout.strip() or not lib.is_file():
        raise RunError("cannot find the library that make lib built")
    return lib


@dataclass(frozen=True)
class Program:
    label: str
    sources: tuple[Path, ...]
    cflags: tuple[str, ...]
    args: tuple[str, ...] = ()
    stdin: str = ""
    env: tuple[tuple[str, str], ...] = ()
    timeout: float = 30.0
    wrapped: tuple[Path, ...] = ()  # sources whose main() a driver replaces
    prediction: Path | None = None  # a puzzle's answer: shown once right


def find_program(spec: str, root: Path = ROOT) -> Program:
    """exercise:07 (or exercise:07-fibonacci) or lesson:NN-topic/name."""
    kind, _, what = spec.partition(":")
    if kind == "exercise" and what:
        from grader import spec as specmod
        folders = sorted(d for d in (root / "exercises").glob(f"{what}*")
                         if d.is_dir() and (d / "check.toml").is_file()
                         and (d.name == what or d.name.startswith(what + "-")))
        if not folders:
            raise RunError(f"no exercise {what} (see exercises/)")
        ex = specmod.load_exercise(folders[0])
        d = folders[0]
        label = f"exercises/{ex.slug}"
        timeout = max(ex.timeout, 1.0)
        if any(c.uses_main_run for c in ex.checks):
            return Program(label, tuple(d / f for f in ex.sources),
                           tuple(STUDENT_CFLAGS), ex.args, ex.stdin, (),
                           timeout)
        # Only a driver or a given program runs: run the first of them, as
        # the grader does (a driver calls the student's code, whose own
        # main() is renamed away).
        c = ex.checks[0]
        if c.kind == "predict":
            return Program(f"{label}/{c.program}", (d / c.program,),
                           tuple(STUDENT_CFLAGS), c.args or (),
                           c.stdin or "", (), timeout,
                           prediction=d / c.answer)
        return Program(f"{label}/{c.driver}", (d / c.driver,),
                       tuple(STUDENT_CFLAGS), c.args or (), c.stdin or "",
                       (), timeout, tuple(d / f for f in ex.sources))
    if kind == "lesson" and what:
        src = root / "lessons" / (what + ".c")
        if not src.is_file():
            raise RunError(f"no lesson example lessons/{what}.c "
                           "(try: ls lessons/*/)")
        env = []
        envfile = src.with_suffix(".env")
        if envfile.is_file():
            for line in envfile.read_text().splitlines():
                key, eq, value = line.partition("=")
                if eq and key.strip() and not line.startswith("#"):
                    env.append((key.strip(), value.strip()))
        return Program(f"lessons/{what}", (src,), tuple(LESSON_CFLAGS),
                       env=tuple(env))
    raise RunError(f"--run takes exercise:NN or lesson:NN-topic/name, "
                   f"not {spec!r}")


def rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


@dataclass(frozen=True)
class Ran:
    stdout: str
    stderr: str
    status: int | None      # None: it timed out
    trace: tracemod.Trace | None


def run_program(p: Program, lib: Path, work: Path) -> Ran:
    """Compile p into work/, run it there under the virtual clock with the
    trace on."""
    exe = work / "program"
    cc = os.environ.get("CC", "cc")
    sources = [rel(s) for s in p.sources]
    for src in p.wrapped:
        w = work / f"student_{src.name}"
        w.write_text(f'#define main student_main\n#include "{src}"\n')
        sources.append(str(w))
    dirs = sorted({"-I" + rel(s.parent) for s in p.sources + p.wrapped})
    # Paths relative to the project, so messages name exercises/..., as
    # make run's do.
    r = subprocess.run([cc, *p.cflags, "-Iruntime", *dirs, *sources,
                        str(lib), *LDFLAGS, "-o", str(exe)],
                       capture_output=True, text=True, cwd=str(ROOT))
    if r.returncode != 0:
        raise RunError(f"{p.label} does not compile:\n"
                       + (r.stderr or r.stdout).strip())
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASYNC_")}
    env.update(dict(p.env))
    env["ASYNC_CLOCK"] = "virtual"
    env["ASYNC_TRACE"] = str(work / "trace.jsonl")
    try:
        done = subprocess.run([str(exe), *p.args], input=p.stdin.encode(),
                              capture_output=True, env=env, cwd=str(work),
                              timeout=p.timeout)
        out, err, status = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as ex:
        out, err, status = ex.stdout or b"", ex.stderr or b"", None
    return Ran(out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               status, tracemod.read(work / "trace.jsonl"))


def predicted(answer: Path, stdout: str) -> bool:
    """Whether the student's prediction (blank and # lines ignored, as
    the grader reads it) is what the puzzle printed."""
    from grader.checks import answer_lines
    return answer_lines(answer) == [line.rstrip() for line in
                                    stdout.splitlines() if line.strip()]


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


# ---- Lesson figures -------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    lesson: str
    examples: tuple[str, ...]   # drawn on one time scale, side by side
    width: int = 760


FIGURES = (
    Figure("02-concurrency", ("timeline",)),
    Figure("07-sleeping", ("countsync", "countasync"), 440),
    Figure("08-tasks", ("example_5",)),
    Figure("10-gather", ("gather_square",)),
    Figure("11-as-completed", ("as_completed",)),
    Figure("13-starvation", ("hog", "polite"), 440),
)


def total_title(name: str, tl: Timeline) -> str:
    t = tl.total
    unit, factor = unit_of(t)
    unit = "\u00b5s" if unit == "us" else unit
    value = f"{t * factor:.2f}" if unit == "s" else f"{t * factor:.0f}"
    return f"{name}.c: {value} {unit} in all"


def make_figures(root: Path, into: Path) -> list[tuple[str, str]]:
    """Draws every figure into into/NN-topic/NAME.svg; returns (path,
    problem) for each, problem "" when it was drawn."""
    out: list[tuple[str, str]] = []
    lib = library(root)
    for fig in FIGURES:
        tls: dict[str, Timeline] = {}
        problem = ""
        for name in fig.examples:
            try:
                prog = find_program(f"lesson:{fig.lesson}/{name}", root)
                with tempfile.TemporaryDirectory(prefix="figure-") as d:
                    ran = run_program(prog, lib, Path(d))
            except RunError as e:
                problem = str(e).splitlines()[0]
                break
            if ran.trace is None or ran.status != 0:
                problem = f"{name} did not run cleanly"
                break
            tls[name] = build(ran.trace)
        end = max((t.end for t in tls.values()), default=0.0)
        chars = max((len(r.label) for t in tls.values() for r in t.rows),
                    default=0)
        most = max((len(t.rows) for t in tls.values()), default=0)
        texts = {name: svg_timeline(tls[name], fig.width, end,
                                    total_title(name, tls[name]), chars,
                                    min(most, MAX_SVG_ROWS))
                 for name in tls}
        tall = max((svg_height(t) for t in texts.values()), default=0)
        for name in fig.examples:
            rel = f"lessons/{fig.lesson}/{name}.svg"
            if problem:
                out.append((rel, problem))
                continue
            text = svg_timeline(tls[name], fig.width, end,
                                total_title(name, tls[name]), chars,
                                min(most, MAX_SVG_ROWS), tall)
            (into / fig.lesson).mkdir(parents=True, exist_ok=True)
            (into / fig.lesson / f"{name}.svg").write_text(text,
                                                          encoding="utf-8")
            out.append((rel, ""))
    return out


def svg_height(text: str) -> int:
    head = text[:text.index(">")]
    return int(head.split('height="')[1].split('"')[0])


def figures_command(check: bool, root: Path = ROOT) -> int:
    try:
        if not check:
            made = make_figures(root, root / "lessons")
            for rel, problem in made:
                print(f"FAIL {rel}: {problem}" if problem else f"wrote {rel}")
            return 1 if any(p for _, p in made) else 0
        with tempfile.TemporaryDirectory(prefix="figures-") as d:
            made = make_figures(root, Path(d))
            passed = failed = 0
            for rel, problem in made:
                if not problem:
                    fresh = (Path(d) / rel.split("/", 1)[1]).read_bytes()
                    old = root / rel
                    if not old.is_file():
                        problem = "missing (run make figures)"
                    elif old.read_bytes() != fresh:
                        problem = "differs from a fresh run (run make " \
                                  "figures and look at the diff)"
                if problem:
                    failed += 1
                    print(f"FAIL {rel}: {problem}")
                else:
                    passed += 1
                    print(f"ok   {rel}")
    except RunError as e:
        print(e, file=sys.stderr)
        print("figures: 0 passed, 1 failed")
        return 1
    print(f"figures: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


# ---- Command line -----------------------------------------------------------

def formatted(tr: tracemod.Trace, fmt: str, width: int | None, color: bool,
              title: str | None = None) -> str:
    if fmt == "svg":
        tl = build(tr)
        return svg_timeline(tl, width or 800, None,
                            total_title(title, tl) if title else None)
    if fmt == "chrome":
        return chrome(tr)
    if fmt == "narrate":
        return narrate(tr) + "\n"
    return render(tr, width or 80, color) + "\n"


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
