"""The programs a check looks at, each built and run once: the student's
own (per distinct args/stdin), a driver linked with the student's code,
a puzzle program, and the reference solution a seeded driver compares
with. A check function asks its Context for the run it needs."""
from __future__ import annotations

import secrets
import signal
from dataclasses import dataclass, field
from pathlib import Path

from grader import build as buildmod
from grader import pyrun
from grader import run as runmod
from grader.compare import output_lines
from grader.settings import Settings
from grader.spec import Check, Exercise

# What the kernel's SIGSYS means for a program the grader built: the
# filter of grader/evidence.c stopped a system call that sleeps for real.
SLEPT = ("blocked for real: the program made a system call that sleeps "
         "(nanosleep, clock_nanosleep, poll or select with a timeout, "
         "pause, a timed wait) below the runtime's wrappers, where the "
         "virtual clock cannot see it, and was stopped. Sleep with "
         "async_sleep; a task never blocks the loop")


UNIT_H = Path(__file__).resolve().parent / "unit.h"


@dataclass(frozen=True)
class Ran:
    """One program built and run: what every check of it looks at."""
    build: buildmod.Build
    result: runmod.RunResult | None
    outcome: str           # "" when it built, ran and exited as expected

    @property
    def lines(self) -> list[str]:
        return output_lines(self.result.stdout if self.result else "")


RunKey = tuple[str, ...]


