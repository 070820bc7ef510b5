"""check.toml and wrong.toml: what loads, and the errors that name the
file, the key and the problem."""
from __future__ import annotations

import shutil
import unittest

from grader import spec
from grader.tests.helpers import EXERCISES, SOLUTIONS, TempDir

GOOD = '''title = "T"
lesson = "07-sleeping"
files = ["a.c"]
hints = ["Why?"]
{extra}
[[check]]
kind = "output"
points = 2
lines = ["x"]
{check}
'''


class TestLoad(unittest.TestCase):
    def test_load_fixture_exercise_reads_every_field(self) -> None:
        ex = spec.load_exercise(EXERCISES / "01-greet")
        self.assertEqual((ex.id, ex.slug, ex.title),
                         ("01", "01-greet", "Greet concurrently"))
        self.assertEqual(ex.files, ("greet.c",))
        self.assertEqual(len(ex.hints), 3)
        self.assertEqual([c.kind for c in ex.checks],
                         ["unordered", "output", "elapsed", "overlap",
                          "no_blocking", "forbid", "driver"])
        self.assertEqual(ex.max_points, 10)
        self.assertEqual(ex.checks[3].why, ("sleep",))
        self.assertEqual(ex.checks[6].driver, "driver.c")

    def test_load_predict_exercise_has_no_c_sources(self) -> None:
        ex = spec.load_exercise(EXERCISES / "02-order")
        self.assertEqual(ex.sources, ())
        self.assertEqual(ex.checks[0].answer, "answer.txt")

    def test_load_variants_reads_each(self) -> None:
        vs = spec.load_variants(SOLUTIONS / "01-greet" / "wrong")
        self.assertEqual([v.file for v in vs],
                         ["sequential.c", "blocking.c", "hardcoded.c"])
        self.assertEqual(vs[0].expect, "within 1.5")

    def test_find_exercises_sorted_and_filtered(self) -> None:
        names = [p.name for p in spec.find_exercises(EXERCISES)]
        self.assertEqual(names, ["01-greet", "02-order"])


