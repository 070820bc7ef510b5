"""The one place that builds C for the course's tools: the runtime
library (through the Makefile), a student's program for the grader (with
the sanitizers, cached by the hash of everything that goes into it,
sandboxed), and the plain builds of lessons.py and timeline.py. Every flag
comes from runtime/flags.mk, which the Makefile includes too.

    python3 grader/build.py --compile-commands FILE   clangd's database"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `grader` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader import run as runmod  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = Path(__file__).resolve().parent / "evidence.c"
MAX_ERRORS = 5
SOURCE_LIMIT = 1 << 20  # a file bigger than this is not a source file
COMPILE_TIMEOUT = 120   # real seconds for a whole build


class BuildError(Exception):
    """The runtime itself could not be built (not the student's fault)."""


@dataclass(frozen=True)
class Build:
    ok: bool
    binary: Path | None
    errors: str          # the first errors, paths relative to the exercise
    warnings: str        # the compiler's warnings
    cached: bool = False


# ---- The flags: runtime/flags.mk ------------------------------------------

ASSIGN = re.compile(r"^([A-Z_][A-Z0-9_]*)\s*[:?]?=\s*(.*)$")
REF = re.compile(r"\$\(([A-Z_][A-Z0-9_]*)\)")


def flags(name: str, repo: Path = ROOT) -> tuple[str, ...]:
    """The words of NAME in runtime/flags.mk, its $(OTHER) expanded."""
    values = read_flags(repo / "runtime" / "flags.mk")
    if name not in values:
        raise BuildError(f"runtime/flags.mk defines no {name}")
    return tuple(values[name].split())


def read_flags(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = path.read_text()
    except OSError as e:
        raise BuildError(f"cannot read {path}: {e}") from None
    for line in text.splitlines():
        m = ASSIGN.match(line.strip())
        if m:
            values[m.group(1)] = REF.sub(
                lambda r: values.get(r.group(1), ""), m.group(2)).strip()
    return values


def link_flags(repo: Path = ROOT) -> tuple[str, ...]:
    return (*flags("WRAP", repo), *flags("LINK_LIBS", repo))


# What each warning that is an error for student code means, in a sentence
# a student can act on (flags.mk's STUDENT_ERRORS).
MEANINGS = {
    "return-type": "a function that returns a value can reach its end "
                   "without a return: its caller gets garbage",
    "incompatible-pointer-types": "a pointer of one type is passed or "
                                  "stored where another type is expected: "
                                  "the program would read the memory as "
                                  "the wrong thing",
    "int-conversion": "an integer is used as a pointer or a pointer as an "
                      "integer: a missing & or *, or a wrong argument",
    "implicit-function-declaration": "a function is called that no header "
                                     "declares: a typo in its name, or a "
                                     "missing #include",
    "uninitialized": "a variable is read before anything was stored in it",
}
# gcc writes the flag as -Werror=flag, clang as -Werror,-Wflag.
WARNING_FLAG = re.compile(r"\[-W(?:error=|error,-W)?([a-z-]+)\]")


def explain(text: str) -> str:
    """The compiler's messages, each error of MEANINGS followed once by a
    line saying what it means."""
    out, said = [], set()
    for line in text.splitlines():
        out.append(line)
        m = WARNING_FLAG.search(line)
        if m and m.group(1) in MEANINGS and " error: " in line \
                and m.group(1) not in said:
            said.add(m.group(1))
            out.append(f"  (what it means: {MEANINGS[m.group(1)]})")
    return "\n".join(out)


# ---- The library ------------------------------------------------------------

def library(repo: Path = ROOT, make: bool = True, san: bool = True) -> Path:
    """The runtime library the Makefile builds (`make lib`, with SAN=1 for
    the grader), made first (quietly) if asked; its path is the
    Makefile's to say (`make print-lib`)."""
    knobs = ["SAN=1"] if san else []
    base = ["make", "-s", "--no-print-directory", "-C", str(repo)]
    if make:
        r = subprocess.run([*base, "lib", *knobs], capture_output=True,
                           text=True, timeout=600)
        if r.returncode != 0:
            raise BuildError(f"the runtime did not build (make lib "
                             f"{' '.join(knobs)}):\n"
                             + (r.stderr or r.stdout).strip())
    r = subprocess.run([*base, "print-lib", *knobs], capture_output=True,
                       text=True, timeout=60)
    lib = repo / r.stdout.strip()
    if r.returncode != 0 or not r.stdout.strip() or not lib.is_file():
        raise BuildError(f"{r.stdout.strip() or 'the runtime library'} is "
                         f"missing; run 'make lib {' '.join(knobs)}'")
    return lib


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


def evidence_object(lib: Path) -> Path:
    """grader/evidence.c compiled beside the library snapshot (which every
    sandbox shows), once per content."""
    cflags = flags("GRADE_CFLAGS")
    key = digest([EVIDENCE], " ".join(cflags) + os.environ.get("CC", "cc"))
    obj = lib.parent / f"evidence-{key}.o"
    if obj.is_file():
        return obj
    tmp = lib.parent / f".evidence.{os.getpid()}.{threading.get_ident()}.o"
    r = subprocess.run([os.environ.get("CC", "cc"), *cflags, "-c",
                        str(EVIDENCE), "-o", str(tmp)], capture_output=True,
                       text=True, timeout=COMPILE_TIMEOUT)
    if r.returncode != 0:
        raise BuildError("grader/evidence.c did not compile:\n" + r.stderr)
    os.chmod(tmp, 0o644)
    os.replace(tmp, obj)
    return obj


def objcopy() -> str | None:
    return shutil.which("objcopy") or shutil.which("llvm-objcopy")


def compile_program(repo: Path, lib: Path, cache: Path,
                    files: dict[str, Path], compile_: list[str],
                    sandbox: bool = True, hide: tuple[str, ...] = (),
                    rename_main: tuple[str, ...] = ()) -> Build:
    """Compile the .c files named in compile_ (all of files are staged, so
    headers the exercise ships are found) and link them with the runtime.
    The sources in rename_main (a student's, under a driver) have their
    main() renamed at link time, in their object file: nothing in their
    text can tell they are built for a driver. Returns the Build; a
    cached binary is reused when nothing that goes into it has changed."""
    inputs = [files[n] for n in sorted(files)]
    cflags = flags("GRADE_CFLAGS")
    extra = " ".join((*cflags, *link_flags(), *flags("GRADE_LDFLAGS"),
                      "objcopy" if objcopy() else "-Dmain",
                      *compile_, "rename:",
                      *rename_main, os.environ.get("CC", "cc")))
    key = digest(inputs + runtime_inputs(repo, lib) + [EVIDENCE], extra)
    home = cache / key
    binary = home / "prog"
    if binary.is_file():
        warnings = (home / "warnings.txt").read_text() \
            if (home / "warnings.txt").is_file() else ""
        return Build(True, binary, "", warnings, cached=True)
    evidence = evidence_object(lib)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=cache))
    try:
        src = work / "src"
        stage(files, src)
        b = build_in(repo, lib, evidence, work, src, compile_, cflags,
                     sandbox, hide, rename_main)
        if not b.ok:
            return b
        (work / "warnings.txt").write_text(b.warnings)
        try:
            os.replace(work, home)  # atomic: parallel graders agree
        except OSError:
            pass  # another grader built the same thing first
        if not binary.is_file():
            return Build(False, None, "the build vanished", b.warnings)
        return Build(True, binary, "", b.warnings)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_in(repo: Path, lib: Path, evidence: Path, work: Path, src: Path,
             compile_: list[str], cflags: tuple[str, ...], sandbox: bool,
             hide: tuple[str, ...], rename_main: tuple[str, ...]) -> Build:
    """Compile each source to its object, rename main where asked, link
    work/prog: each step in the sandbox, under COMPILE_LIMITS."""
    # The compiler reads what the student's #include names: it runs
    # confined as the program does, as a user of its own, under limits
    # (an #include "/dev/zero" ends at the memory limit).
    # src is writable too: the objects are compiled there, by the run's
    # own user (a writable folder is handed over, not what it holds).
    binds = runmod.Binds(ro=(str(repo / "runtime"), str(lib), str(evidence)),
                         rw=(str(work), str(src)), hide=hide)
    cc = os.environ.get("CC", "cc")
    objects = [f"{Path(n).stem}.o" for n in compile_]
    # The renamed main is named at random: a program cannot declare it
    # (a weak reference to it would tell the driver's build apart).
    hidden_main = f"student_main_{secrets.token_hex(8)}"
    rename = [o for n, o in zip(compile_, objects) if n in rename_main]
    base = [cc, *cflags, f"-fdebug-prefix-map={src}=.",
            f"-I{repo / 'runtime'}"]
    tool = objcopy()
    if tool or not rename:
        steps = [[*base, "-c", *compile_]]
        steps += [[tool or "objcopy", "--redefine-sym",
                   f"main={hidden_main}", o] for o in rename]
    else:  # no objcopy (macOS without binutils): rename in the source
        others = [n for n in compile_ if n not in rename_main]
        steps = [[*base, "-c", *others]] if others else []
        steps.append([*base, f"-Dmain={hidden_main}", "-c",
                      *(n for n in compile_ if n in rename_main)])
    # The evidence object wraps main(): see grader/evidence.c.
    steps.append([cc, *cflags, str(evidence), *objects, str(lib),
                  *link_flags(), *flags("GRADE_LDFLAGS"),
                  "-o", str(work / "prog")])
    # One sandboxed run for all the steps: each run has a user of its own,
    # and the next step must be able to change what the last one wrote.
    script = " && ".join(shlex.join(cmd) for cmd in steps)
    r = runmod.sandboxed(["/bin/sh", "-c", script], src, COMPILE_LIMITS,
                         binds, env=compile_env(work), sandbox_on=sandbox)
    text = explain(tidy(r.stderr.decode("utf-8", "replace"), src, work, lib,
                        repo))
    if r.status != "exit" or r.code != 0:
        return Build(False, None, compile_failure(r, text), text)
    return Build(True, work / "prog", "", text)