@dataclass
class Context:
    """What a check function may ask for; runs are made once, lazily."""
    exercise: Exercise
    files: dict[str, Path]       # the edited files, where to read them
    settings: Settings
    runs: dict[RunKey, Ran] = field(default_factory=dict)
    public: set[RunKey] = field(default_factory=set)  # runs public checks use
    # Drawn once per grading: a seeded driver's inputs cannot be known
    # before the program runs, so no printed answer can match them.
    seed: str = field(default_factory=lambda: str(secrets.randbelow(1 << 31)))
    start_up: float | None = None  # py_start_up's measure, once per grading

    def limits(self) -> runmod.Limits:
        timeout = self.exercise.timeout
        if self.settings.max_timeout > 0:
            timeout = min(timeout, self.settings.max_timeout)
        return runmod.Limits(timeout=timeout,
                             memory_mb=self.settings.memory_mb)

    def staged(self, extra: Path | None = None,
               files: dict[str, Path] | None = None) -> dict[str, Path]:
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
        out.update(self.files if files is None else files)
        return out

    def _run(self, key: RunKey, compile_: list[str], c: Check,
             expect_exit: int, args: tuple[str, ...] = (),
             rename: tuple[str, ...] = (),
             files: dict[str, Path] | None = None,
             unit: bool = False) -> Ran:
        if not c.hidden:
            self.public.add(key)
        if key in self.runs:
            return self.runs[key]
        s = self.settings
        # A hidden driver or program may ship files of its own.
        extra = (c.folder if key[0] != "main"
                 and c.folder != self.exercise.path else None)
        if self.exercise.track == "py":
            ran = self._run_py(key, compile_, c, expect_exit, args, extra,
                               files)
            self.runs[key] = ran
            return ran
        staged = self.staged(extra, files)
        if unit:  # a lab's tests include the harness
            staged["unit.h"] = UNIT_H
        b = buildmod.compile_program(s.repo, s.lib, s.cache, staged, compile_,
                                     sandbox=s.sandbox, hide=s.hide,
                                     rename_main=rename)
        if not b.ok:
            first = b.errors.splitlines()[0] if b.errors else "failed"
            ran = Ran(b, None, f"compile error: {first}")
        else:
            assert b.binary is not None
            own = c.args if c.args is not None else self.exercise.args
            stdin = c.stdin if c.stdin is not None else self.exercise.stdin
            # A lab's tests time out with alarm(), which the virtual
            # clock's filter of sleeping calls (evidence.c) forbids; they
            # never wait on the runtime's clock.
            r = runmod.run_program(b.binary, args=(*args, *own),
                                   stdin=stdin, limits=self.limits(),
                                   virtual=s.virtual and not unit,
                                   sandbox=s.sandbox, hide=s.hide,
                                   trace=not unit)
            ran = Ran(b, r, unit_outcome(r, self) if unit
                      else self.outcome(r, expect_exit))
        self.runs[key] = ran
        return ran

    def _run_py(self, key: RunKey, scripts: list[str], c: Check,
                expect_exit: int, args: tuple[str, ...], extra: Path | None,
                files: dict[str, Path] | None) -> Ran:
        """A Python exercise: nothing to build; run the script (the
        edited file, or the check's driver or program) under vclock."""
        s = self.settings
        script = self.exercise.files[0] if key[0] == "main" else scripts[-1]
        own = c.args if c.args is not None else self.exercise.args
        stdin = c.stdin if c.stdin is not None else self.exercise.stdin
        r = pyrun.run_script(self.staged(extra, files), script,
                             s.lib.parent, args=(*args, *own), stdin=stdin,
                             limits=self.limits(), sandbox_on=s.sandbox,
                             hide=s.hide)
        b = buildmod.Build(True, None, "", "")
        return Ran(b, r, pyrun.outcome(r, self.limits(), expect_exit,
                                       self.exercise.files))

    def py_start_up(self) -> float:
        """How long python3 takes to start a program here (pyrun.start_up),
        measured once per grading and only when a check needs it."""
        if self.start_up is None:
            s = self.settings
            self.start_up = pyrun.start_up(s.lib.parent, limits=self.limits(),
                                           sandbox_on=s.sandbox, hide=s.hide)
        return self.start_up

    def outcome(self, r: runmod.RunResult, expect_exit: int) -> str:
        if (self.settings.virtual and r.status == "signal"
                and r.code == signal.SIGSYS):
            return SLEPT
        return runmod.outcome(r, self.limits(), expect_exit)

    def main(self, c: Check) -> Ran:
        return self._run(("main", *key_of(c)), list(self.exercise.sources),
                         c, self.exercise.exit)

    def driver(self, c: Check) -> Ran:
        """The driver's main() with the student's code; a seeded driver
        gets this grading's seed as its first argument."""
        return self._run(("driver", c.driver, *key_of(c), *hidden_key(c)),
                         [*self.exercise.sources, c.driver], c, 0,
                         self.seed_args(c), self.exercise.sources)

    def reference(self, c: Check) -> Ran | None:
        """The same driver with the course's solution, on the same seed;
        None when there is no solution to compare with."""
        sol = self.solution()
        if sol is None or not c.seeded:
            return None
        files = {n: sol / n for n in self.exercise.files}
        return self._run(("reference", c.driver, *key_of(c),
                          *hidden_key(c)),
                         [*self.exercise.sources, c.driver], c, 0,
                         self.seed_args(c), self.exercise.sources, files)

    def solution(self) -> Path | None:
        """The course's solution of this exercise, if it has one."""
        ref = self.settings.reference
        sol = ref / self.exercise.slug if ref is not None else None
        if sol is None or not all((sol / n).is_file()
                                  for n in self.exercise.files):
            return None
        return sol

    def seed_args(self, c: Check) -> tuple[str, ...]:
        return (self.seed,) if c.seeded and self.solution() else ()

    def unit(self, c: Check) -> Ran:
        """A lab's tests (c.driver, with grader/unit.h) linked with the
        student's files and the C files the lab gives, given this
        grading's seed: the unit check's run (grader/unit.py)."""
        return self._run(("unit", c.driver, *key_of(c), *hidden_key(c)),
                         [*self.exercise.sources, *self.given(c), c.driver],
                         c, 0, (self.seed,), self.exercise.sources,
                         unit=True)

    def given(self, c: Check) -> list[str]:
        """The lab's own C files: every .c of its folder that is neither
        an edited file nor a driver or program of one of its checks."""
        drivers = {x.driver or x.program for x in self.exercise.checks}
        return sorted(p.name for p in self.exercise.path.glob("*.c")
                      if p.name not in self.exercise.files
                      and p.name not in drivers and p.name != c.driver)

    def program(self, c: Check) -> Ran:
        return self._run(("program", c.program, *key_of(c),
                          *hidden_key(c)), [c.program], c, 0)


def unit_outcome(r: runmod.RunResult, ctx: Context) -> str:
    """How a lab's test program ended: it exits 1 when a test failed,
    which its verdicts say; 2 when it could not start."""
    if r.status == "exit" and r.code in (0, 1):
        return ""
    if r.status == "exit" and r.code == 2:
        first = (r.stderr.strip().splitlines() or ["(no message)"])[0]
        return f"the tests did not start: {first}"
    return ctx.outcome(r, 0)


def key_of(c: Check) -> tuple[str, ...]:
    """What tells one run of a program from another: its args, stdin."""
    return (repr(c.args), repr(c.stdin))


def hidden_key(c: Check) -> tuple[str, ...]:
    """A hidden check's driver may share a public one's name: its own
    folder tells the runs apart."""
    return (str(c.folder),) if c.folder is not None else ()
