#!/usr/bin/env python3
"""vclock: run an asyncio program under a virtual clock, in no real time.

The lessons put each C example next to its asyncio twin, and `make test`
checks that both print the same lines in the same order; the grader runs
the asyncio exercises here too. Under this loop:

- the clock is virtual: when nothing is ready, it jumps to the next timer
  instead of waiting, so `asyncio.sleep(10)` takes no real time;
- every task step costs STEP_COST (1 microsecond), charged when the task
  resumes, as the C runtime does (it and WAKE_LATENCY are read from
  runtime/clock.c's ASYNC_VCLOCK_* lines, the one place both clocks take
  them from). A sleep is measured from when its task resumed, so a chain
  of sleeps drifts late as on a real machine, and two deadlines that look
  equal on paper are not: CPython's usual output order comes out;
- a wait wakes WAKE_LATENCY (50 microseconds) after its deadline, as a
  real wait never ends on the dot, and every timer due by then fires in
  that iteration, as in the C runtime: three 1 s sleeps armed microseconds
  apart wake together, a chain of sleeps falls behind at each link. A
  timer at infinity (asyncio.sleep(math.inf)) is no timer at all;
- equal deadlines fire in the order they were armed (as in the C runtime);
- time.perf_counter, monotonic and time (and their _ns forms) follow the
  virtual clock; each read costs READ_COST, so a busy wait still ends;
- time.sleep advances the clock without running anything else: it holds
  the loop, the mistake the lessons show. In a worker thread (to_thread,
  run_in_executor) it does not: the thread waits until the loop's virtual
  time reaches the end of its sleep;
- time.localtime, gmtime, ctime, asctime and strftime default to the
  virtual wall clock (datetime.now does not: it reads the real clock).

asyncio.run, new_event_loop and get_event_loop all get a virtual loop (the
event loop policy). A loop with nothing ready, no timer and no I/O within
DEADLOCK_WAIT real seconds stops with a RuntimeError (asyncio would wait
forever). With ASYNC_TRACE=FILE the run writes the C runtime's trace
(runtime/TRACE.md) there: grader/pytrace.py.

    python3 grader/vclock.py prog.py [args...]   run one twin, print its
                                                 output, exit with its status
    python3 grader/vclock.py --time prog.py      also report the virtual time
                                                 on stderr
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import heapq
import io
import itertools
import math
import os
import re
import runpy
import selectors
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

try:  # the grader's package, or this folder when run as a script
    from grader import pytrace
except ImportError:  # pragma: no cover
    import pytrace  # type: ignore[no-redef]

CLOCK_C = Path(__file__).resolve().parent.parent / "runtime" / "clock.c"
_DEFINE = re.compile(r"^#define ASYNC_VCLOCK_([A-Z0-9_]+)[ \t]+"
                     r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)[ \t]*$",
                     re.M)
SHARED = ("STEP_COST", "WAKE_LATENCY")  # what the twins' loop uses


def shared_constants(path: Path = CLOCK_C) -> dict[str, float]:
    """The virtual clock's constants, as the C runtime defines them: its
    `#define ASYNC_VCLOCK_NAME number` lines (runtime/clock.c), so that
    the twins and the C programs run on one clock, not on two copies."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ImportError(f"vclock: cannot read the virtual clock's "
                          f"constants from {path}: {e.strerror}") from None
    found = {m[1]: float(m[2]) for m in _DEFINE.finditer(text)}
    missing = [name for name in SHARED if name not in found]
    if missing:
        raise ImportError(
            f"vclock: {path} defines no "
            + ", ".join(f"ASYNC_VCLOCK_{n}" for n in missing)
            + "; keep each constant of the virtual clock there as a line "
            "'#define ASYNC_VCLOCK_NAME number'")
    return found


_SHARED = shared_constants()
STEP_COST = _SHARED["STEP_COST"]        # charged when a task resumes
WAKE_LATENCY = _SHARED["WAKE_LATENCY"]  # how late a wait for a timer ends
READ_COST = 1e-6      # virtual seconds charged per clock read by the program
DEADLOCK_WAIT = 5.0   # real seconds to wait for I/O when no timer is armed

_REAL_TIME = {name: getattr(time, name) for name in (
    "perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "time",
    "time_ns", "sleep", "localtime", "gmtime", "ctime", "asctime",
    "strftime")}


