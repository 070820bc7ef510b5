#!/usr/bin/env python3
"""Check every lesson example against its stored output.

A lesson folder (lessons/NN-topic/) holds examples; for an example NAME:

    NAME.c             a complete program, built with -Werror against the
                       runtime and run under ASYNC_CLOCK=virtual
    NAME.expected      its exact stdout
    NAME.exit          optional: its exit status, when not 0
    NAME.stderr        optional: lines that must each appear in its stderr
    NAME.env           optional: extra environment, KEY=VALUE per line
    NAME.py            optional: the asyncio twin, run under the virtual-time
                       loop of grader/vclock.py (with NAME.env too)
    NAME.py.expected   optional: the twin's stdout when it differs from the
                       C one; else the twin must print NAME.expected
    NAME.py.exit       optional: the twin's exit status (else NAME.exit,
                       else 0)
    NAME.py.stderr     optional: lines that must each appear in the twin's
                       stderr (NAME.stderr is for the C program only)

A NAME.py with no NAME.c is a Python-only example: it must print
NAME.py.expected (or NAME.expected).

    python3 grader/lessons.py [FILTER...] [-v] [--update]

FILTER picks lessons by number or name (`07`, `07-sleeping`) or one example
(`07-sleeping/countasync`). -v shows the commands. --update writes
NAME.expected from what the C program prints (for lesson authors: read the
diff before you commit it). Binaries go to build/lessons/.

One line per example, then `lessons: N passed, M failed`, counting each C
program and each twin. Exit status 0 only if nothing failed and something
ran.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: make `grader` importable
    sys.path.insert(0, str(ROOT))

from grader import build as buildmod  # noqa: E402

VCLOCK = Path(__file__).resolve().parent / "vclock.py"
TIMEOUT = 30            # real seconds per run; everything is virtual time
OUTPUT_CAP = 1 << 20    # bytes of output kept per run
DIFF_LINES = 40         # lines of a diff shown
LESSON_DIR = re.compile(r"^\d{2}-[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Config:
    root: Path = ROOT            # the project: Makefile, runtime/
    lessons: Path = ROOT / "lessons"
    build: Path = ROOT / "build" / "lessons"
    update: bool = False
    verbose: bool = False


@dataclass(frozen=True)
class Example:
    lesson: str   # "07-sleeping"
    name: str     # "countasync"
    folder: Path

    def path(self, suffix: str) -> Path:
        return self.folder / (self.name + suffix)

    @property
    def label(self) -> str:
        return f"{self.lesson}/{self.name}"

    @property
    def has_c(self) -> bool:
        return self.path(".c").is_file()

    @property
    def has_twin(self) -> bool:
        return self.path(".py").is_file()


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str
    timed_out: bool = False


@dataclass
class Part:
    """The verdict on one program of an example (the C one or its twin)."""

    label: str                 # "C", "asyncio twin" or "Python"
    ok: bool = True
    why: str = ""              # a short reason, on the summary line
    detail: list[str] = field(default_factory=list)  # diff, stderr...

    def fail(self, why: str, *detail: str) -> "Part":
        self.ok = False
        self.why = why
        for text in detail:
            self.detail.extend(text.rstrip("\n").splitlines())
        return self


# ---- Finding examples -------------------------------------------------------

def lesson_dirs(cfg: Config) -> list[Path]:
    if not cfg.lessons.is_dir():
        return []
    return sorted(p for p in cfg.lessons.iterdir()
                  if p.is_dir() and LESSON_DIR.match(p.name))


def wanted(example: Example, filters: list[str]) -> bool:
    """A filter names a lesson by number or name, or one example."""
    if not filters:
        return True
    for f in filters:
        f = f.strip("/")
        if "/" in f:
            if example.label == f or example.label.startswith(f):
                return True
        elif example.lesson == f or example.lesson.startswith(f + "-") \
                or (f.isdigit() and example.lesson[:2] == f.zfill(2)):
            return True
    return False


def find_examples(cfg: Config, filters: list[str]) -> list[Example]:
    examples = []
    for d in lesson_dirs(cfg):
        names = sorted({p.name[:-2] for p in d.glob("*.c")}
                       | {p.name[:-3] for p in d.glob("*.py")})
        for name in names:
            ex = Example(d.name, name, d)
            if wanted(ex, filters):
                examples.append(ex)
    return examples


# ---- Building ---------------------------------------------------------------

def build_library(cfg: Config) -> tuple[Path | None, str]:
    """The plain runtime library, made first (build.py asks the
    Makefile). Returns (path, error text)."""
    try:
        return buildmod.library(cfg.root, san=False), ""
    except buildmod.BuildError as e:
        return None, str(e)


def compile_command(cfg: Config, ex: Example, lib: Path) -> list[str]:
    """What -v shows: the lesson flags of runtime/flags.mk."""
    return buildmod.command_line("lesson", [str(ex.path(".c"))], lib,
                                 binary(cfg, ex))


def binary(cfg: Config, ex: Example) -> Path:
    return cfg.build / ex.lesson / ex.name


def up_to_date(cfg: Config, ex: Example, lib: Path) -> bool:
    out = binary(cfg, ex)
    if not out.exists():
        return False
    newest = max(p.stat().st_mtime for p in
                 (ex.path(".c"), lib, cfg.root / "runtime" / "async.h"))
    return out.stat().st_mtime >= newest


def build(cfg: Config, ex: Example, lib: Path) -> str:
    """Compiles ex; returns the compiler's complaint, or "" on success."""
    if up_to_date(cfg, ex, lib):
        return ""
    return buildmod.compile_plain("lesson", [str(ex.path(".c"))],
                                  binary(cfg, ex), lib,
                                  cwd=cfg.root).strip()


