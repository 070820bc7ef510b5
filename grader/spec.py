"""check.toml to frozen dataclasses (grader/README.md is the format).
Every problem is a SpecError naming the file, the key and what is wrong,
so an exercise author sees at once which line to fix."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader import trace as tracemod

# NN-name is a C exercise; NNpy-name an asyncio exercise and NNlab-name a
# lab, both placed after C exercise NN: plain name order is course order
# ("21-", "21lab-", "21py-", "22-").
FOLDER = re.compile(r"^(\d\d(?:py|lab)?)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
TRACKS = {"": "c", "py": "py", "lab": "lab"}


def folder_id(name: str) -> str:
    """The exercise id a folder name starts with ("21", "21py"), or ""."""
    m = FOLDER.match(name)
    return m.group(1) if m else ""


def wanted_id(word: str) -> str:
    """The exercise id a number typed on a command line means ("7" is
    "07", "21PY" is "21py"), or "" if word is not one."""
    m = re.fullmatch(r"(\d+)(py|lab)?", word.strip().lower())
    return f"{int(m.group(1)):02d}{m.group(2) or ''}" if m else ""


def track_of(ex_id: str) -> str:
    """"c", "py" or "lab": which track an exercise id belongs to."""
    return TRACKS.get(ex_id[2:], "c")


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
    seeded: bool = False   # a driver fed inputs drawn at grading time
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
    # Files the exercise ships beside the edited ones and builds with them
    # (a test's main(), helpers the student calls): never edited.
    support: tuple[str, ...] = ()

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.checks)

    @property
    def sources(self) -> tuple[str, ...]:
        """What every build of the student's code compiles: the edited C
        files, then the shipped ones (whose main() a driver renames too)."""
        return tuple(f for f in (*self.files, *self.support)
                     if f.endswith(".c"))

    @property
    def number(self) -> int:
        """The C exercise it is, or comes after."""
        return int(self.id[:2])

    @property
    def track(self) -> str:
        return track_of(self.id)


@dataclass(frozen=True)
class Variant:
    file: str
    mistake: str
    expect: str


# ---- Validation helpers -----------------------------------------------------

Number = float | int


class _Reader:
    """Typed access to one table, each failure naming file and key."""

    def __init__(self, file: str, where: str, table: dict[str, object]
                 ) -> None:
        self.file, self.where, self.table = file, where, table

    def fail(self, key: str, problem: str) -> SpecError:
        at = f"{self.where}: " if self.where else ""
        return SpecError(f"{self.file}: {at}'{key}' {problem}")

    def _raw(self, key: str, required: bool) -> object:
        if key not in self.table:
            if required:
                raise self.fail(key, "is required")
            return None
        return self.table[key]

    def _bad(self, key: str, what: str, v: object) -> SpecError:
        return self.fail(key, f"must be {what}, got {v!r}")

    def string(self, key: str, required: bool = False) -> str | None:
        v = self._raw(key, required)
        if v is not None and not isinstance(v, str):
            raise self._bad(key, "a string", v)
        return v

    def integer(self, key: str, required: bool = False) -> int | None:
        v = self._raw(key, required)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise self._bad(key, "an integer", v)
        return v

    def number(self, key: str, required: bool = False) -> Number | None:
        v = self._raw(key, required)
        if v is not None and (not isinstance(v, (int, float))
                              or isinstance(v, bool)):
            raise self._bad(key, "a number", v)
        return v

    def boolean(self, key: str) -> bool:
        v = self._raw(key, False)
        if v is not None and not isinstance(v, bool):
            raise self._bad(key, "true or false", v)
        return bool(v)

    def tables(self, key: str, required: bool = False) -> list[object]:
        v = self._raw(key, required)
        if v is None:
            return []
        if not isinstance(v, list):
            raise self._bad(key, "a list", v)
        return v

    def strings(self, key: str, required: bool = False
                ) -> tuple[str, ...] | None:
        v = self._raw(key, required)
        if v is None:
            return None
        if not isinstance(v, list):
            raise self._bad(key, "a list", v)
        out: list[str] = []
        for i, item in enumerate(v):
            if not isinstance(item, str):
                raise self.fail(key, f"item {i + 1} must be a string, "
                                f"got {item!r}")
            out.append(item)
        return tuple(out)

    def unknown(self, allowed: set[str] | frozenset[str]) -> None:
        for k in self.table:
            if k not in allowed:
                raise self.fail(k, "is not a known key (allowed: "
                                + ", ".join(sorted(allowed)) + ")")


def load_toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise SpecError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as e:
        raise SpecError(f"{path}: not valid TOML: {e}") from None


# ---- check.toml ------------------------------------------------------------

TOP_KEYS = {"title", "lesson", "files", "timeout", "args", "stdin", "hints",
            "check", "exit", "points", "id", "support"}
COMMON = frozenset({"kind", "name", "points", "message", "args", "stdin"})


def load_exercise(folder: Path, label: str | None = None) -> Exercise:
    """Read folder/check.toml. label is how errors name the file (a path
    relative to the repository, by default the real path)."""
    path = folder / "check.toml"
    file = label or str(path)
    data = load_toml(path)
    m = FOLDER.match(folder.name)
    if not m:
        raise SpecError(f"{file}: the folder name '{folder.name}' must be "
                        "NN-name (two digits, then kebab case), or "
                        "NNpy-name / NNlab-name for an asyncio exercise "
                        "or a lab placed after exercise NN")
    top = _Reader(file, "", data)
    top.unknown(TOP_KEYS)
    title = top.string("title", required=True) or ""
    lesson = top.string("lesson", required=True) or ""
    files = top.strings("files", required=True) or ()
    if not files:
        raise top.fail("files", "must name at least one file")
    for f in files:
        if "/" in f or f.startswith(".") or f == "check.toml":
            raise top.fail("files", f"must be plain file names, got {f!r}")
    support = top.strings("support") or ()
    for f in support:
        if "/" in f or f in files or not (folder / f).is_file():
            raise top.fail("support", f"must name files of {folder.name}/ "
                           f"that are not edited, got {f!r}")
    hints = top.strings("hints", required=True) or ()
    if not 1 <= len(hints) <= 4:
        raise top.fail("hints", f"must hold 1 to 4 hints, got {len(hints)}")
    timeout = top.number("timeout")
    timeout = 10 if timeout is None else timeout
    if timeout <= 0 or timeout > 120:
        raise top.fail("timeout", f"must be between 0 and 120 seconds, got "
                       f"{timeout!r}")
    args = top.strings("args") or ()
    stdin = top.string("stdin") or ""
    exit_ = top.integer("exit") or 0
    raw = top.tables("check", required=True)
    if not raw:
        raise top.fail("check", "must hold at least one [[check]]")
    checks = tuple(load_check(file, i + 1, c, folder, files)
                   for i, c in enumerate(raw))
    if any(c.uses_main_run for c in checks) and not files[0].endswith(".c"):
        raise top.fail("files", f"the first file ({files[0]}) must be the C "
                       "file holding main(), since checks run it")
    return Exercise(m.group(1), folder.name, title, lesson, files, hints,
                    checks, float(timeout), args, stdin, exit_, folder,
                    support=support)


def load_check(file: str, n: int, table: object, folder: Path,
               files: tuple[str, ...]) -> Check:
    """One [[check]] table: its kind's declared keys only, each of its
    type, the kind's required keys present (grader/kinds.py declares
    them with each kind)."""
    from grader.registry import KINDS
    from grader import kinds  # noqa: F401  (registers every kind)
    if not isinstance(table, dict):
        raise SpecError(f"{file}: check {n}: must be a table ([[check]])")
    r = _Reader(file, f"check {n}", table)
    kind = r.string("kind", required=True) or ""
    if kind not in KINDS:
        raise r.fail("kind", f"must be one of {', '.join(KINDS)}, got "
                     f"{kind!r}")
    spec = KINDS[kind]
    r.unknown(COMMON | spec.keys)
    for group in spec.required:
        present = [k for k in group if k in table]
        if not present:
            others = " or ".join(f"'{k}'" for k in group[1:])
            said = (f"(or {others}, exactly one)" if group in spec.exclusive
                    else f"or {others}")
            raise r.fail(group[0], f"{said} is required for kind '{kind}'"
                         if others else f"is required for kind '{kind}'")
        if group in spec.exclusive and len(present) > 1:
            raise r.fail(present[1], f"cannot go with '{present[0]}' in kind "
                         f"'{kind}' (exactly one of them)")
    points = r.integer("points", required=True) or 0
    if points <= 0:
        raise r.fail("points", f"must be a positive integer, got {points!r}")
    patterns = r.strings("patterns")
    for p in patterns or ():
        try:
            re.compile(p)
        except re.error as e:
            raise r.fail("patterns", f"holds a bad regular expression "
                         f"{p!r}: {e}") from None
    lo, hi = r.number("min"), r.number("max")
    if lo is not None and hi is not None and lo > hi:
        raise r.fail("min", f"is above 'max' ({lo} > {hi})")
    tasks = r.integer("tasks") or 0
    if "tasks" in table and tasks < 1:
        raise r.fail("tasks", f"must be at least 1, got {tasks}")
    why = r.strings("why") or ()
    for w in why:
        if w not in tracemod.WAITING:
            raise r.fail("why", f"holds an unknown reason {w!r}")
    driver = r.string("driver") or ""
    program = r.string("program") or ""
    answer = r.string("answer") or ""
    for key, name in (("driver", driver), ("program", program)):
        if name:
            need_c_file(r, key, name, folder)
    if answer and answer not in files:
        raise r.fail("answer", f"must be one of 'files', got {answer!r}")
    if r.boolean("seeded") and "patterns" in table:
        raise r.fail("seeded", "needs 'lines' or 'groups': a seeded "
                     "driver's expected lines are the reference's")
    if driver and not any(f.endswith(".c") for f in files):
        raise r.fail("driver", "needs a .c file among 'files'")
    return Check(kind, points, r.string("name") or kind,
                 r.string("message") or "", r.strings("lines"), patterns,
                 load_groups(r), lo, hi, tasks, why, driver, program, answer,
                 r.strings("args"), r.string("stdin"),
                 seeded=r.boolean("seeded"))


def load_groups(r: _Reader) -> tuple[tuple[str, ...], ...] | None:
    if "groups" not in r.table:
        return None
    out = []
    for i, g in enumerate(r.tables("groups")):
        if not isinstance(g, list) or not all(isinstance(s, str) for s in g):
            raise r.fail("groups", f"item {i + 1} must be a list of strings")
        out.append(tuple(str(s) for s in g))
    return tuple(out)


def need_c_file(r: _Reader, key: str, name: str, folder: Path) -> None:
    if "/" in name or not name.endswith(".c"):
        raise r.fail(key, f"must name a .c file in the exercise folder, "
                     f"got {name!r}")
    if not (folder / name).is_file():
        raise r.fail(key, f"names {name}, which is not in {folder.name}/")


# ---- wrong.toml -------------------------------------------------------------

def load_variants(folder: Path, label: str | None = None
                  ) -> tuple[Variant, ...]:
    """solutions/NN-name/wrong/wrong.toml: the typical mistakes."""
    path = folder / "wrong.toml"
    file = label or str(path)
    data = load_toml(path)
    top = _Reader(file, "", data)
    top.unknown({"variant"})
    raw = top.tables("variant", required=True)
    out = []
    for i, t in enumerate(raw):
        if not isinstance(t, dict):
            raise SpecError(f"{file}: variant {i + 1}: must be a table")
        r = _Reader(file, f"variant {i + 1}", t)
        r.unknown({"file", "mistake", "expect"})
        f = r.string("file", required=True) or ""
        if "/" in f or not (folder / f).is_file():
            raise r.fail("file", f"names {f!r}, which is not in wrong/")
        expect = r.string("expect", required=True)
        if not expect:
            raise r.fail("expect", "must not be empty")
        mistake = r.string("mistake", required=True) or ""
        out.append(Variant(f, mistake, expect))
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
    raw = top.tables("check", required=True)
    if not raw:
        raise top.fail("check", "must hold at least one [[check]]")
    extra = []
    for i, t in enumerate(raw):
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
    return replace(ex, checks=ex.checks + tuple(extra))


def find_exercises(root: Path) -> list[Path]:
    """The NN-name folders under root, in number order."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and FOLDER.match(p.name))
