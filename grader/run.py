"""Run a student's program safely: its own temporary directory, killed at
its timeout, limited in CPU time, memory, processes, file size and output,
and (with bubblewrap installed) without network and with a read-only file
system outside its directory. Then say in one line how it ended."""
from __future__ import annotations

import functools
import os
import re
import resource
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from grader import faults
from grader import trace as tracemod

NOBODY = 65534
OUTPUT_CAP = 1 << 20
SIGNAL_WORDS = {
    "SIGSEGV": "segmentation fault", "SIGBUS": "bus error",
    "SIGABRT": "abort", "SIGFPE": "arithmetic error",
    "SIGILL": "illegal instruction", "SIGKILL": "killed",
    "SIGXCPU": "CPU time limit", "SIGXFSZ": "file size limit",
    "SIGTERM": "terminated", "SIGPIPE": "broken pipe",
}


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0          # real seconds, then the group is killed
    memory_mb: int = 512           # resident memory of all its processes
    processes: int = 64            # processes and threads beyond the user's
    file_mb: int = 32              # largest file it may write
    output: int = OUTPUT_CAP       # bytes of stdout plus stderr


@dataclass(frozen=True)
class RunResult:
    status: str        # "exit", "signal", "timeout", "flood", "memory",
                       # "error" (could not start)
    code: int          # exit status (or signal number for "signal")
    stdout: str
    stderr: str
    trace: tracemod.Trace | None
    wall: float        # real seconds
    sandbox: str       # "bwrap" or "none"

    @property
    def ok(self) -> bool:
        return self.status == "exit" and self.code == 0


def bwrap_path() -> str | None:
    if os.environ.get("ASYNCBOOK_NO_SANDBOX"):
        return None
    return shutil.which("bwrap")


@functools.lru_cache(maxsize=None)
def sandbox_works(bwrap: str, as_user: int | None) -> bool:
    """Whether bubblewrap can start here (user namespaces may be off)."""
    try:
        r = subprocess.run([bwrap, *sandbox_args("/", "/"), "true"],
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=10, **user_args(as_user))
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


def sandbox_args(rundir: str, cwd: str, hide: tuple[str, ...] = (),
                 show: tuple[str, ...] = ()) -> list[str]:
    """bwrap's arguments: all read-only but rundir, a private /tmp, the
    folders in hide replaced by empty ones (other students' work), those
    in show visible again (read-only) even if under /tmp."""
    args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--tmpfs", "/tmp", "--tmpfs", "/dev/shm"]
    for h in hide:
        args += ["--tmpfs", h]
    for s in show:
        args += ["--ro-bind", s, s]
    if rundir != "/":
        args += ["--bind", rundir, rundir]
    return args + ["--unshare-all", "--die-with-parent", "--new-session",
                   "--chdir", cwd]


def sandbox_prefix(rundir: Path, cwd: Path, hide: tuple[str, ...] = (),
                   show: tuple[str, ...] = ()) -> list[str]:
    """The command prefix that sandboxes a command, [] if none can."""
    bw = bwrap_path()
    if bw and sandbox_works(bw, run_as()):
        return [bw, *sandbox_args(str(rundir), str(cwd), hide, show)]
    return []


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


def run_as() -> int | None:
    """The user programs run as: 'nobody' when we are root (the kernel
    exempts root from RLIMIT_NPROC, and root could read anything)."""
    return NOBODY if os.geteuid() == 0 else None


def user_args(as_user: int | None) -> dict:
    if as_user is None:
        return {}
    return {"user": as_user, "group": as_user, "extra_groups": []}


def threads_of(uid: int) -> int:
    """How many threads the user runs now: RLIMIT_NPROC counts them all,
    so the limit must leave room above them."""
    n = 0
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for p in pids:
        try:
            if os.stat(f"/proc/{p}").st_uid == uid:
                n += len(os.listdir(f"/proc/{p}/task"))
        except OSError:
            pass
    return n


