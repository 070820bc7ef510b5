"""Building and running a program to draw (an exercise or a lesson
example, under the virtual clock with the trace on), and the lessons'
figures: each drawn from a fresh run, side by side on one time scale.

A figure drawn with its steps' CPU time (Figure.cpu) cannot come out the
same twice: CPU time varies from run to run. Its run's trace is kept
beside it (NAME.trace.jsonl), and the check draws that trace again, once
a fresh run has shown that the program still does what the trace says
(the same events at the same virtual times; only `cpu` may differ)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader import build as buildmod
from grader import trace as tracemod
from grader.timeline_model import Timeline, build, unit_of
from grader.timeline_svg import MAX_SVG_ROWS, svg_timeline

ROOT = Path(__file__).resolve().parent.parent


class RunError(Exception):
    """The program could not be built or found."""


def library(root: Path = ROOT) -> Path:
    """The plain runtime library, made first (build.py asks the
    Makefile)."""
    try:
        return buildmod.library(root, san=False)
    except buildmod.BuildError as e:
        raise RunError(str(e)) from None


@dataclass(frozen=True)
class Program:
    label: str
    sources: tuple[Path, ...]
    kind: str                  # build.py's "student" or "lesson"; "python"
    args: tuple[str, ...] = ()
    stdin: str = ""
    env: tuple[tuple[str, str], ...] = ()
    timeout: float = 30.0
    wrapped: tuple[Path, ...] = ()  # sources whose main() a driver replaces
    prediction: Path | None = None  # a puzzle's answer: shown once right


def find_program(spec: str, root: Path = ROOT) -> Program:
    """exercise:07 (or exercise:07-fibonacci) or lesson:NN-topic/name."""
    kind, _, what = spec.partition(":")
    if kind == "exercise" and what:
        from grader import spec as specmod
        folders = sorted(d for d in (root / "exercises").glob(f"{what}*")
                         if d.is_dir() and (d / "check.toml").is_file()
                         and (d.name == what or d.name.startswith(what + "-")))
        if not folders:
            raise RunError(f"no exercise {what} (see exercises/)")
        ex = specmod.load_exercise(folders[0])
        d = folders[0]
        label = f"exercises/{ex.slug}"
        timeout = max(ex.timeout, 1.0)
        kind = "python" if ex.track == "py" else "student"
        mine = ex.files[:1] if kind == "python" else ex.sources
        if any(c.uses_main_run for c in ex.checks):
            return Program(label, tuple(d / f for f in mine),
                           kind, ex.args, ex.stdin, (),
                           timeout)
        # Only a driver or a given program runs: run the first of them, as
        # the grader does (a driver calls the student's code, whose own
        # main() is renamed away).
        c = ex.checks[0]
        if c.kind == "unit":
            raise RunError(f"{ex.id} is a lab: its tests run each in a "
                           "process of its own, with no loop of the "
                           "runtime to draw; run them with make run "
                           f"EX={ex.id}")
        if c.kind == "predict":
            return Program(f"{label}/{c.program}", (d / c.program,),
                           kind, c.args or (),
                           c.stdin or "", (), timeout,
                           prediction=d / c.answer)
        return Program(f"{label}/{c.driver}", (d / c.driver,),
                       kind, c.args or (), c.stdin or "",
                       (), timeout, tuple(d / f for f in ex.sources))
    if kind == "lesson" and what:
        src = root / "lessons" / (what + ".c")
        if not src.is_file():
            raise RunError(f"no lesson example lessons/{what}.c "
                           "(try: ls lessons/*/)")
        env = []
        envfile = src.with_suffix(".env")
        if envfile.is_file():
            for line in envfile.read_text().splitlines():
                key, eq, value = line.partition("=")
                if eq and key.strip() and not line.startswith("#"):
                    env.append((key.strip(), value.strip()))
        return Program(f"lessons/{what}", (src,), "lesson",
                       env=tuple(env))
    raise RunError(f"--run takes exercise:NN or lesson:NN-topic/name, "
                   f"not {spec!r}")


def rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


@dataclass(frozen=True)
class Ran:
    stdout: str
    stderr: str
    status: int | None      # None: it timed out
    trace: tracemod.Trace | None
    trace_text: str = ""    # the trace file as the runtime wrote it


def run_program(p: Program, lib: Path, work: Path) -> Ran:
    """Compile p into work/, run it there under the virtual clock with the
    trace on (a Python program runs under grader/vclock.py)."""
    exe = work / "program"
    argv = [str(exe), *p.args]
    if p.kind == "python":
        argv = [sys.executable, "-X", "dev", str(ROOT / "grader" /
                                                 "vclock.py"),
                str(p.sources[0]), *p.args]
    # Paths relative to the project, so messages name exercises/..., as
    # make run's do; a driver's student files have their main() renamed.
    sources = [rel(s) for s in (*p.sources, *p.wrapped)]
    dirs = tuple(sorted({"-I" + rel(s.parent)
                         for s in p.sources + p.wrapped}))
    error = "" if p.kind == "python" else buildmod.compile_plain(
        p.kind, sources, exe, lib, dirs, ROOT,
        tuple(rel(s) for s in p.wrapped))
    if error:
        raise RunError(f"{p.label} does not compile:\n" + error.strip())
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASYNC_")}
    env.update(dict(p.env))
    env["ASYNC_CLOCK"] = "virtual"
    env["ASYNC_TRACE"] = str(work / "trace.jsonl")
    try:
        done = subprocess.run(argv, input=p.stdin.encode(),
                              capture_output=True, env=env, cwd=str(work),
                              timeout=p.timeout)
        out, err, status = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as ex:
        out, err, status = ex.stdout or b"", ex.stderr or b"", None
    trace = tracemod.read(work / "trace.jsonl")
    text = (work / "trace.jsonl").read_text("utf-8", "replace") \
        if trace is not None and not trace.problem else ""
    return Ran(out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               status, trace, text)


def predicted(answer: Path, stdout: str) -> bool:
    """Whether the student's prediction (blank and # lines ignored, as
    the grader reads it) is what the puzzle printed."""
    from grader.checks import answer_lines
    return answer_lines(answer) == [line.rstrip() for line in
                                    stdout.splitlines() if line.strip()]


# ---- Lesson figures -------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    lesson: str
    examples: tuple[str, ...]   # drawn on one time scale, side by side
    width: int = 760
    # Steps drawn as wide as their CPU time (timeline_model.cpu_axis), for
    # a figure about computing; the others are about waiting, where a
    # step's microseconds of CPU would not show (and their runs repeat).
    cpu: bool = False


FIGURES = (
    Figure("02-concurrency", ("timeline",)),
    Figure("07-sleeping", ("countsync", "countasync"), 440),
    Figure("08-tasks", ("example_5",)),
    Figure("10-gather", ("gather_square",)),
    Figure("11-as-completed", ("as_completed",)),
    Figure("13-starvation", ("hog", "polite"), 440, cpu=True),
)


def total_title(name: str, tl: Timeline, end: float = 0.0) -> str:
    """The figure's title: the run's total time, in the unit of an axis
    that ends at end (figures side by side share it, so that their totals
    read in one unit), else its own."""
    t = tl.total
    unit, factor = unit_of(max(t, end))
    unit = "\u00b5s" if unit == "us" else unit
    value = f"{t * factor:.2f}" if unit == "s" or t * factor < 10 \
        else f"{t * factor:.0f}"
    return f"{name}.c: {value} {unit} in all"


def kept_run(root: Path, fig: Figure, name: str, ran: Ran
             ) -> tuple[tracemod.Trace | None, str]:
    """The kept trace of a figure drawn with CPU time, and "" if a fresh
    run (ran) does all it says; else None and what is wrong."""
    rel = f"lessons/{fig.lesson}/{name}.trace.jsonl"
    kept = tracemod.read(root / rel)
    if kept is None or kept.problem:
        return None, f"{rel} is missing or damaged (run make figures)"
    if ran.trace is None or (tracemod.without_cpu(kept)
                             != tracemod.without_cpu(ran.trace)):
        return None, (f"{rel} is not what {name}.c does now (run make "
                      "figures and look at the diff)")
    return kept, ""


def make_figures(root: Path, into: Path, check: bool = False
                 ) -> list[tuple[str, str]]:
    """Draws every figure into into/NN-topic/NAME.svg; returns (path,
    problem) for each, problem "" when it was drawn. A figure drawn with
    CPU time is drawn from a fresh run whose trace is written beside it,
    or with check from its kept trace (kept_run)."""
    out: list[tuple[str, str]] = []
    lib = library(root)
    for fig in FIGURES:
        tls: dict[str, Timeline] = {}
        problem = ""
        for name in fig.examples:
            try:
                prog = find_program(f"lesson:{fig.lesson}/{name}", root)
                with tempfile.TemporaryDirectory(prefix="figure-") as d:
                    ran = run_program(prog, lib, Path(d))
            except RunError as e:
                problem = str(e).splitlines()[0]
                break
            if ran.trace is None or ran.status != 0:
                problem = f"{name} did not run cleanly"
                break
            trace = ran.trace
            if fig.cpu and check:
                trace, problem = kept_run(root, fig, name, ran)
                if trace is None:
                    break
            elif fig.cpu:
                (into / fig.lesson).mkdir(parents=True, exist_ok=True)
                (into / fig.lesson / f"{name}.trace.jsonl").write_text(
                    ran.trace_text, encoding="utf-8")
            tls[name] = build(trace, cpu=fig.cpu)
        end = max((t.end for t in tls.values()), default=0.0)
        chars = max((len(r.label) for t in tls.values() for r in t.rows),
                    default=0)
        most = max((len(t.rows) for t in tls.values()), default=0)
        texts = {name: svg_timeline(tls[name], fig.width, end,
                                    total_title(name, tls[name], end), chars,
                                    min(most, MAX_SVG_ROWS))
                 for name in tls}
        tall = max((svg_height(t) for t in texts.values()), default=0)
        for name in fig.examples:
            rel = f"lessons/{fig.lesson}/{name}.svg"
            if problem:
                out.append((rel, problem))
                continue
            text = svg_timeline(tls[name], fig.width, end,
                                total_title(name, tls[name], end), chars,
                                min(most, MAX_SVG_ROWS), tall)
            (into / fig.lesson).mkdir(parents=True, exist_ok=True)
            (into / fig.lesson / f"{name}.svg").write_text(text,
                                                          encoding="utf-8")
            out.append((rel, ""))
    return out


def svg_height(text: str) -> int:
    head = text[:text.index(">")]
    return int(head.split('height="')[1].split('"')[0])


def figures_command(check: bool, root: Path = ROOT) -> int:
    try:
        if not check:
            made = make_figures(root, root / "lessons")
            for rel, problem in made:
                print(f"FAIL {rel}: {problem}" if problem else f"wrote {rel}")
            return 1 if any(p for _, p in made) else 0
        with tempfile.TemporaryDirectory(prefix="figures-") as d:
            made = make_figures(root, Path(d), check=True)
            passed = failed = 0
            for rel, problem in made:
                if not problem:
                    fresh = (Path(d) / rel.split("/", 1)[1]).read_bytes()
                    old = root / rel
                    if not old.is_file():
                        problem = "missing (run make figures)"
                    elif old.read_bytes() != fresh:
                        problem = "differs from a fresh run (run make " \
                                  "figures and look at the diff)"
                if problem:
                    failed += 1
                    print(f"FAIL {rel}: {problem}")
                else:
                    passed += 1
                    print(f"ok   {rel}")
    except RunError as e:
        print(e, file=sys.stderr)
        print("figures: 0 passed, 1 failed")
        return 1
    print(f"figures: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0
