"""How grading is set up: the runtime library to link with, the build
cache, the clock, the sandbox, the hidden checks and the reference
solutions that seeded driver checks compare with."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader import build as buildmod
from grader import run as runmod


@dataclass(frozen=True)
class Settings:
    repo: Path
    lib: Path
    cache: Path
    virtual: bool = True
    sandbox: bool = True
    memory_mb: int = 512
    hide: tuple[str, ...] = ()  # folders no program may see (class mode)
    tolerance: float = 0.25  # real-time mode: seconds of slack on elapsed
    hidden: Path | None = None  # hidden checks: <hidden>/NN-name/check.toml
    max_timeout: float = 0.0  # if > 0: no run gets more real seconds
    # The course's solutions: a seeded driver check's expected output is
    # what the solution prints for the same seed (None: the published
    # lines, with the published inputs).
    reference: Path | None = None


def settings_for(repo: Path, *, virtual: bool = True, sandbox: bool = True,
                 make: bool = True, hidden: Path | None = None) -> Settings:
    """Settings with the runtime built (raises build.BuildError). The
    hidden checks come from hidden, else from $ASYNCBOOK_CHECKS (which
    grade.py --checks sets, so that every mode sees them)."""
    if hidden is None and os.environ.get("ASYNCBOOK_CHECKS"):
        hidden = Path(os.environ["ASYNCBOOK_CHECKS"]).resolve()
    home = Path(os.environ.get("ASYNCBOOK_GRADE_CACHE")
                or repo / "build" / "grade")
    built = buildmod.library(repo, make=make)
    headers = repo
    if runmod.run_as() is not None and not (runmod.others_can_enter(repo)
                                            and runmod.others_can_enter(home)):
        home = home_for_nobody(repo)
        headers = home / "course"
    lib = buildmod.snapshot(built, home / "lib")
    cache = home / "cache"
    buildmod.prune(cache)
    solutions = repo / "solutions"
    return Settings(headers, lib, cache, virtual=virtual, sandbox=sandbox,
                    hidden=hidden,
                    reference=solutions if solutions.is_dir() else None)


def home_for_nobody(repo: Path) -> Path:
    """As root the compiler and the programs run as nobody, who cannot
    enter a private folder (a 0700 /root, or mktemp -d). Rather than give
    up that user, grade from a folder anyone may enter: a fresh one in the
    temporary directory with the runtime's headers copied into course/,
    removed when the grader exits."""
    home = Path(tempfile.mkdtemp(prefix="asyncbook-grade-"))
    atexit.register(shutil.rmtree, home, True)
    os.chmod(home, 0o755)
    include = home / "course" / "runtime"
    include.mkdir(parents=True)
    for h in (repo / "runtime").glob("*.h"):
        shutil.copyfile(h, include / h.name)
    for d in (home / "course", include):
        os.chmod(d, 0o755)
    return home
