"""The course lint's rules about prose: what the text of the course says.

courselint.py checks the shape of the course (folders, check files,
solutions); these rules check its sentences where a machine can:

  path-exists   every repository path a document names in backticks or in
                a link (`exercises/02-stopwatch/stopwatch.c`,
                [lesson](lessons/07-sleeping/)) exists, so no page sends a
                student to a file that is not there. A path with a
                placeholder (NN, NAME, ...) or a glob is not checked, nor
                one into a top folder this copy of the course lacks (a
                student's handout has no solutions/).

Each rule reports through the Lint object courselint passes in.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

TOP = ("exercises/", "lessons/", "solutions/", "runtime/", "grader/")
# `exercises/02-stopwatch/stopwatch.c`, or (lessons/07-sleeping/) in a link.
PATH = re.compile(r"[`(]((?:%s)[^`)\s:#]*)" %
                  "|".join(re.escape(t) for t in TOP))
PLACEHOLDER = re.compile(r"NN|NAME|[*?<>{}]|\.\.\.|\$")


class Checker(Protocol):
    root: Path

    def check(self, rule: str, item: str, problem: str = "") -> bool: ...


def documents(root: Path) -> list[Path]:
    """The pages a student or an instructor reads."""
    pages = [root / "README.md", root / "lessons" / "README.md"]
    pages += sorted((root / "lessons").glob("*/README.md"))
    pages += sorted((root / "grader").glob("*.md"))
    return [p for p in pages if p.is_file()]


def named_paths(text: str) -> list[str]:
    """Repository paths named in text, placeholders left out."""
    found = []
    for m in PATH.finditer(text):
        path = m.group(1).rstrip(".,;")
        if not PLACEHOLDER.search(path):
            found.append(path)
    return found


def lint_paths(lint: Checker) -> None:
    for page in documents(lint.root):
        text = page.read_text(encoding="utf-8")
        missing = sorted({p for p in named_paths(text)
                          if (lint.root / p.split("/")[0]).is_dir()
                          and not (lint.root / p).exists()})
        item = str(page.relative_to(lint.root))
        lint.check("path-exists", item,
                   "names files that do not exist: " + ", ".join(missing)
                   if missing else "")


def lint_text(lint: Checker) -> None:
    lint_paths(lint)
