#!/usr/bin/env python3
"""make bench: asyncbook's runtime side by side with CPython's asyncio.

Each workload is a C program here (built by `make bench`) and, where one
applies, an equivalent asyncio program beside it. They run alternately, C
then Python, several times, each in a fresh process; the table gives the
medians per operation, the ratio (asyncio / asyncbook: higher is better),
the peak RSS of each side, and the peak RSS per task where that applies.
build/bench.json keeps it all.
The echo workload is a server (echo.c, echo.py) under one load generator
that both share (loadgen.c): its unit is a rate, messages per second.
The two memory workloads (churn.c: a server serving 200,000 short
connections one after another; batches.c: 1,000,000 tasks created and
awaited in batches of 1,000) read their own peak RSS after the first
10,000 and after all: "growth", the second over the first, shows whether
memory stays flat (async.h promises it does: at most 1.5).

    bench.py --bin DIR [--reps N] [--only NAME] [--smoke] [--json FILE]

--smoke runs each program once at a tiny size, to check that they work
(make test does this): it ends with `bench smoke: N passed, M failed`.
Benchmarks are measurements, never tests: nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Workload:
    name: str      # shown in the table
    program: str   # runtime/bench/<program>.c and .py
    unit: str      # what one operation is
    n_c: int       # operations in the C run
    n_py: int      # operations in the asyncio run (asyncio is slower)
    scale: float   # seconds per op -> unit (1e9 for ns)
    per_task: bool = False  # report peak RSS per task
    python: bool = True     # has an asyncio twin
    reps: int = 5
    first: int = 0          # memory workload: peak RSS after this many too


WORKLOADS = [
    Workload("switch floor", "switch", "ns/switch", 10_000_000, 0, 1e9,
             python=False),
    Workload("yield ping-pong", "yield", "ns/hand-off", 10_000_000,
             1_000_000, 1e9),
    Workload("event ping-pong", "events", "ns/hand-off", 2_000_000,
             200_000, 1e9),
    Workload("spawn + gather", "spawn", "ns/task", 1_000_000, 1_000_000,
             1e9, per_task=True, reps=3),
    Workload("million sleepers", "sleepers", "s total", 1_000_000,
             1_000_000, 1e9, per_task=True, reps=3),
    Workload("timers (virtual)", "timers", "ns/timer", 1_000_000, 1_000_000,
             1e9, reps=3),
    Workload("echo", "echo", "msg/s", 100_000, 100_000, 1, reps=3),
    Workload("server churn", "churn", "us/conn", 200_000, 0, 1e6,
             python=False, reps=1, first=10_000),
    Workload("task batches", "batches", "ns/task", 1_000_000, 0, 1e9,
             python=False, reps=1, first=10_000),
]  # and workload 7, grading: see grading()


@dataclass
class Sample:
    seconds: float
    n: int
    rss_kb: int
    peak_kb: tuple[int, int] | None = None  # memory: after first, after all


@dataclass
class Row:
    w: Workload
    c: list[Sample] = field(default_factory=list)
    py: list[Sample] = field(default_factory=list)


def run_measured(cmd: list[str]) -> Sample:
    """Run one benchmark process; its last stdout line is its JSON. The
    child's peak RSS comes from wait4."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.dup2(w, 1)
        os.close(r)
        os.close(w)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    os.close(w)
    with os.fdopen(r) as f:
        out = f.read()
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (status {status})")
    data = json.loads(out.strip().splitlines()[-1])
    peak = ((data["peak_kb_first"], data["peak_kb_all"])
            if "peak_kb_first" in data else None)
    return Sample(data["seconds"], data["n"], usage.ru_maxrss, peak)


def per_op(s: Sample, w: Workload) -> float:
    if w.unit == "s total":
        return s.seconds
    if w.unit == "msg/s":
        return s.n / s.seconds
    return s.seconds / s.n * w.scale


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cc = subprocess.run(["cc", "--version"], capture_output=True, text=True)
    return {
        "system": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "cpu": cpu or platform.processor(),
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "cc": cc.stdout.splitlines()[0] if cc.stdout else "",
    }