@dataclass
class VirtualClock:
    """The one clock of a run, shared by its loops: `now` counts virtual
    seconds from the start; time.time is the real start plus `now`. Worker
    threads that sleep while a loop runs are its timers too (see sleep)."""

    now: float = 0.0
    epoch: float = field(default_factory=lambda: _REAL_TIME["time"]())
    _loops: dict[Any, int] = field(default_factory=dict)  # loop -> thread
    _sleepers: list[tuple[float, int, threading.Event]] = field(
        default_factory=list)                             # a heap
    _seq: Iterator[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _busy: int = 0  # executor jobs running and not asleep: time must wait

    def advance(self, seconds: float) -> None:
        if seconds > 0:
            self.now += seconds

    def advance_to(self, t: float) -> None:
        if t > self.now:
            self.now = t

    def wall(self) -> float:
        return self.epoch + self.now

    def sleep(self, seconds: float) -> None:
        """time.sleep: in a loop's thread (or with no loop) the clock moves
        on, nothing else runs; in a worker thread while a loop runs, it
        waits until the loop's virtual time reaches its end."""
        with self._lock:
            if not self._loops or threading.get_ident() in \
                    self._loops.values():
                pytrace.blocking(seconds)
                self.advance(seconds)
                return
            until = self.now + seconds
            done = threading.Event()
            self._busy -= 1  # asleep: the loop may move on to `until`
            heapq.heappush(self._sleepers, (until, next(self._seq), done))
            loops = list(self._loops)
        for loop in loops:
            loop._write_to_self()  # a loop waiting for I/O looks again
        done.wait()
        self.advance_to(until)

    def next_sleeper(self) -> float | None:
        with self._lock:
            return self._sleepers[0][0] if self._sleepers else None

    def wake_sleepers(self, everyone: bool = False) -> None:
        with self._lock:
            while self._sleepers and (everyone or
                                      self._sleepers[0][0] <= self.now):
                heapq.heappop(self._sleepers)[2].set()
                self._busy += 1  # busy again before the loop looks

    def job_started(self) -> None:
        """A job was submitted: the loop waits for its first sleep."""
        with self._lock:
            self._busy += 1

    def job_ended(self) -> None:
        with self._lock:
            self._busy -= 1

    def busy(self) -> int:
        with self._lock:
            return self._busy

    def enter(self, loop: Any) -> None:
        with self._lock:
            self._loops[loop] = threading.get_ident()

    def leave(self, loop: Any) -> None:
        with self._lock:
            self._loops.pop(loop, None)
            last = not self._loops
        if last:
            self.wake_sleepers(everyone=True)


class _VirtualSelector(selectors.DefaultSelector):
    """A selector that waits in virtual time: I/O already pending returns
    at once, else the clock jumps `timeout` plus WAKE_LATENCY ahead, or to
    a worker thread's sleep that ends sooner (the thread goes on, and the
    selector waits in real time for what it does next). With no timer
    (timeout None) only real I/O, such as a worker finishing, wakes it."""

    def __init__(self, clock: VirtualClock) -> None:
        super().__init__()
        self._clock = clock
        self.loop: VirtualEventLoop | None = None

    def _no_timer(self, timeout: float | None) -> float | None:
        """A timer at infinity (asyncio.sleep(math.inf)) would have the
        clock jump a day (MAXIMUM_SELECT_TIMEOUT) at a time, forever: it is
        no timer (None), as in the C runtime."""
        if (timeout is not None and self.loop is not None
                and self.loop._scheduled
                and math.isinf(self.loop._scheduled[0].when())):
            return None
        return timeout

    def select(self, timeout: float | None = None) -> list[Any]:
        events = super().select(0)
        if events or timeout == 0:
            return events
        timeout = self._no_timer(timeout)
        clock = self._clock
        while clock.busy():  # a worker computes: real time, clock stands
            events = super().select(0.05)
            if events:
                return events
        due = None if timeout is None else clock.now + timeout + WAKE_LATENCY
        sleeper = clock.next_sleeper()
        if sleeper is not None and (due is None or sleeper <= due):
            clock.advance_to(sleeper)
            clock.wake_sleepers()
            return super().select(DEADLOCK_WAIT)
        if due is None:
            events = super().select(DEADLOCK_WAIT)
            if not events:
                raise RuntimeError(
                    "vclock: deadlock: no task is ready, no timer is armed "
                    f"and no I/O arrived within {DEADLOCK_WAIT:g} s; "
                    "every task waits for something that never comes")
            return events
        clock.advance_to(due)
        return []


class _TimerHandle(asyncio.TimerHandle):
    """A timer that breaks ties in arming order, as the C runtime does
    (asyncio's own heap leaves equal deadlines in an arbitrary order)."""

    __slots__ = ("_seq",)

    def __init__(self, when: float, seq: int, callback: Callable[..., Any],
                 args: tuple[Any, ...], loop: asyncio.AbstractEventLoop,
                 context: Any = None) -> None:
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def __lt__(self, other: object) -> bool:
        if isinstance(other, _TimerHandle):
            return (self._when, self._seq) < (other._when, other._seq)
        return super().__lt__(other)

    def __le__(self, other: object) -> bool:
        return self.__lt__(other) or self.__eq__(other)


def _is_task_step(callback: Callable[..., Any]) -> bool:
    """True for a task's step or wake-up: a callable bound to a Task
    (TaskStepMethWrapper, Task.task_wakeup; the Python Task's methods)."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, (asyncio.Task, asyncio.tasks._PyTask))


class VirtualEventLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop whose time() is a VirtualClock."""

    def __init__(self, clock: VirtualClock | None = None) -> None:
        self._vclock = clock if clock is not None else VirtualClock()
        self._timer_seq = itertools.count()
        selector = _VirtualSelector(self._vclock)
        super().__init__(selector=selector)
        selector.loop = self
        pytrace.loop_created()

    def create_task(self, coro: Any, **kw: Any) -> asyncio.Task[Any]:
        task = super().create_task(coro, **kw)
        pytrace.task_created(task, self)
        return task

    def close(self) -> None:
        if not self.is_closed():
            pytrace.loop_closed()
        super().close()

    def time(self) -> float:
        return self._vclock.now

    def run_in_executor(self, executor: Any, func: Callable[..., Any],
                        *args: Any) -> asyncio.Future[Any]:
        """As asyncio's (to_thread calls it), but the clock knows the job
        runs: until it sleeps or ends, virtual time may not jump, so its
        sleeps start when it was submitted, whatever the machine's load."""
        clock = self._vclock

        def job() -> Any:
            try:
                return func(*args)
            finally:
                clock.job_ended()

        clock.job_started()
        future = super().run_in_executor(executor, job)
        pytrace.in_thread(future)
        return future

    def run_forever(self) -> None:
        self._vclock.enter(self)
        try:
            super().run_forever()
        finally:
            self._vclock.leave(self)

    def call_soon(self, callback: Callable[..., Any], *args: Any,
                  context: Any = None) -> asyncio.Handle:
        if _is_task_step(callback):
            pytrace.scheduled(callback)
            callback = _Charged(callback, self._vclock)
        handle = super().call_soon(callback, *args, context=context)
        if handle._source_traceback:
            del handle._source_traceback[-1]  # this frame: show the caller
        return handle

    def call_at(self, when: float, callback: Callable[..., Any], *args: Any,
                context: Any = None) -> asyncio.TimerHandle:
        # BaseEventLoop.call_at, with a timer that keeps arming order.
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        callback = pytrace.armed(when, callback, args)
        timer = _TimerHandle(when, next(self._timer_seq), callback, args,
                             self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class _Charged:
    """A task step that charges STEP_COST before it runs."""

    __slots__ = ("_callback", "_clock")

    def __init__(self, callback: Callable[..., Any],
                 clock: VirtualClock) -> None:
        self._callback = callback
        self._clock = clock

    def __call__(self, *args: Any) -> Any:
        self._clock.advance(STEP_COST)
        return pytrace.step(self._callback, args)

    def __repr__(self) -> str:
        return repr(self._callback)


class VirtualEventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """Hands out VirtualEventLoops that share one clock."""

    def __init__(self, clock: VirtualClock) -> None:
        super().__init__()
        self.clock = clock

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return VirtualEventLoop(self.clock)


def _virtual_time_functions(clock: VirtualClock) -> dict[str, Any]:
    """The replacements for the time module's clock functions."""

    def read() -> float:
        clock.advance(READ_COST)
        return clock.now

    def wall() -> float:
        clock.advance(READ_COST)
        return clock.wall()

    def sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        clock.sleep(seconds)

    def when(t: float | None) -> float:
        return clock.wall() if t is None else t

    return {
        "perf_counter": read,
        "monotonic": read,
        "perf_counter_ns": lambda: int(read() * 1e9),
        "monotonic_ns": lambda: int(read() * 1e9),
        "time": wall,
        "time_ns": lambda: int(wall() * 1e9),
        "sleep": sleep,
        "localtime": lambda t=None: _REAL_TIME["localtime"](when(t)),
        "gmtime": lambda t=None: _REAL_TIME["gmtime"](when(t)),
        "ctime": lambda t=None: _REAL_TIME["ctime"](when(t)),
        "asctime": lambda t=None: _REAL_TIME["asctime"](
            _REAL_TIME["localtime"](when(None)) if t is None else t),
        "strftime": lambda fmt, t=None: _REAL_TIME["strftime"](
            fmt, _REAL_TIME["localtime"](when(None)) if t is None else t),
    }


@contextlib.contextmanager
def virtual_time(clock: VirtualClock | None = None) -> Iterator[VirtualClock]:
    """Within the block, asyncio loops and the time module are virtual."""
    clock = clock if clock is not None else VirtualClock()
    old_policy = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(VirtualEventLoopPolicy(clock))
    for name, fn in _virtual_time_functions(clock).items():
        setattr(time, name, fn)
    try:
        yield clock
    finally:
        for name, fn in _REAL_TIME.items():
            setattr(time, name, fn)
        asyncio.set_event_loop_policy(old_policy)


@dataclass(frozen=True)
class TwinRun:
    """What one run of a twin did."""
    stdout: str
    stderr: str
    status: int      # the exit status python3 would give
    elapsed: float   # virtual seconds from start to end


def _exit_status(code: Any) -> tuple[int, str]:
    """sys.exit(code) as python3 reports it: (status, text for stderr)."""
    if code is None or isinstance(code, int):
        return code or 0, ""
    return 1, f"{code}\n"


def _print_exception(e: BaseException, script: Path) -> None:
    """Print e's traceback from the script's first frame on, as python3
    would (without runpy's and our frames)."""
    tb = e.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != str(script):
        tb = tb.tb_next
    traceback.print_exception(type(e), e, tb)


def run_twin(path: str | os.PathLike[str], argv: list[str] | None = None,
             capture: bool = True, trace: str = "") -> TwinRun:
    """Run the script at `path` as __main__ under virtual time, its output
    captured (or, without `capture`, printed as it goes); an uncaught
    exception goes to its stderr with status 1, as python3 would. `trace`:
    a file for its trace. The time module and policy are restored after."""
    script = Path(path).resolve()
    out, err = io.StringIO(), io.StringIO()
    status = 0
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv = [str(script)] + list(argv or [])
    sys.path.insert(0, str(script.parent))
    where = ((contextlib.redirect_stdout(out), contextlib.redirect_stderr(err))
             if capture else (contextlib.nullcontext(),) * 2)
    with virtual_time() as clock, where[0], where[1]:
        pytrace.start(trace, clock, _SHARED.get("LONG_STEP", 0.01))
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as e:
            status, text = _exit_status(e.code)
            sys.stderr.write(text)
        except BaseException as e:  # noqa: B036 - as python3 reports it
            status = 1
            _print_exception(e, script)
        finally:
            # What python3 prints at exit: warnings of coroutines never
            # awaited, from objects the script left behind.
            gc.collect()
            pytrace.finish()
            sys.argv, sys.path[:] = saved_argv, saved_path
    return TwinRun(out.getvalue(), err.getvalue(), status, clock.now)


def main(args: list[str]) -> int:
    show_time = bool(args) and args[0] == "--time"
    if show_time:
        args = args[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0])
        print("usage: vclock.py [--time] prog.py [args...]")
        return 2
    run = run_twin(args[0], args[1:], capture=False,
                   trace=os.environ.get("ASYNC_TRACE", ""))
    sys.stdout.flush()
    if show_time:
        print(f"vclock: {run.elapsed:.6f} s of virtual time", file=sys.stderr)
    return run.status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
