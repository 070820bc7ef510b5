#!/usr/bin/env python3
"""scaffold.py: start a new exercise, in the course's format.

    python3 grader/scaffold.py NAME [--lesson 07-sleeping] [--root DIR]
    (make new-exercise NAME=... LESSON=...)

Creates, with NN the next free number:
    exercises/NN-NAME/NAME.c        a stub: a header comment and a TODO()
    exercises/NN-NAME/driver.c      another main() for the driver check
    exercises/NN-NAME/check.toml    an output check, a driver check, hints
    solutions/NN-NAME/NAME.c        the stub, its TODO line still to fill
    solutions/NN-NAME/wrong/        wrong.toml and one typical mistake
and rewrites the README's table of exercises. The template is a small
complete exercise (two greeters that must wait together): it passes the
self-check once the solution's TODO line is filled; then make it yours.
"""
from __future__ import annotations

import sys

if sys.version_info < (3, 11):
    sys.exit("scaffold.py needs Python 3.11 or newer")

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What the solution's TODO line becomes: printed in the instructions.
SOLUTION_LINE = "async_sleep(1);"

STUB = """\
// SPDX-License-Identifier: MIT
/*
 * Exercise {nn}: {title}.
 *
 * The idea (lesson {lesson_nn}):
 *   1. Tasks share one thread; a task runs until it suspends.
 *   2. async_sleep(1) suspends only the task that calls it: the loop runs
 *      the others meanwhile, so two one-second waits take one second.
 *
 * Your task: make greet() wait one second without blocking, so that both
 * greetings come after one second in all (it should say 1.00).
 *
 * Check it: make grade EX={nn}    Stuck? python3 grader/grade.py --hint {nn}
 */
#include <stdio.h>

#include "async.h"

/* greet: waits one second, then prints "<name>: hello". */
async_value
greet(void *arg)
{{
    const char *name = arg;

    TODO("wait one second without blocking the other tasks");
    printf("%s: hello\\n", name);
    return ASYNC_NONE;
}}

static async_value
amain(void *arg)
{{
    (void)arg;
    void *names[2] = {{"a", "b"}};

    async_gather_fn(greet, names, 2, NULL);
    return ASYNC_NONE;
}}

int
main(void)
{{
    double start = async_time();

    async_run(amain, NULL);
    printf("done in %.2f seconds.\\n", async_time() - start);
    return 0;
}}
"""

DRIVER = """\
// SPDX-License-Identifier: MIT
/*
 * driver.c: runs the student's greet() over three other names and prints
 * the time, so that a hard-coded output fails. Exercise {nn}.
 */
#include <stdio.h>

#include "async.h"

async_value greet(void *arg);

static async_value
amain(void *arg)
{{
    (void)arg;
    void *names[3] = {{"x", "y", "z"}};

    async_gather_fn(greet, names, 3, NULL);
    return ASYNC_NONE;
}}

int
main(void)
{{
    double start = async_time();

    async_run(amain, NULL);
    printf("%.2f\\n", async_time() - start);
    return 0;
}}
"""

CHECK = """\
title = "{title}"
lesson = "{lesson}"
files = ["{file}"]
hints = [
  "While greet() waits for a, what can b do?",
  "Lesson {lesson_nn}, 'The idea'.",
  "Replace the TODO line with async_sleep(1);",
]

[[check]]
kind = "output"
name = "both greet, after one second"
points = 2
message = "Greet after one second in all: the two waits must overlap."
lines = ["a: hello", "b: hello", "done in 1.00 seconds."]

[[check]]
kind = "driver"
name = "three greeters, still one second"
driver = "driver.c"
points = 2
message = "Three names must still take one second: wait with async_sleep."
lines = ["x: hello", "y: hello", "z: hello", "1.00"]
"""

WRONG_TOML = """\
[[variant]]
file = "blocking.c"
mistake = "waits with libc's sleep(1), which blocks every task"
expect = "the two waits must overlap"
"""


def title_of(name: str) -> str:
    return name.replace("-", " ").capitalize()


def find_lesson(root: Path, lesson: str | None) -> str:
    """The lesson folder named (07, 07-sleeping), else the last one."""
    folders = sorted(p.name for p in (root / "lessons").glob("[0-9][0-9]-*")
                     if p.is_dir())
    if not folders:
        raise SystemExit("scaffold.py: no lessons/NN-topic/ folders")
    if not lesson:
        return folders[-1]
    hits = [f for f in folders if f == lesson or f[:2] == lesson.zfill(2)[:2]
            and lesson[:2].isdigit()]
    if not hits:
        raise SystemExit(f"scaffold.py: no lesson '{lesson}' (one of: "
                         + ", ".join(folders) + ")")
    return hits[0]


