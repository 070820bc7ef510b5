#!/usr/bin/env python3
"""handout.py: the students' repository, made from the course.

    python3 grader/handout.py --dest DIR      (make handout DEST=DIR)

DIR gets what a student needs (README.md, Makefile, runtime/ with its tests
and benchmarks, lessons/, exercises/, grader/) and nothing an instructor
keeps: no solutions/, no wrong/ folder, no hidden checks, none of the
instructors' tools and guide. The README's part for instructors becomes one
for students, and .github/workflows/grade.yml grades every push. The
handout builds and grades on its own: `make grade` there says Score: 0/N.
"""
from __future__ import annotations

import sys

if sys.version_info < (3, 11):
    sys.exit("handout.py needs Python 3.11 or newer")

import argparse
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"

# What a student's copy holds, from the top of the course.
TOP = ("README.md", "Makefile", ".gitignore", ".editorconfig",
       ".clang-format", "runtime", "lessons", "exercises", "grader")
# Instructors' parts of grader/ (paths relative to grader/).
INSTRUCTOR_ONLY = frozenset({
    "INSTRUCTORS.md", "handout.py", "gradescope.py", "scaffold.py",
    "templates", "tests/test_handout.py", "tests/test_gradescope.py",
    "tests/test_scaffold.py"})
# Never copied, wherever they are.
NEVER = frozenset({"solutions", "wrong", "hidden-checks", "__pycache__",
                   "build", ".git"})
# The grader's own tests keep their toy courses (made-up exercises with
# their solutions and wrong variants): its tests need them, and they
# answer nothing in exercises/.
FIXTURES = (Path("grader/tests/fixtures"),
            Path("grader/tests/fixtures_lessons"))
INSTRUCTORS_HEADING = "## For instructors"


def skip(rel: Path) -> bool:
    """True for what a student must not get (rel: from the course top)."""
    if rel.suffix == ".pyc" or "__pycache__" in rel.parts:
        return True
    if any(rel.is_relative_to(f) for f in FIXTURES):
        return False
    if any(part in NEVER for part in rel.parts):
        return True
    if rel.parts[0] == "grader" and len(rel.parts) > 1:
        inner = Path(*rel.parts[1:])
        return any(inner.is_relative_to(p) for p in INSTRUCTOR_ONLY)
    return False


def files(repo: Path) -> list[Path]:
    """Every file of the handout, relative to the course top."""
    out = []
    for name in TOP:
        top = repo / name
        if top.is_file():
            out.append(Path(name))
        elif top.is_dir():
            for p in sorted(top.rglob("*")):
                rel = p.relative_to(repo)
                if p.is_file() and not p.is_symlink() and not skip(rel):
                    out.append(rel)
    return [f for f in out if not skip(f)]


def student_readme(text: str) -> str:
    """The README with its part for instructors replaced by the
    students' one (or the students' part added at the end)."""
    part = (TEMPLATES / "README-students.md").read_text().strip() + "\n"
    m = re.search(r"^" + re.escape(INSTRUCTORS_HEADING) + r".*?(?=^## |\Z)",
                  text, re.S | re.M)
    if m:
        return text[:m.start()] + part + ("\n" + text[m.end():]
                                          if m.end() < len(text) else "")
    return text.rstrip() + "\n\n" + part


def make(repo: Path, dest: Path) -> int:
    """Write the handout into dest (absent or empty). Returns how many
    files it holds."""
    dest = dest.resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise SystemExit(f"handout.py: {dest} exists and is not empty; "
                         "name a new folder")
    if dest == repo or repo.is_relative_to(dest):
        raise SystemExit("handout.py: --dest must not hold the course")
    chosen = files(repo)
    for rel in chosen:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / rel, target)
    readme = dest / "README.md"
    if readme.is_file():
        readme.write_text(student_readme(readme.read_text()))
    workflow = dest / ".github" / "workflows" / "grade.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "github-grade.yml", workflow)
    return len(chosen) + 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="handout.py",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--dest", required=True, metavar="DIR",
                    help="a new (or empty) folder for the handout")
    args = ap.parse_args(argv)
    if not args.dest:
        print("handout.py: say where: make handout DEST=../asyncbook-handout",
              file=sys.stderr)
        return 2
    n = make(REPO, Path(args.dest))
    print(f"handout: {n} files in {args.dest}")
    print("  next: cd there, `make grade` (Score: 0/N), then `git init && "
          "git add -A && git commit -m handout` and push it as the "
          "template repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
