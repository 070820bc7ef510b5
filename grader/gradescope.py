#!/usr/bin/env python3
"""gradescope.py: the course as a Gradescope autograder, and the grading
it does there.

    python3 grader/gradescope.py --output build/autograder.zip
            [--checks DIR] [--exercises 13,14] [--max-timeout S] [--budget S]
        the zip to upload (make gradescope): setup.sh, run_autograder and
        asyncbook/ (the runtime, the grader, the pristine exercises, the
        hidden checks, autograder.json)
    python3 grader/gradescope.py --autolab DIR [the same options]
        Autolab's pair instead: DIR/autograde.tar (asyncbook/ as above)
        and DIR/autograde-Makefile
    python3 grader/gradescope.py --run [--root /autograder]
        what run_autograder does for each submission: take the edited files
        from ROOT/submission, grade them with the course's own check files
        and the hidden checks, write ROOT/results/results.json
    python3 grader/gradescope.py --stage SUBMISSION --into DIR
        only the first step: any submission (a zip or tar of exercises/, a
        folder holding exercises/, or the edited files themselves) to a
        clean copy of exercises/ holding just the edited files (Autolab's
        Makefile uses it)

The root is $ASYNCBOOK_AUTOGRADER_ROOT when set, else /autograder (where
Gradescope puts source/, submission/ and results/).
"""
from __future__ import annotations

import sys

if sys.version_info < (3, 11):
    sys.exit("gradescope.py needs Python 3.11 or newer")

import argparse
import dataclasses
import json
import os
import shutil
import stat
import tarfile
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader import build as buildmod  # noqa: E402
from grader import checks, report, sandbox, spec  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "templates"
CONFIG = "autograder.json"
HIDDEN = "hidden-checks"          # the course's hidden checks, by default
BUDGET = 480.0                    # seconds: under Gradescope's default 10 min
MAX_TIMEOUT = 10.0                # real seconds per run at most
# What a submission may hold: no more than this is unpacked or looked at.
MAX_FILES = 5000
MAX_BYTES = 64 << 20


# ---- Building the zip ---------------------------------------------------

def course_files(repo: Path, slugs: list[str]) -> list[Path]:
    """What the autograder needs of the course: the handout's files
    without the lessons and the grader's tests, with only the exercises
    graded, plus this script."""
    from grader import handout
    keep = [f for f in handout.files(repo)
            if f.parts[0] != "lessons"
            and not f.is_relative_to(Path("grader/tests"))
            and (f.parts[0] != "exercises" or len(f.parts) < 3
                 or f.parts[1] in slugs)]
    return keep + [Path("grader/gradescope.py")]


def add(z: zipfile.ZipFile, src: Path, name: str, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo.from_file(src, name)
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, src.read_bytes())


def course_entries(repo: Path, hidden: Path | None, exercises: list[str],
                   max_timeout: float, budget: float
                   ) -> tuple[list[str], list[tuple[str, bytes]]]:
    """(the exercises graded, the course's files as (name, contents)
    under asyncbook/): what both platforms get."""
    folders = chosen(repo, hidden, exercises)
    slugs = [f.name for f in folders]
    config = {"exercises": slugs, "max_timeout": max_timeout,
              "budget": budget}
    out = [(f"asyncbook/{rel.as_posix()}", (repo / rel).read_bytes())
           for rel in course_files(repo, slugs)]
    if hidden is not None:
        for p in sorted(hidden.rglob("*")):
            rel = p.relative_to(hidden)
            if p.is_file() and rel.parts[0] in slugs:
                out.append((f"asyncbook/{HIDDEN}/{rel.as_posix()}",
                            p.read_bytes()))
    out.append((f"asyncbook/{CONFIG}",
                json.dumps(config, indent=1).encode()))
    return slugs, out


def build_zip(repo: Path, output: Path, hidden: Path | None,
              exercises: list[str], max_timeout: float,
              budget: float) -> list[str]:
    """Write the Gradescope autograder zip; returns the exercises it
    grades."""
    slugs, entries = course_entries(repo, hidden, exercises, max_timeout,
                                    budget)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        add(z, TEMPLATES / "gradescope-setup.sh", "setup.sh", 0o755)
        add(z, TEMPLATES / "gradescope-run_autograder", "run_autograder",
            0o755)
        for name, data in entries:
            info = zipfile.ZipInfo(name, time.localtime()[:6])
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    os.replace(tmp, output)
    return slugs


