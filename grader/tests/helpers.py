"""Shared by the grader's tests: where things are, and the runtime built
once (a test that needs it is skipped if it cannot be built)."""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from grader import build, checks

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXERCISES = FIXTURES / "exercises"
SOLUTIONS = FIXTURES / "solutions"
PROGRAMS = FIXTURES / "programs"


@functools.lru_cache(maxsize=None)
def _settings() -> checks.Settings | str:
    try:
        return checks.settings_for(REPO)
    except (build.BuildError, OSError) as e:
        return str(e)


def settings() -> checks.Settings:
    s = _settings()
    if isinstance(s, str):
        raise unittest.SkipTest(f"the runtime does not build: {s}")
    return s


def program(name: str) -> Path:
    """A fixture program, built with the grader's flags."""
    s = settings()
    b = build.compile_program(s.repo, s.lib, s.cache,
                              {name: PROGRAMS / name}, [name])
    assert b.ok and b.binary is not None, b.errors
    return b.binary


class TempDir(unittest.TestCase):
    """A test case with a fresh temporary folder in self.tmp."""

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="grader-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def runs_under_tmp(self) -> None:
        """Run folders (tempfile's) go under self.tmp, so leftovers are
        ours; a program run as 'nobody' must reach its folder."""
        os.chmod(self.tmp, 0o755)
        old = tempfile.tempdir
        tempfile.tempdir = str(self.tmp)
        self.addCleanup(setattr, tempfile, "tempdir", old)

    def course(self, timeout: float | None = None) -> tuple[Path, Path]:
        """A copy of the fixture course (exercises/, solutions/) to edit."""
        ex = self.tmp / "exercises"
        sol = self.tmp / "solutions"
        shutil.copytree(EXERCISES, ex)
        shutil.copytree(SOLUTIONS, sol)
        if timeout is not None:
            for f in ex.glob("*/check.toml"):
                text = f.read_text()
                if "timeout" in text:
                    text = "\n".join(
                        f"timeout = {timeout}" if l.startswith("timeout")
                        else l for l in text.splitlines()) + "\n"
                else:
                    text = f"timeout = {timeout}\n" + text
                f.write_text(text)
        return ex, sol
