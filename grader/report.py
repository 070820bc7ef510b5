"""Reports: the text table a student reads, the verbose account of one
exercise, and the machine formats: our JSON (documented in README.md),
Gradescope's results.json, JUnit XML and Autolab's score line. A hidden
check (grade.py --checks) is marked in each; its failure was already
stripped of inputs and evidence by checks.result()."""
from __future__ import annotations

import json
import os
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from grader import sandbox
from grader.checks import CheckResult, ExerciseResult

JSON_VERSION = 1


@dataclass(frozen=True)
class Style:
    color: bool = False

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def ok(self, text: str) -> str:
        return self.paint(text, "32")

    def bad(self, text: str) -> str:
        return self.paint(text, "31")

    def dim(self, text: str) -> str:
        return self.paint(text, "2")

    def bold(self, text: str) -> str:
        return self.paint(text, "1")


def want_color(choice: str, stream=None) -> bool:
    """--color always|never|auto; auto means a terminal and no NO_COLOR."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() \
        and os.environ.get("TERM") != "dumb"


def score(results: list[ExerciseResult]) -> tuple[int, int]:
    return (sum(r.points for r in results),
            sum(r.max_points for r in results))


def reason(r: ExerciseResult) -> str:
    """Why an exercise failed, in one line."""
    if r.error:
        return r.error.splitlines()[0]
    if r.outcome:
        return r.outcome.splitlines()[0]
    for c in r.checks:
        if not c.passed:
            text = c.message.replace("\n", "; ")
            return f"{check_name(c)}: {text}"
    return ""


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 3] + "..."


def table_line(r: ExerciseResult, st: Style) -> str:
    status = st.ok("OK  ") if r.passed else st.bad("FAIL")
    line = (f"{r.id:>5}  {clip(r.title, 32):<32} {status} "
            f"{r.points:>3}/{r.max_points:<3} {r.wall:5.1f} s")
    why = reason(r)
    if why and not r.passed:
        line += "  " + st.dim(clip(why, 70))
    return line


def table(results: list[ExerciseResult], st: Style) -> str:
    got, total = score(results)
    lines = [table_line(r, st) for r in results]
    lines.append(st.bold(f"Score: {got}/{total}"))
    return "\n".join(lines)


def check_name(c: CheckResult) -> str:
    return f"{c.name} (hidden)" if c.hidden else c.name


def check_line(c: CheckResult, st: Style) -> str:
    status = st.ok("OK  ") if c.passed else st.bad("FAIL")
    name = clip(c.name, 37) + " (hidden)" if c.hidden else clip(c.name, 46)
    return (f"  {status}  {name:<46} {c.kind:<11} "
            f"{c.points}/{c.max_points}")


def verbose(r: ExerciseResult, where: str, st: Style,
            show_warnings: bool = False) -> str:
    """One exercise in full: each check, and for each failure, why."""
    out = [st.bold(f"== {r.id} {r.title} ({where}) ==")]
    if r.error:
        out.append("  " + st.bad(r.error))
    elif r.outcome:
        out.append("  " + st.bad(r.outcome))
    # A compile error's messages come with the first check it fails.
    if r.build_log and show_warnings and \
            not r.outcome.startswith("compile error"):
        out += ["  compiler:", *("    " + l
                                 for l in r.build_log.splitlines())]
    shown: set[tuple[str, ...]] = set()
    for c in r.checks:
        out.append(check_line(c, st))
        if c.passed:
            continue
        # A broken run fails every check that uses it with the same
        # outcome and output: say it once, above, and once here.
        lines = c.message.splitlines()
        if r.outcome and lines and lines[-1] == r.outcome:
            lines = lines[:-1]
        out += [w for l in lines for w in
                textwrap.wrap(l, 72, initial_indent=" " * 8,
                              subsequent_indent=" " * 8) or [""]]
        key = c.details
        if key not in shown:
            shown.add(key)
            out += ["      " + l for l in c.details]
    virt = f", virtual {r.virtual:.2f} s" if r.virtual is not None else ""
    verdict = st.ok("OK") if r.passed else st.bad("FAIL")
    out.append(f"{r.id}: {r.points}/{r.max_points} points, {verdict} "
               f"({r.wall:.1f} s{virt})")
    return "\n".join(out)


# ---- Our JSON ---------------------------------------------------------------

def check_dict(c: CheckResult) -> dict:
    d = {"name": c.name, "kind": c.kind, "passed": c.passed,
         "points": c.points, "max_points": c.max_points,
         "message": c.message, "details": list(c.details)}
    if c.hidden:
        d["hidden"] = True   # only on hidden checks
    return d


def exercise_dict(r: ExerciseResult) -> dict:
    return {"id": r.id, "slug": r.slug, "title": r.title,
            "passed": r.passed, "points": r.points,
            "max_points": r.max_points, "outcome": r.outcome,
            "error": r.error, "virtual_time": r.virtual,
            "seconds": round(r.wall, 3),
            "checks": [check_dict(c) for c in r.checks]}


def to_json(results: list[ExerciseResult]) -> str:
    got, total = score(results)
    # Only when bubblewrap did not confine the programs (sandbox.notice).
    top = {"sandbox": sandbox.notice()} if sandbox.notice() else {}
    return json.dumps({"version": JSON_VERSION, **top, "score": got,
                       "max_score": total,
                       "exercises": [exercise_dict(r) for r in results]},
                      indent=2) + "\n"


# ---- Gradescope -------------------------------------------------------------

# A hidden check's test is shown once the grades are published: its
# output says only that it failed (and how the run ended), never what it
# fed the program or expected.
HIDDEN_VISIBILITY = "after_published"


def to_gradescope(results: list[ExerciseResult]) -> str:
    """results.json as Gradescope's autograder specification asks: a
    test per check, with score, max_score, name, number, status, output
    and visibility."""
    tests = []
    for r in results:
        if r.error:
            tests.append({"name": f"{r.id} {r.title}", "number": r.id,
                          "score": 0, "max_score": r.max_points,
                          "status": "failed", "output": r.error,
                          "visibility": "visible"})
        for i, c in enumerate(r.checks, 1):
            text = "\n".join([c.message, *c.details]).strip()
            if r.outcome and not c.passed and r.outcome not in text:
                text = f"{r.outcome}\n{text}".strip()
            tests.append({"name": f"{r.id} {r.title}: {check_name(c)}",
                          "number": f"{int(r.id[:2])}{r.id[2:]}.{i}",
                          "score": c.points, "max_score": c.max_points,
                          "status": "passed" if c.passed else "failed",
                          "output": text,
                          "visibility": HIDDEN_VISIBILITY if c.hidden
                          else "visible"})
    got, total = score(results)
    wall = sum(r.wall for r in results)
    return json.dumps({"score": got, "max_score": total,
                       "execution_time": round(wall, 3),
                       "output": "\n".join(filter(None, (
                           sandbox.notice(), f"Score: {got}/{total}"))),
                       "visibility": "visible", "stdout_visibility": "hidden",
                       "tests": tests}, indent=2) + "\n"


# ---- JUnit XML --------------------------------------------------------------

def to_junit(results: list[ExerciseResult]) -> str:
    """One <testsuite> per exercise, one <testcase> per check."""
    root = ET.Element("testsuites", name="asyncbook")
    if sandbox.notice():
        root.append(ET.Comment(" " + clean(sandbox.notice())
                               .replace("--", "-") + " "))
    n_tests = n_fail = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.slug)
        cases = list(r.checks)
        fails = sum(not c.passed for c in cases) + (1 if r.error else 0)
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=r.slug,
                                 name="check.toml")
            ET.SubElement(case, "error", message=r.error).text = r.error
        for c in cases:
            share = r.wall / max(1, len(cases))
            case = ET.SubElement(suite, "testcase", classname=r.slug,
                                 name=check_name(c), time=f"{share:.3f}")
            if c.hidden:
                props = ET.SubElement(case, "properties")
                ET.SubElement(props, "property", name="hidden", value="true")
            if not c.passed:
                f = ET.SubElement(case, "failure",
                                  message=clean(c.message.splitlines()[0]
                                                if c.message else "failed"),
                                  type=c.kind)
                f.text = clean("\n".join([c.message, *c.details]))
        total = len(cases) + (1 if r.error else 0)
        suite.set("tests", str(total))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        suite.set("time", f"{r.wall:.3f}")
        n_tests += total
        n_fail += fails
    root.set("tests", str(n_tests))
    root.set("failures", str(n_fail))
    root.set("errors", "0")
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def clean(text: str) -> str:
    """XML 1.0 forbids most control characters: a student may print any."""
    return "".join(ch for ch in text
                   if ch in "\t\n\r" or ord(ch) >= 0x20)


# ---- Autolab ----------------------------------------------------------------

def to_autolab(results: list[ExerciseResult]) -> str:
    """What Autolab shows the student (the table, then each failed
    exercise in full) and, as the very last line, the JSON it reads the
    scores from: one per exercise, keyed by the exercise folder's name
    (name the assessment's problems so)."""
    st = Style(False)
    out = [sandbox.notice(), table(results, st)] if sandbox.notice() else \
        [table(results, st)]
    out += [verbose(r, r.slug, st) for r in results if not r.passed]
    got, _ = score(results)
    line = json.dumps({"scores": {r.slug: r.points for r in results},
                       "scoreboard": [got]})
    return "\n".join(out) + "\n" + line + "\n"


FORMATS = {"json": to_json, "gradescope": to_gradescope, "junit": to_junit,
           "autolab": to_autolab}


def write(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text)
    else:
        sys.stdout.write(text)
