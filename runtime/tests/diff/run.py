#!/usr/bin/env python3
"""run.py: differential testing of the runtime against CPython's asyncio.

Each seed makes a random program (gen.py) as an asyncio script and its C
twin. CPython runs the script under grader/vclock.py's virtual clock; the
runtime runs the twin built with AddressSanitizer, UndefinedBehaviorSanitizer
and LeakSanitizer. Both must print the same lines in the same order (every
cleanup handler's line included), and the C side must end without a
sanitizer report. A program both sides stop in a deadlock passes if the
lines before it agree.

    run.py --seeds 1-300            seeds 1 to 300 (also: 5 or 1,7,9)
    run.py --regressions            the seeds in regressions.txt
    run.py --count 1000 --start 5000
    run.py --show 42                print seed 42's two programs
    run.py --wait-for 3.11          compare wait_for with asyncio 3.11's own

Options: --lib PATH (the sanitizer build of libasync.a; default: make lib
SAN=1), --jobs N, --keep DIR (write the batch's files there), --no-minimise.

The C twins of a batch are compiled as one file (each program a static
function, `./batch N` runs the Nth), and the Python twins run in this
interpreter, one fresh virtual clock and loop each. A failing seed prints
both programs, shrunk (statements dropped while it still fails), and the
first line where they differ. The last line is
`difftest: N passed, M failed`.
"""
from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import gc
import hashlib
import logging
import inspect
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "grader"))
sys.path.insert(0, str(HERE))

import gen  # noqa: E402
import vclock  # noqa: E402

CFLAGS = ["-std=c11", "-D_DEFAULT_SOURCE", "-g", "-O0", "-Wall", "-Wextra",
          "-Wno-unused-function", "-Wno-unused-variable",
          "-fsanitize=address,undefined", "-fno-omit-frame-pointer",
          "-fno-sanitize-recover=undefined"]
LDFLAGS = ["-Wl,--wrap=sleep,--wrap=usleep,--wrap=nanosleep", "-lm",
           "-pthread"]
C_ENV = {
    "ASYNC_CLOCK": "virtual",
    "ASYNC_DEBUG": "1",
    "ASAN_OPTIONS": "detect_leaks=1:halt_on_error=1:abort_on_error=0",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
}
SANITIZER = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:|"
                       r"SUMMARY: UndefinedBehaviorSanitizer")
TIMEOUT = 60      # real seconds per C program
EPS = 1e-8        # timing closer than this to an edge is ambiguous
REGRESSIONS = HERE / "regressions"
ALLOW: frozenset[str] = frozenset()  # --allow: known divergences shown


# ---- The Python side ----------------------------------------------------------

class Deadlock(BaseException):
    """The loop has nothing ready, no timer and no I/O."""


class Ambiguous(BaseException):
    """An order that hangs on a rounding error: CPython's and the runtime's
    clocks agree to the microsecond grid, not to the last bit."""


class Sink(io.StringIO):
    """stdout of a twin; muted once the run is decided (a deadlock), so the
    shutdown that follows (which the C side never reaches) prints nothing."""

    muted = False
    ambiguous = ""  # why, if the loop refused the program's timing

    def write(self, s: str) -> int:
        return len(s) if self.muted else super().write(s)


class CheckedLoop(vclock.VirtualEventLoop):
    """vclock's loop, refusing programs whose order the last bit decides.

    The runtime fires the timers due by `deadline + WAKE_LATENCY` after a
    jump (by `now` without one); vclock fires those due by the same instant
    give or take a rounding error and a nanosecond of clock resolution. A
    timer within EPS of that edge, or two deadlines within EPS that were
    armed at different times, could go either way: the program is skipped.
    """

    sink: Sink | None = None

    def __init__(self, clock: vclock.VirtualClock) -> None:
        super().__init__(clock)
        self._armed: dict[int, tuple[object, float]] = {}

    def call_at(self, when, callback, *args, context=None):  # type: ignore
        now = self.time()
        for h in self._scheduled:
            if h._cancelled:
                continue
            if abs(h._when - when) < EPS and (
                    h._when != when or self._armed.get(id(h), (0, now))[1]
                    != now):
                self._ambiguous(f"two deadlines {h._when!r} and {when!r}")
        timer = super().call_at(when, callback, *args, context=context)
        self._armed[id(timer)] = (timer, now)
        return timer

    def _ambiguous(self, why: str) -> None:
        # Raised inside a task step or a callback, asyncio catches it (the
        # task ends with it): the sink remembers it for run_python.
        if self.sink is not None:
            self.sink.muted = True
            self.sink.ambiguous = why
        raise Ambiguous(why)

    def _run_once(self) -> None:
        live = [h for h in self._scheduled if not h._cancelled]
        if live:
            now = self.time()
            first = min(h._when for h in live)
            if self._ready or self._stopping or first <= now:
                edge = now  # no jump: what is due by now fires
            else:
                edge = first + vclock.WAKE_LATENCY  # a jump, then the same
            for h in live:
                if abs(h._when - edge) < EPS:
                    self._ambiguous(f"deadline {h._when!r} at the edge "
                                    f"{edge!r}")
        try:
            super()._run_once()
        except RuntimeError as e:
            if "vclock: deadlock" not in str(e):
                raise
            if self.sink is not None:
                self.sink.muted = True
            raise Deadlock() from None



