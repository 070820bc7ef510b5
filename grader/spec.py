"""check.toml to frozen dataclasses (grader/README.md is the format).
Every problem is a SpecError naming the file, the key and what is wrong,
so an exercise author sees at once which line to fix."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grader import trace as tracemod

FOLDER = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
OUTPUT_KEYS = ("lines", "patterns", "groups")


class SpecError(Exception):
    """A check.toml or wrong.toml that does not follow the format."""


@dataclass(frozen=True)
class Check:
    kind: str
    points: int
    name: str
    message: str = ""
    lines: tuple[str, ...] | None = None
    patterns: tuple[str, ...] | None = None
    groups: tuple[tuple[str, ...], ...] | None = None
    min: float | int | None = None
    max: float | int | None = None
    tasks: int = 0
    why: tuple[str, ...] = ()
    driver: str = ""
    program: str = ""
    answer: str = ""
    args: tuple[str, ...] | None = None
    stdin: str | None = None
    hidden: bool = False   # an instructor's extra check (grade.py --checks)
    # Where its driver or program lives, when not the exercise folder.
    folder: Path | None = field(default=None, compare=False)

    @property
    def uses_main_run(self) -> bool:
        return self.kind not in ("driver", "predict")


@dataclass(frozen=True)
class Exercise:
    id: str            # "07"
    slug: str          # "07-count-async"
    title: str
    lesson: str
    files: tuple[str, ...]
    hints: tuple[str, ...]
    checks: tuple[Check, ...]
    timeout: float = 10.0
    args: tuple[str, ...] = ()
    stdin: str = ""
    exit: int = 0
    path: Path = field(default=Path("."), compare=False)  # its folder

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.checks)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(f for f in self.files if f.endswith(".c"))

    @property
    def number(self) -> int:
        return int(self.id)


@dataclass(frozen=True)
class Variant:
    file: str
    mistake: str
    expect: str


# ---- Validation helpers -----------------------------------------------------

class _Reader:
    """Typed access to one table, each failure naming file and key."""

    def __init__(self, file: str, where: str, table: dict) -> None:
        self.file, self.where, self.table = file, where, table

    def fail(self, key: str, problem: str) -> SpecError:
        at = f"{self.where}: " if self.where else ""
        return SpecError(f"{self.file}: {at}'{key}' {problem}")

    def get(self, key: str, kind: type | tuple, required: bool = False,
            default: object = None) -> object:
        if key not in self.table:
            if required:
                raise self.fail(key, "is required")
            return default
        v = self.table[key]
        bad_bool = isinstance(v, bool) and bool not in (
            kind if isinstance(kind, tuple) else (kind,))
        if not isinstance(v, kind) or bad_bool:
            raise self.fail(key, f"must be {describe(kind)}, got {v!r}")
        return v

    def strings(self, key: str, required: bool = False
                ) -> tuple[str, ...] | None:
        v = self.get(key, list, required)
        if v is None:
            return None
        for i, s in enumerate(v):  # type: ignore[arg-type]
            if not isinstance(s, str):
                raise self.fail(key, f"item {i + 1} must be a string, "
                                f"got {s!r}")
        return tuple(v)  # type: ignore[arg-type]

    def unknown(self, allowed: set[str]) -> None:
        for k in self.table:
            if k not in allowed:
                raise self.fail(k, "is not a known key (allowed: "
                                + ", ".join(sorted(allowed)) + ")")


def describe(kind: type | tuple) -> str:
    words = {str: "a string", int: "an integer", float: "a number",
             list: "a list", bool: "true or false", dict: "a table"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(words.get(k, k.__name__) for k in kinds)


def load_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise SpecError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as e:
        raise SpecError(f"{path}: not valid TOML: {e}") from None


# ---- check.toml ------------------------------------------------------------

TOP_KEYS = {"title", "lesson", "files", "timeout", "args", "stdin", "hints",
            "check", "exit", "points", "id"}
COMMON = {"kind", "name", "points", "message"}
KIND_KEYS = {
    "output": {"lines", "args", "stdin"},
    "patterns": {"patterns", "args", "stdin"},
    "unordered": {"groups", "args", "stdin"},
    "forbid": {"lines", "patterns", "args", "stdin"},
    "elapsed": {"min", "max", "args", "stdin"},
    "overlap": {"tasks", "why", "args", "stdin"},
    "no_blocking": {"args", "stdin"},
    "driver": {"driver", "lines", "patterns", "groups", "min", "max",
               "args", "stdin"},
    "predict": {"program", "answer", "args", "stdin"},
}


def load_exercise(folder: Path, label: str | None = None) -> Exercise:
    """Read folder/check.toml. label is how errors name the file (a path
    relative to the repository, by default the real path)."""
    path = folder / "check.toml"
    file = label or str(path)
    data = load_toml(path)
    m = FOLDER.match(folder.name)
    if not m:
        raise SpecError(f"{file}: the folder name '{folder.name}' must be "
                        "NN-name (two digits, then kebab case)")
    top = _Reader(file, "", data)
    top.unknown(TOP_KEYS)
    title = top.get("title", str, required=True)
    lesson = top.get("lesson", str, required=True)
    files = top.strings("files", required=True) or ()
    if not files:
        raise top.fail("files", "must name at least one file")
    for f in files:
        if "/" in f or f.startswith(".") or f == "check.toml":
            raise top.fail("files", f"must be plain file names, got {f!r}")
    hints = top.strings("hints", required=True) or ()
    if not 1 <= len(hints) <= 4:
        raise top.fail("hints", f"must hold 1 to 4 hints, got {len(hints)}")
    timeout = top.get("timeout", (int, float), default=10)
    if timeout <= 0 or timeout > 120:  # type: ignore[operator]
        raise top.fail("timeout", f"must be between 0 and 120 seconds, got "
                       f"{timeout!r}")
    args = top.strings("args") or ()
    stdin = top.get("stdin", str, default="")
    exit_ = top.get("exit", int, default=0)
    raw = top.get("check", list, required=True)
    if not raw:
        raise top.fail("check", "must hold at least one [[check]]")
    checks = tuple(load_check(file, i + 1, c, folder, files)
                   for i, c in enumerate(raw))  # type: ignore[arg-type]
    if any(c.uses_main_run for c in checks) and not files[0].endswith(".c"):
        raise top.fail("files", f"the first file ({files[0]}) must be the C "
                       "file holding main(), since checks run it")
    return Exercise(m.group(1), folder.name, title, lesson,  # type: ignore
                    files, hints, checks, float(timeout),  # type: ignore
                    args, stdin, exit_, folder)  # type: ignore[arg-type]


def load_check(file: str, n: int, table: object, folder: Path,
               files: tuple[str, ...]) -> Check:
    if not isinstance(table, dict):
        raise SpecError(f"{file}: check {n}: must be a table ([[check]])")
    r = _Reader(file, f"check {n}", table)
    kind = r.get("kind", str, required=True)
    if kind not in KIND_KEYS:
        raise r.fail("kind", f"must be one of {', '.join(KIND_KEYS)}, got "
                     f"{kind!r}")
    r.unknown(COMMON | KIND_KEYS[kind])  # type: ignore[index]
    points = r.get("points", int, required=True)
    if points <= 0:  # type: ignore[operator]
        raise r.fail("points", f"must be a positive integer, got {points!r}")
    lines = r.strings("lines")
    patterns = r.strings("patterns")
    for p in patterns or ():
        try:
            re.compile(p)
        except re.error as e:
            raise r.fail("patterns", f"holds a bad regular expression "
                         f"{p!r}: {e}") from None
    groups = load_groups(r)
    lo = r.get("min", (int, float))
    hi = r.get("max", (int, float))
    if lo is not None and hi is not None and lo > hi:  # type: ignore
        raise r.fail("min", f"is above 'max' ({lo} > {hi})")
    name = r.get("name", str, default="") or kind
    message = r.get("message", str, default="")
    c = Check(kind, points, name, message, lines,  # type: ignore[arg-type]
              patterns, groups, lo, hi,  # type: ignore[arg-type]
              args=r.strings("args"),
              stdin=r.get("stdin", str))  # type: ignore[arg-type]
    return kind_rules(r, c, folder, files)


def load_groups(r: _Reader) -> tuple[tuple[str, ...], ...] | None:
    v = r.get("groups", list)
    if v is None:
        return None
    out = []
    for i, g in enumerate(v):  # type: ignore[arg-type]
        if not isinstance(g, list) or not all(isinstance(s, str) for s in g):
            raise r.fail("groups", f"item {i + 1} must be a list of strings")
        out.append(tuple(g))
    return tuple(out)


def kind_rules(r: _Reader, c: Check, folder: Path,
               files: tuple[str, ...]) -> Check:
    """What each kind needs beyond the common keys."""
    k = c.kind
    if k in ("output",) and c.lines is None:
        raise r.fail("lines", "is required for kind 'output'")
    if k == "patterns" and c.patterns is None:
        raise r.fail("patterns", "is required for kind 'patterns'")
    if k == "unordered" and c.groups is None:
        raise r.fail("groups", "is required for kind 'unordered'")
    if k == "forbid" and c.lines is None and c.patterns is None:
        raise r.fail("lines", "or 'patterns' is required for kind 'forbid'")
    if k == "elapsed" and c.min is None and c.max is None:
        raise r.fail("max", "or 'min' is required for kind 'elapsed'")
    if k == "overlap":
        tasks = r.get("tasks", int, required=True)
        if tasks < 1:  # type: ignore[operator]
            raise r.fail("tasks", f"must be at least 1, got {tasks}")
        why = r.strings("why") or ()
        for w in why:
            if w not in tracemod.WAITING:
                raise r.fail("why", f"holds an unknown reason {w!r}")
        return replace(c, tasks=tasks, why=why)  # type: ignore[arg-type]
    if k == "driver":
        d = r.get("driver", str, required=True)
        need_c_file(r, "driver", d, folder)  # type: ignore[arg-type]
        if sum(x is not None for x in (c.lines, c.patterns, c.groups)) != 1:
            raise r.fail("lines", "(or 'patterns' or 'groups', exactly one) "
                         "is required for kind 'driver'")
        if not any(f.endswith(".c") for f in files):
            raise r.fail("driver", "needs a .c file among 'files'")
        return replace(c, driver=d)  # type: ignore[arg-type]
    if k == "predict":
        p = r.get("program", str, required=True)
        a = r.get("answer", str, required=True)
        need_c_file(r, "program", p, folder)  # type: ignore[arg-type]
        if a not in files:
            raise r.fail("answer", f"must be one of 'files', got {a!r}")
        return replace(c, program=p, answer=a)  # type: ignore[arg-type]
    return c


def need_c_file(r: _Reader, key: str, name: str, folder: Path) -> None:
    if "/" in name or not name.endswith(".c"):
        raise r.fail(key, f"must name a .c file in the exercise folder, "
                     f"got {name!r}")
    if not (folder / name).is_file():
        raise r.fail(key, f"names {name}, which is not in {folder.name}/")


def replace(c: Check, **kw: object) -> Check:
    from dataclasses import replace as dc_replace
    return dc_replace(c, **kw)


# ---- wrong.toml -------------------------------------------------------------

def load_variants(folder: Path, label: str | None = None
                  ) -> tuple[Variant, ...]:
    """solutions/NN-name/wrong/wrong.toml: the typical mistakes."""
    path = folder / "wrong.toml"
    file = label or str(path)
    data = load_toml(path)
    top = _Reader(file, "", data)
    top.unknown({"variant"})
    raw = top.get("variant", list, required=True)
    out = []
    for i, t in enumerate(raw):  # type: ignore[arg-type]
        if not isinstance(t, dict):
            raise SpecError(f"{file}: variant {i + 1}: must be a table")
        r = _Reader(file, f"variant {i + 1}", t)
        r.unknown({"file", "mistake", "expect"})
        f = r.get("file", str, required=True)
        if "/" in f or not (folder / f).is_file():  # type: ignore
            raise r.fail("file", f"names {f!r}, which is not in wrong/")
        expect = r.get("expect", str, required=True)
        if not expect:
            raise r.fail("expect", "must not be empty")
        mistake = r.get("mistake", str, required=True)
        out.append(Variant(f, mistake, expect))  # type: ignore[arg-type]
    if not out:
        raise top.fail("variant", "must hold at least one [[variant]]")
    return tuple(out)


# ---- Hidden checks ----------------------------------------------------------

def add_hidden(ex: Exercise, folder: Path, label: str | None = None
               ) -> Exercise:
    """ex with the [[check]] tables of folder/check.toml (an instructor's
    hidden checks) after its own. A hidden driver or program is looked
    for in folder first, then in the exercise folder. A missing folder or
    check.toml adds nothing."""
    path = folder / "check.toml"
    if not path.is_file():
        return ex
    file = label or str(path)
    data = load_toml(path)
    top = _Reader(file, "", data)
    top.unknown({"check"})
    raw = top.get("check", list, required=True)
    if not raw:
        raise top.fail("check", "must hold at least one [[check]]")
    extra = []
    for i, t in enumerate(raw):  # type: ignore[arg-type]
        where = folder
        if isinstance(t, dict):
            named = t.get("driver") or t.get("program")
            if isinstance(named, str) and not (folder / named).is_file():
                where = ex.path
        c = load_check(file, i + 1, t, where, ex.files)
        if c.uses_main_run and not ex.files[0].endswith(".c"):
            raise SpecError(f"{file}: check {i + 1}: kind '{c.kind}' runs "
                            f"the program, but {ex.files[0]} is not C")
        extra.append(replace(c, hidden=True, folder=where))
    return replace_exercise(ex, checks=ex.checks + tuple(extra))


def replace_exercise(ex: Exercise, **kw: object) -> Exercise:
    from dataclasses import replace as dc_replace
    return dc_replace(ex, **kw)


def find_exercises(root: Path) -> list[Path]:
    """The NN-name folders under root, in number order."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and FOLDER.match(p.name))
