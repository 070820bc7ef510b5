#!/usr/bin/env python3
"""The course lint: the shape of lessons/, exercises/ and solutions/.

    python3 grader/courselint.py [-v] [--root DIR]

Each rule is checked once per item; a failure prints `FAIL rule item: what
is wrong`, -v the passes too; the last line is `courselint: N passed, M
failed` (status 0 only if none failed; an empty course passes).

Lessons (lessons/NN-topic/):
  lesson-number   folders are NN-topic (two digits, kebab case), numbered
                  01, 02, ... without gaps or repeats.
  lesson-readme   README.md opens with `# NN · Title` (NN the folder's
                  number) and has these `##` sections in this order, others
                  between them allowed: Why you care, The idea, Examples, C
                  next to asyncio, In the runtime, From the seeds (when it
                  reproduces seed examples; lessons/SEEDS.md holds the
                  notes), Further reading.
  seed-line       its "From the seeds" section ends with one line like
                  `Seed examples: 004/countsync, 004/chess-exhibition`,
                  naming only known seed example ids.
  seed-index      lessons/README.md names every seed example id.
  seed-map        each id is in the `Seed examples:` line of exactly one
                  lesson, the one lessons/README.md maps it to (a table row
                  naming the id and linking one lesson folder); the two
                  seed exercises may be named in an exercise's check.toml
                  or README.md instead. Checked once that lesson exists.

Exercises (exercises/NN-name/, solutions/NN-name/):
  exercise-number folders are NN-name, numbered 01, 02, ... without gaps.
  check-toml      check.toml parses and has title, lesson and files; its
                  lesson exists.
  lesson-order    exercises come in lesson order (each one's lesson is the
                  same as, or after, the previous one's), so each is
                  solvable from the lessons before it.
  todo            each edited file exists and marks its edit points: a C
                  file with `TODO(` (the macro) or a `TODO:` comment (a
                  program to fix must run), any other file with `TODO`.
  solution        solutions/NN-name/ holds every edited file; every folder
                  in solutions/ has its exercise. A handout (no solutions/)
                  skips this rule and the next two.
  wrong-variants  wrong/wrong.toml lists 1-5 [[variant]] tables, each with
                  file (an existing file in wrong/), mistake and expect.
  diff-in-todo    a solution differs from its stub only in TODO regions: a
                  line with TODO, the rest of its comment, and the lines
                  after it up to a blank line or the end of the block.

Prose (grader/textlint.py): path-exists, hint-code, copy-lesson,
lesson-words, questions. The runtime's reference (grader/apidoc.py):
api-doc, runtime/API.md documents every name of runtime/async.h.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python3 grader/courselint.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from grader import apidoc, textlint  # noqa: E402
from grader.stublint import (has_todo, load_toml,  # noqa: E402
                             outside_todo, variants_problem)

ROOT = Path(__file__).resolve().parent.parent

LESSON_SECTIONS = ("Why you care", "The idea", "Examples", "C next to asyncio",
                   "In the runtime", "From the seeds", "Further reading")
SEEDS_SECTION = "From the seeds"
EXERCISE_SEEDS = ("000/exercise-1", "000/exercise-2")
# Every example of the five seed tutorials, as CPython 3.11 runs them,
# and the two seed exercises.
SEED_IDS = (
    "000/await", "000/create-task", "000/task-return-value",
    "000/scheduling",
    "001/coroutine-object", "001/new-event-loop", "001/square-single",
    "001/square-sequential", "001/gather-square", "001/as-completed",
    "001/as-completed-nested",
    "002/example-1", "002/example-2", "002/example-3", "002/example-4",
    "002/example-5", "002/example-6",
    "003/callbacks", "003/generator", "003/async-generator",
    "003/coroutine-type", "003/await-add-numbers", "003/loop-add-numbers",
    "004/chess-exhibition", "004/countasync", "004/countsync",
    "004/syntax-rules", "004/g-awaits-f", "004/create-task-coro",
    "004/gather-coro",
) + EXERCISE_SEEDS

FOLDER = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
TRACK_FOLDER = re.compile(r"^(\d{2})(py|lab)?-[a-z0-9]+(?:-[a-z0-9]+)*$")
SEED_ID = re.compile(r"\b\d{3}/[a-z0-9]+(?:-[a-z0-9]+)*")
SEED_LINE = re.compile(r"^Seed examples: (.*)$")
SEED_LIST = re.compile(r"^\d{3}/[a-z0-9]+(?:-[a-z0-9]+)*"
                       r"(?:, \d{3}/[a-z0-9]+(?:-[a-z0-9]+)*)*$")
LESSON_LINK = re.compile(r"\]\((?:\./)?(\d{2})-[a-z0-9-]+/")


@dataclass(frozen=True)
class Finding:
    rule: str
    item: str
    problem: str  # empty when the rule holds


@dataclass
class Lint:
    root: Path
    findings: list[Finding] = field(default_factory=list)

    def check(self, rule: str, item: str, problem: str = "") -> bool:
        self.findings.append(Finding(rule, item, problem))
        return not problem

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.problem]


# ---- Folders ----------------------------------------------------------------

def numbered(lint: Lint, parent: Path, rule: str,
             tracks: bool = False) -> list[Path]:
    """Checks that parent's folders are NN-name, 01.. without gaps; returns
    the well-formed ones in order. With tracks, NNpy-name and NNlab-name
    (an asyncio exercise, a lab) may follow C exercise NN."""
    if not parent.is_dir():
        return []
    good = []
    dirs = sorted(p for p in parent.iterdir() if p.is_dir())
    last = 0
    for d in dirs:
        item = f"{parent.name}/{d.name}"
        m = (TRACK_FOLDER if tracks else FOLDER).match(d.name)
        if not m:
            lint.check(rule, item, "the name is not NN-name (two digits, "
                       "then lower-case words joined by '-')"
                       + (", NNpy-name or NNlab-name" if tracks else ""))
            continue
        good.append(d)
        number = int(m.group(1))
        if tracks and m.group(2):
            lint.check(rule, item, "" if number == last else
                       f"comes after exercise {number:02d}, which does "
                       "not exist")
            continue
        if number != last + 1:
            lint.check(rule, item, f"numbered {number:02d} after "
                       f"{last:02d}: numbers run 01, 02, ... with no gap "
                       "or repeat")
        else:
            lint.check(rule, item)
        last = number
    return good


# ---- Lesson READMEs ---------------------------------------------------------

@dataclass
class Readme:
    title: str                       # the first line
    sections: list[tuple[str, list[str]]]  # (## heading, its lines)


def parse_readme(text: str) -> Readme:
    """Splits a README at its `## ` headings, ignoring fenced code."""
    lines = text.splitlines()
    title = next((line for line in lines if line.strip()), "")
    sections: list[tuple[str, list[str]]] = []
    fenced = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
    return Readme(title, sections)


def section_problem(readme: Readme, number: str,
                    needs_seeds: bool) -> str:
    if not re.match(rf"^# {number} · \S", readme.title):
        return (f"the first line must be the title, '# {number} · Title', "
                f"got {readme.title[:60]!r}")
    headings = [h for h, _ in readme.sections]
    wanted = [s for s in LESSON_SECTIONS
              if s != SEEDS_SECTION or needs_seeds or s in headings]
    at = 0
    for name in wanted:
        if name not in headings[at:]:
            where = "is missing" if name not in headings else \
                "is out of order"
            return (f"section '## {name}' {where} (the sections, in order: "
                    + ", ".join(wanted) + ")")
        at = headings.index(name, at) + 1
    return ""


def seed_line(readme: Readme) -> tuple[list[str] | None, str]:
    """The known ids of the README's `Seed examples:` line (None if it has
    none or it is malformed), and what is wrong with the line."""
    where = [(h, line) for h, body in readme.sections for line in body
             if line.startswith("Seed examples:")]
    if not where:
        return None, ""
    if len(where) > 1:
        return None, "more than one 'Seed examples:' line"
    heading, line = where[0]
    m = SEED_LINE.match(line.rstrip())
    if not m or not SEED_LIST.match(m.group(1)):
        return None, (f"{line!r} is not 'Seed examples: 004/countsync, "
                      "004/chess-exhibition' (ids joined by ', ')")
    if heading != SEEDS_SECTION:
        return None, ("the 'Seed examples:' line is not in "
                      f"'## {SEEDS_SECTION}'")
    body = dict(readme.sections)[SEEDS_SECTION]
    last = [b for b in body if b.strip()][-1]
    if last != line:
        return None, (f"the 'Seed examples:' line must be the last line of "
                      f"'## {SEEDS_SECTION}'")
    ids = m.group(1).split(", ")
    unknown = [i for i in ids if i not in SEED_IDS]
    if unknown:
        return [i for i in ids if i in SEED_IDS], \
            "unknown seed example id(s): " + ", ".join(unknown)
    return ids, ""


# ---- The map in lessons/README.md -------------------------------------------

def seed_index(lint: Lint, lessons: Path) -> dict[str, int]:
    """Checks that lessons/README.md names every seed id; returns the map
    id -> lesson number it gives (from table rows linking one lesson)."""
    index = lessons / "README.md"
    if not index.is_file():
        lint.check("seed-index", "lessons/README.md",
                   "missing: it must list every lesson and map every seed "
                   "example to its lesson")
        return {}
    text = index.read_text()
    mapping: dict[str, int] = {}
    for line in text.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        linked = set(LESSON_LINK.findall(line))
        if len(linked) != 1:
            continue
        number = int(linked.pop())
        for sid in SEED_ID.findall(line):
            if mapping.setdefault(sid, number) != number:
                lint.check("seed-index", sid, "lessons/README.md maps it "
                           f"to lesson {mapping[sid]:02d} and to {number:02d}")
    named = set(SEED_ID.findall(text))
    for sid in SEED_IDS:
        if sid not in named:
            lint.check("seed-index", sid, "not named in lessons/README.md")
        elif sid not in mapping:
            lint.check("seed-index", sid, "lessons/README.md names it but no "
                       "table row maps it to one lesson folder")
        else:
            lint.check("seed-index", sid)
    return mapping


def seed_map(lint: Lint, mapping: dict[str, int],
             lines: dict[int, list[str]], exercise_text: str) -> None:
    for sid, number in sorted(mapping.items()):
        if number not in lines:
            continue  # the lesson is not written yet
        owners = sorted(n for n, ids in lines.items() if sid in ids)
        if owners == [number]:
            lint.check("seed-map", sid)
        elif len(owners) > 1:
            lint.check("seed-map", sid, "listed by lessons " + ", ".join(
                f"{n:02d}" for n in owners) + "; one lesson owns each id")
        elif owners:
            lint.check("seed-map", sid, f"listed by lesson {owners[0]:02d}, "
                       f"but lessons/README.md maps it to {number:02d}")
        elif sid in EXERCISE_SEEDS and sid in exercise_text:
            lint.check("seed-map", sid)
        else:
            where = " or in an exercise's check.toml or README.md" \
                if sid in EXERCISE_SEEDS else ""
            lint.check("seed-map", sid, f"not in lesson {number:02d}'s "
                       f"'Seed examples:' line{where}")


def lint_lessons(lint: Lint) -> list[int]:
    """Checks lessons/; returns the numbers of the lessons that exist."""
    lessons = lint.root / "lessons"
    folders = numbered(lint, lessons, "lesson-number")
    mapping = seed_index(lint, lessons) if folders else {}
    lines: dict[int, list[str]] = {}
    for d in folders:
        number = int(d.name[:2])
        item = f"lessons/{d.name}"
        readme_file = d / "README.md"
        if not readme_file.is_file():
            lint.check("lesson-readme", item, "no README.md")
            continue
        readme = parse_readme(readme_file.read_text())
        ids, problem = seed_line(readme)
        mapped = number in mapping.values()
        if problem:
            lint.check("seed-line", item, problem)
        elif ids is not None or mapped:
            lint.check("seed-line", item, "" if ids is not None else
                       "no 'Seed examples:' line, though lessons/README.md "
                       "maps seed examples here")
        lines[number] = ids or []
        lint.check("lesson-readme", item, section_problem(
            readme, d.name[:2], ids is not None or mapped))
    seed_map(lint, mapping, lines, exercise_seed_text(lint.root))
    return sorted(int(d.name[:2]) for d in folders)


def exercise_seed_text(root: Path) -> str:
    """What the exercises say about seeds: their check.toml and README.md."""
    parts = []
    for name in ("check.toml", "README.md"):
        parts += [p.read_text() for p in sorted(
            (root / "exercises").glob("*/" + name))]
    return "\n".join(parts)


# ---- Exercises --------------------------------------------------------------

def spec_problem(spec: dict[str, Any], lessons: dict[str, int]) -> str:
    for key in ("title", "lesson"):
        if not isinstance(spec.get(key), str) or not spec[key]:
            return f"'{key}' must be a non-empty string"
    files = spec.get("files")
    if not isinstance(files, list) or not files or \
            not all(isinstance(f, str) and f for f in files):
        return "'files' must be a non-empty list of file names"
    if spec["lesson"] not in lessons:
        return f"lesson {spec['lesson']!r} does not exist in lessons/"
    return ""


def lint_exercise(lint: Lint, d: Path, lessons: dict[str, int],
                  previous: list[int]) -> None:
    item = f"exercises/{d.name}"
    spec, problem = load_toml(d / "check.toml")
    if spec is not None:
        problem = spec_problem(spec, lessons)
    if not lint.check("check-toml", item, problem):
        return
    assert spec is not None
    number = lessons[spec["lesson"]]
    if previous and number < previous[-1]:
        lint.check("lesson-order", item, f"its lesson {spec['lesson']} comes "
                   f"before the previous exercise's (lesson "
                   f"{previous[-1]:02d}); keep exercises in lesson order")
    else:
        lint.check("lesson-order", item)
    previous.append(number)

    files = spec["files"]
    missing = [f for f in files if not (d / f).is_file()]
    no_todo = [f for f in files if f not in missing and not has_todo(d / f)]
    lint.check("todo", item, f"edited file {missing[0]} is missing"
               if missing else f"{no_todo[0]} has no TODO mark"
               if no_todo else "")

    if not (lint.root / "solutions").is_dir():
        return  # a student's copy of the course: no solutions to check
    sol = lint.root / "solutions" / d.name
    absent = [f for f in files if not (sol / f).is_file()]
    lint.check("solution", item, f"no solutions/{d.name}/{absent[0]}"
               if absent else "")
    lint.check("wrong-variants", item,
               variants_problem(sol / "wrong", sol / files[0]))
    if missing or absent:
        return
    problems = []
    for f in files:
        bad = outside_todo((d / f).read_text().splitlines(),
                           (sol / f).read_text().splitlines())
        if bad:
            problems.append(f"{f} changes line(s) " + ", ".join(
                map(str, bad)) + " of the stub, away from any TODO")
    lint.check("diff-in-todo", item, "; ".join(problems))


def lint_exercises(lint: Lint) -> None:
    lessons = {d.name: int(d.name[:2]) for d in
               sorted((lint.root / "lessons").glob("[0-9][0-9]-*"))
               if d.is_dir()}
    folders = numbered(lint, lint.root / "exercises", "exercise-number",
                       tracks=True)
    previous: list[int] = []
    for d in folders:
        lint_exercise(lint, d, lessons, previous)
    solutions = lint.root / "solutions"
    if solutions.is_dir():
        for s in sorted(p for p in solutions.iterdir() if p.is_dir()):
            if not (lint.root / "exercises" / s.name).is_dir():
                lint.check("solution", f"solutions/{s.name}",
                           f"no exercises/{s.name} for it")


def lint_course(root: Path) -> Lint:
    lint = Lint(root)
    lint_lessons(lint)
    lint_exercises(lint)
    textlint.lint_text(lint)
    apidoc.lint_api(lint)
    return lint


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print the rules that hold too")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the course to check (default: this project)")
    args = ap.parse_args(argv)
    lint = lint_course(args.root)
    for f in lint.findings:
        if f.problem:
            print(f"FAIL {f.rule} {f.item}: {f.problem}")
        elif args.verbose:
            print(f"ok   {f.rule} {f.item}")
    bad = len(lint.failed)
    print(f"courselint: {len(lint.findings) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
