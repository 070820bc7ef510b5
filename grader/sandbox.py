"""Where a student's program (and the compiler on its files) runs: what it
can see, which user it runs as, and the one line that says so when the
strongest confinement cannot start.

With bubblewrap: a new mount, PID, network (a private loopback), IPC and
UTS namespace in which only the system's programs and libraries (/usr,
/lib*, /bin, a few files of /etc), the run's own folders and the runtime
are visible; /tmp and /dev/shm are small private tmpfs; /dev is read-only.
Without it (mode()): new namespaces through unshare where root may make
them, a user of its own, the limits and the killed processes; the file
system is then whatever that user may read (grader/INSTRUCTORS.md,
'What the sandbox protects').

As root every run gets a user id of its own (grader/users.py).
The one entry point is run()."""
from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grader import supervise
from grader.supervise import Limits, Result
from grader.users import (hand_over, lease, processes_of, take_back,
                          uid_range, user_args)

# Set (to anything) to make the grader behave as if bubblewrap were
# missing: the fallback is then what confines (tests, and a check of what
# a Gradescope container without user namespaces gives).
NO_BWRAP = "ASYNC_GRADER_NO_BWRAP"
NO_SANDBOX = "ASYNCBOOK_NO_SANDBOX"   # the same, on purpose, older name
NO_UNSHARE = "ASYNC_GRADER_NO_UNSHARE"  # and as if unshare could not work

# What of /etc the toolchain and the C library need (cc is an alternative,
# localhost is in hosts); nothing else of the host's /etc is visible.
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives",
       "hosts", "nsswitch.conf", "host.conf", "localtime", "protocols",
       "services", "gai.conf")
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


@dataclass(frozen=True)
class Binds:
    """What a confined command sees besides the system: ro read-only, rw
    writable (chowned to the run's user while it runs), hide made empty
    when a system folder would show it (a course kept under /usr/src)."""
    ro: tuple[str, ...] = ()
    rw: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()


# ---- Which confinement ------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _bwrap_problem(bwrap: str | None) -> str:
    """"" when bubblewrap starts here (as a user of ours), else why not."""
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed"
    with lease() as uid:
        try:
            r = subprocess.run([bwrap, *bwrap_args("/", Binds(), 64 << 20),
                                "true"], stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=20,
                               env={"PATH": "/usr/bin:/bin"},
                               **user_args(uid))
        except (OSError, subprocess.SubprocessError) as e:
            return f"bubblewrap does not start here ({e})"
    if r.returncode != 0:
        why = (r.stderr.strip().splitlines() or ["no message"])[-1]
        return f"bubblewrap does not start here ({why})"
    return ""


def bwrap_problem() -> str:
    """"" when programs run in bubblewrap, else one phrase saying why not."""
    if os.environ.get(NO_BWRAP):
        return f"bubblewrap is turned off ({NO_BWRAP} is set)"
    if os.environ.get(NO_SANDBOX):
        return f"bubblewrap is turned off ({NO_SANDBOX} is set)"
    return _bwrap_problem(shutil.which("bwrap"))


def mode(sandbox: bool = True) -> str:
    """"bwrap", or the fallback: "unshare" (root: a user of its own per
    run, in new network, PID, IPC and UTS namespaces), "uid" (the same
    without namespaces: a container that forbids them) or "none" (not
    root: limits and a killed process group only)."""
    if sandbox and not bwrap_problem():
        return "bwrap"
    if not uid_range():
        return "none"
    return "unshare" if sandbox and unshare_works() else "uid"


UNSHARE = ("--net", "--ipc", "--uts", "--pid", "--fork", "--kill-child",
           "--mount-proc")
ENTER = Path(__file__).resolve().parent / "enter.py"


def unshare_prefix(uid: int) -> list[str]:
    """The command prefix of the unshare fallback: namespaces made as
    root, then enter.py brings the loopback up and becomes uid."""
    return [shutil.which("unshare") or "unshare", *UNSHARE, "--",
            sys.executable, "-I", "-S", str(ENTER), str(uid)]


