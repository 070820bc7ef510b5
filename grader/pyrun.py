"""The asyncio track's runs: a Python exercise builds to nothing and runs
as `python -X dev grader/vclock.py FILE` (the virtual clock; with
ASYNC_TRACE, the C runtime's trace through grader/pytrace.py), in the
same sandbox, under the same limits, as a C program (grader/run.py).

The sandbox shows the interpreter (its installation, read-only) and a
copy of the harness (vclock.py, pytrace.py and runtime/clock.c, whose
constants vclock reads), made once per content beside the runtime
library's snapshot; nothing else of the course. How a run ended is one
line, as for C: a traceback becomes "the program raised ...", a
SyntaxError "syntax error: ...", a TODO left in a stub "not done yet:
...", vclock's deadlock "deadlock: ..."."""
from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grader import run as runmod
from grader import sandbox
from grader import trace as tracemod

GRADER = Path(__file__).resolve().parent
HARNESS = (("grader", GRADER / "vclock.py"), ("grader", GRADER / "pytrace.py"),
           ("runtime", GRADER.parent / "runtime" / "clock.c"))
# -X dev: asyncio's debug mode and every warning shown ("coroutine ... was
# never awaited" among them), as ASYNC_DEBUG=1 is for C; -B: no .pyc
# written; -s: no user site-packages.
FLAGS = ("-X", "dev", "-B", "-s")
STDLIB = re.compile(r"/[^\s\"']*/lib/python3\.\d+/")  # the interpreter's


def harness(into: Path) -> Path:
    """A read-only copy of the files a Python run imports, named by their
    content, in into (the library snapshot's folder, which every sandbox
    may be shown): into/pyharness-HASH/{grader,runtime}/."""
    h = hashlib.sha256()
    for _, p in HARNESS:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    home = into / f"pyharness-{h.hexdigest()[:24]}"
    if (home / "grader" / "vclock.py").is_file():
        return home
    tmp = Path(tempfile.mkdtemp(prefix=".pyharness-", dir=into))
    for sub, p in HARNESS:
        (tmp / sub).mkdir(exist_ok=True)
        shutil.copyfile(p, tmp / sub / p.name)
        os.chmod(tmp / sub / p.name, 0o644)
        os.chmod(tmp / sub, 0o755)
    os.chmod(tmp, 0o755)
    try:
        os.replace(tmp, home)
    except OSError:  # another grader made it first
        shutil.rmtree(tmp, ignore_errors=True)
    return home


def version_ok(python: str) -> bool:
    try:
        r = subprocess.run([python, "-c", "import sys; print("
                            "sys.version_info >= (3, 11))"],
                           capture_output=True, text=True, timeout=20,
                           stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.stdout.strip() == "True"


@functools.lru_cache(maxsize=None)
def interpreter(mode: str) -> tuple[str, tuple[str, ...]]:
    """(the python to run, the folders to show it read-only): the
    grader's own (a pyenv or a venv: its installation is shown), unless
    the programs' own user (as root: bubblewrap too runs as that user)
    cannot reach it (a pyenv in a 0700 /root): then a system python3 of
    3.11 or newer. ("", ()) if there is none."""
    own = os.path.realpath(sys.executable)
    dirs = tuple(dict.fromkeys(
        os.path.realpath(d) for d in (sys.base_prefix, sys.prefix,
                                      str(Path(own).parent.parent))
        if not sandbox.under_system(d)))
    if runmod.run_as() is None or all(
            runmod.others_can_enter(Path(d)) for d in (*dirs, own)):
        return own, dirs
    for p in ("/usr/bin/python3", "/usr/local/bin/python3",
              *(f"/usr/bin/python3.{n}" for n in range(11, 20))):
        if os.path.isfile(p) and runmod.others_can_enter(Path(p)) \
                and version_ok(p):
            return p, ()
    return "", ()


def run_script(files: dict[str, Path], script: str, lib_dir: Path, *,
               args: tuple[str, ...] = (), stdin: str = "",
               limits: runmod.Limits = runmod.Limits(), sandbox_on: bool = True,
               hide: tuple[str, ...] = ()) -> runmod.RunResult:
    """Run script (one of files, all copied to a fresh run folder) under
    vclock, confined and limited as a C program is. Never raises for
    anything the program does."""
    mode = sandbox.mode(sandbox_on)
    python, dirs = interpreter(mode)
    if not python:
        return runmod.RunResult(
            "error", -1, "", "the Python exercises need a python3 of 3.11 "
            "or newer that the programs' own user can read (install the "
            "system's python3, or bubblewrap)", None, 0.0, mode)
    home = harness(lib_dir)
    rundir = Path(tempfile.mkdtemp(prefix="asyncbook-run-"))
    try:
        for name, src in files.items():
            shutil.copyfile(src, rundir / name)
        tracefile = rundir / "trace.jsonl"
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "HOME": str(rundir), "TMPDIR": str(rundir),
               "ASYNC_DEBUG": "1", "ASYNC_CLOCK": "virtual",
               "ASYNC_TRACE": str(tracefile), "PYTHONHASHSEED": "0"}
        argv = [python, *FLAGS, str(home / "grader" / "vclock.py"), script,
                *args]
        binds = runmod.Binds(ro=(*dirs, str(home)), rw=(str(rundir),),
                             hide=hide)
        r = runmod.sandboxed(argv, rundir, limits, binds, env=env,
                             stdin=stdin.encode(), sandbox_on=sandbox_on)
        err = r.stderr.decode("utf-8", "replace")
        if r.mode == "bwrap" and err.startswith("bwrap: "):
            return runmod.RunResult("error", r.code, "", "the sandbox "
                                    "(bubblewrap) did not start: "
                                    + err.strip(), None, r.wall, r.mode)
        return runmod.RunResult(r.status, r.code,
                                r.stdout.decode("utf-8", "replace"),
                                tidy(err, rundir, home),
                                tracemod.read(tracefile), r.wall, r.mode)
    finally:
        shutil.rmtree(rundir, ignore_errors=True)


