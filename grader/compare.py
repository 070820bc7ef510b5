"""Comparing what a program printed with what a check expects: exact
lines (aligned with difflib, so one missing line is one MISSING, not
every later line BAD), patterns in order, groups in any order."""
from __future__ import annotations

import difflib
import re
from collections import Counter

SHOW = 40  # output lines shown around a failure


def output_lines(text: str) -> list[str]:
    lines = [l.rstrip() for l in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def tail(label: str, text: str, n: int = 12) -> list[str]:
    lines = output_lines(text)
    if not lines:
        return []
    cut = lines[-n:]
    more = f" (last {n} of {len(lines)} lines)" if len(lines) > n else ""
    return [f"  {label}{more}:", *("    " + l for l in cut)]


def window(tagged: list[str], first_bad: int) -> list[str]:
    lo = max(0, first_bad - SHOW // 2)
    cut = tagged[lo:lo + SHOW]
    if lo > 0:
        cut.insert(0, f"      ... {lo} lines")
    if lo + SHOW < len(tagged):
        cut.append(f"      ... {len(tagged) - lo - SHOW} more lines")
    return cut


def compare_lines(got: list[str], want: list[str]) -> tuple[bool, list[str]]:
    """Exact comparison, with gradelib's GOOD/BAD/MISSING tags, the two
    aligned: a line left out is one MISSING, a line too many one BAD."""
    if got == want:
        return True, []
    tagged: list[str] = []
    first_bad = -1
    ops = difflib.SequenceMatcher(None, got, want, autojunk=False)
    for op, g0, g1, w0, w1 in ops.get_opcodes():
        if op != "equal" and first_bad < 0:
            first_bad = len(tagged)
        if op == "equal":
            tagged += [f"    GOOD {l}" for l in got[g0:g1]]
            continue
        bad, missing = got[g0:g1], want[w0:w1]
        for i in range(max(len(bad), len(missing))):
            if i < len(bad):
                tagged.append(f"    BAD  {bad[i]}")
                if i < len(missing):
                    tagged.append(f"    {'':4} expected: {missing[i]}")
            else:
                tagged.append(f"    MISSING {missing[i]}")
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


def forbidden(got: list[str], lines: tuple[str, ...],
              patterns: tuple[str, ...]) -> list[str]:
    """The lines of got that equal one of lines or match one of patterns,
    tagged with their number."""
    return [f"    BAD  line {i}: {line}" for i, line in enumerate(got, 1)
            if line in lines or any(re.fullmatch(p, line) for p in patterns)]


def answer_lines(text: str) -> list[str]:
    """A prediction: its lines, blank lines and # comments left out."""
    return [l.rstrip() for l in text.splitlines()
            if l.strip() and not l.lstrip().startswith("#")]
