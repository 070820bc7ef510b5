"""What a report echoes of a program's output must not give a hidden check
away: a line a hidden check expects (or one its patterns match) is shown
as a placeholder wherever the program printed it, and no echoed line is
longer than LINE characters. The program cannot read the hidden checks
(grader/sandbox.py); this keeps one that guessed or leaked a line from
showing it to everyone who reads the report."""
from __future__ import annotations

import dataclasses
import re

from grader.spec import Exercise

LINE = 300
HIDDEN = "<a line a hidden check expects>"


def secrets(ex: Exercise) -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The lines and patterns only hidden checks know."""
    def lines(checks: list) -> set[str]:
        out: set[str] = set()
        for c in checks:
            out |= set(c.lines or ())
            for g in c.groups or ():
                out |= set(g)
        return out
    hidden = [c for c in ex.checks if c.hidden]
    public = [c for c in ex.checks if not c.hidden]
    pats = tuple(re.compile(p) for c in hidden for p in c.patterns or ())
    return frozenset(lines(hidden) - lines(public)), pats


def line(text: str, known: frozenset[str],
         pats: tuple[re.Pattern, ...]) -> str:
    """One echoed line, with any hidden line in it replaced, and cut."""
    for s in known:
        if len(s.strip()) >= 2 and s in text:
            text = text.replace(s, HIDDEN)
    body = text.strip()
    for k in ("GOOD ", "BAD  ", "BAD ", "expected: "):
        if body.startswith(k):
            body = body[len(k):].strip()
    if body and any(p.fullmatch(body) for p in pats):
        text = text.replace(body, HIDDEN)
    if len(text) > LINE:
        text = text[:LINE] + f"... ({len(text) - LINE} more characters)"
    return text


def text(block: str, known: frozenset[str],
         pats: tuple[re.Pattern, ...]) -> str:
    return "\n".join(line(l, known, pats) for l in block.split("\n"))


def scrub(ex: Exercise, results: tuple, log: str) -> tuple[tuple, str]:
    """The public checks' results and the run's log, made safe to show."""
    known, pats = secrets(ex)
    if not known and not pats:
        return (tuple(dataclasses.replace(
            r, details=tuple(line(d, known, pats) for d in r.details))
            for r in results), text(log, known, pats))
    out = tuple(r if r.hidden else dataclasses.replace(
        r, message=text(r.message, known, pats),
        details=tuple(line(d, known, pats) for d in r.details))
        for r in results)
    return out, text(log, known, pats)