class TestErrors(TempDir):
    def write(self, text: str, name: str = "05-thing") -> spec.Exercise:
        d = self.tmp / name
        d.mkdir(exist_ok=True)
        (d / "check.toml").write_text(text)
        (d / "a.c").write_text("int main(void) { return 0; }\n")
        return spec.load_exercise(d, label=f"{name}/check.toml")

    def error(self, text: str, name: str = "05-thing") -> str:
        with self.assertRaises(spec.SpecError) as cm:
            self.write(text, name)
        return str(cm.exception)

    def test_good_file_loads(self) -> None:
        ex = self.write(GOOD.format(extra="", check=""))
        self.assertEqual(ex.max_points, 2)

    def test_points_not_integer_names_check_and_key(self) -> None:
        msg = self.error(GOOD.format(extra="", check="").replace(
            "points = 2", 'points = "four"'))
        self.assertEqual(msg, "05-thing/check.toml: check 1: 'points' must "
                         "be an integer, got 'four'")

    def test_points_zero_rejected(self) -> None:
        msg = self.error(GOOD.format(extra="", check="").replace(
            "points = 2", "points = 0"))
        self.assertIn("'points' must be a positive integer", msg)

    def test_missing_title(self) -> None:
        msg = self.error(GOOD.format(extra="", check="").replace(
            'title = "T"\n', ""))
        self.assertIn("'title' is required", msg)

    def test_unknown_kind(self) -> None:
        msg = self.error(GOOD.format(extra="", check="").replace(
            'kind = "output"', 'kind = "outptu"'))
        self.assertIn("check 1: 'kind' must be one of", msg)
        self.assertIn("'outptu'", msg)

    def test_unknown_key_in_check(self) -> None:
        msg = self.error(GOOD.format(extra="", check="line = ['y']"))
        self.assertIn("check 1: 'line' is not a known key", msg)

    def test_bad_regular_expression(self) -> None:
        text = GOOD.format(extra="", check="").replace(
            'kind = "output"', 'kind = "patterns"').replace(
            'lines = ["x"]', 'patterns = ["(unclosed"]')
        self.assertIn("'patterns' holds a bad regular expression",
                      self.error(text))

    def test_too_many_hints(self) -> None:
        text = GOOD.format(extra="", check="").replace(
            'hints = ["Why?"]', 'hints = ["a", "b", "c", "d", "e"]')
        self.assertIn("'hints' must hold 1 to 4 hints, got 5",
                      self.error(text))

    def test_support_files_are_sources_after_the_edited(self) -> None:
        (self.tmp / "05-thing").mkdir()
        (self.tmp / "05-thing" / "test.c").write_text("int main(void);\n")
        (self.tmp / "05-thing" / "t.h").write_text("\n")
        ex = self.write(GOOD.format(extra='support = ["t.h", "test.c"]',
                                    check=""))
        self.assertEqual(ex.support, ("t.h", "test.c"))
        self.assertEqual(ex.sources, ("a.c", "test.c"))

    def test_support_must_exist_and_not_be_edited(self) -> None:
        for bad in ('"nope.c"', '"a.c"'):
            text = GOOD.format(extra=f"support = [{bad}]", check="")
            self.assertIn("'support' must name files of 05-thing/ that are "
                          f"not edited, got {bad.replace(chr(34), chr(39))}",
                          self.error(text))

    def test_driver_file_must_exist(self) -> None:
        text = GOOD.format(extra="", check="").replace(
            'kind = "output"', 'kind = "driver"\ndriver = "nope.c"')
        self.assertIn("'driver' names nope.c, which is not in 05-thing/",
                      self.error(text))

    def test_elapsed_needs_a_bound(self) -> None:
        text = GOOD.format(extra="", check="").replace(
            'kind = "output"', 'kind = "elapsed"').replace(
            'lines = ["x"]\n', "")
        self.assertIn("'max' or 'min' is required", self.error(text))

    def test_min_above_max(self) -> None:
        text = GOOD.format(extra="", check="").replace(
            'kind = "output"', 'kind = "elapsed"').replace(
            'lines = ["x"]', "min = 2\nmax = 1")
        self.assertIn("'min' is above 'max'", self.error(text))

    def test_predict_answer_must_be_edited(self) -> None:
        (self.tmp / "05-thing").mkdir()
        (self.tmp / "05-thing" / "p.c").write_text("")
        text = GOOD.format(extra="", check="").replace(
            'kind = "output"',
            'kind = "predict"\nprogram = "p.c"\nanswer = "x.txt"').replace(
            'lines = ["x"]\n', "")
        self.assertIn("'answer' must be one of 'files'", self.error(text))

    def test_bad_folder_name(self) -> None:
        msg = self.error(GOOD.format(extra="", check=""), name="Thing")
        self.assertIn("must be NN-name", msg)

    def test_not_toml(self) -> None:
        self.assertIn("not valid TOML", self.error("title = \n"))

    def test_timeout_must_be_positive(self) -> None:
        msg = self.error(GOOD.format(extra="timeout = -1", check=""))
        self.assertIn("'timeout' must be between 0 and 120", msg)

    def test_wrong_toml_needs_expect(self) -> None:
        d = self.tmp / "wrong"
        shutil.copytree(SOLUTIONS / "01-greet" / "wrong", d)
        (d / "wrong.toml").write_text(
            '[[variant]]\nfile = "sequential.c"\nmistake = "m"\n')
        with self.assertRaises(spec.SpecError) as cm:
            spec.load_variants(d, label="wrong/wrong.toml")
        self.assertEqual(str(cm.exception), "wrong/wrong.toml: variant 1: "
                         "'expect' is required")

    def test_wrong_toml_file_must_exist(self) -> None:
        d = self.tmp / "wrong"
        d.mkdir()
        (d / "wrong.toml").write_text(
            '[[variant]]\nfile = "gone.c"\nmistake = "m"\nexpect = "e"\n')
        with self.assertRaises(spec.SpecError) as cm:
            spec.load_variants(d)
        self.assertIn("'file' names 'gone.c'", str(cm.exception))


if __name__ == "__main__":
    unittest.main()


class TestTracks(unittest.TestCase):
    """An asyncio exercise (NNpy-) and a lab (NNlab-) sit after C exercise
    NN: their ids, tracks and the command-line words that name them."""

    def test_folder_ids(self):
        self.assertEqual(spec.folder_id("21-concurrent-append"), "21")
        self.assertEqual(spec.folder_id("21py-concurrent-append"), "21py")
        self.assertEqual(spec.folder_id("33lab-timer-heap"), "33lab")
        self.assertEqual(spec.folder_id("21x-nope"), "")
        self.assertEqual(spec.folder_id("2-short"), "")

    def test_tracks_and_numbers(self):
        self.assertEqual([spec.track_of(i) for i in ("07", "07py", "07lab")],
                         ["c", "py", "lab"])

    def test_command_line_words(self):
        self.assertEqual(spec.wanted_id("7"), "07")
        self.assertEqual(spec.wanted_id("21PY"), "21py")
        self.assertEqual(spec.wanted_id("33lab"), "33lab")
        self.assertEqual(spec.wanted_id("tiny-loop"), "")

    def test_name_order_is_course_order(self):
        names = ["22-next", "21py-append", "21-append", "21lab-futures"]
        self.assertEqual(sorted(names), ["21-append", "21lab-futures",
                                         "21py-append", "22-next"])
