"""pytrace: the trace of an asyncio program, in the C runtime's format
(runtime/TRACE.md), so that the grader's checks and the timelines read a
Python run as they read a C one.

grader/vclock.py calls the hooks below from its virtual event loop; each
does nothing until start() opened a trace (vclock.py does when
ASYNC_TRACE names a file). What each event means in asyncio's terms:

- create: loop.create_task (asyncio.create_task, gather, TaskGroup,
  asyncio.run's main); `by` is the task running then (0 outside tasks).
  A task is named after its coroutine function unless given a name.
- run: a task's step (its first, or a wake-up) begins; suspend, done,
  cancelled or failed when it returns, by what the task then awaits:
  the first asyncio function on its chain of awaits says why (sleep,
  Event.wait, Lock.acquire, Queue.get, as_completed, to_thread...), else
  the future it waits on (a task, a gather, another future). A bare
  yield (asyncio.sleep(0)) is `yield`: ready again at once.
- wake: the task's wake-up is queued (what it awaited is done).
- timer: a timer's callback runs (asyncio.sleep's among them).
- blocking_call: time.sleep in a task (call "time.sleep"); blocked: a
  step that held the loop over BLOCKED_WARN of virtual time. A step that
  computes for more than the clock's LONG_STEP of CPU time is charged
  that time, as the C runtime charges it.
- fault `unawaited` (Python only): a coroutine object was destroyed
  without ever being awaited (the "coroutine ... was never awaited"
  RuntimeWarning), with `coroutine` (its name), `file` and `line` where
  it was made (in debug mode, -X dev).
- exit: the program ended; `t` is its virtual time.
"""
from __future__ import annotations

import asyncio
import json
import linecache
import os
import threading
import time
import traceback
import warnings
import weakref
from typing import Any, Callable

BLOCKED_WARN = 0.1   # seconds: a longer step held the loop (runtime/debug.c)
LIB = os.path.dirname(asyncio.__file__) + os.sep
HARNESS = os.path.dirname(os.path.abspath(__file__)) + os.sep  # vclock too

# The first asyncio function on a task's chain of awaits: what it waits in.
WHY = {
    "sleep": "sleep", "Event.wait": "event", "Lock.acquire": "lock",
    "Semaphore.acquire": "semaphore", "BoundedSemaphore.acquire":
    "semaphore", "Condition.wait": "condition", "Condition.wait_for":
    "condition", "Barrier.wait": "barrier", "Queue.get": "queue",
    "Queue.put": "queue", "Queue.join": "queue", "_wait_for_one":
    "as_completed", "as_completed": "as_completed", "wait": "wait",
    "_wait": "wait", "wait_for": "wait", "TaskGroup.__aexit__": "wait",
    "to_thread": "thread", "staggered_race": "wait",
}
IO_MODULES = ("streams.py", "selector_events.py", "unix_events.py",
              "base_events.py", "sslproto.py", "subprocess.py",
              "base_subprocess.py")
WAKEUPS = ("task_wakeup", "_Task__wakeup")


