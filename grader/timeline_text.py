"""The text timeline, for the terminal and the grader's reports: a
legend, one row of marks per task, an axis, in a given number of columns,
with colour on a terminal."""
from __future__ import annotations

import os
from typing import TextIO

from grader import trace as tracemod
from grader.timeline_model import (STATES, WORDS, Timeline, build, fmt_time,
                                   ticks)

MARKS = {"running": "#", "blocked": "!", "ready": "-", "sleeping": "z",
         "waiting": "w", "io": "i"}
ANSI = {"running": "32", "blocked": "1;31", "ready": "33", "sleeping": "34",
        "waiting": "35", "io": "36"}
# Okabe-Ito colours: told apart by most colour-blind readers too.
MAX_ROWS = 16        # text rows before "... and N more tasks"


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
    # A column is at least a microsecond, the trace's resolution: a run
    # that took no time is drawn on an axis of `cols` microseconds.
    end = max(tl.end, cols * 1e-6)
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