def compile_plain(kind: str, sources: list[str], out: Path, lib: Path,
                  includes: tuple[str, ...] = (), cwd: Path = ROOT,
                  rename_main: tuple[str, ...] = ()) -> str:
    """A build for lessons.py and timeline.py: kind is "lesson" or
    "student" (flags.mk's LESSON_CFLAGS or STUDENT_CFLAGS), against the
    plain library. Returns the compiler's complaint, "" on success. The
    sources in rename_main have their main() renamed, as the grader's
    driver builds do. out is written under a name of its own first, so
    that two builds at once never collide."""
    cflags = flags("LESSON_CFLAGS" if kind == "lesson" else "STUDENT_CFLAGS")
    cc = os.environ.get("CC", "cc")
    runtime = ROOT / "runtime"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build-", dir=out.parent) as d:
        objs = []
        for n, source in enumerate(sources):
            obj = f"{d}/{n}-{Path(source).stem}.o"
            r = subprocess.run([cc, *cflags, f"-I{runtime}", *includes, "-c",
                                source, "-o", obj], capture_output=True,
                               text=True, cwd=str(cwd))
            if r.returncode != 0:
                return explain(r.stderr or r.stdout or "the compiler failed")
            if source in rename_main:
                subprocess.run([objcopy() or "objcopy", "--redefine-sym",
                                "main=student_main", obj], check=True)
            objs.append(obj)
        tmp = f"{d}/prog"
        r = subprocess.run([cc, *cflags, *objs, str(lib), *link_flags(),
                            "-o", tmp], capture_output=True, text=True,
                           cwd=str(cwd))
        if r.returncode != 0:
            return (r.stderr or r.stdout or "the linker failed").strip()
        os.replace(tmp, out)
    return ""