def last_lesson_used(root: Path) -> str:
    import tomllib
    last = ""
    for f in sorted((root / "exercises").glob("[0-9][0-9]-*/check.toml")):
        try:
            last = tomllib.loads(f.read_text()).get("lesson", last)
        except (OSError, ValueError):
            pass
    return last


def next_number(root: Path) -> int:
    used = [int(p.name[:2]) for p in (root / "exercises").glob("[0-9][0-9]-*")
            if p.is_dir()]
    return max(used, default=0) + 1


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def update_readme(root: Path) -> bool:
    """Rewrite the README's table of lessons and exercises, if it has
    one, so that grader/readme.py still agrees with the course."""
    from grader import readme
    path = root / "README.md"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    if readme.current_table(text) is None:
        return False
    new = re.sub(re.escape(readme.BEGIN) + r"\n.*?\n" + re.escape(readme.END),
                 lambda _: f"{readme.BEGIN}\n{readme.table(root)}\n"
                           f"{readme.END}", text, flags=re.S)
    path.write_text(new, encoding="utf-8")
    return True


def scaffold(root: Path, name: str, lesson: str | None) -> dict[str, Path]:
    """Create the exercise; returns what was written, by role."""
    if not NAME.match(name):
        raise SystemExit(f"scaffold.py: NAME must be short kebab case "
                         f"(like count-async), got {name!r}")
    les = find_lesson(root, lesson)
    n = next_number(root)
    if n > 99:
        raise SystemExit("scaffold.py: exercises are numbered 01 to 99")
    slug = f"{n:02d}-{name}"
    ex, sol = root / "exercises" / slug, root / "solutions" / slug
    if ex.exists() or sol.exists():
        raise SystemExit(f"scaffold.py: {slug} exists already")
    file = name.replace("-", "_") + ".c"
    keys = {"nn": f"{n:02d}", "title": title_of(name), "lesson": les,
            "lesson_nn": les[:2], "file": file}
    stub = STUB.format(**keys)
    out = {"stub": ex / file, "driver": ex / "driver.c",
           "check": ex / "check.toml", "solution": sol / file,
           "wrong": sol / "wrong" / "wrong.toml",
           "variant": sol / "wrong" / "blocking.c"}
    write(out["stub"], stub)
    write(out["driver"], DRIVER.format(**keys))
    write(out["check"], CHECK.format(**keys))
    write(out["solution"], stub)
    write(out["wrong"], WRONG_TOML)
    todo = next(l for l in stub.splitlines() if "TODO(" in l)
    indent = todo[:len(todo) - len(todo.lstrip())]
    variant = stub.replace(todo, f"{indent}sleep(1);  /* blocks: the "
                           "mistake */").replace(
        "#include <stdio.h>\n", "#include <stdio.h>\n#include <unistd.h>\n")
    write(out["variant"], variant)
    update_readme(root)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scaffold.py",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("name", help="kebab case, e.g. count-async")
    ap.add_argument("--lesson", help="the lesson that teaches it "
                    "(07 or 07-sleeping; default: the last lesson)")
    ap.add_argument("--root", type=Path, default=REPO,
                    help="the course (default: this one)")
    args = ap.parse_args(argv)
    if not args.name:
        print("scaffold.py: say NAME: make new-exercise NAME=count-async "
              "LESSON=07-sleeping", file=sys.stderr)
        return 2
    root = args.root.resolve()
    last = last_lesson_used(root)
    out = scaffold(root, args.name, args.lesson)
    slug = out["check"].parent.name
    rel = {k: v.relative_to(root) for k, v in out.items()}
    print(f"new exercise {slug}:")
    for k in ("stub", "driver", "check", "solution", "wrong", "variant"):
        print(f"  {rel[k]}")
    print(f"""next:
  1. {rel['solution']}: replace its TODO(...) line with the
     working code; for this template the solution's TODO line becomes:
     `{SOLUTION_LINE}`
  2. python3 grader/grade.py --self-check {slug[:2]}   (solution passes,
     stub and wrong/blocking.c fail) and python3 grader/courselint.py
  3. then make it yours: the stub's header and code, check.toml (title,
     hints, checks), driver.c, the solution, and wrong/ (1 to 4 typical
     mistakes, each with the phrase its failure must show)""")
    les = find_lesson(root, args.lesson)
    if last and last != les and int(last[:2]) > int(les[:2]):
        print(f"note: {slug} is numbered after an exercise of lesson "
              f"{last}, but practises lesson {les}: courselint's "
              "lesson-order rule wants exercises in lesson order, so move "
              "it (renumber) or choose a later lesson")
    return 0


if __name__ == "__main__":
    sys.exit(main())
