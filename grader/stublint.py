"""What a stub and its solution must agree on (the course lint's rules
todo, stub-edits and wrong-variants): the stub marks its edit points, the
solution changes only those, and each wrong variant still applies."""
from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from grader import patch


def load_toml(path: Path) -> tuple[dict[str, Any] | None, str]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f), ""
    except FileNotFoundError:
        return None, f"no {path.name}"
    except tomllib.TOMLDecodeError as e:
        return None, f"{path.name} does not parse: {e}"


def has_todo(path: Path) -> bool:
    text = path.read_text(errors="replace")
    if path.suffix in (".c", ".h"):
        return "TODO(" in text or "TODO:" in text
    return "TODO" in text


def indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def todo_region(stub: list[str]) -> set[int]:
    """The stub's TODO regions (0-based line numbers): each line with TODO,
    the rest of its comment, and the lines after it up to a blank line or
    the end of the enclosing block (a line indented less than the TODO)."""
    region: set[int] = set()
    for i, line in enumerate(stub):
        if "TODO" not in line:
            continue
        j = i
        if "/*" in line and "*/" not in line[line.index("/*"):]:
            while j + 1 < len(stub) and "*/" not in stub[j]:
                j += 1
        region.update(range(i, j + 1))
        j += 1
        while j < len(stub) and stub[j].strip() and \
                indent(stub[j]) >= indent(line):
            region.add(j)
            j += 1
    return region


def outside_todo(stub: list[str], solution: list[str]) -> list[int]:
    """Stub line numbers (1-based) of changed hunks that neither overlap
    nor touch a TODO region."""
    region = todo_region(stub)
    matcher = difflib.SequenceMatcher(None, stub, solution, autojunk=False)
    bad = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not region.intersection(range(i1 - 1, i2 + 1)):
            bad.append(i1 + 1)
    return bad


def variants_problem(wrong: Path, edited: Path) -> str:
    """What is wrong with wrong/wrong.toml; edited is the solution's file
    that each variant replaces (or, for a .diff, patches)."""
    spec, problem = load_toml(wrong / "wrong.toml")
    if spec is None:
        return problem.replace("no wrong.toml", "no wrong/wrong.toml")
    variants = spec.get("variant")
    if not isinstance(variants, list) or not 1 <= len(variants) <= 5:
        return "wrong.toml must list 1 to 5 [[variant]] tables"
    for i, v in enumerate(variants, start=1):
        for key in ("file", "mistake", "expect"):
            if not isinstance(v.get(key), str) or not v[key]:
                return f"variant {i}: '{key}' must be a non-empty string"
        if not (wrong / v["file"]).is_file():
            return f"variant {i}: no file wrong/{v['file']}"
        if v["file"].endswith(".diff") and edited.is_file():
            try:
                patch.materialize(wrong / v["file"], edited)
            except patch.PatchError as e:
                return (f"variant {i}: wrong/{v['file']} no longer applies "
                        f"to {edited.name}: {e}")
    return ""
