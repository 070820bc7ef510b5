"""The check kinds (grader/README.md, "Check kinds"): one function each,
registered with @check, which declares the keys it reads. A new kind is
one more function here."""
from __future__ import annotations

from grader import trace as tracemod
from grader import unit as unitmod
from grader.compare import (answer_lines, compare_lines, forbidden,
                            match_groups, match_patterns, tail)
from grader.context import Context, Ran
from grader.registry import check
from grader.results import CheckResult, result
from grader.spec import Check
from grader.timeline_text import render

OUTPUT = ("lines", "patterns", "groups")
# Under the virtual clock an honest run takes little real time: its waits
# are jumps of the clock, and a step's CPU time is charged to it. Real
# time beyond the virtual time by more than this was spent blocked where
# no wrapper saw it (measured from outside: the grader's own clock).
REAL_SLACK = 3.0
PY_STARTUP = 10.0  # seconds of a Python run's start-up allowed for at most


# ---- Helpers ----------------------------------------------------------------

def broken_run(c: Check, ran: Ran) -> CheckResult | None:
    """A check cannot pass on a run that did not end well."""
    if not ran.outcome:
        return None
    details = ["    " + l for l in ran.build.errors.splitlines()]
    if ran.result is not None:
        details += tail("stdout", ran.result.stdout)
        details += tail("stderr", ran.result.stderr)
    return result(c, False, ran.outcome, details)


def fmt_num(v: float | int) -> str:
    return str(v)


def expected_output(c: Check, got: list[str],
                    want: list[str] | None = None
                    ) -> tuple[bool, str, list[str]]:
    """The lines, patterns or groups of c against got; want, if given,
    are the reference's lines for this run (in groups of c's sizes, when
    c has groups: the order within each stays free)."""
    if want is not None and c.groups is not None \
            and sum(map(len, c.groups)) == len(want):
        at, groups = 0, []
        for g in c.groups:
            groups.append(tuple(want[at:at + len(g)]))
            at += len(g)
        return match_groups(got, tuple(groups))
    if want is not None or c.lines is not None:
        ok, d = compare_lines(got, want if want is not None
                              else list(c.lines or ()))
        return ok, "the output differs from the expected lines", d
    if c.patterns is not None:
        ok, d = match_patterns(got, c.patterns)
        return ok, "a line the output should have is missing", d
    assert c.groups is not None
    return match_groups(got, c.groups)


def timing_details(ran: Ran) -> list[str]:
    if ran.result is None or ran.result.trace is None:
        return []
    # The report indents it by 10 columns: keep the whole under 80.
    text = render(ran.result.trace, width=70)
    return ["  timeline:", *("    " + l for l in text.splitlines())]


def real_time(c: Check, ran: Ran, ctx: Context) -> CheckResult | None:
    """The run's real time, from outside, against the virtual time it
    claims: a program that blocked where the clock could not see it (or
    wrote its own trace) took longer than it says."""
    r = ran.result
    if r is None or not ctx.settings.virtual:
        return None
    claimed = r.trace.exit_time if r.trace else None
    claimed = claimed or 0.0
    if r.wall <= claimed + REAL_SLACK:
        return None
    began = startup(ctx)
    if r.wall <= claimed + began + REAL_SLACK:
        return None
    also = f" (allowing {began:.1f} s for python3 to start)" if began else ""
    return result(c, False, f"blocked for real: the run took {r.wall:.1f} s "
                  f"of real time, but its virtual time is {claimed:.2f} s"
                  f"{also}; "
                  "under the virtual clock nothing really waits, so "
                  "something blocked where the runtime cannot see it "
                  + ("(a real wait: a thread's, select's or a child "
                     "process's, not asyncio.sleep)"
                     if ctx.exercise.track == "py"
                     else "(a system call, not async_sleep)"))


def startup(ctx: Context) -> float:
    """What a Python run may take to start on top of its virtual time:
    twice what an empty program takes here, now (the grader measures it:
    a loaded machine starts python3 slowly), at most PY_STARTUP. Nothing
    the program wrote counts. 0 for C."""
    if ctx.exercise.track != "py":
        return 0.0
    return min(2 * ctx.py_start_up(), PY_STARTUP)


def judge_elapsed(c: Check, ran: Ran, ctx: Context) -> CheckResult | None:
    """None if c has no bounds or they hold, else the failure."""
    if c.min is None and c.max is None:
        return None
    tr = ran.result.trace if ran.result else None
    total = tr.exit_time if tr else None
    if total is None:
        return result(c, False, "the trace has no 'exit' event, so the "
                      "elapsed time is unknown")
    slack = 0.0 if ctx.settings.virtual else ctx.settings.tolerance
    clock = "virtual" if ctx.settings.virtual else "real"
    if c.max is not None and total > c.max + slack:
        return result(c, False, f"took {total:.2f} s ({clock} time); "
                      f"expected within {fmt_num(c.max)} s",
                      timing_details(ran))
    if c.min is not None and total < c.min - slack:
        return result(c, False, f"took {total:.2f} s ({clock} time); "
                      f"expected at least {fmt_num(c.min)} s",
                      timing_details(ran))
    return real_time(c, ran, ctx)


# ---- What it printed --------------------------------------------------------