def run_echo(server: list[str], loadgen: Path, n: int) -> Sample:
    """Workload "echo": a server (echo.c or echo.py) under the same load
    (loadgen.c): n messages from up to 1,000 clients, 100 each. The time
    and n are the load generator's; the peak RSS is the server's."""
    clients = max(1, min(1000, n // 100))
    srv = subprocess.Popen(server + [str(clients)], stdout=subprocess.PIPE,
                           text=True)
    try:
        line = srv.stdout.readline().split()  # "port N"
        if len(line) != 2:
            raise RuntimeError(f"{' '.join(server)} did not say its port")
        s = run_measured([str(loadgen), line[1], str(clients),
                          str(n // clients)])
        deadline = time.monotonic() + 60  # it ends once all clients left
        while (done := os.wait4(srv.pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{' '.join(server)} did not exit")
            time.sleep(0.01)
        _, status, usage = done
        srv.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if srv.returncode is None:
            srv.kill()
            srv.wait()
    if srv.returncode != 0:
        raise RuntimeError(f"{' '.join(server)} failed ({srv.returncode})")
    return Sample(s.seconds, s.n, usage.ru_maxrss)


def measure(w: Workload, bindir: Path, reps: int, smoke: bool) -> Row:
    row = Row(w)
    n_c, n_py = (1000, 1000) if smoke else (w.n_c, w.n_py)
    if w.first:  # the memory workloads: n, then when to look first
        first = 100 if smoke else w.first
        for _ in range(1 if smoke else reps):
            row.c.append(run_measured([str(bindir / w.program), str(n_c),
                                       str(first)]))
        return row
    for _ in range(1 if smoke else reps):
        if w.program == "echo":  # client + server
            row.c.append(run_echo([str(bindir / "echo")],
                                  bindir / "loadgen", n_c))
            row.py.append(run_echo([sys.executable, str(HERE / "echo.py")],
                                   bindir / "loadgen", n_py))
            continue
        row.c.append(run_measured([str(bindir / w.program), str(n_c)]))
        if w.python:
            row.py.append(run_measured([sys.executable,
                                        str(HERE / f"{w.program}.py"),
                                        str(n_py)]))
    return row


def summary(row: Row) -> dict[str, object]:
    w = row.w
    c = median([per_op(s, w) for s in row.c])
    py = median([per_op(s, w) for s in row.py]) if row.py else None
    if w.unit == "s total" and row.py:  # compare per task, not totals
        ratio = (median([s.seconds / s.n for s in row.py])
                 / median([s.seconds / s.n for s in row.c]))
    elif w.unit == "msg/s":  # a rate: asyncio's time per message / ours
        ratio = c / py if py else None
    else:
        ratio = py / c if py else None
    out: dict[str, object] = {
        "name": w.name, "unit": w.unit, "n_asyncbook": row.c[0].n,
        "n_asyncio": row.py[0].n if row.py else None,
        "asyncbook": c, "asyncio": py, "ratio": ratio,
        "peak_rss_kb": {"asyncbook": max(s.rss_kb for s in row.c),
                        "asyncio": max((s.rss_kb for s in row.py),
                                       default=None)},
    }
    if w.first:  # the program's own peaks, after the first and after all
        worst = max(row.c, key=lambda s: s.peak_kb[1] / s.peak_kb[0])
        out["growth"] = worst.peak_kb[1] / worst.peak_kb[0]
        out["growth_first"] = w.first
        out["peak_kb_after_first"], out["peak_kb_after_all"] = worst.peak_kb
    if w.per_task:
        out["rss_per_task_kb"] = {
            "asyncbook": max(s.rss_kb for s in row.c) / row.c[0].n,
            "asyncio": (max(s.rss_kb for s in row.py) / row.py[0].n
                        if row.py else None)}
    return out


def grading(reps: int) -> list[dict[str, object]]:
    """Workload 7: the grader itself. All solutions with -j 2 (a fresh
    cache, then a warm one), and one exercise re-graded after an edit, as
    watch mode does. Medians of reps runs, in seconds."""
    root = HERE.parent.parent
    grade = [sys.executable, str(root / "grader" / "grade.py")]

    def timed(args: list[str], env: dict[str, str]) -> float:
        """Seconds for one grading that must give full marks: a failing
        one would be fast for the wrong reason."""
        t0 = time.perf_counter()
        r = subprocess.run(grade + args, cwd=root, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if r.returncode != 0:
            raise RuntimeError(f"grade.py {' '.join(args)} did not give "
                               f"full marks:\n{r.stdout[-2000:]}")
        return time.perf_counter() - t0

    cold, warm, edit = [], [], []
    for _ in range(reps):
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)  # as root the grader runs code as nobody
            env = dict(os.environ, ASYNCBOOK_GRADE_CACHE=tmp + "/cache",
                       ASYNCBOOK_GRADE_STATE=tmp + "/state")
            cold.append(timed(["--solutions", "-j", "2"], env))
            warm.append(timed(["--solutions", "-j", "2"], env))
            copy = Path(tmp) / "exercises"
            shutil.copytree(root / "solutions", copy)
            for f in (root / "exercises").glob("*/*"):
                dest = copy / f.parent.name / f.name
                if not dest.exists():  # drivers, puzzles, check.toml
                    shutil.copy(f, dest)
            one = sorted(copy.glob("13-*/*.c"))[0]
            timed(["--dir", str(copy), "13"], env)  # cached once
            one.write_text(one.read_text() + "\n/* edited */\n")
            edit.append(timed(["--dir", str(copy), "13"], env))
    rows = []
    for name, xs in (("grade all, -j 2, cold", cold),
                     ("grade all, -j 2, cached", warm),
                     ("re-grade one edited", edit)):
        rows.append({"name": name, "unit": "s", "asyncbook": median(xs),
                     "asyncio": None, "ratio": None,
                     "peak_rss_kb": {"asyncbook": None, "asyncio": None}})
    return rows


def fmt(x: object, digits: int = 1) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return str(x)


def table(rows: list[dict[str, object]], floor: float | None) -> str:
    head = (f"{'workload':<18} {'unit':<12} {'asyncbook':>10} "
            f"{'asyncio':>10} {'ratio':>8} {'peak RSS MB':>15} "
            f"{'RSS/task KB':>14}")
    lines = [head, "-" * len(head)]
    for r in rows:
        per = r.get("rss_per_task_kb")
        rss = (f"{fmt(per['asyncbook'], 2)} / {fmt(per['asyncio'], 2)}"
               if per else "")
        peak = r.get("peak_rss_kb") or {}
        mb = [None if peak.get(k) is None else peak[k] / 1024
              for k in ("asyncbook", "asyncio")]
        peaks = f"{fmt(mb[0])} / {fmt(mb[1])}" if mb[0] is not None else ""
        ratio = r["ratio"]
        lines.append(f"{r['name']:<18} {r['unit']:<12} "
                     f"{fmt(r['asyncbook'], 2):>10} {fmt(r['asyncio'], 2):>10} "
                     f"{(fmt(ratio, 1) + 'x') if ratio else '-':>8} "
                     f"{peaks:>15} {rss:>14}")
    for r in rows:
        if "growth" in r:
            lines.append(f"{r['name']}: peak RSS {r['peak_kb_after_all']:,} "
                         f"KB after all, {r['peak_kb_after_first']:,} KB "
                         f"after the first {r['growth_first']:,}: growth "
                         f"{r['growth']:.2f}x (flat is at most 1.5x)")
    if floor:
        y = next((r for r in rows if r["name"] == "yield ping-pong"), None)
        if y:
            lines.append(f"yield hand-off / switch floor: "
                         f"{y['asyncbook'] / floor:.2f}x")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, type=Path,
                    help="folder of the built C benchmarks")
    ap.add_argument("--reps", type=int, default=0,
                    help="repetitions (default: per workload)")
    ap.add_argument("--only", help="run only workloads whose name has this")
    ap.add_argument("--smoke", action="store_true",
                    help="run each once at a tiny size (for make test)")
    ap.add_argument("--json", type=Path, default=Path("build/bench.json"))
    args = ap.parse_args()

    rows, passed, failed = [], 0, 0
    for w in WORKLOADS:
        if args.only and args.only not in w.name:
            continue
        try:
            row = measure(w, args.bin, args.reps or w.reps, args.smoke)
        except (RuntimeError, OSError, ValueError) as e:
            print(f"FAIL {w.name}: {e}", flush=True)
            failed += 1
            continue
        passed += 1
        rows.append(summary(row))
        print(f"ok   {w.name}", flush=True)
    if args.smoke:
        print(f"bench smoke: {passed} passed, {failed} failed")
        return 0 if failed == 0 else 1
    if not args.only or args.only in "grading":
        rows += grading(args.reps or 3)
        print("ok   grading", flush=True)
    floor = next((r["asyncbook"] for r in rows
                  if r["name"] == "switch floor"), None)
    print()
    print(table(rows, floor))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine(),
                                     "workloads": rows}, indent=2) + "\n")
    print(f"\nwritten: {args.json}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