# ---- Running ----------------------------------------------------------------

def read_env(ex: Example) -> dict[str, str]:
    env = {}
    f = ex.path(".env")
    if f.is_file():
        for line in f.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                env[key.strip()] = value.strip()
    return env


def run_env(ex: Example) -> dict[str, str]:
    """The environment of a run: ours, without any ASYNC_ setting that
    would change the output, plus the virtual clock and NAME.env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASYNC_")}
    env.pop("PYTHONASYNCIODEBUG", None)
    env["ASYNC_CLOCK"] = "virtual"
    env.update(read_env(ex))
    return env


def run(cfg: Config, cmd: list[str], ex: Example,
        argv0: str | None = None) -> Run:
    """Runs cmd in the lesson's build folder (so that a file it writes,
    such as a trace, stays out of the sources); argv0, if given, is the
    name the program sees as argv[0] (not the build path, which varies)."""
    argv = [argv0] + cmd[1:] if argv0 else cmd
    cwd = cfg.build / ex.lesson
    cwd.mkdir(parents=True, exist_ok=True)
    try:
        r = subprocess.run(argv, executable=cmd[0], cwd=str(cwd),
                           env=run_env(ex), capture_output=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return Run(-1, _text(e.stdout), _text(e.stderr), timed_out=True)
    return Run(r.returncode, _text(r.stdout), _text(r.stderr))


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        return data[:OUTPUT_CAP]
    return data[:OUTPUT_CAP].decode("utf-8", errors="replace")


# ---- Judging ----------------------------------------------------------------

def expected_status(ex: Example, twin: bool) -> int:
    for suffix in ((".py.exit", ".exit") if twin else (".exit",)):
        f = ex.path(suffix)
        if f.is_file():
            return int(f.read_text().strip() or "0")
    return 0


def required_stderr(ex: Example, twin: bool) -> list[str]:
    f = ex.path(".py.stderr" if twin else ".stderr")
    if not f.is_file():
        return []
    return [line.rstrip() for line in f.read_text().splitlines()
            if line.strip()]


def show_diff(expected: str, got: str, name: str, what: str) -> str:
    lines = list(difflib.unified_diff(
        expected.splitlines(), got.splitlines(), f"expected ({name})",
        f"got ({what})", lineterm=""))
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + [f"... ({len(lines) - DIFF_LINES} "
                                      "more lines)"]
    return "\n".join(lines)


def judge(part: Part, ex: Example, r: Run, expected_file: Path,
          twin: bool) -> Part:
    """Compares one run with what the example's files require."""
    tail = "\n".join(r.stderr.splitlines()[-10:])
    if r.timed_out:
        return part.fail(f"still running after {TIMEOUT} s (a deadlock or "
                         "an endless loop?)", tail)
    want = expected_status(ex, twin)
    if r.status != want:
        return part.fail(f"exit status {r.status}, expected {want}",
                         "stderr:\n" + tail if tail else "")
    if not expected_file.is_file():
        return part.fail(f"no {expected_file.name} (`lessons.py --update "
                         f"{ex.label}` writes it from the C output)")
    expected = expected_file.read_text()
    if r.stdout != expected:
        return part.fail("stdout differs", show_diff(
            expected, r.stdout, expected_file.name, part.label + " stdout"))
    missing = [line for line in required_stderr(ex, twin)
               if line not in r.stderr]
    if missing:
        return part.fail("stderr lacks a required line",
                         *("missing: " + m for m in missing),
                         "stderr:\n" + tail)
    return part