def descendants(root: int) -> set[int]:
    """root and every process below it (from /proc's parent links)."""
    children: dict[int, list[int]] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return {root}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read()
            pp = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(pp, []).append(pid)
        except (OSError, ValueError, IndexError):
            pass
    tree, frontier = {root}, [root]
    while frontier:
        for c in children.get(frontier.pop(), []):
            if c not in tree:
                tree.add(c)
                frontier.append(c)
    return tree


def descendants_rss(root: int) -> int:
    """Resident bytes of root and every process below it."""
    total, page = 0, os.sysconf("SC_PAGE_SIZE")
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
    return total


def capped(which: int, value: int) -> tuple[int, int]:
    """(soft, hard) for setrlimit: value, within the current hard limit."""
    _, hard = resource.getrlimit(which)
    # CPU: SIGXCPU at the soft limit, SIGKILL a second later.
    top = value + 1 if which == resource.RLIMIT_CPU else value
    if hard != resource.RLIM_INFINITY:
        value, top = min(value, hard), min(top, hard)
    return value, top


def sanitizer_env(limits: Limits) -> dict[str, str]:
    return {
        # LeakSanitizer needs ptrace, which a sandbox forbids; a leak is
        # not what these exercises grade.
        "ASAN_OPTIONS": ("detect_leaks=0:abort_on_error=0:"
                         "allocator_may_return_null=1:"
                         f"hard_rss_limit_mb={limits.memory_mb}:"
                         "symbolize=1:color=never"),
        "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:color=never",
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
                hide: tuple[str, ...] = ()) -> RunResult:
    """Run binary in a fresh directory under limits and collect what it
    printed, its trace and how it ended. Never raises for anything the
    program does; never leaves a process behind."""
    as_user = run_as()
    rundir = Path(tempfile.mkdtemp(prefix="asyncbook-run-"))
    try:
        prog = rundir / "prog"
        try:
            install(binary, prog)
        except OSError as e:
            return RunResult("error", -1, "", f"cannot copy the program to "
                             f"its run directory: {e}", None, 0.0, "none")
        tracefile = rundir / "trace.jsonl"
        if as_user is not None:
            os.chown(rundir, as_user, as_user)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "HOME": str(rundir), "TMPDIR": str(rundir),
               "ASYNC_DEBUG": "1", "ASYNC_TRACE": str(tracefile),
               **sanitizer_env(limits)}
        if virtual:
            env["ASYNC_CLOCK"] = "virtual"
        cmd = [str(prog), *args]
        prefix = sandbox_prefix(rundir, rundir, hide) if sandbox else []
        kind = "bwrap" if prefix else "none"
        cmd = prefix + cmd
        return supervise(cmd, rundir, env, stdin, limits, as_user, kind,
                         tracefile)
    finally:
        shutil.rmtree(rundir, ignore_errors=True)


def supervise(cmd: list[str], rundir: Path, env: dict[str, str],
              stdin: str, limits: Limits, as_user: int | None, kind: str,
              tracefile: Path) -> RunResult:
    nproc = threads_of(as_user if as_user is not None else os.getuid())
    nproc += limits.processes
    cpu = int(limits.timeout) + 2
    fsize = limits.file_mb << 20

    wanted = [(resource.RLIMIT_CPU, cpu), (resource.RLIMIT_NPROC, nproc),
              (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_CORE, 0)]
    # Never ask for more than the hard limit already allows.
    limits_now = [(r, capped(r, v)) for r, v in wanted]

    def limit() -> None:  # runs in the child, before exec
        for r, v in limits_now:
            resource.setrlimit(r, v)
        # A write past the size limit fails with EFBIG instead of killing
        # the program, so a runaway trace ends as a timeout, not a crash.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    start = time.monotonic()
    stdin_file = rundir / ".stdin"
    stdin_file.write_text(stdin)
    try:
        with open(stdin_file, "rb") as fin:
            proc = subprocess.Popen(
                cmd, cwd=rundir, env=env, stdin=fin, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True,
                preexec_fn=limit, **user_args(as_user))
    except OSError as e:
        return RunResult("error", -1, "", f"cannot start the program: {e}",
                         None, 0.0, kind)
    status, out, err = collect(proc, limits, start)
    wall = time.monotonic() - start
    code = proc.returncode if proc.returncode is not None else -1
    if status == "exit" and code < 0:
        status, code = "signal", -code
    elif status == "exit" and kind == "bwrap" and 128 < code < 160:
        status, code = "signal", code - 128  # bwrap reports 128 + signal
    text_err = err.decode("utf-8", "replace")
    if kind == "bwrap" and text_err.startswith("bwrap: "):
        return RunResult("error", code, "", "the sandbox (bubblewrap) did "
                         "not start: " + text_err.strip(), None, wall, kind)
    if status in ("exit", "signal") and "rss limit exhausted" in text_err:
        status = "memory"
    if status == "signal" and code == signal.SIGXCPU:
        status = "timeout"
    return RunResult(status, code, out.decode("utf-8", "replace"), text_err,
                     tracemod.read(tracefile), wall, kind)


