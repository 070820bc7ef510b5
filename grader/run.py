"""Run a student's program safely: its own temporary directory, killed at
its timeout, limited in CPU time, memory, processes, file size and output,
and confined (grader/sandbox.py: bubblewrap, else a user of its own).
Then say in one line how it ended.

The one way to run anything a student wrote is sandboxed(); the compiler
(build.py) goes through it too."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader import faults
from grader import sandbox
from grader import trace as tracemod
from grader.sandbox import Binds
from grader.supervise import OUTPUT_CAP, Limits, Result

__all__ = ["Binds", "Limits", "Result", "OUTPUT_CAP", "sandboxed",
           "run_program", "outcome"]

SIGNAL_WORDS = {
    "SIGSEGV": "segmentation fault", "SIGBUS": "bus error",
    "SIGABRT": "abort", "SIGFPE": "arithmetic error",
    "SIGILL": "illegal instruction", "SIGKILL": "killed",
    "SIGXCPU": "CPU time limit", "SIGXFSZ": "file size limit",
    "SIGTERM": "terminated", "SIGPIPE": "broken pipe",
}


@dataclass(frozen=True)
class RunResult:
    status: str        # "exit", "signal", "timeout", "flood", "memory",
                       # "error" (could not start)
    code: int          # exit status (or signal number for "signal")
    stdout: str
    stderr: str
    trace: tracemod.Trace | None
    wall: float        # real seconds
    sandbox: str       # "bwrap", "uid" or "none" (sandbox.mode())

    @property
    def ok(self) -> bool:
        return self.status == "exit" and self.code == 0


def sandboxed(argv: list[str], cwd: str | Path, limits: Limits,
              binds: Binds = Binds(), *, env: dict[str, str] | None = None,
              stdin: bytes = b"", sandbox_on: bool = True) -> Result:
    """Run argv confined, under limits (grader/sandbox.py's run)."""
    return sandbox.run(argv, cwd, limits, binds, env=env, stdin=stdin,
                       sandbox=sandbox_on)


def run_as() -> int | None:
    """Whether programs run as another user than the grader (root gives
    each run a user of its own): they then need folders others may
    enter. Returns one such id, or None."""
    ids = sandbox.uid_range()
    return ids[0] if ids else None


def others_can_enter(path: Path) -> bool:
    """Whether a user other than the owner can reach path: every folder
    on the way must be searchable by others (o+x)."""
    for folder in (path, *path.parents):
        try:
            if folder.exists() and not folder.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def sanitizer_env(limits: Limits) -> dict[str, str]:
    # clang's sanitizers symbolize a report in a child process and sleep
    # while it starts, a sleep grader/evidence.c's filter kills: a crash
    # would read as "blocked for real". gcc's symbolize in the process.
    symbolize = 0 if "clang" in os.environ.get("CC", "cc") else 1
    return {
        # LeakSanitizer needs ptrace, which a sandbox forbids; a leak is
        # not what these exercises grade.
        "ASAN_OPTIONS": ("detect_leaks=0:abort_on_error=0:"
                         "allocator_may_return_null=1:"
                         f"hard_rss_limit_mb={limits.memory_mb}:"
                         f"symbolize={symbolize}:color=never"),
        "UBSAN_OPTIONS": ("print_stacktrace=1:halt_on_error=1:color=never:"
                          f"symbolize={symbolize}"),
    }


def install(binary: Path, prog: Path) -> None:
    """Copy the program to run, in a process of its own (cp). Copied from
    here, it would be open for writing in this process for a moment, and
    a program another grading thread starts at that moment inherits that
    descriptor until its exec: our exec of the copy would then fail with
    "Text file busy", now and then, when gradings run side by side."""
    r = subprocess.run(["cp", str(binary), str(prog)], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        raise OSError(r.returncode, r.stderr.strip() or "cp failed")


def run_program(binary: Path, *, args: tuple[str, ...] = (),
                stdin: str = "", limits: Limits = Limits(),
                virtual: bool = True, sandbox: bool = True,
                hide: tuple[str, ...] = (), trace: bool = True) -> RunResult:
    """Run binary in a fresh directory under limits and collect what it
    printed, its trace (unless trace is False: a lab's tests, one process
    per test, would write theirs over each other) and how it ended. Never
    raises for anything the program does; never leaves a process
    behind."""
    rundir = Path(tempfile.mkdtemp(prefix="asyncbook-run-"))
    try:
        prog = rundir / "prog"
        try:
            install(binary, prog)
            prog.chmod(0o755)
        except OSError as e:
            return RunResult("error", -1, "", f"cannot copy the program to "
                             f"its run directory: {e}", None, 0.0, "none")
        tracefile = rundir / "trace.jsonl"
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "HOME": str(rundir), "TMPDIR": str(rundir),
               "ASYNC_DEBUG": "1", **sanitizer_env(limits)}
        if trace:
            env["ASYNC_TRACE"] = str(tracefile)
        if virtual:
            env["ASYNC_CLOCK"] = "virtual"
        r = sandboxed([str(prog), *args], rundir, limits,
                      Binds(rw=(str(rundir),), hide=hide), env=env,
                      stdin=stdin.encode(), sandbox_on=sandbox)
        err = r.stderr.decode("utf-8", "replace")
        if r.mode == "bwrap" and err.startswith("bwrap: "):
            return RunResult("error", r.code, "", "the sandbox (bubblewrap) "
                             "did not start: " + err.strip(), None, r.wall,
                             r.mode)
        status = r.status
        if status in ("exit", "signal") and "rss limit exhausted" in err:
            status = "memory"
        return RunResult(status, r.code, r.stdout.decode("utf-8", "replace"),
                         err, tracemod.read(tracefile) if trace else None,
                         r.wall, r.mode)
    finally:
        shutil.rmtree(rundir, ignore_errors=True)


# ---- Saying how it ended ----------------------------------------------------

TODO_LINE = re.compile(r"^\S+:\d+: TODO: .*$", re.M)
SUMMARY = re.compile(r"^SUMMARY: (\w+Sanitizer): .*$", re.M)
UB_LINE = re.compile(r"^\S+:\d+:\d+: runtime error: .*$", re.M)


def signal_name(n: int) -> str:
    try:
        name = signal.Signals(n).name
    except ValueError:
        return f"signal {n}"
    word = SIGNAL_WORDS.get(name)
    return f"{name} ({word})" if word else name


def waits_at_end(r: RunResult) -> str:
    """What each unfinished task was doing when the run was stopped."""
    if r.trace is None or not r.trace.events:
        return "no trace was written (no event loop was started)"
    names = r.trace.names()
    live = [s for s in tracemod.states(r.trace).values()
            if s.state != "done"]
    if not live:
        return "every task had finished"
    return "; ".join(tracemod.describe(s, names) for s in live)


def outcome(r: RunResult, limits: Limits, expect_exit: int = 0) -> str:
    """One line that says how the run ended; "" when it ended well."""
    if r.status == "error":
        return r.stderr
    if r.status == "timeout":
        t = (f" (its trace reached t={r.trace.end_time:.2f} s)"
             if r.trace and r.trace.events else "")
        return (f"timeout: still running after {limits.timeout:g} s of "
                f"real time{t}; at the end {waits_at_end(r)}")
    if r.status == "flood":
        return (f"output flood: more than {limits.output >> 10} KiB of "
                "output, stopped (an endless loop that prints?)")
    if r.status == "memory":
        return (f"out of memory: used more than {limits.memory_mb} MiB "
                "(its processes, /tmp and /dev/shm together), stopped")
    if r.trace is not None and r.trace.problem:
        return f"bad trace: {r.trace.problem}"
    summary = SUMMARY.search(r.stderr)
    ub = UB_LINE.search(r.stderr)
    overflow = faults.overflow(r.trace)  # the runtime's faults: its trace
    if overflow:
        return overflow
    if r.status == "signal":
        tail = f": {summary.group(0)}" if summary else ""
        return f"crash: {signal_name(r.code)}{tail}"
    if ub:
        return f"crash: {ub.group(0)}"
    if summary:
        segv = " SEGV " in summary.group(0)
        return ("crash: " + ("SIGSEGV (segmentation fault): " if segv else "")
                + summary.group(0))
    if r.code == expect_exit:
        return ""
    todo = TODO_LINE.search(r.stderr)
    if todo:
        return f"not done yet: {todo.group(0)}"
    return (faults.deadlock(r.trace) or faults.misuse(r.trace)
            or f"exit status {r.code} (expected {expect_exit})")
