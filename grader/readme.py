#!/usr/bin/env python3
"""Keep the README's table of lessons and exercises, and its first example,
true to the course.

    readme.py           check: the table matches lessons/ and exercises/,
                        and the README's countasync code is the lesson's
    readme.py --write   rewrite the table from the course

The check ends with `readme: N passed, M failed` (make test runs it).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info < (3, 11):
    sys.exit("readme.py needs Python 3.11 or newer (for tomllib); this is "
             f"{sys.version.split()[0]}. Install a newer python3 and run "
             "make test PYTHON=python3.12")
import tomllib  # noqa: E402  (after the version check)

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- table: written by grader/readme.py --write; checked by make test -->"
END = "<!-- end of table -->"
EXAMPLE = "lessons/07-sleeping/countasync.c"


def lesson_title(readme: Path) -> str:
    first = readme.read_text(encoding="utf-8").splitlines()[0]
    return re.sub(r"^#\s*\d+\s*·\s*", "", first).strip()


def table(root: Path) -> str:
    """The Markdown table: each lesson, then the exercises that practise it."""
    by_lesson: dict[str, list[str]] = {}
    for check in sorted(root.glob("exercises/*/check.toml")):
        spec = tomllib.loads(check.read_text(encoding="utf-8"))
        ex = check.parent.name
        by_lesson.setdefault(spec.get("lesson", ""), []).append(
            f"[{ex.split('-')[0]}](exercises/{ex}/) {spec.get('title', ex)}")
    rows = ["| lesson | exercises |", "|---|---|"]
    for readme in sorted(root.glob("lessons/[0-9][0-9]-*/README.md")):
        name = readme.parent.name
        exercises = "<br>".join(by_lesson.get(name, [])) or "-"
        rows.append(f"| [{name[:2]}](lessons/{name}/) "
                    f"{lesson_title(readme)} | {exercises} |")
    return "\n".join(rows)


def current_table(text: str) -> str | None:
    m = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text,
                  re.S)
    return m.group(1) if m else None


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```c\n(.*?)```", text, re.S)


def check(root: Path) -> list[tuple[str, str]]:
    """Return (what, problem) pairs; an empty problem means it passed."""
    text = (root / "README.md").read_text(encoding="utf-8")
    results = []
    have = current_table(text)
    if have is None:
        results.append(("table", f"README.md has no {BEGIN!r} ... {END!r}"))
    elif have != table(root):
        results.append(("table", "README.md's table is out of date: run "
                                 "python3 grader/readme.py --write"))
    else:
        results.append(("table", ""))
    example = (root / EXAMPLE).read_text(encoding="utf-8")
    blocks = code_blocks(text)
    if not blocks:
        results.append(("example", "README.md shows no C example"))
    else:
        missing = [line for line in blocks[0].splitlines()
                   if line.strip() and line not in example.splitlines()]
        results.append(("example", "" if not missing else
                        f"README.md's first example differs from {EXAMPLE}"
                        f" at: {missing[0]!r}"))
    return results


def main(argv: list[str]) -> int:
    if argv[1:] == ["--write"]:
        path = ROOT / "README.md"
        text = path.read_text(encoding="utf-8")
        if current_table(text) is None:
            print(f"readme.py: README.md has no {BEGIN} marker", file=sys.stderr)
            return 1
        new = re.sub(re.escape(BEGIN) + r"\n.*?\n" + re.escape(END),
                     lambda _: f"{BEGIN}\n{table(ROOT)}\n{END}", text,
                     flags=re.S)
        path.write_text(new, encoding="utf-8")
        print("README.md: table rewritten")
        return 0
    results = check(ROOT)
    for what, problem in results:
        print(f"{'FAIL' if problem else 'ok  '} README {what}"
              + (f": {problem}" if problem else ""))
    failed = sum(1 for _, p in results if p)
    print(f"readme: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