def collect(proc: subprocess.Popen, limits: Limits,
            start: float) -> tuple[str, bytes, bytes]:
    """Read the program's output until it ends, is killed at its timeout,
    floods or grows too big. Returns (status, stdout, stderr)."""
    bufs = {proc.stdout: bytearray(), proc.stderr: bytearray()}
    sel = selectors.DefaultSelector()
    for f in bufs:
        assert f is not None
        os.set_blocking(f.fileno(), False)
        sel.register(f, selectors.EVENT_READ)
    status, total, next_rss = "exit", 0, start + 0.05
    watch_rss = os.path.exists("/proc/self/statm")
    while sel.get_map():
        now = time.monotonic()
        if now - start > limits.timeout:
            status = "timeout"
            break
        for key, _ in sel.select(timeout=0.05):
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fileobj)
                continue
            bufs[key.fileobj] += chunk
            total += len(chunk)
        if total > limits.output:
            status = "flood"
            break
        if watch_rss and now >= next_rss:
            next_rss = now + 0.2
            if descendants_rss(proc.pid) > limits.memory_mb << 20:
                status = "memory"
                break
        if proc.poll() is not None:
            drain(sel, bufs, limits.output - total)
            break
    kill_group(proc)
    sel.close()
    for f in bufs:
        assert f is not None
        f.close()
    out, err = bytes(bufs[proc.stdout]), bytes(bufs[proc.stderr])
    if status == "flood":
        out, err = out[:limits.output], err[:limits.output]
    return status, out, err


def drain(sel: selectors.BaseSelector, bufs: dict, room: int) -> None:
    """The program has ended: take what is left in the pipes, but do not
    wait on a child it left behind that still holds them open."""
    deadline = time.monotonic() + 0.5
    while sel.get_map() and time.monotonic() < deadline and room > 0:
        ready = sel.select(timeout=0.05)
        if not ready:
            break
        for key, _ in ready:
            chunk = os.read(key.fd, 65536)
            if not chunk:
                sel.unregister(key.fileobj)
            bufs[key.fileobj] += chunk
            room -= len(chunk)


def kill_group(proc: subprocess.Popen) -> None:
    """Kill the program and all it started: its process group, and (for
    what a sandbox put in a session of its own) every descendant."""
    tree = descendants(proc.pid) if os.path.isdir("/proc") else set()
    for pid in sorted(tree - {proc.pid}, reverse=True):
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    wait_gone(tree - {proc.pid})


def alive(pid: int) -> bool:
    """Whether pid still runs (a zombie has finished: only its parent's
    wait is missing)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rindex(b")") + 2:][:1] not in (b"Z", b"X")
    except (OSError, ValueError):
        return False


def wait_gone(pids: set[int], limit: float = 3.0) -> None:
    """A killed process with a large address space (ASan's) takes a
    moment to die: wait, so that nothing of this run outlives it."""
    deadline = time.monotonic() + limit
    while pids and time.monotonic() < deadline:
        pids = {p for p in pids if alive(p)}
        if pids:
            time.sleep(0.01)


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
        return (f"out of memory: used more than {limits.memory_mb} MiB, "
                "stopped")
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
