"""Read a run's trace (runtime/TRACE.md: one JSON object per line) and
answer the questions the checks ask of it: when did the program end, how
many tasks were suspended at once, did anything block the loop, and what
was each task doing when the run stopped."""
from __future__ import annotations

import errno
import json
import math
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

# Suspensions that leave a task waiting (a plain yield leaves it ready).
WAITING = frozenset({"sleep", "task", "future", "gather", "as_completed",
                     "event", "lock", "semaphore", "queue", "io", "thread",
                     "condition", "barrier", "wait"})

# The events that end a task's step; each carries the step's CPU time.
STEP_ENDS = frozenset({"suspend", "done", "cancelled", "failed"})
# No step is taken to have computed longer than this (seconds): a forged
# `cpu` can stretch a picture, but not past what a float can draw. No run
# the grader or a figure makes lasts an hour.
CPU_CAP = 3600.0


@dataclass(frozen=True)
class Event:
    t: float
    ev: str
    task: int = 0
    name: str = ""
    extra: tuple[tuple[str, object], ...] = ()

    def get(self, key: str, default: object = None) -> object:
        for k, v in self.extra:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class TaskState:
    """What a task was doing after the last event that concerned it."""
    id: int
    name: str
    state: str          # "ready", "running", "sleeping", "waiting", "done"
    since: float
    why: str = ""       # the suspend's `why`
    on: int = 0         # the awaited task's id
    until: float = 0.0  # the sleep's deadline


@dataclass(frozen=True)
class Trace:
    events: tuple[Event, ...] = ()
    bad_lines: int = 0  # lines that were not JSON (a truncated last line)
    truncated: bool = False  # only the end of a huge trace was read
    # Why the file cannot be the runtime's trace ("" if it can be): the
    # program replaced it (a link, a FIFO) or wrote over it (lines that
    # are not the runtime's). Its checks then fail, with this said.
    problem: str = ""

    @property
    def exit_time(self) -> float | None:
        """The program's total time (its `exit` event), None if it never
        ended normally."""
        for e in reversed(self.events):
            if e.ev == "exit":
                return e.t
        return None

    @property
    def end_time(self) -> float:
        return self.events[-1].t if self.events else 0.0

    def names(self) -> dict[int, str]:
        return {e.task: e.name for e in self.events if e.task}

    def of(self, *kinds: str) -> list[Event]:
        return [e for e in self.events if e.ev in kinds]


def step_cpu(e: Event) -> float:
    """The CPU time, in seconds, of the step that e ends (TRACE.md's
    `cpu`), 0.0 if e ends no step or says nothing. The program wrote it:
    what is not a finite number of seconds at least 0 counts as 0, and
    no step counts for more than CPU_CAP. Only pictures read it: it
    varies from run to run, so no check may."""
    cpu = e.get("cpu", 0.0) if e.ev in STEP_ENDS else 0.0
    if isinstance(cpu, bool) or not isinstance(cpu, (int, float)) \
            or not cpu >= 0:  # NaN is not
        return 0.0
    return float(min(cpu, CPU_CAP))  # an int too big for a float too


def without_cpu(tr: Trace) -> list[Event]:
    """The events with their steps' CPU times left out: under the virtual
    clock, what a run gives again the next time."""
    return [replace(e, extra=tuple(kv for kv in e.extra if kv[0] != "cpu"))
            for e in tr.events]


def event(line: str) -> Event | None:
    """One line of the trace, None if it is not an event."""
    try:
        obj = json.loads(line)
        t = float(obj.pop("t"))
        if not math.isfinite(t):  # the runtime writes %.6f: never these
            return None
        ev = str(obj.pop("ev"))
        task = obj.pop("task", 0)
        name = obj.pop("name", "")
        return Event(t, ev, int(task) if isinstance(task, int) else 0,
                     str(name), tuple(sorted(obj.items())))
    except (ValueError, KeyError, TypeError, AttributeError,
            OverflowError, RecursionError):
        return None


def parse(text: str) -> Trace:
    events: list[Event] = []
    bad = 0
    lines = [l for l in text.splitlines() if l.strip()]
    for i, line in enumerate(lines):
        e = event(line)
        if e is None:
            bad += 1
            # The last line may be cut short by a kill; any other line
            # that is not an event was not written by the runtime.
            if i < len(lines) - 1:
                return Trace(tuple(events), bad, problem=(
                    f"the trace file was written over: its line {i + 1} "
                    "is not an event the runtime writes"))
            continue
        events.append(e)
    return Trace(tuple(events), bad, problem=unborn(events))