def check_c(cfg: Config, ex: Example, lib: Path | None,
            lib_error: str) -> Part:
    part = Part("C")
    if lib is None:
        return part.fail("the runtime did not build", lib_error)
    error = build(cfg, ex, lib)
    if error:
        return part.fail("does not compile", error)
    r = run(cfg, [str(binary(cfg, ex))], ex, argv0="./" + ex.name)
    if cfg.update and not r.timed_out:
        ex.path(".expected").write_text(r.stdout)
    return judge(part, ex, r, ex.path(".expected"), twin=False)


def check_twin(cfg: Config, ex: Example) -> Part:
    part = Part("asyncio twin" if ex.has_c else "Python")
    r = run(cfg, [sys.executable, str(VCLOCK), str(ex.path(".py"))], ex)
    expected = ex.path(".py.expected")
    if not expected.is_file():
        expected = ex.path(".expected")
    if cfg.update and not ex.has_c and not r.timed_out:
        expected.write_text(r.stdout)
    return judge(part, ex, r, expected, twin=True)


def check(cfg: Config, ex: Example, lib: Path | None,
          lib_error: str) -> list[Part]:
    parts = []
    if ex.has_c:
        parts.append(check_c(cfg, ex, lib, lib_error))
    if ex.has_twin:
        parts.append(check_twin(cfg, ex))
    return parts


def report(ex: Example, parts: list[Part]) -> list[str]:
    if all(p.ok for p in parts):
        labels = ", ".join(p.label for p in parts)
        return [f"ok   {ex.label} ({labels})"]
    says = "; ".join(f"{p.label}: {'ok' if p.ok else p.why}" for p in parts)
    lines = [f"FAIL {ex.label} ({says})"]
    for p in parts:
        if not p.ok and p.detail:
            lines += ["     " + line for line in p.detail]
    return lines


# ---- The command ------------------------------------------------------------

def run_all(cfg: Config, filters: list[str],
            out: TextIO | None = None) -> tuple[int, int]:
    """Checks the examples, printing a line each; returns (passed,
    failed)."""
    out = sys.stdout if out is None else out
    examples = find_examples(cfg, filters)
    lib, lib_error = None, ""
    if any(ex.has_c for ex in examples):
        lib, lib_error = build_library(cfg)
    if cfg.verbose and lib is not None:
        for ex in examples:
            if ex.has_c:
                print("+ " + " ".join(compile_command(cfg, ex, lib)),
                      file=out)
    passed = failed = 0
    workers = max(2, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        verdicts = pool.map(lambda ex: check(cfg, ex, lib, lib_error),
                            examples)
        for ex, parts in zip(examples, verdicts):
            for line in report(ex, parts):
                print(line, file=out, flush=True)
            passed += sum(p.ok for p in parts)
            failed += sum(not p.ok for p in parts)
    print(f"lessons: {passed} passed, {failed} failed", file=out)
    return passed, failed


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description="Check every lesson example against its stored output.")
    ap.add_argument("filters", nargs="*", metavar="FILTER",
                    help="a lesson (07, 07-sleeping) or an example "
                         "(07-sleeping/countasync)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show the build commands")
    ap.add_argument("--update", action="store_true",
                    help="write NAME.expected from the C program's stdout")
    ap.add_argument("--lessons", type=Path, default=ROOT / "lessons",
                    help=argparse.SUPPRESS)
    ap.add_argument("--build", type=Path, default=ROOT / "build" / "lessons",
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    cfg = Config(ROOT, args.lessons.resolve(), args.build.resolve(),
                 args.update, args.verbose)
    passed, failed = run_all(cfg, args.filters)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