class CheckedPolicy(vclock.VirtualEventLoopPolicy):
    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return CheckedLoop(self.clock)


def _in_creation_order(all_tasks):
    """asyncio.run cancels what is left in set order (by address); the
    runtime in creation order, which is one of CPython's orders. Pick it."""
    def ordered(loop=None):
        def key(t: asyncio.Task) -> int:
            name = t.get_name()
            return int(name[5:]) if name.startswith("Task-") else 0
        return sorted(all_tasks(loop), key=key)
    return ordered


@dataclass
class Outcome:
    lines: list[str]
    end: str           # ok, deadlock, ambiguous, error, sanitizer, crash
    detail: str = ""


def run_python(src: str) -> Outcome:
    logging.getLogger("asyncio").disabled = True  # "Task was destroyed"
    ns: dict = {"__name__": "difftest_twin"}
    sink, err = Sink(), io.StringIO()
    end, detail = "ok", ""
    vclock.DEADLOCK_WAIT = 0  # no thread or descriptor could wake it
    all_tasks = asyncio.tasks.all_tasks
    asyncio.tasks.all_tasks = _in_creation_order(all_tasks)
    CheckedLoop.sink = sink
    try:
        with vclock.virtual_time() as clock:
            asyncio.set_event_loop_policy(CheckedPolicy(clock))
            with contextlib.redirect_stdout(sink), \
                    contextlib.redirect_stderr(err):
                try:
                    exec(compile(src, "<twin>", "exec"), ns)
                    ns["run"]()
                except Deadlock:
                    end = "deadlock"
                except Ambiguous as e:
                    end, detail = "ambiguous", str(e)
                except BaseException:  # noqa: B036 - report, never stop
                    end, detail = "error", traceback.format_exc()
                sink.muted = True
                if sink.ambiguous:
                    end, detail = "ambiguous", sink.ambiguous
                ns["DONE"] = True  # its p() prints nothing from now on
                if end != "ok":  # close the coroutines it left pending
                    gc.collect()  # now, not while the next one runs
    finally:
        asyncio.tasks.all_tasks = all_tasks
        CheckedLoop.sink = None
    return Outcome(sink.getvalue().splitlines(), end, detail)


# ---- The C side -----------------------------------------------------------------

def build_lib() -> Path:
    cfg = subprocess.run(["make", "--no-print-directory", "-s", "lib",
                          "SAN=1"], cwd=ROOT, capture_output=True, text=True)
    if cfg.returncode != 0:
        sys.exit(f"difftest: make lib SAN=1 failed:\n{cfg.stdout}{cfg.stderr}")
    libs = sorted((ROOT / "build").glob("*-san/libasync.a"),
                  key=lambda p: p.stat().st_mtime)
    if not libs:
        sys.exit("difftest: no build/*-san/libasync.a after make lib SAN=1")
    return libs[-1]


CACHE = ROOT / "build" / "difftest"


