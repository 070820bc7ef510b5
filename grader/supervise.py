"""Start a command under limits and watch it: its output (capped), its
memory (resident memory plus what it keeps in scratch file systems), its
real time; then kill it with everything it started. Never raises for
anything the command does."""
from __future__ import annotations

import os
import resource
import selectors
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from typing import Callable

OUTPUT_CAP = 1 << 20


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0          # real seconds, then the group is killed
    memory_mb: int = 512           # resident memory of all its processes
    processes: int = 64            # processes and threads it may have
    file_mb: int = 32              # largest file it may write
    output: int = OUTPUT_CAP       # bytes of stdout plus stderr
    cpu: float = 0.0               # CPU seconds (0: timeout + 2)
    # RLIMIT_AS at memory_mb too: for the compiler, never for a program
    # built with AddressSanitizer (it reserves terabytes of addresses).
    address_space: bool = False


@dataclass(frozen=True)
class Result:
    status: str        # "exit", "signal", "timeout", "flood", "memory",
                       # "error" (could not start)
    code: int          # exit status (or signal number for "signal")
    stdout: bytes
    stderr: bytes
    wall: float        # real seconds
    mode: str          # sandbox.mode(): "bwrap", "uid" or "none"


# How much memory the run holds: given the pids watched, in bytes.
Usage = Callable[[set[int]], int]


def threads_of(uid: int) -> int:
    """How many threads the user runs now: RLIMIT_NPROC counts them all,
    so a limit for a shared user must leave room above them."""
    n = 0
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
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
                st = f.read()
            pp = int(st[st.rindex(b")") + 2:].split()[1])
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


def rss(pids: set[int]) -> int:
    """Resident bytes of these processes."""
    total, page = 0, os.sysconf("SC_PAGE_SIZE")
    for pid in pids:
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


def rlimits(limits: Limits, uid: int | None) -> list[tuple[int, tuple]]:
    # A user of its own starts with no process; a shared one (not root)
    # needs room above what it already runs.
    nproc = limits.processes + (threads_of(os.getuid()) if uid is None
                                else 0)
    cpu = int(limits.cpu or limits.timeout + 2)
    wanted = [(resource.RLIMIT_CPU, cpu), (resource.RLIMIT_NPROC, nproc),
              (resource.RLIMIT_FSIZE, limits.file_mb << 20),
              (resource.RLIMIT_CORE, 0)]
    if limits.address_space:
        wanted.append((resource.RLIMIT_AS, limits.memory_mb << 20))
    return [(r, capped(r, v)) for r, v in wanted]


def spawn(cmd: list[str], cwd: str, env: dict[str, str], stdin: bytes,
          limits: Limits, uid: int | None, mode: str,
          watched: Callable[[int], set[int]], usage: Usage,
          switch: bool = True) -> Result:
    """Run cmd and watch it. watched(pid) names the processes that belong
    to the run (its tree, or every process of its user); usage(pids) the
    memory they hold. With switch, cmd starts as uid; else cmd becomes
    uid itself (the limits are those of uid either way)."""
    now_limits = rlimits(limits, uid)

    def limit() -> None:  # runs in the child, before exec
        for r, v in now_limits:
            resource.setrlimit(r, v)
        # A write past the size limit fails with EFBIG instead of killing
        # the program, so a runaway trace ends as a timeout, not a crash.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    start = time.monotonic()
    user = ({"user": uid, "group": uid, "extra_groups": []}
            if uid is not None and switch else {})
    try:
        with tempfile.TemporaryFile() as fin:
            fin.write(stdin)
            fin.seek(0)
            proc = subprocess.Popen(
                cmd, cwd=cwd, env=env, stdin=fin, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True,
                preexec_fn=limit, **user)
    except OSError as e:
        return Result("error", -1, b"", f"cannot start {cmd[0]}: {e}"
                      .encode(), 0.0, mode)
    status, out, err = collect(proc, limits, start, watched, usage)
    kill(proc, watched)
    wall = time.monotonic() - start
    code = proc.returncode if proc.returncode is not None else -1
    if status == "exit" and code < 0:
        status, code = "signal", -code
    elif status == "exit" and mode == "bwrap" and 128 < code < 160:
        status, code = "signal", code - 128  # bwrap reports 128 + signal
    if status == "signal" and code == signal.SIGXCPU:
        status = "timeout"
    return Result(status, code, out, err, wall, mode)


def collect(proc: subprocess.Popen, limits: Limits, start: float,
            watched: Callable[[int], set[int]],
            usage: Usage) -> tuple[str, bytes, bytes]:
    """Read the output until the command ends, is stopped at its timeout,
    floods or grows too big. Returns (status, stdout, stderr)."""
    bufs = {proc.stdout: bytearray(), proc.stderr: bytearray()}
    sel = selectors.DefaultSelector()
    for f in bufs:
        assert f is not None
        os.set_blocking(f.fileno(), False)
        sel.register(f, selectors.EVENT_READ)
    status, total, next_check = "exit", 0, start + 0.05
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
        if now >= next_check:
            next_check = now + 0.2
            if usage(watched(proc.pid)) > limits.memory_mb << 20:
                status = "memory"
                break
        if proc.poll() is not None:
            drain(sel, bufs, limits.output - total)
            break
    sel.close()
    for f in bufs:
        assert f is not None
        f.close()
    out, err = bytes(bufs[proc.stdout]), bytes(bufs[proc.stderr])
    if status == "flood":
        out, err = out[:limits.output], err[:limits.output]
    return status, out, err


def drain(sel: selectors.BaseSelector, bufs: dict, room: int) -> None:
    """The command has ended: take what is left in the pipes, but do not
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


def kill(proc: subprocess.Popen, watched: Callable[[int], set[int]]) -> None:
    """Kill the command and all it started: its process group, and every
    process that belongs to the run (a sandbox's own session, or what
    fled the group)."""
    tree = watched(proc.pid) if os.path.isdir("/proc") else set()
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
            st = f.read()
        return st[st.rindex(b")") + 2:][:1] not in (b"Z", b"X")
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
