"""Taking a student's edited files out of their folder (class mode,
--files-from) as hostile data: every path is walked one folder at a time
without following links, and a file is taken only if it is a regular file
with one name (a hard link could be a course file), not too big. What is
taken is copied into a private folder, and only the copy is graded; what
is refused gets one line saying why, for that student and that exercise."""
from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

from grader import spec

MAX_BYTES = 1 << 20  # an edited file bigger than this is not source
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class Refused(Exception):
    """A path the grader will not follow; str() is the one-line why."""


def kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def open_dir(name: str, dir_fd: int | None, shown: str) -> int:
    """Open folder name (in dir_fd) without following a link. Raises
    FileNotFoundError, or Refused for anything but a real folder."""
    try:
        return os.open(name, DIR_FLAGS, dir_fd=dir_fd)
    except OSError as e:
        if e.errno == errno.ENOENT:
            raise FileNotFoundError(shown) from None
        if e.errno in (errno.ELOOP, errno.ENOTDIR):
            mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
            raise Refused(f"{shown} is {kind(mode)}, not a folder of "
                          "yours (only plain folders are graded)") from None
        raise Refused(f"{shown} cannot be read ({e.strerror})") from None


def read_file(name: str, dir_fd: int, shown: str) -> bytes:
    """The contents of file name in dir_fd, taken as hostile data."""
    try:
        fd = os.open(name, FILE_FLAGS, dir_fd=dir_fd)
    except OSError as e:
        if e.errno == errno.ENOENT:
            raise FileNotFoundError(shown) from None
        if e.errno == errno.ELOOP:
            raise Refused(f"{shown} is a symbolic link; only plain files "
                          "are graded") from None
        raise Refused(f"{shown} cannot be read ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"{shown} is {kind(st.st_mode)}; only plain "
                          "files are graded")
        if st.st_nlink > 1:
            raise Refused(f"{shown} is a hard link ({st.st_nlink} names "
                          "for one file); hand in a copy of your own")
        if st.st_size > MAX_BYTES:
            raise Refused(f"{shown} is over {MAX_BYTES >> 10} KiB")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise Refused(f"{shown} is over {MAX_BYTES >> 10} KiB")
        return data
    finally:
        os.close(fd)


def exercise_folder(root_fd: int, slug: str) -> tuple[str, int] | None:
    """(its name, an open fd) of the student's folder for an exercise: by
    its full name, else by its number (a student may rename it); None if
    there is none. A link in its place is refused, never followed."""
    names = sorted(os.listdir(root_fd))
    wanted = [slug] if slug in names else [
        n for n in names
        if spec.folder_id(n) == spec.folder_id(slug) != ""]
    for n in wanted:
        try:
            return n, open_dir(n, root_fd, n)
        except FileNotFoundError:
            continue
    return None


def take(root: Path, slug: str, files: tuple[str, ...],
         into: Path) -> str:
    """Copy the edited files of exercise slug from the student's copy of
    exercises/ at root into into/slug/. Returns "" or the refusal; a
    missing file is left missing (the grader says so)."""
    (into / slug).mkdir(parents=True, exist_ok=True)
    try:
        root_fd = open_dir(str(root), None, root.name)
    except FileNotFoundError:
        return ""
    except Refused as e:
        return str(e)
    try:
        found = exercise_folder(root_fd, slug)
        if found is None:
            return ""
        name, fd = found
        try:
            for f in files:
                if "/" in f or f in (".", ".."):
                    return f"{f}: not a file name"
                try:
                    data = read_file(f, fd, f"{name}/{f}")
                except FileNotFoundError:
                    continue
                (into / slug / f).write_bytes(data)
        finally:
            os.close(fd)
    except Refused as e:
        shutil.rmtree(into / slug, ignore_errors=True)
        (into / slug).mkdir(parents=True, exist_ok=True)
        return str(e)
    finally:
        os.close(root_fd)
    return ""


def student_root(folder: Path) -> tuple[Path, str]:
    """The student's copy of exercises/ in their folder (the folder
    itself, or its exercises/), and a refusal if the way there is a link
    or not a folder."""
    try:
        st = os.lstat(folder)
    except OSError as e:
        return folder, f"{folder.name} cannot be read ({e.strerror})"
    if not stat.S_ISDIR(st.st_mode):
        return folder, (f"the student's folder {folder.name} is "
                        f"{kind(st.st_mode)}, not a folder")
    inner = folder / "exercises"
    try:
        st = os.lstat(inner)
    except FileNotFoundError:
        return folder, ""
    except OSError as e:
        return folder, f"exercises cannot be read ({e.strerror})"
    if not stat.S_ISDIR(st.st_mode):
        return folder, (f"exercises is {kind(st.st_mode)}, not a folder "
                        "of the student's")
    return inner, ""