@check("output", ("lines",), (("lines",),), output=True)
@check("patterns", ("patterns",), (("patterns",),), output=True)
@check("unordered", ("groups",), (("groups",),), output=True)
def check_output(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    ok, msg, details = expected_output(c, ran.lines)
    return result(c, ok, msg, details)


@check("forbid", ("lines", "patterns"), (("lines", "patterns"),),
       output=True)
def check_forbid(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    bad = forbidden(ran.lines, c.lines or (), c.patterns or ())
    if not bad:
        return result(c, True)
    return result(c, False, f"the output has {len(bad)} line(s) it must not "
                  "have", ["  got:", *bad[:40]])


@check("driver", ("driver", *OUTPUT, "min", "max", "seeded"),
       (("driver",), OUTPUT), (OUTPUT,), output=True)
def check_driver(c: Check, ctx: Context) -> CheckResult:
    """The student's code under another main(): a seeded driver draws its
    inputs from this grading's seed, and the course's solution under the
    same driver and seed says what it must print."""
    ran = ctx.driver(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    ref = ctx.reference(c)
    if ref is not None and ref.outcome:
        return result(c, False, f"the reference solution did not run under "
                      f"{c.driver} (a fault of the course, not yours): "
                      f"{ref.outcome}")
    ok, msg, details = expected_output(c, ran.lines,
                                       ref.lines if ref else None)
    if not ok:
        inputs = "inputs drawn for this grading" if ref else "other inputs"
        return result(c, False, f"with {c.driver}'s {inputs}: {msg}",
                      details)
    return judge_elapsed(c, ran, ctx) or result(c, True)


@check("predict", ("program", "answer"), (("program",), ("answer",)),
       output=True)
def check_predict(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.program(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    try:
        text = ctx.files[c.answer].read_text(errors="replace")
    except OSError:
        text = ""
    guess = answer_lines(text)
    real = [l for l in ran.lines if l.strip()]
    if not guess:
        return result(c, False, f"your prediction is empty: write in "
                      f"{c.answer} the lines you expect {c.program} to print")
    if guess == real:
        return result(c, True)
    # Never show the program's output: that would give the answer away.
    right = 0
    while right < min(len(guess), len(real)) and guess[right] == real[right]:
        right += 1
    if right == len(real):
        msg = (f"your first {right} lines are right, but the program prints "
               f"only {len(real)}")
    elif right == len(guess):
        msg = (f"your {right} lines are right, but the program prints "
               f"{len(real) - right} more")
    else:
        msg = (f"your first {right} line(s) are right; line {right + 1} "
               f"('{guess[right]}') is not what the program prints there")
    return result(c, False, msg)


@check("unit", ("driver", "tests"), (("driver",), ("tests",)), output=True)
def check_unit(c: Check, ctx: Context) -> CheckResult:
    """A lab's tests (the driver, on grader/unit.h) with the student's
    code: every test the check names must pass (grader/unit.py)."""
    return unitmod.judge(c, ctx)


# ---- How it ran -------------------------------------------------------------

@check("elapsed", ("min", "max"), (("max", "min"),), behaviour=True)
def check_elapsed(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    return broken_run(c, ran) or judge_elapsed(c, ran, ctx) or result(c, True)


@check("overlap", ("tasks", "why"), (("tasks",),), behaviour=True)
def check_overlap(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    tr = ran.result.trace if ran.result else None
    if tr is None:
        return result(c, False, "the program wrote no trace")
    why = frozenset(c.why) if c.why else tracemod.WAITING
    n, when = tracemod.max_suspended(tr, why)
    if n >= c.tasks:
        return real_time(c, ran, ctx) or result(c, True)
    at = f" (at t={when:.2f})" if n else ""
    return result(c, False, f"at most {n} task(s) were suspended at once"
                  f"{at}; expected at least {c.tasks} waiting together",
                  timing_details(ran))


@check("no_blocking", behaviour=True)
def check_no_blocking(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    tr = ran.result.trace if ran.result else None
    if tr is None:
        return result(c, False, "the program wrote no trace")
    msgs = []
    for e in tr.of("blocking_call", "blocked"):
        raw = e.get("seconds", 0.0)
        secs = float(raw) if isinstance(raw, (int, float)) else 0.0
        if e.ev == "blocking_call":
            call = str(e.get("call"))
            instead = ("await asyncio.sleep" if call.startswith("time.")
                       else "async_sleep")
            msgs.append(f"task '{e.name}' called {call}() at "
                        f"t={e.t:.2f}: a blocking sleep that stops the whole "
                        f"loop for {secs:g} s (use {instead})")
        else:
            msgs.append(f"task '{e.name}' held the loop for {secs:.2f} s "
                        f"without suspending (ending at t={e.t:.2f})")
    if not msgs:
        return real_time(c, ran, ctx) or result(c, True)
    return result(c, False, msgs[0], ["  " + m for m in msgs[1:6]]
                  + timing_details(ran))


@check("never_awaited", behaviour=True)
def check_never_awaited(c: Check, ctx: Context) -> CheckResult:
    """An asyncio exercise: no coroutine object was made and dropped
    without being awaited (the trace's `unawaited` faults, which
    grader/pytrace.py writes as CPython warns "coroutine ... was never
    awaited")."""
    ran = ctx.main(c)
    tr = ran.result.trace if ran.result else None
    faults = [e for e in tr.of("fault") if e.get("kind") == "unawaited"] \
        if tr is not None and not tr.problem else []
    if not faults:  # else the likely cause of a broken run: say it first
        return broken_run(c, ran) or (
            result(c, True) if tr is not None
            else result(c, False, "the program wrote no trace"))
    said = []
    for e in faults:
        where = (f" (made at {e.get('file')} line {e.get('line')})"
                 if e.get("file") else "")
        said.append(f"coroutine '{e.get('coroutine')}' was never awaited"
                    f"{where}")
    return result(c, False, said[0] + ": calling an async def function only "
                  "makes a coroutine object; await it, or hand it to "
                  "asyncio.create_task or asyncio.gather",
                  ["  " + m for m in said[1:6]])
