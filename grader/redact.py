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


TAGS = ("GOOD ", "BAD  ", "BAD ", "expected: ", "MISSING ")


def line(text: str, known: frozenset[str],
         pats: tuple[re.Pattern, ...]) -> str:
    """One echoed line (a line the program printed, maybe after a tag
    such as GOOD or BAD), hidden if it is a hidden check's, and cut."""
    body = text.strip()
    for k in TAGS:
        if body.startswith(k):
            body = body[len(k):].strip()
            break
    if body and (body in known or any(p.fullmatch(body) for p in pats)):
        text = text[:text.rindex(body)] + HIDDEN
    if len(text) > LINE:
        text = text[:LINE] + f"... ({len(text) - LINE} more characters)"
    return text


def text(block: str, known: frozenset[str],
         pats: tuple[re.Pattern, ...]) -> str:
    return "\n".join(line(l, known, pats) for l in block.split("\n"))


def scrub(ex: Exercise, results: tuple, log: str) -> tuple[tuple, str]:
    """The checks' evidence and the run's log, made safe to show (the
    messages are the author's and the grader's words, never output)."""
    known, pats = secrets(ex)
    out = tuple(dataclasses.replace(
        r, details=tuple(line(d, known, pats) for d in r.details))
        for r in results)
    return out, text(log, known, pats)