def compile_batch(progs: list[gen.Program], lib: Path, workdir: Path,
                  name: str) -> Path:
    """Compiles the programs as one file and links it with lib. The object
    file is kept in build/difftest/ under a hash of what went into it, so
    the fixed seeds of make test compile once; only the link is redone."""
    cc = os.environ.get("CC", "cc")
    text = gen.c_batch(progs)
    key = hashlib.sha256("\0".join([
        cc, *CFLAGS, text, (ROOT / "runtime" / "async.h").read_text()])
        .encode()).hexdigest()[:20]
    CACHE.mkdir(parents=True, exist_ok=True)
    obj = CACHE / f"{key}.o"
    src = workdir / f"{name}.c"
    src.write_text(text)
    if not obj.is_file():
        tmp = obj.with_suffix(f".{os.getpid()}.tmp")
        r = subprocess.run([cc, *CFLAGS, f"-I{ROOT / 'runtime'}", "-c",
                            str(src), "-o", str(tmp)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"the C twins do not compile ({src}):\n"
                               + r.stderr[-4000:])
        tmp.replace(obj)
    exe = workdir / name
    r = subprocess.run([cc, *CFLAGS, str(obj), str(lib), *LDFLAGS, "-o",
                        str(exe)], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"the C twins do not link:\n{r.stderr[-4000:]}")
    return exe


def outcome(stdout: str, stderr: str, status: int) -> Outcome:
    lines = stdout.splitlines()
    if SANITIZER.search(stderr):
        return Outcome(lines, "sanitizer", stderr)
    if status == 1 and "asyncbook: deadlock" in stderr:
        return Outcome(lines, "deadlock", stderr)
    if status == 128 + 14:  # SIGALRM
        return Outcome(lines, "crash", f"still running after {TIMEOUT} s")
    if status != 0:
        return Outcome(lines, "crash", f"exit status {status}\n{stderr}")
    return Outcome(lines, "ok", stderr)


def run_c_all(exe: Path, n: int, jobs: int, outdir: Path) -> list[Outcome]:
    """Runs programs 0..n-1 of exe, `jobs` at a time: each of `jobs`
    processes forks one child per program (`exe --each`)."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **C_ENV}
    procs = [subprocess.Popen([str(exe), "--each", str(outdir), str(i),
                               str(jobs)], env=env) for i in range(jobs)]
    for p in procs:
        p.wait()
    outs = []
    for i in range(n):
        def read(ext: str) -> str:
            f = outdir / f"{i}.{ext}"
            return f.read_text(errors="replace") if f.exists() else ""
        status = read("status").strip()
        outs.append(outcome(read("out"), read("err"),
                            int(status) if status else 999))
    return outs


# ---- Comparing --------------------------------------------------------------------

@dataclass
class Verdict:
    seed: int
    status: str          # pass, fail, skip
    why: str = ""
    py: Outcome | None = None
    c: Outcome | None = None


def first_difference(a: list[str], b: list[str]) -> int | None:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


LEAK = re.compile(r"^(Direct|Indirect) leak of .*\n.*\n\s+#1 0x[0-9a-f]+ in (\w+)",
                  re.M)


def known_leak(c: Outcome) -> bool:
    """Known divergence "gather_leak_at_close": a gather whose gathering
    task unwound, with a child that ends only when the loop closes, is
    never freed: the child's done-callback is queued in the last iteration
    of the shutdown and never runs. Only such leaks: anything else counts."""
    if "gather_leak_at_close" in ALLOW or "ERROR: LeakSanitizer" not in \
            c.detail or "ERROR: AddressSanitizer" in c.detail.replace(
                "ERROR: LeakSanitizer", "") or "runtime error:" in c.detail:
        return False
    frames = [m.group(2) for m in LEAK.finditer(c.detail)]
    return bool(frames) and all(f == "async_gather" for f in frames)


def judge(seed: int, py: Outcome, c: Outcome) -> Verdict:
    v = Verdict(seed, "pass", py=py, c=c)
    if c.end == "sanitizer" and known_leak(c):
        c = replace(c, end="ok")
        v = Verdict(seed, "pass", why="known: gather_leak_at_close", py=py,
                    c=c)
    if py.end == "ambiguous":
        v.status, v.why = "skip", "ambiguous timing: " + py.detail
    elif py.end == "error":
        v.status, v.why = "fail", "the asyncio twin failed (a gen.py bug)"
    elif c.end in ("sanitizer", "crash"):
        v.status, v.why = "fail", f"C side: {c.end}"
    elif first_difference(py.lines, c.lines) is not None:
        v.status, v.why = "fail", "the outputs differ"
    elif py.end != c.end:
        v.status, v.why = "fail", f"asyncio ends {py.end}, C ends {c.end}"
    return v


def check(progs: list[gen.Program], lib: Path, workdir: Path, name: str,
          jobs: int, wait_for: str,
          allows: list[frozenset[str]] | None = None,
          wait_fors: list[str] | None = None) -> list[Verdict]:
    """Runs both sides of every program. The C twins are split into one
    file per job, compiled side by side."""
    k = max(1, min(jobs, len(progs) // 8))
    parts = [progs[i * len(progs) // k:(i + 1) * len(progs) // k]
             for i in range(k)]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        exes = list(pool.map(
            lambda i: compile_batch(parts[i], lib, workdir, f"{name}_{i}"),
            range(k)))
    cs = []
    for i, (exe, part) in enumerate(zip(exes, parts)):
        cs += run_c_all(exe, len(part), jobs, workdir / f"{name}_{i}.out")
    # The twins run after the C programs: vclock patches the time module,
    # which subprocess's timeouts read.
    global ALLOW
    verdicts = []
    default = ALLOW
    for n, (p, c) in enumerate(zip(progs, cs)):
        ALLOW = allows[n] if allows else default
        wf = wait_fors[n] if wait_fors else wait_for
        verdicts.append(judge(p.seed, run_python(gen.python(p, wf)), c))
    ALLOW = default
    return verdicts


# ---- Shrinking ------------------------------------------------------------------

def prune(prog: gen.Program) -> gen.Program:
    """Drops the functions no statement uses any more."""
    used = {0}
    todo = [prog.fns[0]]
    byidx = {f.idx: f for f in prog.fns}
    while todo:
        f = todo.pop()
        for s in gen.walk_all(f.body):
            k = s.arg.get("fn")
            if k is not None and s.kind in ("spawn", "call", "timeout",
                                            "genfor") and k not in used:
                used.add(k)
                todo.append(byidx[k])
    return replace(prog, fns=[f for f in prog.fns if f.idx in used])


def without(prog: gen.Program, drop: set[int]) -> gen.Program:
    """prog without the statements whose sid is in drop (and what they
    hold)."""
    def keep(body: list[gen.Stmt]) -> list[gen.Stmt]:
        return [replace(s, body=keep(s.body)) for s in body
                if s.sid not in drop]
    fns = [replace(f, body=keep(f.body)) for f in prog.fns]
    return prune(replace(prog, fns=fns))


def size(prog: gen.Program) -> int:
    return sum(1 for _ in prog.stmts())


def minimise(prog: gen.Program, verdict: Verdict, lib: Path, workdir: Path,
             jobs: int, wait_for: str) -> tuple[gen.Program, Verdict]:
    """Delta debugging (ddmin) on the statement list: split the statements
    into n chunks, try the program without each chunk (all candidates in
    one batch), keep the smallest that still fails the same way; when none
    does, split finer. Dropping a statement drops what it holds."""
    best, n = prog, 2
    for _ in range(100):
        sids = [s.sid for s in best.stmts()]
        if len(sids) < 1:
            break
        n = min(n, len(sids))
        chunks = [set(sids[i * len(sids) // n:(i + 1) * len(sids) // n])
                  for i in range(n)]
        cands = [without(best, c) for c in chunks if c]
        try:
            vs = check(cands, lib, workdir, "shrink", jobs, wait_for)
        except RuntimeError:
            break
        failing = [(size(c), i) for i, (c, v) in enumerate(zip(cands, vs))
                   if v.status == "fail" and same_kind(v, verdict)]
        if failing:
            _, i = min(failing)
            best, verdict = cands[i], vs[i]
            n = max(n - 1, 2)
        elif n < len(sids):
            n = min(2 * n, len(sids))
        else:
            break
    return best, verdict


def same_kind(a: Verdict, b: Verdict) -> bool:
    return a.why.split(":")[0] == b.why.split(":")[0]


# ---- Reporting ------------------------------------------------------------------

def report(prog: gen.Program, v: Verdict, wait_for: str,
           out=sys.stdout) -> None:
    w = out.write
    w(f"\n==== seed {v.seed}: {v.why} ====\n")
    w("---- asyncio (python3 grader/vclock.py) ----\n")
    w(gen.python(prog, wait_for))
    w("---- C (runtime/async.h) ----\n")
    code, entry = gen.c(prog, "")
    w(code.replace(f"static int {entry}(void)", "int main(void)"))
    assert v.py is not None and v.c is not None
    i = first_difference(v.py.lines, v.c.lines)
    if i is not None:
        def at(lines: list[str]) -> str:
            return lines[i] if i < len(lines) else "(no more lines)"
        w(f"---- first difference, line {i + 1} ----\n")
        for j in range(max(0, i - 3), i):
            w(f"  both:    {v.py.lines[j]}\n")
        w(f"  asyncio: {at(v.py.lines)}\n")
        w(f"  C:       {at(v.c.lines)}\n")
    w(f"asyncio ends: {v.py.end}; C ends: {v.c.end}\n")
    if v.py.end == "error":
        w(v.py.detail)
    if v.c.end in ("sanitizer", "crash"):
        w("---- C stderr ----\n" + v.c.detail[-3000:] + "\n")


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            seeds.extend(range(int(lo), int(hi) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


@dataclass
class Case:
    label: str              # "seed 42" or "regression cancel-self"
    prog: gen.Program
    open_bug: bool = False  # a known, reported divergence not fixed yet
    allow: frozenset[str] = frozenset()  # known divergences not emulated
    wait_for: str = "3.12"  # whose wait_for the asyncio twin uses


def regressions() -> list[Case]:
    """Every bug the fuzzing found, kept as its shrunk program
    (regressions/NAME.json). status "fixed": it must pass; "open": it is
    reported and still fails, so it is shown but not counted."""
    cases = []
    for path in sorted(REGRESSIONS.glob("*.json")):
        d = json.loads(path.read_text())
        cases.append(Case(f"regression {path.stem}",
                          gen.from_json(d["program"]),
                          d["status"] == "open",
                          frozenset(d.get("allow", [])),
                          d.get("wait_for", "3.12")))
    return cases


def save(name: str, prog: gen.Program, v: Verdict, note: str,
         wait_for: str) -> Path:
    path = REGRESSIONS / f"{name}.json"
    path.write_text(json.dumps({
        "seed": prog.seed, "status": "open", "found": v.why,
        "allow": sorted(ALLOW), "wait_for": wait_for,
        "note": note, "program": gen.to_json(prog)}, indent=1) + "\n")
    return path


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="")
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--regressions", action="store_true")
    ap.add_argument("--show", type=int)
    ap.add_argument("--lib", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--no-minimise", action="store_true")
    ap.add_argument("--allow", action="append", default=[],
                    choices=sorted(gen.KNOWN),
                    help="generate a known divergence too")
    ap.add_argument("--save", metavar="NAME",
                    help="keep the first failure, shrunk, as "
                         "regressions/NAME.json")
    ap.add_argument("--wait-for", choices=["3.11", "3.12"], default="3.12")
    args = ap.parse_args(argv)
    allow = frozenset(args.allow)
    global ALLOW
    ALLOW = allow

    if args.show is not None:
        prog = gen.generate(args.show, allow)
        print(gen.python(prog, args.wait_for))
        code, entry = gen.c(prog, "")
        print(gen.C_RUNTIME + code.replace(f"static int {entry}(void)",
                                           "int main(void)"))
        return 0

    seeds = list(dict.fromkeys(parse_seeds(args.seeds) + list(
        range(args.start, args.start + args.count) if args.count else [])))
    cases = [Case(f"seed {s}", gen.generate(s, allow), allow=allow,
                  wait_for=args.wait_for) for s in seeds]
    if args.regressions:
        cases += regressions()
    if not cases:
        ap.error("no seeds: say --seeds, --count or --regressions")
    lib = args.lib if args.lib else build_lib()
    if not lib.is_file():
        sys.exit(f"difftest: no library {lib}: run make lib SAN=1")

    t0 = time.monotonic()
    passed = failed = skipped = still_open = known_leaks = 0
    ctx = contextlib.nullcontext(str(args.keep)) if args.keep else \
        tempfile.TemporaryDirectory(prefix="difftest-")
    with ctx as tmp:
        workdir = Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for b in range(0, len(cases), args.batch):
            chunk = cases[b:b + args.batch]
            verdicts = check([c.prog for c in chunk], lib, workdir,
                             f"batch{b}", args.jobs, args.wait_for,
                             [c.allow for c in chunk],
                             [c.wait_for for c in chunk])
            for case, v in zip(chunk, verdicts):
                if v.status == "skip":
                    skipped += 1
                elif v.status == "pass":
                    passed += 1
                    known_leaks += v.why.startswith("known:")
                    if case.open_bug:
                        print(f"difftest: {case.label} is marked open but "
                              f"passes now: set its status to fixed")
                elif case.open_bug:
                    still_open += 1
                    print(f"difftest: {case.label}: known, still open "
                          f"({v.why})")
                else:
                    failed += 1
                    shown, sv = case.prog, v
                    ALLOW = case.allow
                    if not args.no_minimise:
                        shown, sv = minimise(case.prog, v, lib, workdir,
                                             args.jobs, case.wait_for)
                    print(f"\n==== {case.label} ====", end="")
                    report(shown, sv, case.wait_for)
                    if args.save:
                        path = save(args.save, shown, sv, "", case.wait_for)
                        print(f"difftest: kept as {path.relative_to(ROOT)}")
                        args.save = None
            print(f"difftest: {b + len(chunk)} of {len(cases)} programs "
                  f"run, {failed} failing so far", flush=True)
    secs = time.monotonic() - t0
    notes = [f"{skipped} skipped: ambiguous timing"] if skipped else []
    if known_leaks:
        notes.append(f"{known_leaks} with the known gather leak")
    if still_open:
        notes.append(f"{still_open} known open, see regressions/")
    note = f" ({'; '.join(notes)})" if notes else ""
    print(f"difftest: {len(cases)} programs in {secs:.1f} s")
    print(f"difftest: {passed} passed, {failed} failed{note}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
