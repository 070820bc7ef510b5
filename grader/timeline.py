"""A plain-text timeline of a run, drawn from its trace: one row per task,
time running left to right, a mark per column for what the task was doing
then. It is what a failed timing check shows, so the student sees the
tasks that should have overlapped and did not."""
from __future__ import annotations

from grader import trace as tracemod

MARKS = {"running": "#", "ready": "-", "waiting": "w", "sleeping": "z"}
PRIORITY = ("running", "ready", "waiting", "sleeping")  # strongest first
LEGEND = "# running  - ready  z sleeping  w waiting"
MAX_ROWS = 16


def intervals(tr: tracemod.Trace
              ) -> dict[int, list[tuple[float, float, str]]]:
    """For each task, (start, end, state) spans in time order."""
    out: dict[int, list[tuple[float, float, str]]] = {}
    cur: dict[int, tracemod.TaskState] = {}
    for e in tr.events:
        if not e.task:
            continue
        prev = cur.get(e.task)
        new = tracemod.step(prev, e)
        if prev is not None and prev.state != "done":
            if new.state != prev.state or new.since != prev.since:
                out.setdefault(e.task, []).append(
                    (prev.since, e.t, prev.state))
        if e.ev == "blocked":  # the step that just ended ran this long
            secs = e.get("seconds", 0.0)
            if isinstance(secs, (int, float)):
                out.setdefault(e.task, []).append(
                    (max(0.0, e.t - secs), e.t, "running"))
        cur[e.task] = new
        out.setdefault(e.task, [])
    end = tr.end_time
    for tid, s in cur.items():
        if s.state != "done":
            out[tid].append((s.since, end, s.state))
    return out


def render(tr: tracemod.Trace, width: int = 80) -> str:
    """The timeline in at most `width` columns."""
    spans = intervals(tr)
    if not spans:
        return "(the trace holds no task)"
    names = tr.names()
    labels = label_tasks(names, list(spans))
    lw = min(16, max(len(l) for l in labels.values())) + 1
    cols = max(10, width - lw - 1)
    end = tr.end_time or 1e-9
    scale = end / cols
    head = f"{LEGEND}   (1 column = {fmt_time(scale)})"
    rows = [head] if len(head) <= width else \
        [LEGEND, f"(1 column = {fmt_time(scale)})"]
    for tid in list(spans)[:MAX_ROWS]:
        cells = [""] * cols
        for a, b, state in spans[tid]:
            lo = min(cols - 1, int(a / scale))
            hi = min(cols - 1, max(lo, int(b / scale - 1e-9)))
            for i in range(lo, hi + 1):
                if not cells[i] or (PRIORITY.index(state)
                                    < PRIORITY.index(cells[i])):
                    cells[i] = state
        bar = "".join(MARKS.get(c, " ") for c in cells).rstrip()
        rows.append(f"{labels[tid][:lw - 1]:<{lw}}|{bar}")
    if len(spans) > MAX_ROWS:
        rows.append(f"... and {len(spans) - MAX_ROWS} more tasks")
    rows.append(axis(lw, cols, end))
    return "\n".join(rows)


def label_tasks(names: dict[int, str], ids: list[int]) -> dict[int, str]:
    """Task names, with the id added where two tasks share a name."""
    count: dict[str, int] = {}
    for t in ids:
        count[names.get(t, "?")] = count.get(names.get(t, "?"), 0) + 1
    return {t: names.get(t, "?") if count[names.get(t, "?")] == 1
            else f"{names.get(t, '?')}#{t}" for t in ids}


def axis(lw: int, cols: int, end: float) -> str:
    line = [" "] * cols
    marks = [(0, "0")]
    for q in (0.25, 0.5, 0.75):
        marks.append((int(cols * q), f"{end * q:.2f}"))
    marks.append((cols - 1, f"{end:.2f} s"))
    for pos, text in marks:
        start = min(pos, cols - len(text))
        if all(c == " " for c in line[max(0, start - 1):start + len(text)]):
            line[start:start + len(text)] = text
    return " " * lw + "+" + "".join(line).rstrip()


def fmt_time(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.1f} us"
