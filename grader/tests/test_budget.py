"""grader/budget.py: the runtime's reading budget fails when it is
exceeded, file by file, for the core and for the whole."""
from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

from grader import budget


class BudgetTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        for name in budget.CORE:
            (self.dir / name).write_text("x\n" * 100)

    def tearDown(self) -> None:
        self.tmp.cleanup()

    def failures(self) -> dict[str, str]:
        return {what: why for what, why in budget.check(self.dir) if why}

    def test_within_budget_passes(self) -> None:
        self.assertEqual(self.failures(), {})
        self.assertEqual(budget.main(["budget.py", str(self.dir)]), 0)

    def test_a_long_file_fails(self) -> None:
        (self.dir / "stream.c").write_text("x\n" * 501)
        self.assertEqual(list(self.failures()), ["stream.c"])
        self.assertIn("501 lines", self.failures()["stream.c"])

    def test_a_long_core_fails(self) -> None:
        (self.dir / "task.c").write_text("x\n" * 400)  # 600 + 400 = 1,000
        self.assertEqual(list(self.failures()), ["core"])

    def test_a_long_whole_fails(self) -> None:
        for i in range(12):
            (self.dir / f"extra{i}.h").write_text("x\n" * 450)
        self.assertIn("whole", self.failures())
        self.assertEqual(budget.main(["budget.py", str(self.dir)]), 1)

    def test_a_missing_core_file_fails(self) -> None:
        (self.dir / "gather.c").unlink()
        self.assertIn("gather.c", self.failures()["core"])

    def test_no_sources_fails(self) -> None:
        self.assertIn("whole", {w for w, _ in budget.check(self.dir / "no")
                                if _})


if __name__ == "__main__":
    unittest.main()
