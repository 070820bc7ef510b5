#!/usr/bin/env python3
"""The library keeps its internals private (make test runs this).

    symbols.py --cc CC [--cflags FLAGS] LIB [LIB ...]

For each libasync.a given:
  1. `nm` lists the symbols it defines globally: every one must start with
     async_ (the API) or __wrap_ (the link-time sleep wrappers, blocking.c).
     Anything else (fatal, config, clock_now...) could clash with a name
     in a student's program.
  2. A student's program that defines fatal, config, stack_size,
     clock_now, trace, debug, run, loop and task, as functions and
     variables, links with it (with the sleep wrappers, as the grader links)
     and runs, printing what its own functions and the runtime's tasks say.
A library built with sanitizers (a '-san' build directory) gets --cflags.
Ends with `symbols: N passed, M failed`. Python standard library only.
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ALLOWED = ("async_", "__wrap_")

STUDENT = r"""
#include <stdio.h>
#include "async.h"

/* Names the runtime used internally before they were made private. */
int config = 7;
unsigned long stack_size = 3;
int debug = 1;
const char *loop = "my loop";
long task = 5;

void fatal(const char *why) { printf("my fatal: %s\n", why); }
double clock_now(void) { return 42.0; }
void trace(const char *what) { printf("my trace: %s\n", what); }
long run(long x) { return x + 1; }

static async_value twice(void *arg) {
    async_sleep(0.01);
    return ASYNC_INT(2 * (long)arg);
}

static async_value student_main(void *arg) {
    (void)arg;
    async_task *t = async_create_task(twice, (void *)21);
    long v = async_await(t).i;
    trace("awaited");
    fatal("not fatal at all");
    printf("%ld %d %lu %d %s %ld %.0f %ld\n", v, config, stack_size, debug,
           loop, task, clock_now(), run(1));
    return ASYNC_INT(v);
}

int main(void) {
    printf("main got %ld\n", async_run(student_main, NULL).i);
    return 0;
}
"""
WANT = ("my trace: awaited\nmy fatal: not fatal at all\n"
        "42 7 3 1 my loop 5 42 2\nmain got 42\n")
WRAP = "-Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep"


def exported(lib: Path, nm: str) -> tuple[list[str], str]:
    """The names lib defines globally, and an error if nm failed."""
    r = subprocess.run([nm, "-g", "--defined-only", str(lib)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return [], r.stderr.strip()
    names = [line.split()[-1] for line in r.stdout.splitlines()
             if len(line.split()) >= 2 and not line.endswith(":")]
    return names, ""


def check_exports(lib: Path, nm: str) -> str:
    names, err = exported(lib, nm)
    if err:
        return f"{nm} failed on {lib}: {err}"
    if not any(n.startswith("async_") for n in names):
        return f"{lib} defines no async_* symbol: is it the runtime?"
    bad = sorted(n for n in names if not n.startswith(ALLOWED))
    if bad:
        return (f"{lib} exports {len(bad)} symbol(s) a student's program "
                f"could clash with: {', '.join(bad[:20])}"
                f"{' ...' if len(bad) > 20 else ''}")
    return ""


def check_clash(lib: Path, cc: str, cflags: str, runner: str) -> str:
    runtime = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = Path(tmp) / "student.c", Path(tmp) / "student"
        src.write_text(STUDENT)
        cmd = (shlex.split(cc) + ["-std=c11", "-Wall", "-O1"] +
               shlex.split(cflags) + [f"-I{runtime}", str(src), str(lib),
                                      WRAP, "-lm", "-pthread", "-o", str(exe)])
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            return (f"a program defining fatal, config, stack_size... does "
                    f"not link with {lib}:\n{r.stderr.strip()}")
        env = dict(os.environ, ASYNC_CLOCK="virtual")
        r = subprocess.run(shlex.split(runner) + [str(exe)],
                           capture_output=True, text=True, env=env,
                           timeout=60)
        if r.returncode != 0 or r.stdout != WANT:
            return (f"the program linked with {lib} exited {r.returncode}, "
                    f"printing:\n{r.stdout}{r.stderr}\nexpected:\n{WANT}")
    return ""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--cflags", default="",
                    help="extra flags for a '-san' build's library")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--runner", default="", help="e.g. 'qemu-aarch64 -L /'")
    ap.add_argument("libs", nargs="+", type=Path)
    args = ap.parse_args(argv)
    passed = failed = 0
    for lib in args.libs:
        flags = args.cflags if lib.parent.name.endswith("-san") else ""
        for name, why in (
                ("exports only async_* and __wrap_*",
                 check_exports(lib, args.nm)),
                ("a student's fatal, config, stack_size... link and run",
                 check_clash(lib, args.cc, flags, args.runner))):
            if why:
                failed += 1
                print(f"FAIL {lib}: {name}\n  {why}")
            else:
                passed += 1
                print(f"ok   {lib}: {name}")
    print(f"symbols: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