def build_autolab(repo: Path, folder: Path, hidden: Path | None,
                  exercises: list[str], max_timeout: float,
                  budget: float) -> list[str]:
    """Write folder/autograde.tar and folder/autograde-Makefile, the two
    files an Autolab assessment's autograder takes."""
    import io
    slugs, entries = course_entries(repo, hidden, exercises, max_timeout,
                                    budget)
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "autograde.tar", "w") as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, time.time()
            t.addfile(info, io.BytesIO(data))
    shutil.copyfile(TEMPLATES / "autograde-Makefile",
                    folder / "autograde-Makefile")
    return slugs


def chosen(repo: Path, hidden: Path | None,
           exercises: list[str]) -> list[Path]:
    """The exercise folders to grade, each checked (with its hidden
    checks) so that a broken check.toml never reaches a student."""
    folders = spec.find_exercises(repo / "exercises")
    if exercises:
        wanted = {spec.wanted_id(e) or e for e in exercises}
        folders = [f for f in folders if spec.folder_id(f.name) in wanted]
        if len(folders) != len(wanted):
            raise SystemExit(f"gradescope.py: no such exercise among "
                             f"{', '.join(exercises)}")
    for f in folders:
        ex = spec.load_exercise(f)
        if hidden is not None:
            spec.add_hidden(ex, hidden / f.name)
    return folders


# ---- Taking a submission apart -------------------------------------------

def safe_name(name: str) -> bool:
    p = Path(name)
    return not p.is_absolute() and ".." not in p.parts and name.strip() != ""


def unpack(archive: Path, into: Path) -> str:
    """Unpack a zip or tar into into (plain files only, no path leaving
    it, within the size limits). Returns a note, "" if all went well."""
    into.mkdir(parents=True, exist_ok=True)
    total = 0
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as z:
                for info in z.infolist()[:MAX_FILES]:
                    kind = (info.external_attr >> 16) & 0o170000
                    if info.is_dir() or not safe_name(info.filename) or \
                            kind not in (0, stat.S_IFREG):
                        continue
                    total += info.file_size
                    if total > MAX_BYTES:
                        return f"{archive.name}: over {MAX_BYTES >> 20} MiB"
                    target = into / info.filename
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with z.open(info) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
            return ""
        if tarfile.is_tarfile(archive):
            with tarfile.open(archive) as t:
                for m in t.getmembers()[:MAX_FILES]:
                    if not m.isfile() or not safe_name(m.name):
                        continue
                    total += m.size
                    if total > MAX_BYTES:
                        return f"{archive.name}: over {MAX_BYTES >> 20} MiB"
                    src = t.extractfile(m)
                    if src is None:
                        continue
                    target = into / m.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
            return ""
    except (OSError, zipfile.BadZipFile, tarfile.TarError) as e:
        return f"{archive.name}: could not be unpacked ({e})"
    return f"{archive.name}: not a zip or tar file"


ARCHIVES = (".zip", ".tar", ".tgz", ".tar.gz")


def collect(submission: Path, scratch: Path) -> tuple[list[Path], list[Path],
                                                      list[str]]:
    """(every plain file of the submission, archives unpacked, the
    folders counting as its top, notes)."""
    notes: list[str] = []
    tops = []
    if submission.is_file():
        out = scratch / "0"
        note = unpack(submission, out)
        notes += [note] if note else []
        tops.append(out)
    elif submission.is_dir():
        tops.append(submission)
        archives = sorted(p for p in submission.iterdir()
                          if p.is_file() and p.name.endswith(ARCHIVES))
        for i, a in enumerate(archives, 1):
            out = scratch / str(i)
            note = unpack(a, out)
            notes += [note] if note else []
            tops.append(out)
    found = []
    for top in tops:
        for p in sorted(top.rglob("*"))[:MAX_FILES]:
            if p.is_file() and not p.is_symlink() and \
                    "__MACOSX" not in p.parts:
                found.append(p)
    return found, tops, notes


