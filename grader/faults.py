"""The failures the runtime found, read from the trace's `fault` events
(runtime/TRACE.md), never from its English on stderr: each becomes the
grader's own outcome line."""
from __future__ import annotations

from grader import trace as tracemod


def of(tr: tracemod.Trace | None, kind: str) -> list[tracemod.Event]:
    if tr is None:
        return []
    return [e for e in tr.events
            if e.ev == "fault" and e.get("kind") == kind]


def text(e: tracemod.Event, key: str) -> str:
    v = e.get(key, "")
    return v if isinstance(v, str) else str(v)


def overflow(tr: tracemod.Trace | None) -> str:
    """'crash: ...' for a stack overflow the runtime caught, or ""."""
    found = of(tr, "stack_overflow")
    if not found:
        return ""
    e = found[0]
    size = e.get("stack", 0)
    kib = f" (stack {int(size) >> 10} KiB)" if isinstance(size, int) \
        and size > 0 else ""
    return (f"crash: stack overflow in task '{text(e, 'task_name')}'{kib}: "
            "a task's stack is small; a deep recursion or a large local "
            "array overflows it (set ASYNC_STACK_SIZE=1M, or allocate "
            "large arrays with malloc)")


def deadlock(tr: tracemod.Trace | None) -> str:
    """'deadlock: ...' naming what each task waits for, or ""."""
    found = of(tr, "deadlock")
    if not found:
        return ""
    assert tr is not None
    names = tr.names()
    waits = []
    for e in found:
        who = f"'{e.name}' (task {e.task})"
        why, on = text(e, "why"), e.get("on", 0)
        if why == "task" and isinstance(on, int) and on:
            waits.append(f"{who} waits for task '{names.get(on, on)}'")
        elif why == "future":
            waits.append(f"{who} waits for a future nothing will set")
        else:
            waits.append(f"{who} waits in async_{why}")
    return "deadlock: " + "; ".join(waits)


def misuse(tr: tracemod.Trace | None) -> str:
    """'runtime error: ...': the runtime stopped the program, or ""."""
    found = of(tr, "misuse")
    return f"runtime error: {text(found[0], 'message')}" if found else ""