def unborn(events: list[Event]) -> str:
    """"" if every task's events follow its `create`, as the runtime
    writes them; else what a hand-made trace gave away."""
    created: set[int] = set()
    for e in events:
        if e.ev == "create":
            created.add(e.task)
        elif e.task and e.task not in created:
            return (f"the trace file was written over: task {e.task} has a "
                    f"'{e.ev}' event but was never created")
    return ""


def open_untrusted(path: Path) -> tuple[int | None, str]:
    """Open a file a program left, for reading, as data that may be
    hostile: never through a link, never blocking (a FIFO), only if it is
    a regular file. Returns (fd, "") or (None, why not); (None, "") when
    there is no such file."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None, ""
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None, f"{path.name} is a symbolic link, not a file"
        return None, f"{path.name} cannot be read ({e.strerror})"
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else
                "a folder" if stat.S_ISDIR(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or
                stat.S_ISBLK(st.st_mode) else "not a regular file")
        return None, f"{path.name} is {kind}, not a file"
    return fd, ""


def read(path: Path, limit: int = 4 << 20) -> Trace | None:
    """The trace at path, or None if the program wrote none. The program
    may have replaced it: see open_untrusted; such a trace has a
    problem and no events. A trace bigger than limit (a run that went on
    and on) is read from its last limit bytes only: enough to say what
    each task was doing at the end, and quick to parse."""
    fd, why = open_untrusted(path)
    if fd is None:
        return (Trace(problem=f"the trace file was replaced: {why}")
                if why else None)
    with os.fdopen(fd, "rb") as f:
        size = os.fstat(fd).st_size
        if size <= limit:
            return parse(f.read(size).decode("utf-8", "replace"))
        # The head names the tasks and what they first waited on.
        head = f.read(limit // 8)
        f.seek(size - limit)
        tail = f.read(limit)
    head = head[:head.rfind(b"\n") + 1]
    tail = tail[tail.find(b"\n") + 1:]
    t = parse((head + tail).decode("utf-8", "replace"))
    # The middle is skipped, so tasks created there look unborn.
    keep = "" if t.problem.startswith("the trace file was written over: "
                                      "task") else t.problem
    return Trace(t.events, t.bad_lines, truncated=True, problem=keep)


def states(trace: Trace, upto: int | None = None) -> dict[int, TaskState]:
    """Each task's state after the first `upto` events (all by default)."""
    out: dict[int, TaskState] = {}
    for e in trace.events[:upto]:
        if not e.task:
            continue
        out[e.task] = step(out.get(e.task), e)
    return out


def step(prev: TaskState | None, e: Event) -> TaskState:
    """The state a task is in after event e."""
    name = e.name or (prev.name if prev else "")
    if e.ev in ("create", "wake"):
        return TaskState(e.task, name, "ready", e.t)
    if e.ev == "run":
        return TaskState(e.task, name, "running", e.t)
    if e.ev == "suspend":
        why = str(e.get("why", ""))
        if why not in WAITING:
            return TaskState(e.task, name, "ready", e.t, why)
        on = e.get("on", 0)
        until = e.get("until", 0.0)
        return TaskState(e.task, name,
                         "sleeping" if why == "sleep" else "waiting", e.t,
                         why, int(on) if isinstance(on, int) else 0,
                         float(until) if isinstance(until, (int, float))
                         else 0.0)
    if e.ev in ("done", "cancelled", "failed"):
        return TaskState(e.task, name, "done", e.t)
    if prev is not None:  # cancel, blocked, blocking_call: no change
        return prev
    return TaskState(e.task, name, "ready", e.t)


def max_suspended(trace: Trace,
                  why: frozenset[str] = WAITING) -> tuple[int, float]:
    """The largest number of tasks suspended (for one of `why`) at once,
    and the first moment it happened."""
    cur: dict[int, TaskState] = {}
    best, when = 0, 0.0
    for e in trace.events:
        if not e.task:
            continue
        cur[e.task] = step(cur.get(e.task), e)
        n = sum(1 for s in cur.values()
                if s.state in ("sleeping", "waiting") and s.why in why)
        if n > best:
            best, when = n, e.t
    return best, when


def describe(s: TaskState, names: dict[int, str]) -> str:
    """One phrase for what a task is doing: for timeouts and timelines."""
    who = f"'{s.name}' (task {s.id})"
    if s.state == "sleeping":
        return f"{who} sleeps until t={s.until:.2f}"
    if s.state == "waiting":
        if s.why == "task" and s.on:
            return f"{who} waits for task '{names.get(s.on, s.on)}'"
        return f"{who} waits in {s.why}"
    if s.state == "running":
        return f"{who} is running (since t={s.since:.2f})"
    return f"{who} is {s.state}"