def pick(found: list[Path], tops: list[Path], slug: str, name: str,
         unique: bool) -> Path | None:
    """The student's copy of one edited file: in a folder named as the
    exercise, else one of the same number, else (if no other exercise
    edits a file of that name) loose at the top. The shortest path wins."""
    named = [p for p in found if p.name == name]
    for test in (lambda p: p.parent.name == slug,
                 lambda p: spec.folder_id(p.parent.name)
                 == spec.folder_id(slug) != "",
                 lambda p: unique and p.parent in tops):
        hits = sorted((p for p in named if test(p)),
                      key=lambda p: (len(p.parts), str(p)))
        if hits:
            return hits[0]
    return None


def stage(submission: Path, refs: list[Path], into: Path) -> list[str]:
    """Copy the edited files of each exercise in refs from the submission
    into into/NN-name/. Returns notes for the student."""
    exercises = [spec.load_exercise(r) for r in refs]
    counts: dict[str, int] = {}
    for ex in exercises:
        for f in ex.files:
            counts[f] = counts.get(f, 0) + 1
    scratch = Path(tempfile.mkdtemp(prefix="asyncbook-submission-"))
    try:
        found, tops, notes = collect(submission, scratch)
        missing = []
        for ex in exercises:
            (into / ex.slug).mkdir(parents=True, exist_ok=True)
            for f in ex.files:
                p = pick(found, tops, ex.slug, f, counts[f] == 1)
                if p is None:
                    missing.append(f"{ex.slug}/{f}")
                    continue
                shutil.copyfile(p, into / ex.slug / f)
        if missing:
            notes.append("not found in the submission (graded as "
                         "missing): " + ", ".join(missing))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    into.chmod(0o755)
    for d in into.rglob("*"):
        d.chmod(0o755 if d.is_dir() else 0o644)
    return notes


# ---- Grading in the container --------------------------------------------

def load_config(course: Path) -> dict:
    try:
        return json.loads((course / CONFIG).read_text())
    except (OSError, ValueError):
        return {}


def out_of_time(ref: Path) -> checks.ExerciseResult:
    ex = spec.load_exercise(ref)
    why = "not graded: the autograder's time budget ran out first"
    return checks.ExerciseResult(
        ex.id, ex.slug, ex.title, 0, ex.max_points,
        tuple(checks.CheckResult(c.name, c.kind, 0, c.points, False, why)
              for c in ex.checks), why)


def grade(work: Path, refs: list[Path],
          settings: checks.Settings, budget: float,
          jobs: int) -> list[checks.ExerciseResult]:
    """Every exercise, in parallel. Each run has its own timeout; an
    exercise not started when the budget is spent scores 0, so the whole
    ends in about budget plus one exercise's runs."""
    deadline = time.monotonic() + budget

    def one(ref: Path) -> checks.ExerciseResult:
        if time.monotonic() > deadline:
            return out_of_time(ref)
        return checks.grade_folder(ref, work / ref.name, settings)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, refs))


def results_json(results: list[checks.ExerciseResult],
                 notes: list[str]) -> str:
    data = json.loads(report.to_gradescope(results))
    table = report.table(results, report.Style(False))
    top = [sandbox.notice()] if sandbox.notice() else []
    data["output"] = "\n".join([*top, *notes, table])
    return json.dumps(data, indent=2) + "\n"


def failure_json(message: str) -> str:
    return json.dumps({"score": 0, "output": message, "tests": [],
                       "visibility": "visible"}, indent=2) + "\n"


