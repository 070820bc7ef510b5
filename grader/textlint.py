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

  hint-code     no hint of an exercise holds more than two lines of its
                solution's code: the last hint points the way, it is never
                the answer. A solution line counts when its text (spaces
                ignored, at least 12 characters, not a comment) appears in
                the hint. A course without solutions/ skips it.
  copy-lesson   no exercise can be solved by copying its lesson: the lines
                a solution adds to its stub never include COPY_RUN lines in
                a row that the lesson's README or examples hold (code
                lines, spaces and comments ignored).
  lesson-words  a lesson's main text stays under WORDS words: its
                README without code blocks, folded answers (<details>)
                and appendix sections (`## Appendix...`).
  questions     every lesson ends with `## Questions`: two or three
                numbered questions, each followed by its answer folded
                away in <details>.

Each rule reports through the Lint object courselint passes in.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Protocol

TOP = ("exercises/", "lessons/", "solutions/", "runtime/", "grader/")
# `exercises/02-stopwatch/stopwatch.c`, or (lessons/07-sleeping/) in a link.
PATH = re.compile(r"[`(]((?:%s)[^`)\s:#]*)" %
                  "|".join(re.escape(t) for t in TOP))
PLACEHOLDER = re.compile(r"NN|NAME|[*?<>{}]|\.\.\.|\$")
HINT_CODE_LINES = 2     # solution lines a hint may quote
SHORT = 12              # shorter lines (`}`, `break;`) are not counted
COPY_RUN = 4            # solution lines in a row found in the lesson
COPY_SHORT = 8          # shorter lines are too common to count
WORDS = 1500            # words of a lesson's main text
FENCE = re.compile(r"^```.*?^```[ \t]*$", re.S | re.M)
DETAILS = re.compile(r"<details>.*?</details>", re.S)
APPENDIX = re.compile(r"^## Appendix.*?(?=^## |\Z)", re.S | re.M)
QUESTION = re.compile(r"^\d+\. ", re.M)


class Checker(Protocol):
    root: Path

    def check(self, rule: str, item: str, problem: str = "") -> bool: ...


def documents(root: Path) -> list[Path]:
    """The pages a student or an instructor reads."""
    pages = [root / "README.md", root / "lessons" / "README.md"]
    pages += sorted((root / "lessons").glob("*/README.md"))
    if (root / "solutions").is_dir():   # a handout drops instructor pages
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


COMMENT = ("/*", "*", "//", "#")  # C's comments, and Python's


def exercise_folders(root: Path) -> list[Path]:
    """Every exercise of every track (NN-, NNpy-, NNlab-name)."""
    folders = (root / "exercises").glob("[0-9][0-9]*-*")
    return sorted(p for p in folders if re.match(r"\d\d(py|lab)?-", p.name))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def code_lines(files: list[Path]) -> set[str]:
    """The solution's lines of code, spaces removed, as a hint would
    quote them (without a trailing `{` or `;`)."""
    lines = set()
    for f in files:
        if not f.is_file():
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            code = squeeze(line).rstrip("{;")
            if len(code) >= SHORT and not code.startswith(COMMENT):
                lines.add(code)
    return lines


def lint_hints(lint: Checker) -> None:
    if not (lint.root / "solutions").is_dir():
        return
    for ex in exercise_folders(lint.root):
        try:
            spec = tomllib.loads((ex / "check.toml").read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue    # courselint's check-toml rule reports it
        solution = lint.root / "solutions" / ex.name
        code = code_lines([solution / f for f in spec.get("files", [])])
        for i, hint in enumerate(spec.get("hints", []), 1):
            quoted = sorted(c for c in code if c in squeeze(str(hint)))
            lint.check("hint-code", f"{ex.name} hint {i}",
                       f"quotes {len(quoted)} lines of the solution "
                       f"(at most {HINT_CODE_LINES}): {quoted[:3]}"
                       if len(quoted) > HINT_CODE_LINES else "")


def code_only(lines: list[str]) -> list[str]:
    """Lines of code, spaces removed; comments and short lines left out."""
    out = []
    for line in lines:
        code = squeeze(line)
        if len(code) >= COPY_SHORT and not code.startswith(COMMENT):
            out.append(code)
    return out


def added_lines(stub: Path, solution: Path) -> list[list[str]]:
    """Each block of lines the solution adds to (or puts in place of) the
    stub's, as code_only sees them."""
    a = stub.read_text(encoding="utf-8").splitlines()
    b = solution.read_text(encoding="utf-8").splitlines()
    return [code_only(b[j1:j2]) for tag, _, _, j1, j2 in
            difflib.SequenceMatcher(None, a, b).get_opcodes()
            if tag in ("replace", "insert")]


def copied_run(block: list[str], lesson: str) -> list[str]:
    for k in range(len(block) - COPY_RUN + 1):
        if "\n".join(block[k:k + COPY_RUN]) in lesson:
            return block[k:k + COPY_RUN]
    return []


def lint_copies(lint: Checker) -> None:
    if not (lint.root / "solutions").is_dir():
        return
    for ex in exercise_folders(lint.root):
        try:
            spec = tomllib.loads((ex / "check.toml").read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            continue
        folder = lint.root / "lessons" / str(spec.get("lesson", ""))
        pages = [p for p in sorted(folder.glob("*"))
                 if p.suffix in (".md", ".c", ".py")
                 ] if folder.is_dir() else []
        lesson = "\n".join(code_only([line for p in pages for line in
                                      p.read_text("utf-8").splitlines()]))
        for f in spec.get("files", []):
            stub, sol = ex / f, lint.root / "solutions" / ex.name / f
            if not (stub.is_file() and sol.is_file()):
                continue
            run = next((r for block in added_lines(stub, sol)
                        if (r := copied_run(block, lesson))), [])
            lint.check("copy-lesson", f"{ex.name}/{f}",
                       f"the solution copies {COPY_RUN} lines of its lesson "
                       f"in a row: {run}" if run else "")


def main_words(text: str) -> int:
    for part in (FENCE, DETAILS, APPENDIX):
        text = part.sub("", text)
    return len(text.split())


def questions_problem(text: str) -> str:
    """What is wrong with the lesson's closing questions, or ''."""
    text = FENCE.sub("", text)
    at = text.rfind("\n## Questions")
    if at < 0:
        return "no '## Questions' section"
    tail = text[at + 1:]
    if "\n## " in tail:
        return "'## Questions' must be the last section"
    asked = len(QUESTION.findall(tail))
    answered = tail.count("<details>")
    if not 2 <= asked <= 3:
        return f"{asked} numbered questions (ask two or three)"
    if answered != asked:
        return f"{asked} questions but {answered} folded answers (<details>)"
    return ""


def lint_lesson_text(lint: Checker) -> None:
    for readme in sorted((lint.root / "lessons").glob("[0-9][0-9]-*/"
                                                      "README.md")):
        text = readme.read_text(encoding="utf-8")
        item = f"lessons/{readme.parent.name}"
        words = main_words(text)
        lint.check("lesson-words", item,
                   f"{words} words of main text (at most {WORDS}; code, "
                   "folded answers and appendices do not count)"
                   if words > WORDS else "")
        lint.check("questions", item, questions_problem(text))


def lint_text(lint: Checker) -> None:
    lint_lesson_text(lint)
    lint_paths(lint)
    lint_hints(lint)
    lint_copies(lint)
