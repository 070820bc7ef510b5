"""Wrong variants stored as patches (grader/patch.py)."""
from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

from grader import patch

SOLUTION = """int
main(void)
{
    async_run(amain, NULL);
    return 0;
}
"""


class TestPatch(unittest.TestCase):
    def test_make_then_apply_gives_the_wrong_file_back(self) -> None:
        wrong = SOLUTION.replace("async_run(amain, NULL);", "amain(NULL);")
        diff = patch.make(SOLUTION, wrong, "main.c")
        self.assertIn("-    async_run(amain, NULL);", diff)
        self.assertEqual(patch.apply(SOLUTION, diff), wrong)

    def test_changes_at_both_ends_and_no_final_newline(self) -> None:
        wrong = "/* wrong */\n" + SOLUTION.rstrip("\n") + " /* end */"
        self.assertEqual(patch.apply(SOLUTION,
                                     patch.make(SOLUTION, wrong, "m.c")),
                         wrong)

    def test_a_changed_solution_makes_the_patch_fail_loudly(self) -> None:
        diff = patch.make(SOLUTION, SOLUTION.replace("0;", "1;"), "m.c")
        moved = SOLUTION.replace("return 0;", "return EXIT_SUCCESS;")
        with self.assertRaises(patch.PatchError):
            patch.apply(moved, diff)

    def test_materialize_reads_plain_files_as_they_are(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            sol, txt = Path(d) / "s.c", Path(d) / "guess.txt"
            sol.write_text(SOLUTION)
            txt.write_text("One\nTwo\n")
            self.assertEqual(patch.materialize(txt, sol), "One\nTwo\n")
            diff = Path(d) / "w.diff"
            diff.write_text(patch.make(SOLUTION, "", "s.c"))
            self.assertEqual(patch.materialize(diff, sol), "")


if __name__ == "__main__":
    unittest.main()