def run(root: Path, course: Path = REPO, jobs: int = 0) -> int:
    """Grade root/submission; write root/results/results.json."""
    results_file = root / "results" / "results.json"
    results_file.parent.mkdir(parents=True, exist_ok=True)
    config = load_config(course)
    refs = [course / "exercises" / n for n in config.get("exercises", [])] \
        or spec.find_exercises(course / "exercises")
    hidden = course / HIDDEN
    try:
        settings = checks.settings_for(
            course, hidden=hidden if hidden.is_dir() else None)
    except buildmod.BuildError as e:
        results_file.write_text(failure_json(
            f"The autograder could not build the runtime ({e}). This is "
            "not your fault: tell your instructor."))
        return 1
    settings = dataclasses.replace(
        settings, max_timeout=float(config.get("max_timeout", MAX_TIMEOUT)))
    work = Path(tempfile.mkdtemp(prefix="asyncbook-work-"))
    try:
        work.chmod(0o700)   # the grader copies from it; programs never
        notes = stage(root / "submission", refs, work)
        results = grade(work, refs, settings,
                        float(config.get("budget", BUDGET)),
                        jobs or max(1, min(4, os.cpu_count() or 1)))
    except Exception as e:  # Gradescope needs a results.json whatever
        results_file.write_text(failure_json(
            f"The autograder failed ({type(e).__name__}: {e}). This is "
            "not your fault: tell your instructor."))
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results_file.write_text(results_json(results, notes))
    print(report.table(results, report.Style(False)))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="gradescope.py",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--output", metavar="ZIP", help="build the autograder zip")
    ap.add_argument("--autolab", metavar="DIR",
                    help="write DIR/autograde.tar and DIR/autograde-Makefile")
    ap.add_argument("--checks", metavar="DIR",
                    help=f"hidden checks (default: $ASYNCBOOK_CHECKS, else "
                         f"{HIDDEN}/ if the course has one)")
    ap.add_argument("--exercises", default="", metavar="N,N",
                    help="grade only these exercises (default: all)")
    ap.add_argument("--max-timeout", type=float, default=MAX_TIMEOUT,
                    metavar="S", help="real seconds per run at most")
    ap.add_argument("--budget", type=float, default=BUDGET, metavar="S",
                    help="start no exercise after S seconds")
    ap.add_argument("--run", action="store_true",
                    help="grade ROOT/submission (run_autograder)")
    ap.add_argument("--root", metavar="DIR",
                    help="the autograder's root (default "
                         "$ASYNCBOOK_AUTOGRADER_ROOT or /autograder)")
    ap.add_argument("--stage", metavar="SUBMISSION",
                    help="copy a submission's edited files to --into")
    ap.add_argument("--into", metavar="DIR")
    ap.add_argument("-j", "--jobs", type=int, default=0)
    args = ap.parse_args(argv)
    if args.run:
        root = Path(args.root or os.environ.get("ASYNCBOOK_AUTOGRADER_ROOT")
                    or "/autograder")
        return run(root.resolve(), REPO, args.jobs)
    if args.stage:
        if not args.into:
            ap.error("--stage needs --into DIR")
        refs = spec.find_exercises(REPO / "exercises")
        for note in stage(Path(args.stage), refs, Path(args.into)):
            print(note)
        return 0
    if not args.output and not args.autolab:
        ap.error("say --output ZIP, --autolab DIR, --run or --stage")
    hidden_dir = args.checks or os.environ.get("ASYNCBOOK_CHECKS") or (
        str(REPO / HIDDEN) if (REPO / HIDDEN).is_dir() else None)
    hidden = Path(hidden_dir).resolve() if hidden_dir else None
    if hidden is not None and not hidden.is_dir():
        print(f"gradescope.py: --checks {hidden_dir}: not a folder",
              file=sys.stderr)
        return 2
    wanted = [e for e in args.exercises.replace(" ", "").split(",") if e]
    try:
        if args.autolab:
            names = build_autolab(REPO, Path(args.autolab), hidden, wanted,
                                  args.max_timeout, args.budget)
            where = f"{args.autolab}/autograde.tar and autograde-Makefile"
        else:
            names = build_zip(REPO, Path(args.output), hidden, wanted,
                              args.max_timeout, args.budget)
            where = args.output
    except spec.SpecError as e:
        print(f"gradescope.py: {e}", file=sys.stderr)
        return 2
    print(f"{where}: {len(names)} exercise(s)"
          + (f", hidden checks from {hidden_dir}" if hidden else "")
          + ("; upload both as the assessment's autograder" if args.autolab
             else "; upload it as the assignment's autograder (Ubuntu "
             "22.04 base image)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
