"""Build exercises: make the runtime's sanitizer library, then compile a
student's files against it with AddressSanitizer and UBSan. Builds are
cached by the hash of everything that goes into them, so grading an
unchanged exercise again only runs it."""
from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from grader import run as runmod

CFLAGS = ("-std=c11", "-Wall", "-Wextra", "-g", "-O1", "-D_DEFAULT_SOURCE",
          "-fsanitize=address,undefined", "-fno-omit-frame-pointer")
LDFLAGS = ("-Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep", "-lm", "-pthread")
MAX_ERRORS = 5
SOURCE_LIMIT = 1 << 20  # a file bigger than this is not a source file


class BuildError(Exception):
    """The runtime itself could not be built (not the student's fault)."""


@dataclass(frozen=True)
class Build:
    ok: bool
    binary: Path | None
    errors: str          # the first errors, paths relative to the exercise
    warnings: str        # the compiler's warnings, for verbose reports
    cached: bool = False


def switch_name() -> str:
    """The context switch the Makefile picks for this machine."""
    try:
        arch = subprocess.run([os.environ.get("CC", "cc"), "-dumpmachine"],
                              capture_output=True, text=True,
                              timeout=30).stdout.split("-")[0]
    except (OSError, subprocess.SubprocessError):
        arch = platform.machine()
    if arch == "x86_64":
        return "x86_64"
    if arch in ("aarch64", "arm64"):
        return "aarch64"
    return "ucontext"


def library(repo: Path, make: bool = True) -> Path:
    """build/<cc>-<switch>-san/libasync.a, made first (quietly) if asked."""
    if make:
        r = subprocess.run(["make", "-s", "-C", str(repo), "lib", "SAN=1"],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise BuildError("the runtime did not build (make lib SAN=1):\n"
                             + (r.stderr or r.stdout).strip())
    cc = os.environ.get("CC", "cc")
    name = "cc" if cc == "cc" else Path(cc.split()[0]).name
    lib = repo / "build" / f"{name}-{switch_name()}-san" / "libasync.a"
    if lib.is_file():
        return lib
    found = sorted((repo / "build").glob("*-san/libasync.a"))
    if not found:
        raise BuildError("build/*-san/libasync.a is missing; run "
                         "'make lib SAN=1'")
    return found[0]


def snapshot(lib: Path, into: Path) -> Path:
    """A private, content-named copy of the library: another make that
    rebuilds it while we grade (it removes, then archives) cannot pull
    it from under a compile."""
    for attempt in range(20):
        try:
            data = lib.read_bytes()
            break
        except FileNotFoundError:
            if attempt == 19:
                raise BuildError(f"{lib} vanished (is another make "
                                 "rebuilding it?); try again") from None
            time.sleep(0.2)
    name = hashlib.sha256(data).hexdigest()[:24]
    into.mkdir(parents=True, exist_ok=True)
    copy = into / f"libasync-{name}.a"
    if not copy.is_file():
        tmp = into / f".{name}.{os.getpid()}.{threading.get_ident()}"
        tmp.write_bytes(data)
        os.replace(tmp, copy)
    return copy


def digest(paths: list[Path], extra: str) -> str:
    h = hashlib.sha256(extra.encode())
    for p in paths:
        h.update(p.name.encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:24]


def runtime_inputs(repo: Path, lib: Path) -> list[Path]:
    return [lib, *sorted((repo / "runtime").glob("*.h"))]


def stage(sources: dict[str, Path], into: Path) -> None:
    """Copy the files to compile into one folder, under their own names,
    so that compiler messages name them as the exercise does."""
    into.mkdir(parents=True, exist_ok=True)
    for name, src in sources.items():
        shutil.copyfile(src, into / name)


def compile_program(repo: Path, lib: Path, cache: Path,
                    files: dict[str, Path], compile_: list[str],
                    generated: dict[str, str] | None = None,
                    defines: tuple[str, ...] = (), sandbox: bool = True,
                    hide: tuple[str, ...] = ()) -> Build:
    """Compile the .c files named in compile_ (all of files, and the
    generated ones, are staged, so headers the exercise ships are found).
    Returns the Build; a cached binary is reused when nothing that goes
    into it has changed."""
    generated = generated or {}
    inputs = [files[n] for n in sorted(files)]
    extra = " ".join((*CFLAGS, *defines, *LDFLAGS, *compile_,
                      *(f"{k}={v}" for k, v in sorted(generated.items()))))
    key = digest(inputs + runtime_inputs(repo, lib), extra)
    home = cache / key
    binary = home / "prog"
    if binary.is_file():
        warnings = (home / "warnings.txt").read_text() \
            if (home / "warnings.txt").is_file() else ""
        return Build(True, binary, "", warnings, cached=True)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=cache))
    try:
        src = work / "src"
        stage(files, src)
        for name, text in generated.items():
            (src / name).write_text(text)
        # The compiler reads what the student's #include names: it runs
        # confined as the program does, as a user of its own, under
        # limits (an #include "/dev/zero" ends at the memory limit).
        cmd = [os.environ.get("CC", "cc"), *CFLAGS, *defines,
               f"-fdebug-prefix-map={src}=.", f"-I{repo / 'runtime'}",
               *compile_, str(lib), *LDFLAGS,
               "-o", str(work / "prog")]
        binds = runmod.Binds(ro=(str(repo / "runtime"), str(lib)),
                             rw=(str(work),), hide=hide)
        r = runmod.sandboxed(cmd, src, COMPILE_LIMITS, binds,
                             env=compile_env(work), sandbox_on=sandbox)
        text = tidy(r.stderr.decode("utf-8", "replace"), src, work, lib,
                    repo)
        if r.status != "exit" or r.code != 0:
            return Build(False, None, compile_failure(r, text), text)
        (work / "warnings.txt").write_text(text)
        try:
            os.replace(work, home)  # atomic: parallel graders agree
        except OSError:
            pass  # another grader built the same thing first
        if not binary.is_file():
            return Build(False, None, "the build vanished", text)
        return Build(True, binary, "", text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


COMPILE_LIMITS = runmod.Limits(timeout=60, cpu=30, memory_mb=1024,
                               processes=32, file_mb=256,
                               address_space=True)


def compile_env(work: Path) -> dict[str, str]:
    """The compiler's whole environment: nothing of the grader's."""
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C",
            "HOME": str(work), "TMPDIR": str(work)}


