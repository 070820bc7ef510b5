"""The timeline's model, drawn from a run's trace (runtime/TRACE.md): one
row per task, each a list of spans of what it was doing (running, ready,
sleeping, waiting, blocked), and the time axis every view shares."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from grader import trace as tracemod

# The states a task is drawn in, strongest first: when one text column
# covers several, the first one wins, so a short step still shows.
STATES = ("blocked", "running", "ready", "io", "waiting", "sleeping")
WORDS = {"running": "running", "blocked": "blocked", "ready": "ready",
         "sleeping": "sleeping", "waiting": "waiting", "io": "I/O"}

# ---- From events to spans -----------------------------------------------

@dataclass(frozen=True)
class Span:
    start: float
    end: float
    state: str          # one of STATES
    why: str = ""       # the suspend's why, for waiting and sleeping
    on: int = 0         # the awaited task
    cpu: float = 0.0    # a step's CPU time (trace.step_cpu)


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
    cpu: bool = False   # times are on cpu_axis's: virtual time + CPU time


def shown_state(s: tracemod.TaskState) -> str:
    if s.state == "waiting" and s.why == "io":
        return "io"
    return s.state


def cpu_axis(tr: tracemod.Trace) -> tracemod.Trace:
    """The trace with its times moved onto the pictures' axis, where a
    step lasts at least the CPU time it used. Under the virtual clock a
    step costs a microsecond however long it computed (unless over 10 ms,
    which the clock charges), so a task that hogs the loop would be drawn
    as thin as a polite one. Here each step that used more CPU time than
    it took on the trace's clock is made that long, and everything after
    it moves on by as much: a time on this axis is the trace's time plus
    the CPU time its steps used beyond it. Only one step runs at a time,
    so the extra lengths add up along the run; the order of events, and
    which task waited while another ran, are unchanged. Under the real
    clock a step already lasts at least its CPU time: nothing moves."""
    shift = 0.0
    began: dict[int, float] = {}  # task: its running step's `run` time
    out: list[tracemod.Event] = []
    for e in tr.events:
        if e.ev == "run" and e.task:
            began[e.task] = e.t
        elif e.ev in tracemod.STEP_ENDS and e.task:
            took = max(0.0, e.t - began.pop(e.task, e.t))  # NaN: 0
            shift += max(0.0, tracemod.step_cpu(e) - took)
        out.append(replace(e, t=e.t + shift))
    return replace(tr, events=tuple(out))


def has_cpu(tr: tracemod.Trace) -> bool:
    """Whether the trace says what CPU time its steps used (a trace of an
    older runtime, or one the grader made up, may not)."""
    return any(e.ev in tracemod.STEP_ENDS and e.get("cpu") is not None
               for e in tr.events)


def build(tr: tracemod.Trace, cpu: bool = False) -> Timeline:
    """Every task's spans, rows in order of first appearance. A step's
    blocking libc sleep is a `blocked` span on top of its `running` one.
    With cpu, on the axis of cpu_axis (for pictures: it varies from run to
    run), if the trace has the steps' CPU times."""
    cpu = cpu and has_cpu(tr)
    if cpu:
        tr = cpu_axis(tr)
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
                                  prev.why, prev.on, tracemod.step_cpu(e)
                                  if cpu and prev.state == "running"
                                  else 0.0))
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
    failed = {e.task for e in tr.events if e.ev == "failed"}
    for tid, row in rows.items():
        # A task that failed says so where its row is named: its error
        # ended it (its code is in the trace; the message is the program's).
        row.label = labels[tid] + (" (failed)" if tid in failed else "")
        row.spans = [s for s in row.spans if s.end > s.start
                     or s.state in ("running", "blocked")]
    total = tr.exit_time if tr.exit_time is not None else end
    if not rows and total > 0:
        # A program with no event loop (countsync.c): under the virtual
        # clock its time can only have passed in blocking sleeps.
        rows[0] = Row(0, "main (no loop)", [Span(0.0, total, "blocked")])
    return Timeline(list(rows.values()), max(end, total), total, cpu)


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
