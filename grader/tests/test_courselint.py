"""Tests for grader/courselint.py: a good fixture course passes, an empty
course passes, and fixtures_lessons/course_broken fails each rule where it
breaks it (and nowhere else)."""
from __future__ import annotations

import io
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

from grader import courselint

FIXTURES = Path(__file__).resolve().parent / "fixtures_lessons"
PROJECT = Path(__file__).resolve().parents[2]


def failures(root: Path) -> set[tuple[str, str]]:
    return {(f.rule, f.item) for f in courselint.lint_course(root).failed}


def run_main(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = courselint.main(["--root", str(root)])
    return status, out.getvalue().splitlines()


class TestCourses(unittest.TestCase):

    def test_good_course_passes_every_rule(self):
        status, lines = run_main(FIXTURES / "course_good")
        self.assertEqual(status, 0, lines)
        self.assertEqual(lines, ["courselint: 66 passed, 0 failed"])

    def test_empty_course_passes(self):
        with tempfile.TemporaryDirectory() as d:
            status, lines = run_main(Path(d))
        self.assertEqual((status, lines), (0, ["courselint: 0 passed, "
                                               "0 failed"]))

    def test_broken_course_fails_each_broken_rule(self):
        self.assertEqual(failures(FIXTURES / "course_broken"), {
            ("lesson-number", "lessons/04-gap"),
            ("lesson-number", "lessons/Extra"),
            ("seed-index", "004/countsync"),
            ("seed-index", "004/gather-coro"),
            ("lesson-readme", "lessons/01-waiting"),
            ("lesson-readme", "lessons/02-turns"),
            ("seed-line", "lessons/02-turns"),
            ("seed-map", "004/countasync"),
            ("exercise-number", "exercises/06-gap"),
            ("check-toml", "exercises/01-first-task"),
            ("check-toml", "exercises/06-gap"),
            ("todo", "exercises/02-predict-turns"),
            ("diff-in-todo", "exercises/02-predict-turns"),
            ("diff-in-todo", "exercises/03-late"),
            ("wrong-variants", "exercises/03-late"),
            ("lesson-order", "exercises/04-early"),
            ("solution", "exercises/04-early"),
            ("wrong-variants", "exercises/04-early"),
            ("solution", "solutions/09-orphan"),
            ("questions", "lessons/04-gap"),
        })

    def test_broken_course_messages_say_what_is_wrong(self):
        status, lines = run_main(FIXTURES / "course_broken")
        self.assertEqual(status, 1)
        self.assertIn("FAIL lesson-readme lessons/01-waiting: section '## The "
                      "idea' is missing", "\n".join(lines))
        self.assertIn("FAIL seed-map 004/countasync: listed by lessons 01, "
                      "02; one lesson owns each id", lines)
        self.assertIn("FAIL seed-line lessons/02-turns: unknown seed example "
                      "id(s): 009/bogus", lines)
        self.assertIn("FAIL questions lessons/04-gap: 1 numbered questions "
                      "(ask two or three)", lines)
        self.assertEqual(lines[-1], "courselint: 68 passed, 20 failed")

    def test_project_lessons_readme_maps_every_seed_to_its_lesson(self):
        lint = courselint.Lint(PROJECT)
        mapping = courselint.seed_index(lint, PROJECT / "lessons")
        self.assertEqual(lint.failed, [])
        self.assertEqual(set(mapping), set(courselint.SEED_IDS))
        self.assertEqual(len(courselint.SEED_IDS), 32)
        # A few rows of the syllabus.
        self.assertEqual(mapping["004/countsync"], 1)
        self.assertEqual(mapping["000/exercise-1"], 5)
        self.assertEqual(mapping["002/example-5"], 8)
        self.assertEqual(mapping["000/exercise-2"], 10)
        self.assertEqual(mapping["003/async-generator"], 15)


class TestPieces(unittest.TestCase):

    def test_readme_headings_inside_code_fences_are_ignored(self):
        readme = courselint.parse_readme(
            "# 01 · T\n\n## Why you care\n```\n## fake\n```\n## The idea\n")
        self.assertEqual([h for h, _ in readme.sections],
                         ["Why you care", "The idea"])

    def test_sections_out_of_order_are_named(self):
        readme = courselint.parse_readme(
            "# 03 · T\n## The idea\n## Why you care\n## Examples\n"
            "## C next to asyncio\n## In the runtime\n## Further reading\n")
        problem = courselint.section_problem(readme, "03", False)
        self.assertIn("'## The idea' is out of order", problem)
        self.assertEqual(courselint.section_problem(readme, "04", False)[:36],
                         "the first line must be the title, '#")

    def test_seed_line_must_end_its_section(self):
        readme = courselint.parse_readme(
            "# 01 · T\n## From the seeds\nSeed examples: 004/countsync\n"
            "More text.\n")
        ids, problem = courselint.seed_line(readme)
        self.assertIsNone(ids)
        self.assertIn("must be the last line", problem)
        readme = courselint.parse_readme(
            "# 01 · T\n## From the seeds\nSeed examples: 004/countsync;"
            " 004/countasync\n")
        self.assertIn("ids joined by ', '", courselint.seed_line(readme)[1])

    def test_diff_inside_a_todo_region_passes(self):
        stub = ["int", "f(void)", "{", "    /* TODO: compute the answer,",
                "     * then return it. */", "    int x = 0;",
                "    return x;", "}", "", "int g;"]
        solution = stub[:3] + ["    /* Why: six times seven. */",
                               "    int x = 42;", "    return x;", "}", "",
                               "int g;"]
        self.assertEqual(courselint.outside_todo(stub, solution), [])

    def test_diff_away_from_a_todo_fails_with_its_line(self):
        stub = ["/* TODO: fill in */", "TODO(\"x\");", "", "int a;", "",
                "int b;"]
        solution = ["done();", "", "int a;", "", "long b;"]
        self.assertEqual(courselint.outside_todo(stub, solution), [6])

    def test_todo_marks_depend_on_the_file_kind(self):
        with tempfile.TemporaryDirectory() as d:
            c, txt = Path(d) / "a.c", Path(d) / "a.txt"
            c.write_text("/* TODO: fix this sleep */\n")
            txt.write_text("TODO write the lines\n")
            self.assertTrue(courselint.has_todo(c))
            self.assertTrue(courselint.has_todo(txt))
            c.write_text("/* a TODO list, not a mark */\n")
            self.assertFalse(courselint.has_todo(c))

    def test_a_page_naming_a_missing_file_fails_path_exists(self):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            (root / "exercises" / "02-stopwatch").mkdir(parents=True)
            (root / "README.md").write_text(
                "Open `exercises/02-stopwatch/` then "
                "`exercises/01-blocking-count/count.c`; see "
                "[a lesson](lessons/NN-topic/).\n")
            found = [f for f in courselint.lint_course(root).findings
                     if f.rule == "path-exists"]
            self.assertEqual(len(found), 1)
            self.assertIn("exercises/01-blocking-count/count.c",
                          found[0].problem)
            self.assertNotIn("02-stopwatch", found[0].problem)

    def test_a_hint_that_is_the_solution_fails_hint_code(self):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            for part in ("exercises", "solutions"):
                (root / part / "01-loop").mkdir(parents=True)
            (root / "solutions" / "01-loop" / "loop.c").write_text(
                "while (ready.n > 0)\n    step(pop_ready(&ready));\n"
                "now = timers.a[0].when;\n}\n")
            (root / "exercises" / "01-loop" / "check.toml").write_text(
                'files = ["loop.c"]\nhints = [\n'
                '  "Run what is ready, then move the clock.",\n'
                '  "while (ready.n > 0) step(pop_ready(&ready)); '
                'now = timers.a[0].when;",\n]\n')
            found = {f.item: f.problem
                     for f in courselint.lint_course(root).findings
                     if f.rule == "hint-code"}
            self.assertEqual(found["01-loop hint 1"], "")
            self.assertIn("quotes 3 lines", found["01-loop hint 2"])

    def test_a_solution_copied_from_its_lesson_fails_copy_lesson(self):
        lesson_code = ("while (ready.n > 0)\n    step(pop_ready(&ready));\n"
                       "if (timers.n > 0)\n    now = timers.a[0].when;\n")
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            for part in ("exercises/01-loop", "solutions/01-loop",
                         "lessons/01-loops"):
                (root / part).mkdir(parents=True)
            (root / "lessons" / "01-loops" / "README.md").write_text(
                "```c\n" + lesson_code + "```\n")
            (root / "exercises" / "01-loop" / "check.toml").write_text(
                'lesson = "01-loops"\nfiles = ["loop.c"]\n')
            (root / "exercises" / "01-loop" / "loop.c").write_text(
                "int x;\nTODO(\"run\");\n")
            sol = root / "solutions" / "01-loop" / "loop.c"
            sol.write_text("int x;\n" + lesson_code)
            rule = [f for f in courselint.lint_course(root).findings
                    if f.rule == "copy-lesson"]
            self.assertIn("copies 4 lines", rule[0].problem)
            sol.write_text("int x;\n" + lesson_code.replace(
                "if (timers.n > 0)", "if (earliest() >= 0)"))
            rule = [f for f in courselint.lint_course(root).findings
                    if f.rule == "copy-lesson"]
            self.assertEqual(rule[0].problem, "")


if __name__ == "__main__":
    unittest.main()


class TestTrackFolders(unittest.TestCase):

    def test_track_folders_follow_their_exercise(self):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d) / "exercises"
            for name in ("01-a", "01py-b", "01lab-c", "02-d", "05py-e",
                         "03x-f"):
                (root / name).mkdir(parents=True)
            lint = courselint.Lint(Path(d))
            good = courselint.numbered(lint, root, "exercise-number",
                                       tracks=True)
        self.assertEqual([p.name for p in good],
                         ["01-a", "01lab-c", "01py-b", "02-d", "05py-e"])
        self.assertEqual({f.item for f in lint.failed},
                         {"exercises/05py-e", "exercises/03x-f"})

    def test_lessons_take_no_track(self):
        with tempfile.TemporaryDirectory() as d:
            root = Path(d) / "lessons"
            (root / "01-a").mkdir(parents=True)
            (root / "01py-b").mkdir()
            lint = courselint.Lint(Path(d))
            courselint.numbered(lint, root, "lesson-number")
        self.assertEqual([f.item for f in lint.failed], ["lessons/01py-b"])
