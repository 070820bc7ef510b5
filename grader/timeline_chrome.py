"""The timeline as Chrome's Trace Event Format, which Perfetto and
chrome://tracing open: one thread per task, a span per state."""
from __future__ import annotations

import json

from grader import trace as tracemod
from grader.timeline_model import WORDS, build

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
        if e.ev in ("create", "done", "cancel", "cancelled", "failed",
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
