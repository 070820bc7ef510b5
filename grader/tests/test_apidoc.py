"""Tests for grader/apidoc.py (courselint's api-doc rule): a reference
missing an entry fails, one naming what the header does not declare fails,
a complete one passes, and so does the project's own runtime/API.md."""
from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

from grader import apidoc, courselint

PROJECT = Path(__file__).resolve().parents[2]

HEADER = """/* demo.h: async_ghost in a comment is no declaration. */
#ifndef ASYNC_H
#define ASYNC_H
typedef struct async_loop async_loop;
/* loop.time() */
double async_time(void);
#define ASYNC_NONE 0
void async_sleep(double seconds); // async_nap in a comment neither
#endif
"""

GOOD = """# Reference

## Time

### `async_loop`, `async_time`

The loop and its clock (`async_sleep` waits on it). `ASYNC_CLOCK=virtual`
makes it virtual.

### `async_sleep`, `ASYNC_NONE`

```c
void async_sleep(double seconds);
```
"""


def failed(header: str, doc: str) -> dict[str, str]:
    return {n: p for n, p in apidoc.findings(header, doc) if p}


class TestFindings(unittest.TestCase):

    def test_declared_names_skip_comments_and_the_guard(self):
        self.assertEqual(apidoc.declared(HEADER), [
            "async_loop", "async_time", "ASYNC_NONE", "async_sleep"])

    def test_complete_reference_passes(self):
        self.assertEqual(failed(HEADER, GOOD), {})
        self.assertEqual(len(apidoc.findings(HEADER, GOOD)), 4)

    def test_missing_entry_fails(self):
        doc = GOOD.replace("### `async_sleep`, `ASYNC_NONE`",
                           "### Sleeping, `ASYNC_NONE`")
        bad = failed(HEADER, doc)
        self.assertEqual(list(bad), ["async_sleep"])
        self.assertIn("no entry", bad["async_sleep"])
        self.assertIn("### `async_sleep`", bad["async_sleep"])

    def test_name_only_in_a_code_block_is_no_entry(self):
        doc = GOOD.replace("### `async_sleep`, `ASYNC_NONE`",
                           "### `ASYNC_NONE`")
        self.assertEqual(list(failed(HEADER, doc)), ["async_sleep"])

    def test_undeclared_name_fails(self):
        doc = GOOD + "\nSee also `async_nap` and ASYNC_LATER.\n"
        bad = failed(HEADER, doc)
        self.assertEqual(sorted(bad), ["ASYNC_LATER", "async_nap"])
        self.assertIn("declares no such name", bad["async_nap"])


class TestCourse(unittest.TestCase):

    def lint(self, header: str, doc: str | None) -> set[tuple[str, str]]:
        with tempfile.TemporaryDirectory() as d:
            runtime = Path(d) / "runtime"
            runtime.mkdir()
            (runtime / "async.h").write_text(header)
            if doc is not None:
                (runtime / "API.md").write_text(doc)
            return {(f.rule, f.item)
                    for f in courselint.lint_course(Path(d)).failed}

    def test_courselint_reports_a_missing_entry(self):
        self.assertEqual(self.lint(HEADER, GOOD), set())
        self.assertEqual(self.lint(HEADER, GOOD.replace("`async_time`", "")),
                         {("api-doc", "async_time")})

    def test_courselint_reports_a_missing_reference(self):
        self.assertEqual(self.lint(HEADER, None),
                         {("api-doc", "runtime/API.md")})

    def test_project_reference_is_complete(self):
        header = (PROJECT / "runtime" / "async.h").read_text()
        doc = (PROJECT / "runtime" / "API.md").read_text()
        self.assertEqual(failed(header, doc), {})
        self.assertGreater(len(apidoc.declared(header)), 100)


if __name__ == "__main__":
    unittest.main()