# What start_up runs: a program that does nothing but start asyncio's loop.
EMPTY = "import asyncio\n\n\nasync def main():\n    pass\n\nasyncio.run(main())\n"


def start_up(lib_dir: Path, *, limits: runmod.Limits = runmod.Limits(),
             sandbox_on: bool = True, hide: tuple[str, ...] = ()) -> float:
    """The real seconds a program that does nothing takes here, now (the
    interpreter, asyncio, the harness, the sandbox): what a Python run may
    take on top of its virtual time. Measured by the grader, in the same
    sandbox under the same load, never read from a program's own trace,
    which the program could write. 0.0 if even that run failed."""
    with tempfile.TemporaryDirectory(prefix="asyncbook-empty-") as d:
        empty = Path(d) / "empty.py"
        empty.write_text(EMPTY, encoding="utf-8")
        r = run_script({"empty.py": empty}, "empty.py", lib_dir,
                       limits=limits, sandbox_on=sandbox_on, hide=hide)
    return r.wall if r.ok else 0.0

def tidy(text: str, rundir: Path, home: Path) -> str:
    """A traceback as the student reads it: their files by name, the
    standard library as <stdlib>, the harness as grader/."""
    text = text.replace(f"{rundir}/", "").replace(f"{home}/", "")
    return STDLIB.sub("<stdlib>/", text)


# ---- Saying how it ended ----------------------------------------------------

FILE_LINE = re.compile(r'^  File "([^"]+)", line (\d+)')
EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*)(?:: (.*))?$")


def raised(stderr: str, own: tuple[str, ...] = ()) -> str:
    """The one line for an uncaught exception in stderr (its last
    traceback), or "" if there is none. own: the student's files, which
    the line's place is taken from first."""
    lines = stderr.splitlines()
    frames = [i for i, l in enumerate(lines) if FILE_LINE.match(l)]
    if not frames:
        return ""
    last = frames[-1]
    exc = next((l for l in lines[last + 1:] if l and not l[0].isspace()),
               "")
    m = EXCEPTION.match(exc)
    if not m:
        return ""
    places = [FILE_LINE.match(lines[i]) for i in frames]
    mine = [p for p in places if p and p.group(1) in own] or \
        [p for p in places if p and "/" not in p.group(1)
         and not p.group(1).startswith("<")]
    where = (mine or places)[-1]
    assert where is not None
    file, line = where.group(1), where.group(2)
    kind, text = m.group(1), (m.group(2) or "")
    if kind == "SyntaxError" or kind == "IndentationError" \
            or kind == "TabError":
        return f"syntax error: {file}:{line}: {text}"[:300]
    if kind == "NotImplementedError" and text.startswith("TODO"):
        return f"not done yet: {file}:{line}: {text}"[:300]
    if kind == "RuntimeError" and text.startswith("vclock: deadlock"):
        return "deadlock: " + text.split(": ", 2)[-1]
    return f"the program raised {exc[:240]} ({file} line {line})"


def outcome(r: runmod.RunResult, limits: runmod.Limits, expect_exit: int,
            own: tuple[str, ...]) -> str:
    """One line that says how a Python run ended; "" when it ended well."""
    if r.status != "exit" or (r.trace is not None and r.trace.problem):
        return runmod.outcome(r, limits, expect_exit)
    if r.code == expect_exit:
        return ""
    return raised(r.stderr, own) or runmod.outcome(r, limits, expect_exit)
