"""The SVG timeline, for the lessons' figures: a title, one row per task,
a time axis and a legend; the same trace always gives the same bytes."""
from __future__ import annotations

from typing import Callable
from xml.sax.saxutils import escape

from grader import trace as tracemod
from grader.timeline_model import (WORDS, Row, Timeline, build, fmt_time,
                                   ticks)

FILL = {"running": "#0072b2", "blocked": "#d55e00", "ready": "#f0c400",
        "sleeping": "#8fcbf0", "waiting": "#cc79a7", "io": "#009e73"}
LEGEND_SVG = {"running": "running", "blocked": "blocked (a blocking call)",
              "ready": "ready (in the queue)", "sleeping": "sleeping",
              "waiting": "waiting (task, future, gather)",
              "io": "waiting for I/O"}
MAX_SVG_ROWS = 200
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"


def num(x: float) -> str:
    """Fixed formatting, so the same figure is the same bytes."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def svg(tr: tracemod.Trace, width: int = 800, end: float | None = None,
        title: str | None = None) -> str:
    """A picture: a step is drawn as long as its CPU time at least."""
    return svg_timeline(build(tr, cpu=True), width, end, title)


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
    what = "virtual time + CPU time" if tl.cpu else "time"
    out.append(f'<text x="{left + plot_w}" y="{axis_y + 36}" font-size="13" '
               f'text-anchor="end" fill="#333333">{what} ({unit_txt})</text>')
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
        cur: list = []  # [x0, x1, state, why, first start, last end,
        #                  count, CPU time]
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
                cur[7] += sp.cpu
                continue
            if cur:
                out.append(rect(r, cur, right))
            cur = [x0, x1, sp.state, sp.why, sp.start, sp.end, 1, sp.cpu]
        if cur:
            out.append(rect(r, cur, right))
    return [o for o in out if o[1] >= 0.5]


def rect(r: Row, c: list, right: float) -> Rect:
    x0, x1, state, why, start, end, n, cpu = c
    w = x1 - x0
    x0 = min(x0, right - w) if state in ("running", "blocked") else x0
    what = WORDS[state] + (f" ({why})" if state == "waiting" and why
                           else "")
    many = f" ({n} spans)" if n > 1 else ""
    used = f", {fmt_time(cpu)} of CPU" if cpu > 0 else ""
    return (x0, w, state, f"{r.label}: {what}{many} from t={start:.6f} "
            f"to t={end:.6f} s{used}")
