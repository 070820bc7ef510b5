"""Building: the runtime library is found, builds are cached by content,
compiler messages name files as the student sees them, and the compiler
itself runs sandboxed."""
from __future__ import annotations

import os
import re
import unittest
from pathlib import Path

from grader import build
from grader.tests.helpers import REPO, TempDir, settings


class TestLibrary(unittest.TestCase):
    def test_library_is_the_sanitizer_build(self) -> None:
        lib = build.library(REPO, make=False)
        self.assertEqual(lib.name, "libasync.a")
        self.assertTrue(lib.parent.name.endswith("-san"))
        plain = build.library(REPO, make=False, san=False)
        self.assertEqual(plain.parent.name + "-san", lib.parent.name)

    def test_snapshot_is_named_by_content(self) -> None:
        s = settings()
        self.assertTrue(s.lib.name.startswith("libasync-"))
        self.assertEqual(s.lib.read_bytes(),
                         build.library(REPO, make=False).read_bytes()
                         if s.lib.stat().st_size else b"")


class TestOneBuildPath(unittest.TestCase):
    """Every flag is defined once, in runtime/flags.mk, which the Makefile
    includes and build.py reads; every tool builds through build.py."""
    TOOLS = ("build.py", "lessons.py", "timeline.py", "timeline_figures.py",
             "checks.py", "context.py", "settings.py")

    def test_flags_are_defined_once(self) -> None:
        flag = re.compile(r"-Wl,--wrap=|-fsanitize=|-std=c11|-D_DEFAULT_SOURCE"
                          r"|-Werror=return-type")
        where = [p for p in (*(REPO / "grader").glob("*.py"),
                             REPO / "Makefile", REPO / "runtime/flags.mk")
                 if flag.search(p.read_text())]
        self.assertEqual([p.name for p in where], ["flags.mk"])
        self.assertIn("include runtime/flags.mk",
                      (REPO / "Makefile").read_text())

    def test_only_build_py_finds_the_library_or_runs_the_compiler(self
                                                                  ) -> None:
        for name in self.TOOLS[1:]:
            text = (REPO / "grader" / name).read_text()
            self.assertNotIn("print-lib", text, name)
            self.assertNotIn('environ.get("CC"', text, name)

    def test_no_type_ignore_in_the_grader(self) -> None:
        for p in (REPO / "grader").rglob("*.py"):
            self.assertNotIn("type: " + "ignore", p.read_text(), p.name)

    def test_flags_from_flags_mk(self) -> None:
        self.assertIn("-Werror=return-type", build.flags("STUDENT_CFLAGS"))
        grade = build.flags("GRADE_CFLAGS")
        self.assertIn("-fsanitize=address,undefined,float-cast-overflow", grade)
        self.assertEqual(grade[:len(build.flags("STUDENT_CFLAGS"))],
                         build.flags("STUDENT_CFLAGS"))

    def test_compile_commands_cover_every_exercise(self) -> None:
        db = build.compile_commands(REPO)
        files = {Path(e["file"]).relative_to(REPO).as_posix() for e in db}
        for c in REPO.glob("exercises/*/*.c"):
            self.assertIn(c.relative_to(REPO).as_posix(), files)
        entry = next(e for e in db if "exercises/" in str(e["file"]))
        self.assertIn(f"-I{REPO / 'runtime'}", entry["arguments"])


class TestCompile(TempDir):
    def compile(self, text: str, name: str = "prog.c") -> build.Build:
        (self.tmp / name).write_text(text)
        s = settings()
        return build.compile_program(s.repo, s.lib, s.cache,
                                     {name: self.tmp / name}, [name])

    def test_compile_caches_by_content(self) -> None:
        src = f"int main(void) {{ return {os.getpid() % 100}; }}\n"
        first = self.compile(src)
        again = self.compile(src)
        self.assertTrue(first.ok and again.ok)
        self.assertFalse(first.cached)
        self.assertTrue(again.cached)
        self.assertEqual(first.binary, again.binary)
        other = self.compile(src.replace("return", "return 1 +"))
        self.assertNotEqual(other.binary, first.binary)

    def test_compile_error_names_file_relative(self) -> None:
        b = self.compile("int main(void) { return nope; }\n")
        self.assertFalse(b.ok)
        self.assertTrue(b.errors.startswith("prog.c:1:"), b.errors)
        self.assertNotIn(str(self.tmp), b.errors)
        self.assertIn("^", b.errors)  # the caret line comes along

    def test_bug_hiding_warnings_are_errors_with_their_meaning(self
                                                                ) -> None:
        b = self.compile("int f(void) { }\nint main(void) { return f(); }\n")
        self.assertFalse(b.ok)
        self.assertIn("return-type", b.errors)
        self.assertIn("what it means: a function that returns a value",
                      b.errors)
        b = self.compile("int main(void) { return nope(); }\n")
        self.assertIn("what it means: a function is called that no header "
                      "declares", b.errors)

    def test_warnings_are_kept_for_the_report(self) -> None:
        b = self.compile("int main(void) { int x; return 0; }\n")
        self.assertTrue(b.ok)
        self.assertIn("unused variable", b.warnings)

    def test_link_error_is_shown_first(self) -> None:
        b = self.compile("int f(void);\nint main(void) { return f(); }\n")
        self.assertFalse(b.ok)
        self.assertIn("undefined reference to `f'",
                      b.errors.splitlines()[0])

    def test_first_errors_keeps_at_most_five(self) -> None:
        text = "\n".join(f"a.c:{i}:1: error: bad" for i in range(1, 9))
        self.assertEqual(len(build.first_errors(text).splitlines()), 5)

    def test_prune_drops_oldest_but_never_young(self) -> None:
        cache = self.tmp / "cache"
        for i in range(5):
            d = cache / f"entry{i}"
            d.mkdir(parents=True)
            age = 7200 + 100 * (5 - i) if i < 4 else 0  # entry4 is new
            os.utime(d, (d.stat().st_atime, d.stat().st_mtime - age))
        build.prune(cache, keep=1)
        self.assertEqual(sorted(p.name for p in cache.iterdir()),
                         ["entry4"])
        for i in range(3):
            (cache / f"young{i}").mkdir()
        build.prune(cache, keep=1)
        self.assertEqual(len(list(cache.iterdir())), 4)

    def test_compiler_cannot_read_secrets(self) -> None:
        if os.geteuid() != 0:
            self.skipTest("needs root to show (it could read it)")
        b = self.compile('#include "/etc/shadow"\nint main(void){}\n')
        self.assertFalse(b.ok)
        self.assertNotIn("root:", b.errors)
        # Not there at all in bubblewrap; not readable by the run's user.
        self.assertRegex(b.errors, "No such file|file not found|"
                         "Permission denied")


if __name__ == "__main__":
    unittest.main()
