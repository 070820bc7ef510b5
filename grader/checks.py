"""The check kinds, one function each, registered with @check("kind"), and
grade(), which builds an exercise, runs it once (plus its driver and
puzzle programs) and hands every check the run it needs."""
from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from grader import build as buildmod
from grader import run as runmod
from grader import timeline
from grader import trace as tracemod
from grader.spec import Check, Exercise

SHOW = 40  # output lines shown around a failure


@dataclass(frozen=True)
class CheckResult:
    name: str
    kind: str
    points: int
    max_points: int
    passed: bool
    message: str = ""                 # why it failed, one line or two
    details: tuple[str, ...] = ()     # got/expected, the timeline
    hidden: bool = False              # an instructor's hidden check


@dataclass(frozen=True)
class ExerciseResult:
    id: str
    slug: str
    title: str
    points: int
    max_points: int
    checks: tuple[CheckResult, ...]
    outcome: str = ""      # how the main run ended, "" if well
    error: str = ""        # a check.toml error or a missing file
    build_log: str = ""    # compiler errors and warnings
    wall: float = 0.0      # real seconds spent grading
    virtual: float | None = None  # the main run's virtual time
    log: str = ""          # the main run's stdout and stderr
    cached: bool = False   # the main build came from the cache

    @property
    def passed(self) -> bool:
        return not self.error and self.points == self.max_points

    def report(self) -> str:
        """All the failure text: what the self-check searches."""
        parts = [self.error, self.outcome, self.build_log]
        for c in self.checks:
            if not c.passed:
                parts += [c.message, *c.details]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Settings:
    repo: Path
    lib: Path
    cache: Path
    virtual: bool = True
    sandbox: bool = True
    memory_mb: int = 512
    hide: tuple[str, ...] = ()  # folders no program may see (class mode)
    tolerance: float = 0.25  # real-time mode: seconds of slack on elapsed
    hidden: Path | None = None  # hidden checks: <hidden>/NN-name/check.toml
    max_timeout: float = 0.0  # if > 0: no run gets more real seconds


@dataclass(frozen=True)
class Ran:
    """One program built and run: what every check of it looks at."""
    build: buildmod.Build
    result: runmod.RunResult | None
    outcome: str           # "" when it built, ran and exited as expected

    @property
    def lines(self) -> list[str]:
        return output_lines(self.result.stdout if self.result else "")


@dataclass
class Context:
    """What a check function may ask for; runs are made once, lazily."""
    exercise: Exercise
    files: dict[str, Path]       # the edited files, where to read them
    settings: Settings
    runs: dict[tuple, Ran] = field(default_factory=dict)
    public: set[tuple] = field(default_factory=set)  # runs public checks use

    def limits(self) -> runmod.Limits:
        timeout = self.exercise.timeout
        if self.settings.max_timeout > 0:
            timeout = min(timeout, self.settings.max_timeout)
        return runmod.Limits(timeout=timeout,
                             memory_mb=self.settings.memory_mb)

    def staged(self, extra: Path | None = None) -> dict[str, Path]:
        """Every file the exercise ships (then those of extra, a hidden
        check's folder), with the student's edits on top (check.toml and
        wrong/ are not program files)."""
        out: dict[str, Path] = {}
        for folder in (self.exercise.path, extra):
            if folder is None or not folder.is_dir():
                continue
            out.update({p.name: p for p in sorted(folder.iterdir())
                        if p.is_file() and p.name != "check.toml"
                        and p.stat().st_size < buildmod.SOURCE_LIMIT})
        out.update(self.files)
        return out

    def _run(self, key: tuple, compile_: list[str], generated: dict,
             c: Check, expect_exit: int) -> Ran:
        if not c.hidden:
            self.public.add(key)
        if key in self.runs:
            return self.runs[key]
        s = self.settings
        # A hidden driver or program may ship files of its own.
        extra = (c.folder if key[0] != "main"
                 and c.folder != self.exercise.path else None)
        b = buildmod.compile_program(s.repo, s.lib, s.cache,
                                     self.staged(extra), compile_, generated,
                                     sandbox=s.sandbox, hide=s.hide)
        if not b.ok:
            first = b.errors.splitlines()[0] if b.errors else "failed"
            ran = Ran(b, None, f"compile error: {first}")
        else:
            assert b.binary is not None
            args = c.args if c.args is not None else self.exercise.args
            stdin = c.stdin if c.stdin is not None else self.exercise.stdin
            r = runmod.run_program(b.binary, args=tuple(args), stdin=stdin,
                                   limits=self.limits(), virtual=s.virtual,
                                   sandbox=s.sandbox, hide=s.hide)
            ran = Ran(b, r, runmod.outcome(r, self.limits(), expect_exit))
        self.runs[key] = ran
        return ran

    def main(self, c: Check) -> Ran:
        return self._run(("main", c.args, c.stdin),
                         list(self.exercise.sources), {}, c,
                         self.exercise.exit)

    def driver(self, c: Check) -> Ran:
        wrappers = {f"student_{n}": f'#define main student_main\n'
                    f'#include "{n}"\n' for n in self.exercise.sources}
        return self._run(("driver", c.driver, c.args, c.stdin,
                          *hidden_key(c)),
                         [*wrappers, c.driver], wrappers, c, 0)

    def program(self, c: Check) -> Ran:
        return self._run(("program", c.program, c.args, c.stdin,
                          *hidden_key(c)),
                         [c.program], {}, c, 0)


