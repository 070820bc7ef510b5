"""What grading says: one check's result, one exercise's, and how a check
result is made (a hidden check's failure stripped of what it fed the
program and expected)."""
from __future__ import annotations

from dataclasses import dataclass

from grader.spec import Check


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
                 "blocked for real", "bad trace", "refused")


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
