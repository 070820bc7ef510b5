"""The course lint's rule about the runtime's reference (courselint.py
calls it): runtime/API.md documents runtime/async.h, all of it and only it.

  api-doc   every name async.h declares (each async_* or ASYNC_*
            identifier its code holds, comments aside: functions, types,
            macros, enum constants; the include guard is not one) has an
            entry in API.md: a heading that names it in backticks (as
            ### `async_run`). And API.md names no async_* or ASYNC_*
            identifier that async.h does not declare, so a renamed or
            removed function cannot linger in the reference. ASYNC_X=...
            is an environment setting, not a name, and is not checked.
            A course without runtime/async.h skips the rule.

Each name is one item (`FAIL api-doc async_sleep: ...`).
"""
from __future__ import annotations

import re
from pathlib import Path

from grader.textlint import Checker

HEADER = Path("runtime") / "async.h"
DOC = Path("runtime") / "API.md"
NAME = re.compile(r"\b(?:async|ASYNC)_\w+")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
GUARD = re.compile(r"^#ifndef\s+(\w+)\s*\n#define\s+\1\s*$", re.M)
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
TICKED = re.compile(r"`([^`\n]+)`")
SETTING = re.compile(r"\bASYNC_\w+=")


def declared(header: str) -> list[str]:
    """The async_* and ASYNC_* names of a header's code, in order."""
    code = COMMENT.sub(" ", header)
    guards = set(GUARD.findall(code))
    return [n for n in dict.fromkeys(NAME.findall(code)) if n not in guards]


def entries(doc: str) -> set[str]:
    """The names a heading of doc (outside code blocks) gives in
    backticks."""
    found: set[str] = set()
    for line in FENCE.sub("", doc).splitlines():
        if line.startswith("#"):
            for ticked in TICKED.findall(line):
                found.update(NAME.findall(ticked))
    return found


def named(doc: str) -> set[str]:
    """Every async_* and ASYNC_* name doc uses, settings left out."""
    return set(NAME.findall(SETTING.sub(" ", doc)))


def findings(header: str, doc: str) -> list[tuple[str, str]]:
    """(name, problem) for each declared name ("" when it has its entry),
    then for each name doc uses that the header does not declare."""
    names = declared(header)
    have = entries(doc)
    out = [(n, "" if n in have else
            f"declared in {HEADER} but {DOC} has no entry for it: give it "
            f"a heading in its section that names it, as ### `{n}`")
           for n in names]
    for n in sorted(named(doc) - set(names)):
        out.append((n, f"{DOC} names it, but {HEADER} declares no such "
                    "name: correct it or take it out (an environment "
                    "setting is written as NAME=value)"))
    return out


def lint_api(lint: Checker) -> None:
    header = lint.root / HEADER
    if not header.is_file():
        return
    doc = lint.root / DOC
    if not doc.is_file():
        lint.check("api-doc", str(DOC), f"missing: it is the reference "
                   f"of {HEADER}, one heading per name the header declares")
        return
    for name, problem in findings(header.read_text(encoding="utf-8"),
                                  doc.read_text(encoding="utf-8")):
        lint.check("api-doc", name, problem)