def hidden_key(c: Check) -> tuple[str, ...]:
    """A hidden check's driver may share a public one's name: its own
    folder tells the runs apart."""
    return (str(c.folder),) if c.folder is not None else ()


CheckFn = Callable[[Check, Context], CheckResult]
REGISTRY: dict[str, CheckFn] = {}


def check(kind: str) -> Callable[[CheckFn], CheckFn]:
    """Register fn as the judge of checks of this kind."""
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[kind] = fn
        return fn
    return register


# ---- Helpers ----------------------------------------------------------------

def output_lines(text: str) -> list[str]:
    lines = [l.rstrip() for l in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def result(c: Check, passed: bool, message: str = "",
           details: list[str] | tuple[str, ...] = ()) -> CheckResult:
    if not passed and c.hidden:
        message, details = concealed(message), ()
    if not passed and c.message:
        message = f"{c.message}\n{message}" if message else c.message
    return CheckResult(c.name, c.kind, c.points if passed else 0, c.points,
                       passed, "" if passed else message, tuple(details),
                       c.hidden)


# How a run ended, as the outcome lines begin (grader/README.md): the
# only part of a hidden check's failure a student is told.
OUTCOME_WORDS = ("compile error", "not done yet", "crash", "deadlock",
                 "runtime error", "timeout", "output flood",
                 "out of memory", "exit status", "missing file",
                 "bad trace", "refused")


def concealed(message: str) -> str:
    """A hidden check's failure without its inputs, expected output or
    evidence: the student learns that it failed, and how the run ended
    when it ended badly, never what it was fed or expected."""
    first = message.splitlines()[0] if message else ""
    for word in OUTCOME_WORDS:
        if first.startswith(word):
            return f"hidden check failed: {word}"
    if first.startswith("not judged yet"):
        return first
    return "hidden check failed (its inputs and expected output are not " \
        "shown)"


def broken_run(c: Check, ran: Ran) -> CheckResult | None:
    """A check cannot pass on a run that did not end well."""
    if not ran.outcome:
        return None
    details = ["    " + l for l in ran.build.errors.splitlines()]
    if ran.result is not None:
        details += tail("stdout", ran.result.stdout)
        details += tail("stderr", ran.result.stderr)
    return result(c, False, ran.outcome, details)


def tail(label: str, text: str, n: int = 12) -> list[str]:
    lines = output_lines(text)
    if not lines:
        return []
    cut = lines[-n:]
    more = f" (last {n} of {len(lines)} lines)" if len(lines) > n else ""
    return [f"  {label}{more}:", *("    " + l for l in cut)]


def fmt_num(v: float | int) -> str:
    return str(v) if isinstance(v, (int, float)) else repr(v)


def window(tagged: list[str], first_bad: int) -> list[str]:
    lo = max(0, first_bad - SHOW // 2)
    cut = tagged[lo:lo + SHOW]
    if lo > 0:
        cut.insert(0, f"      ... {lo} lines")
    if lo + SHOW < len(tagged):
        cut.append(f"      ... {len(tagged) - lo - SHOW} more lines")
    return cut


def compare_lines(got: list[str], want: list[str]) -> tuple[bool, list[str]]:
    """Exact comparison, with gradelib's GOOD/BAD/MISSING tags."""
    if got == want:
        return True, []
    tagged, first_bad = [], -1
    for i, line in enumerate(got):
        good = i < len(want) and want[i] == line
        if not good and first_bad < 0:
            first_bad = len(tagged)
        tagged.append(f"    {'GOOD' if good else 'BAD '} {line}")
        if not good and i < len(want):
            tagged.append(f"    {'':4} expected: {want[i]}")
    for line in want[len(got):]:
        if first_bad < 0:
            first_bad = len(tagged)
        tagged.append(f"    MISSING {line}")
    return False, ["  got:", *window(tagged, max(first_bad, 0))]


def match_patterns(got: list[str], pats: tuple[str, ...]
                   ) -> tuple[bool, list[str]]:
    """Each pattern fullmatches a line after the previous one's."""
    at, hits = 0, {}
    for p in pats:
        rx = re.compile(p)
        for j in range(at, len(got)):
            if rx.fullmatch(got[j]):
                hits[j] = p
                at = j + 1
                break
        else:
            tagged = [f"    {'GOOD' if i in hits else '    '} {l}"
                      for i, l in enumerate(got)]
            return False, ["  got:", *window(tagged, at),
                           f"    MISSING /{p}/ (after line {at})"]
    return True, []


def match_groups(got: list[str], groups: tuple[tuple[str, ...], ...]
                 ) -> tuple[bool, str, list[str]]:
    at = 0
    for n, g in enumerate(groups, 1):
        part = got[at:at + len(g)]
        if Counter(part) != Counter(g):
            missing = list((Counter(g) - Counter(part)).elements())
            extra = list((Counter(part) - Counter(g)).elements())
            msg = (f"lines {at + 1}-{at + len(g)} (group {n}) should be, "
                   "in any order: " + " | ".join(g))
            details = ["  got:", *(f"    {'BAD ' if l in extra else 'GOOD'} "
                                   f"{l}" for l in part)]
            details += [f"    MISSING {l}" for l in missing]
            return False, msg, details
        at += len(g)
    if at != len(got):
        return False, (f"{len(got) - at} line(s) more than expected after "
                       f"line {at}"), ["  extra:", *("    BAD  " + l
                                                     for l in got[at:at + 10])]
    return True, "", []


def expected_output(c: Check, got: list[str]) -> tuple[bool, str, list[str]]:
    """The lines, patterns or groups of c against got."""
    if c.lines is not None:
        ok, d = compare_lines(got, list(c.lines))
        return ok, "the output differs from the expected lines", d
    if c.patterns is not None:
        ok, d = match_patterns(got, c.patterns)
        return ok, "a line the output should have is missing", d
    assert c.groups is not None
    return match_groups(got, c.groups)


def timing_details(ran: Ran) -> list[str]:
    if ran.result is None or ran.result.trace is None:
        return []
    # The report indents it by 10 columns: keep the whole under 80.
    text = timeline.render(ran.result.trace, width=70)
    return ["  timeline:", *("    " + l for l in text.splitlines())]


def judge_elapsed(c: Check, ran: Ran, ctx: Context) -> CheckResult | None:
    """None if c has no bounds or they hold, else the failure."""
    if c.min is None and c.max is None:
        return None
    tr = ran.result.trace if ran.result else None
    total = tr.exit_time if tr else None
    if total is None:
        return result(c, False, "the trace has no 'exit' event, so the "
                      "elapsed time is unknown")
    slack = 0.0 if ctx.settings.virtual else ctx.settings.tolerance
    clock = "virtual" if ctx.settings.virtual else "real"
    if c.max is not None and total > c.max + slack:
        return result(c, False, f"took {total:.2f} s ({clock} time); "
                      f"expected within {fmt_num(c.max)} s",
                      timing_details(ran))
    if c.min is not None and total < c.min - slack:
        return result(c, False, f"took {total:.2f} s ({clock} time); "
                      f"expected at least {fmt_num(c.min)} s",
                      timing_details(ran))
    return None


# ---- The kinds --------------------------------------------------------------

@check("output")
@check("patterns")
@check("unordered")
def check_output(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    ok, msg, details = expected_output(c, ran.lines)
    return result(c, ok, msg, details)


@check("forbid")
def check_forbid(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    bad = []
    for i, line in enumerate(ran.lines, 1):
        if line in (c.lines or ()) or any(re.fullmatch(p, line)
                                          for p in c.patterns or ()):
            bad.append(f"    BAD  line {i}: {line}")
    if not bad:
        return result(c, True)
    return result(c, False, f"the output has {len(bad)} line(s) it must not "
                  "have", ["  got:", *bad[:SHOW]])


@check("elapsed")
def check_elapsed(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    return broken_run(c, ran) or judge_elapsed(c, ran, ctx) or result(c, True)


@check("overlap")
def check_overlap(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    tr = ran.result.trace if ran.result else None
    if tr is None:
        return result(c, False, "the program wrote no trace")
    why = frozenset(c.why) if c.why else tracemod.WAITING
    n, when = tracemod.max_suspended(tr, why)
    if n >= c.tasks:
        return result(c, True)
    at = f" (at t={when:.2f})" if n else ""
    return result(c, False, f"at most {n} task(s) were suspended at once"
                  f"{at}; expected at least {c.tasks} waiting together",
                  timing_details(ran))


@check("no_blocking")
def check_no_blocking(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.main(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    tr = ran.result.trace if ran.result else None
    if tr is None:
        return result(c, False, "the program wrote no trace")
    msgs = []
    for e in tr.of("blocking_call", "blocked"):
        secs = float(e.get("seconds", 0.0))  # type: ignore[arg-type]
        if e.ev == "blocking_call":
            msgs.append(f"task '{e.name}' called {e.get('call')}() at "
                        f"t={e.t:.2f}: a blocking sleep that stops the whole "
                        f"loop for {secs:g} s (use async_sleep)")
        else:
            msgs.append(f"task '{e.name}' held the loop for {secs:.2f} s "
                        f"without suspending (ending at t={e.t:.2f})")
    if not msgs:
        return result(c, True)
    return result(c, False, msgs[0], ["  " + m for m in msgs[1:6]]
                  + timing_details(ran))


@check("driver")
def check_driver(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.driver(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    ok, msg, details = expected_output(c, ran.lines)
    if not ok:
        return result(c, False, f"with {c.driver}'s other inputs: {msg}",
                      details)
    return judge_elapsed(c, ran, ctx) or result(c, True)


def answer_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return []
    return [l.rstrip() for l in text.splitlines()
            if l.strip() and not l.lstrip().startswith("#")]


@check("predict")
def check_predict(c: Check, ctx: Context) -> CheckResult:
    ran = ctx.program(c)
    broken = broken_run(c, ran)
    if broken:
        return broken
    guess = answer_lines(ctx.files[c.answer])
    real = [l for l in ran.lines if l.strip()]
    if not guess:
        return result(c, False, f"your prediction is empty: write in "
                      f"{c.answer} the lines you expect {c.program} to print")
    if guess == real:
        return result(c, True)
    # Never show the program's output: that would give the answer away.
    right = 0
    while right < min(len(guess), len(real)) and guess[right] == real[right]:
        right += 1
    if right == len(real):
        msg = (f"your first {right} lines are right, but the program prints "
               f"only {len(real)}")
    elif right == len(guess):
        msg = (f"your {right} lines are right, but the program prints "
               f"{len(real) - right} more")
    else:
        msg = (f"your first {right} line(s) are right; line {right + 1} "
               f"('{guess[right]}') is not what the program prints there")
    return result(c, False, msg)


# ---- Grading one exercise ---------------------------------------------------

# How a program ran (its timing, its overlap, its blocking) only counts
# once what it printed is right: an untouched stub that prints the wrong
# thing quickly must not earn the points of a fast solution.
OUTPUT_KINDS = frozenset({"output", "patterns", "unordered", "forbid"})
BEHAVIOUR_KINDS = frozenset({"elapsed", "overlap", "no_blocking"})


def behaviour_needs_output(results: tuple[CheckResult, ...]
                           ) -> tuple[CheckResult, ...]:
    """Withhold passed behaviour checks while an output check fails."""
    wrong = next((r for r in results
                  if r.kind in OUTPUT_KINDS and not r.passed), None)
    if wrong is None:
        return results
    see = "a hidden check" if wrong.hidden else f"'{wrong.name}'"
    return tuple(
        CheckResult(r.name, r.kind, 0, r.max_points, False,
                    f"not judged yet: timing and behaviour count once the "
                    f"output is right (see {see})", (), r.hidden)
        if r.kind in BEHAVIOUR_KINDS and r.passed else r
        for r in results)


def unusable(name: str, path: Path | None) -> str:
    """Why an edited file cannot be graded, or "". A link could make the
    grader read (and a compiler error quote) a file that is not the
    student's, so links are refused."""
    if path is None or not (path.is_file() or path.is_symlink()):
        return f"missing file: {name}"
    if path.is_symlink():
        return f"{name} is a symbolic link; only plain files are graded"
    if path.stat().st_size >= buildmod.SOURCE_LIMIT:
        return f"{name} is over {buildmod.SOURCE_LIMIT >> 10} KiB"
    return ""


def grade(ex: Exercise, files: dict[str, Path],
          settings: Settings) -> ExerciseResult:
    """Build, run and judge ex with the edited files taken from files."""
    start = time.monotonic()
    problem = next(filter(None, (unusable(n, files.get(n))
                                 for n in ex.files)), "")
    if problem:
        checks = tuple(CheckResult(c.name, c.kind, 0, c.points, False,
                                   problem, (), c.hidden)
                       for c in ex.checks)
        return ExerciseResult(ex.id, ex.slug, ex.title, 0, ex.max_points,
                              checks, problem,
                              wall=time.monotonic() - start)
    ctx = Context(ex, files, settings)
    results = behaviour_needs_output(
        tuple(REGISTRY[c.kind](c, ctx) for c in ex.checks))
    # What the table and the logs show comes from public runs only.
    seen = {k: r for k, r in ctx.runs.items() if k in ctx.public}
    main = next((r for k, r in seen.items() if k[0] == "main"), None)
    first = main or next(iter(seen.values()), None)
    outcome = first.outcome if first else ""
    virtual = None
    log = ""
    if main and main.result:
        tr = main.result.trace
        virtual = tr.exit_time if tr else None
        log = main.result.stdout + main.result.stderr
    build_log = ""
    if first:
        build_log = first.build.errors or first.build.warnings
    from grader import redact
    results, log = redact.scrub(ex, results, log)
    return ExerciseResult(
        ex.id, ex.slug, ex.title, sum(r.points for r in results),
        ex.max_points, results, outcome, "", build_log,
        time.monotonic() - start, virtual, log,
        all(r.build.cached for r in ctx.runs.values()))


def failed(ex_id: str, slug: str, title: str, error: str) -> ExerciseResult:
    """An exercise that could not be graded at all (a bad check.toml)."""
    return ExerciseResult(ex_id, slug, title, 0, 0, (), error=error)


def grade_folder(ref: Path, work: Path, settings: Settings,
                 label: str | None = None) -> ExerciseResult:
    """Grade the exercise whose pristine folder is ref (check.toml, driver
    and puzzle programs) with the student's edited files from work."""
    from grader import spec as specmod
    try:
        ex = specmod.load_exercise(ref, label)
        if settings.hidden is not None:
            ex = specmod.add_hidden(ex, settings.hidden / ref.name)
    except specmod.SpecError as e:
        return failed(ref.name[:2], ref.name, ref.name, str(e))
    return grade(ex, {n: work / n for n in ex.files}, settings)


def settings_for(repo: Path, *, virtual: bool = True, sandbox: bool = True,
                 make: bool = True, hidden: Path | None = None) -> Settings:
    """Settings with the runtime built (raises build.BuildError). The
    hidden checks come from hidden, else from $ASYNCBOOK_CHECKS (which
    grade.py --checks sets, so that every mode sees them)."""
    if hidden is None and os.environ.get("ASYNCBOOK_CHECKS"):
        hidden = Path(os.environ["ASYNCBOOK_CHECKS"]).resolve()
    home = Path(os.environ.get("ASYNCBOOK_GRADE_CACHE")
                or repo / "build" / "grade")
    built = buildmod.library(repo, make=make)
    headers = repo
    if runmod.run_as() is not None and not (runmod.others_can_enter(repo)
                                            and runmod.others_can_enter(home)):
        home = home_for_nobody(repo)
        headers = home / "course"
    lib = buildmod.snapshot(built, home / "lib")
    cache = home / "cache"
    buildmod.prune(cache)
    return Settings(headers, lib, cache, virtual=virtual, sandbox=sandbox,
                    hidden=hidden)


def home_for_nobody(repo: Path) -> Path:
    """As root the compiler and the programs run as nobody, who cannot
    enter a private folder (a 0700 /root, or mktemp -d). Rather than give
    up that user, grade from a folder anyone may enter: a fresh one in the
    temporary directory with the runtime's headers copied into course/,
    removed when the grader exits."""
    home = Path(tempfile.mkdtemp(prefix="asyncbook-grade-"))
    atexit.register(shutil.rmtree, home, True)
    os.chmod(home, 0o755)
    include = home / "course" / "runtime"
    include.mkdir(parents=True)
    for h in (repo / "runtime").glob("*.h"):
        shutil.copyfile(h, include / h.name)
    for d in (home / "course", include):
        os.chmod(d, 0o755)
    return home