@functools.lru_cache(maxsize=None)
def _unshare_works() -> bool:
    ids = uid_range()
    if ids is None or shutil.which("unshare") is None:
        return False
    try:
        r = subprocess.run([*unshare_prefix(ids[0]), "/bin/true"],
                           capture_output=True, timeout=20,
                           stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


def unshare_works() -> bool:
    return not os.environ.get(NO_UNSHARE) and _unshare_works()


def notice(sandbox: bool = True) -> str:
    """The one line every report starts with when bubblewrap is not what
    confines the programs; "" when it is."""
    if sandbox and not bwrap_problem():
        return ""
    why = bwrap_problem() if sandbox else "the sandbox is turned off"
    who, reader = {
        "unshare": ("as a user of their own without network, ", "that user"),
        "uid": ("as a user of their own (sharing the network), ",
                "that user"),
    }.get(mode(sandbox), ("", "you"))
    return (f"sandbox: {why}; programs run {who}under time, memory and "
            f"process limits, killed with all they start, but they can read "
            f"what {reader} can read (grader/INSTRUCTORS.md)")


# ---- bubblewrap's arguments -------------------------------------------------

@functools.lru_cache(maxsize=None)
def bwrap_sizes(bwrap: str) -> bool:
    """Whether this bubblewrap can size a tmpfs (--size, 0.7 and later;
    Ubuntu 22.04 has 0.6, where the grader's watch alone bounds them)."""
    try:
        r = subprocess.run([bwrap, "--help"], capture_output=True, text=True,
                           timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--size" in r.stdout + r.stderr


def system_args() -> list[str]:
    args: list[str] = []
    for d in SYSTEM:
        if os.path.islink(d):
            args += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            args += ["--ro-bind", d, d]
    args += ["--dir", "/etc"]
    for name in ETC:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    cc = shutil.which(os.environ.get("CC", "cc").split()[0])
    if cc:  # a compiler installed outside /usr (/opt/llvm, say)
        prefix = Path(os.path.realpath(cc)).parent.parent
        if not any(prefix.is_relative_to(d) for d in SYSTEM):
            args += ["--ro-bind", str(prefix), str(prefix)]
    return args


def under_system(path: str) -> bool:
    real = Path(os.path.realpath(path))
    return any(real.is_relative_to(os.path.realpath(d)) for d in SYSTEM
               if os.path.exists(d))


def bwrap_args(cwd: str, binds: Binds, tmpfs_bytes: int) -> list[str]:
    """bwrap's arguments for a command run in cwd with these binds."""
    bw = shutil.which("bwrap")
    size = (["--size", str(tmpfs_bytes)]
            if bw and bwrap_sizes(bw) else [])
    args = [*system_args(), "--proc", "/proc", "--dev", "/dev",
            *size, "--tmpfs", "/tmp", *size, "--tmpfs", "/dev/shm",
            "--remount-ro", "/dev"]
    # The course itself (its solutions, hidden checks) is never bound;
    # if it sits in a system folder (/usr/src/...), it is covered too.
    course = str(Path(__file__).resolve().parent.parent)
    hidden = os.environ.get("ASYNCBOOK_CHECKS", "")
    for h in dict.fromkeys((*binds.hide, course, hidden)):
        if h and under_system(h):
            args += ["--tmpfs", h]
    for p in binds.ro:
        args += ["--ro-bind", p, p]
    for p in binds.rw:
        args += ["--bind", p, p]
    return args + ["--unshare-all", "--die-with-parent", "--new-session",
                   "--chdir", cwd]


# ---- Running ----------------------------------------------------------------

def run(argv: list[str], cwd: str | Path, limits: Limits,
        binds: Binds = Binds(), *, env: dict[str, str] | None = None,
        stdin: bytes = b"", sandbox: bool = True) -> Result:
    """Run argv confined: the one way the grader runs what a student
    wrote (their program, and the compiler on their files). cwd and
    binds.rw are the only places it may write; they belong to the run's
    user while it runs and to the grader again after. env defaults to a
    clean one (no variable of the grader's leaks in)."""
    cwd = str(cwd)
    how = mode(sandbox)
    if env is None:
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C",
               "HOME": cwd, "TMPDIR": cwd}
    with lease() as uid:
        hand_over(binds.rw, uid)
        try:
            prefix: list[str] = []
            if how == "bwrap":
                bw = shutil.which("bwrap") or "bwrap"
                prefix = [bw, *bwrap_args(cwd, binds,
                                          limits.memory_mb << 20)]
                prefix, limits = own_process_limit(prefix, limits, uid)
            elif how == "unshare" and uid is not None:
                prefix = unshare_prefix(uid)

            def watched(pid: int) -> set[int]:
                tree = supervise.descendants(pid)
                return tree | set(processes_of(uid)) if uid else tree

            def usage(pids: set[int]) -> int:
                return (supervise.rss(pids) + scratch(how, pids, uid)
                        + sum(folder_bytes(p) for p in binds.rw))

            return supervise.spawn([*prefix, *argv], cwd, env, stdin,
                                   limits, uid, how, watched, usage,
                                   switch=how != "unshare")
        finally:
            take_back(binds.rw, uid)


def own_process_limit(prefix: list[str], limits: Limits,
                      uid: int | None) -> tuple[list[str], Limits]:
    """Not root, so the user is shared: the kernel counts processes per
    user and user namespace, so prlimit inside the sandbox's namespace
    gives the run a limit of its own, while the user's limit outside
    leaves room for a few runs at once."""
    prlimit = shutil.which("prlimit")
    if uid is not None or prlimit is None or not under_system(prlimit):
        return prefix, limits
    n = limits.processes
    return ([*prefix, prlimit, f"--nproc={n}:{n}", "--"],
            dataclasses.replace(limits, processes=8 * n))


def scratch(how: str, pids: set[int], uid: int | None) -> int:
    """Bytes the run keeps in scratch file systems (they are memory):
    its private /tmp and /dev/shm in bubblewrap, else what its user
    owns in the machine's shared ones."""
    if how == "bwrap":
        ours = os.stat("/")
        for pid in pids:  # the first one inside the sandbox's root
            try:
                root = os.stat(f"/proc/{pid}/root/")
                if (root.st_dev, root.st_ino) == (ours.st_dev, ours.st_ino):
                    continue
                return sum(used(f"/proc/{pid}/root{d}")
                           for d in ("/tmp", "/dev/shm"))
            except OSError:
                continue
        return 0
    if uid is None:
        return 0
    total = 0
    for top in ("/tmp", "/var/tmp", "/dev/shm"):
        try:
            for e in os.scandir(top):
                st = e.stat(follow_symlinks=False)
                if st.st_uid == uid:
                    total += (folder_bytes(e.path) if stat.S_ISDIR(st.st_mode)
                              else st.st_blocks * 512)
        except OSError:
            pass
    return total


def used(path: str) -> int:
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree) * st.f_frsize


def folder_bytes(top: str, most: int = 5000) -> int:
    """Bytes held by the files under top (the first `most` of them)."""
    total, seen = 0, 0
    for dirpath, _, files in os.walk(top):
        for name in files:
            seen += 1
            if seen > most:
                return total
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
            except OSError:
                pass
    return total