class Tracer:
    """One trace file and what it knows of the run's tasks."""

    def __init__(self, path: str, clock: Any, long_step: float) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                     | os.O_CLOEXEC, 0o644)
        self.out = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
        self.clock = clock
        self.long_step = long_step
        self.lock = threading.Lock()
        self.ids: weakref.WeakKeyDictionary[Any, tuple[int, str]] = \
            weakref.WeakKeyDictionary()
        self.until: weakref.WeakKeyDictionary[Any, float] = \
            weakref.WeakKeyDictionary()   # asyncio.sleep's future: deadline
        self.threads: weakref.WeakSet[Any] = weakref.WeakSet()
        self.running: Any = None          # the task whose step runs
        self.next_id = 1

    def write(self, ev: str, task: Any = None, **extra: Any) -> None:
        line = f'{{"t":{self.clock.now:.6f},"ev":"{ev}"'
        if task is not None and task in self.ids:
            tid, name = self.ids[task]
            line += f',"task":{tid},"name":{json.dumps(name)}'
        for k, v in extra.items():
            line += f',"{k}":' + (f"{v:.6f}" if isinstance(v, float)
                                  else json.dumps(v))
        with self.lock:
            if self.out.closed:
                return
            try:
                self.out.write(line + "}\n")
            except (OSError, ValueError):  # RLIMIT_FSIZE: the trace ends
                self.out = open(os.devnull, "w")

    def created(self, task: Any, loop: Any) -> None:
        coro = task.get_coro()
        code = getattr(coro, "cr_code", None)
        if code is not None and code.co_filename.startswith(LIB):
            return  # asyncio.run's own clean-up, not the program's
        name = task.get_name()
        if name.startswith("Task-") and name[5:].isdigit():
            name = getattr(coro, "__name__", None) or name
        self.ids[task] = (self.next_id, name)
        self.next_id += 1
        by = asyncio.current_task(loop) if loop.is_running() else None
        self.write("create", task, by=self.id_of(by))

    def id_of(self, task: Any) -> int:
        return self.ids[task][0] if task is not None and task in self.ids \
            else 0

    def step(self, callback: Callable[..., Any], args: tuple[Any, ...]
             ) -> Any:
        task = getattr(callback, "__self__", None)
        if task not in self.ids:
            return callback(*args)
        began, cpu = self.clock.now, time.thread_time()
        self.write("run", task)
        outer, self.running = self.running, task
        try:
            return callback(*args)
        finally:
            self.running = outer
            used = time.thread_time() - cpu
            if used > self.long_step:
                self.clock.advance(used)
            self.ended(task)
            held = self.clock.now - began
            if held > BLOCKED_WARN:
                self.write("blocked", task, seconds=held)

    def ended(self, task: Any) -> None:
        if task.done():
            if task.cancelled():
                self.write("cancelled", task)
            elif task._exception is not None:
                e = task._exception
                self.write("failed", task, code=1,
                           error=f"{type(e).__name__}: {e}"[:200])
            else:
                self.write("done", task)
            return
        waiter = task._fut_waiter
        if waiter is None:
            self.write("suspend", task, why="yield", on=0, until=0.0)
            return
        why, on = self.reason(task, waiter)
        until = self.until.get(waiter, 0.0) if why == "sleep" else 0.0
        if until == float("inf"):
            until = 1e300
        self.write("suspend", task, why=why, on=on, until=until)

    def reason(self, task: Any, waiter: Any) -> tuple[str, int]:
        """Why the task waits, and for which task (0 if none)."""
        obj: Any = task.get_coro()
        for _ in range(200):
            code = (getattr(obj, "cr_code", None) or getattr(obj, "gi_code",
                                                             None)
                    or getattr(obj, "ag_code", None))
            if code is None:
                break
            if code.co_filename.startswith(LIB):
                why = WHY.get(code.co_qualname) or WHY.get(code.co_name)
                if why:
                    return why, 0
                if os.path.basename(code.co_filename) in IO_MODULES:
                    return "io", 0
            obj = (getattr(obj, "cr_await", None)
                   or getattr(obj, "gi_yieldfrom", None)
                   or getattr(obj, "ag_await", None))
        if isinstance(waiter, asyncio.Task):
            return "task", self.id_of(waiter)
        if type(waiter).__name__ == "_GatheringFuture":
            return "gather", 0
        if waiter in self.threads:
            return "thread", 0
        if waiter in self.until:
            return "sleep", 0
        return "future", 0

    def scheduled(self, callback: Callable[..., Any]) -> None:
        """A task's callback was queued: a wake-up is a `wake`."""
        if getattr(callback, "__name__", "") in WAKEUPS:
            task = getattr(callback, "__self__", None)
            if task in self.ids:
                self.write("wake", task)

    def armed(self, when: float, callback: Callable[..., Any],
              args: tuple[Any, ...]) -> Callable[..., Any]:
        if args and isinstance(args[0], asyncio.Future) and getattr(
                callback, "__name__", "") == "_set_result_unless_cancelled":
            self.until[args[0]] = when    # asyncio.sleep's timer

        def fired(*a: Any) -> Any:
            self.write("timer", when=min(when, 1e300))
            return callback(*a)
        fired.__qualname__ = getattr(callback, "__qualname__", "timer")
        return fired

    def blocking(self, seconds: float) -> None:
        if self.running is not None:
            self.write("blocking_call", self.running, call="time.sleep",
                       seconds=float(seconds))

    def unawaited(self, coro: Any) -> None:
        where: dict[str, Any] = {}
        for file, line, _ in getattr(coro, "cr_origin", None) or ():
            if not file.startswith(LIB) and not file.startswith(HARNESS):
                where = {"file": os.path.basename(file), "line": line}
                break
        self.write("fault", kind="unawaited",
                   coroutine=getattr(coro, "__qualname__", "?"), **where)


TRACER: Tracer | None = None


def start(path: str | None, clock: Any, long_step: float) -> None:
    """Trace into path from now on (nothing if path is empty)."""
    global TRACER
    if not path:
        return
    TRACER = Tracer(path, clock, long_step)
    setattr(warnings, "_warn_unawaited_coroutine", unawaited)


def unawaited(coro: Any) -> None:
    """warnings._warn_unawaited_coroutine, which CPython calls as a
    coroutine never awaited is destroyed: the same warning (where it was
    made: the program's own frames only), and a fault in the trace."""
    if TRACER is not None:
        TRACER.unawaited(coro)
    lines = [f"coroutine '{coro.__qualname__}' was never awaited\n"]
    origin = [(f, n, fn, linecache.getline(f, n))
              for f, n, fn in reversed(getattr(coro, "cr_origin", ()) or ())
              if not f.startswith(LIB) and not f.startswith(HARNESS)]
    if origin:
        lines.append("Coroutine created at (most recent call last)\n")
        lines += traceback.format_list(origin)
    warnings.warn("".join(lines).rstrip("\n"), category=RuntimeWarning,
                  stacklevel=2, source=coro)


def finish() -> None:
    """The program ended: its `exit` event, then the file is closed."""
    global TRACER
    if TRACER is not None:
        TRACER.write("exit")
        TRACER.out.close()
        TRACER = None


# ---- The hooks vclock.py calls ------------------------------------------

def loop_created() -> None:
    if TRACER is not None:
        TRACER.write("loop", clock="virtual")


def loop_closed() -> None:
    if TRACER is not None:
        TRACER.write("close")


def task_created(task: Any, loop: Any) -> None:
    if TRACER is not None:
        TRACER.created(task, loop)


def step(callback: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    if TRACER is None:
        return callback(*args)
    return TRACER.step(callback, args)


def scheduled(callback: Callable[..., Any]) -> None:
    if TRACER is not None:
        TRACER.scheduled(callback)


def armed(when: float, callback: Callable[..., Any],
          args: tuple[Any, ...]) -> Callable[..., Any]:
    return callback if TRACER is None else TRACER.armed(when, callback, args)


def in_thread(future: Any) -> None:
    if TRACER is not None:
        TRACER.threads.add(future)


def blocking(seconds: float) -> None:
    if TRACER is not None:
        TRACER.blocking(seconds)