def command_line(kind: str, sources: list[str], lib: Path,
                 out: Path) -> list[str]:
    """What compile_plain does, as one command to show (lessons.py -v)."""
    cflags = flags("LESSON_CFLAGS" if kind == "lesson" else "STUDENT_CFLAGS")
    return [os.environ.get("CC", "cc"), *cflags, f"-I{ROOT / 'runtime'}",
            *sources, str(lib), *link_flags(), "-o", str(out)]


def compile_commands(repo: Path = ROOT) -> list[dict[str, object]]:
    """clangd's database: every C file of the course with its flags."""
    cc = os.environ.get("CC", "cc")
    out: list[dict[str, object]] = []
    kinds = [("runtime/*.c", "RUNTIME_CFLAGS"), ("runtime/tests/*.c",
                                                 "RUNTIME_CFLAGS"),
             ("lessons/*/*.c", "LESSON_CFLAGS"),
             ("exercises/*/*.c", "STUDENT_CFLAGS"),
             ("solutions/*/*.c", "STUDENT_CFLAGS"),
             ("solutions/*/wrong/*.c", "STUDENT_CFLAGS")]
    for pattern, name in kinds:
        words = flags(name, repo)
        for f in sorted(repo.glob(pattern)):
            out.append({"directory": str(repo), "file": str(f),
                        "arguments": [cc, *words, f"-I{repo / 'runtime'}",
                                      "-c", str(f)]})
    return out


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


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--compile-commands":
        out = Path(argv[1])
        tmp = out.with_name(f".{out.name}.{os.getpid()}")
        tmp.write_text(json.dumps(compile_commands(), indent=1) + "\n")
        os.replace(tmp, out)
        return 0
    print("usage: build.py --compile-commands FILE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