def compile_failure(r: runmod.Result, text: str) -> str:
    """What a failed compile says: its first errors, or which limit
    stopped it."""
    lim = COMPILE_LIMITS
    if r.status == "timeout" or "CPU time limit" in text:
        return (f"the compiler was stopped after {lim.timeout:g} s, or "
                f"{lim.cpu:g} s of CPU time (an #include of something "
                "that never ends?)")
    if r.status == "flood":
        return first_errors(text) + "\n(and more than 1 MiB of messages)"
    if r.status == "memory" or "out of memory" in text:
        return (f"the compiler was stopped at {lim.memory_mb} MiB of "
                "memory (an #include of something endless, like "
                "/dev/zero?)")
    if r.status == "error":
        return text or "the compiler did not start"
    return first_errors(text)


def tidy(text: str, src: Path, *more: Path) -> str:
    """Compiler messages without the grader's own paths: the student's
    files by their names, the library as libasync.a, no course path."""
    text = text.replace(str(src) + "/", "")
    for p in more:
        if p.suffix == ".a":
            text = text.replace(str(p), "libasync.a")
        else:
            text = text.replace(str(p) + "/", "")
    return text


ERROR = re.compile(r"^(\S+?):(\d+):(\d+): (fatal )?error: ")
LINK = re.compile(r"undefined reference to|multiple definition|cannot find")


def first_errors(text: str) -> str:
    """The first few errors, each with its source line and caret."""
    lines = text.splitlines()
    out: list[str] = []
    count = 0
    for i, line in enumerate(lines):
        if ERROR.match(line) or LINK.search(line):
            count += 1
            if count > MAX_ERRORS:
                break
            out.append(line)
            for follow in lines[i + 1:i + 3]:  # the source line and caret
                if follow.startswith(" ") and not ERROR.match(follow):
                    out.append(follow)
    if not out:
        out = [l for l in lines if l.strip()][:MAX_ERRORS * 3]
    return "\n".join(out)


def prune(cache: Path, keep: int = 1000, age: float = 3600) -> None:
    """Keep the cache from growing without bound: drop the oldest builds
    beyond `keep`, but none younger than `age` seconds (another grader
    may be about to run it)."""
    try:
        entries = sorted((p for p in cache.iterdir() if p.is_dir()),
                         key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    old = time.time() - age
    for p in entries[:-keep]:
        try:
            if p.stat().st_mtime < old:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            pass
