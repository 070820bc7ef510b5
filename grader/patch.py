"""Wrong variants as patches: a typical mistake is stored as the few lines
that differ from the solution (a unified diff, `diff -u` or difflib's), not
as a second copy of the whole file. So the mistake is all one reads, and a
solution that changes under a variant makes it fail to apply, loudly.

    python3 grader/patch.py SOLUTION WRONG > wrong/NAME.diff   # write one
"""
from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")


class PatchError(ValueError):
    """The patch does not fit the file it is applied to."""


def make(original: str, changed: str, name: str) -> str:
    """The unified diff that turns original into changed."""
    out = []
    for line in difflib.unified_diff(
            original.splitlines(keepends=True),
            changed.splitlines(keepends=True),
            f"solution/{name}", f"wrong/{name}"):
        out.append(line if line.endswith("\n") else
                   line + "\n\\ No newline at end of file\n")
    return "".join(out)


def apply(original: str, diff: str) -> str:
    """original with diff applied. Each hunk's context and removed lines
    must be exactly where the hunk says: anything else is a PatchError."""
    old = original.splitlines(keepends=True)
    out: list[str] = []
    at = 0  # lines of old copied so far
    lines = diff.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = HUNK.match(lines[i])
        i += 1
        if not m:
            continue  # the ---/+++ header
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        if start < at:
            raise PatchError(f"hunk at line {start + 1} overlaps the one "
                             "before it")
        out += old[at:start]
        at = start
        last = ""
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, text = lines[i][:1], lines[i][1:]
            i += 1
            if tag == "\\":  # "\ No newline at end of file"
                if last != "-" and out and out[-1].endswith("\n"):
                    out[-1] = out[-1][:-1]
                continue
            last = tag
            if tag in (" ", "-"):
                if at >= len(old) or old[at].rstrip("\n") != text.rstrip("\n"):
                    raise PatchError(f"line {at + 1} is not {text.strip()!r}")
                at += 1
            if tag in (" ", "+"):
                out.append(text if text.endswith("\n") else text + "\n")
    return "".join(out + old[at:])


def materialize(wrong: Path, solution: Path) -> str:
    """The text of a wrong variant: the file itself, or for a .diff the
    solution with the diff applied."""
    if wrong.suffix != ".diff":
        return wrong.read_text(encoding="utf-8")
    return apply(solution.read_text(encoding="utf-8"),
                 wrong.read_text(encoding="utf-8"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = (Path(p) for p in sys.argv[1:])
    sys.stdout.write(make(a.read_text(), b.read_text(), a.name))
