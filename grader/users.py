"""A user id of its own for each run (as root): the kernel counts
processes per user, so its process limit is its own, and every process it
leaves behind, in whatever session or namespace, can be found and killed.
The ids come from a range no account uses, each held by a lock file while
a run has it, so parallel graders on one machine never share one."""
from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import pwd
import random
import shutil
import signal
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterator

UID_BASES = (3_000_000, 50_000)   # the first the user namespace maps wins
UID_COUNT = 1000


@functools.lru_cache(maxsize=None)
def uid_range() -> range | None:
    """The user ids runs take (root only): a range this user namespace
    maps, with no account in it."""
    if os.geteuid() != 0:
        return None
    maps = []
    try:
        with open("/proc/self/uid_map") as f:
            for line in f:
                inside, _, count = (int(x) for x in line.split())
                maps.append((inside, count))
    except (OSError, ValueError):
        maps = [(0, 65536)]
    for base in UID_BASES:
        if any(s <= base and base + UID_COUNT <= s + c for s, c in maps):
            return range(base, base + UID_COUNT)
    return None


def lock_dir() -> Path:
    """A folder only root may write, for the lock files of the ids."""
    d = Path(tempfile.gettempdir()) / "asyncbook-uids"
    try:
        d.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(d)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == 0 and \
                not st.st_mode & 0o022:
            return d
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="asyncbook-uids-"))


@contextlib.contextmanager
def lease() -> Iterator[int | None]:
    """A user id no other run (of this grader or another one on this
    machine) has while the block runs; None when we are not root. Its
    leftovers from a grader that died are killed first."""
    ids = uid_range()
    if ids is None:
        yield None
        return
    folder = lock_dir()
    start = random.randrange(len(ids))
    for i in range(len(ids)):
        uid = ids[(start + i) % len(ids)]
        if has_account(uid):
            continue
        fd = os.open(folder / str(uid), os.O_RDWR | os.O_CREAT |
                     os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        try:
            sweep(uid)
            yield uid
        finally:
            sweep(uid)
            os.close(fd)
        return
    raise RuntimeError(f"all {len(ids)} user ids for runs are taken")


@functools.lru_cache(maxsize=None)
def has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def user_args(uid: int | None) -> dict:
    """subprocess's arguments that start a command as uid."""
    if uid is None:
        return {}
    return {"user": uid, "group": uid, "extra_groups": []}


def processes_of(uid: int) -> list[int]:
    """The live processes (zombies have ended) whose real user is uid."""
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            with open(f"/proc/{p}/status") as f:
                head = f.read(1024)
        except OSError:
            continue
        fields = dict(l.split(":", 1) for l in head.splitlines() if ":" in l)
        try:
            if int(fields.get("Uid", "-1").split()[0]) == uid and \
                    fields.get("State", "Z").split()[0] not in ("Z", "X"):
                out.append(int(p))
        except (ValueError, IndexError):
            pass
    return out


def sweep(uid: int, limit: float = 5.0) -> None:
    """Kill every process of uid: kill(-1) from a process of that user
    reaches them all, whatever session or namespace they fled to. A
    fork bomb may fork between two sweeps: repeat until none is left."""
    deadline = time.monotonic() + limit
    while processes_of(uid) and time.monotonic() < deadline:
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child)
            try:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        time.sleep(0.01)
    clean_shared(uid)


def clean_shared(uid: int) -> None:
    """Remove what uid left in the machine's shared scratch folders (the
    fallback gives no private /tmp): nothing outside a run may change."""
    for top in ("/tmp", "/var/tmp", "/dev/shm"):
        try:
            entries = list(os.scandir(top))
        except OSError:
            continue
        for e in entries:
            try:
                if e.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if e.is_dir(follow_symlinks=False):
                    shutil.rmtree(e.path, ignore_errors=True)
                else:
                    os.unlink(e.path)
            except OSError:
                pass


def hand_over(paths: tuple[str, ...], uid: int | None) -> None:
    """Give the run's writable folders to its user."""
    if uid is None:
        return
    for p in paths:
        os.chown(p, uid, uid, follow_symlinks=False)


def take_back(paths: tuple[str, ...], uid: int | None) -> None:
    """After the run: everything in its writable folders belongs to the
    grader again and nobody else may write it (a later run that gets the
    same id must not change a cached binary)."""
    if uid is None:
        return
    me, group = os.geteuid(), os.getegid()
    for top in paths:
        for dirpath, dirs, files in os.walk(top):
            for name in (*dirs, *files):
                fix(os.path.join(dirpath, name), me, group)
        fix(top, me, group)


def fix(path: str, uid: int, gid: int) -> None:
    try:
        st = os.lstat(path)
        os.chown(path, uid, gid, follow_symlinks=False)
        if not stat.S_ISLNK(st.st_mode):
            os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o7022)
    except OSError:
        pass
