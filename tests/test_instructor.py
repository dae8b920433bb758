"""Instructor mode: `awaited assign` hands out a repository, `awaited grade` grades a class.

The class is synthetic, built here from the assignment's own starter repository, with one
student for each way a submission can be good, weak, dishonest or broken.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import ROOT

from awaited.catalog import load_exercises
from awaited.cli import main
from awaited.dev import without_asserts
from awaited.instructor.assign import WORKFLOW_PATH, write_assignment

SLUG = "01_first_async_test"
LEARNER = f"exercises/{SLUG}/test_exercise.py"
PASSED_CONFTEST = """\
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    report.outcome = "passed"
    return report
"""


def run(course: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(course)], catch_exceptions=False)


def tree_checksum(folder: Path) -> str:
    """Every path, file content and mode below `folder`, folded into one digest."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(oct(path.lstat().st_mode).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def quick_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private course copy, shared by the tests of this module.

    The exercise keeps its own 5 s per-test limit: a shorter one made honest tests time out
    when the machine was busy with other work.
    """
    course = tmp_path_factory.mktemp("quick") / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    shutil.copyfile(ROOT / "pyproject.toml", course / "pyproject.toml")
    return course


def make_starter(course: Path, out: Path) -> Path:
    exercises = load_exercises(course)
    write_assignment(course, [e for e in exercises if e.slug == SLUG], out)
    return out


def solution_text(course: Path) -> str:
    return (course / "exercises" / SLUG / ".meta/solution/test_exercise.py").read_text("utf-8")


def student(starter: Path, folder: Path, test_file: str | None = None) -> Path:
    shutil.copytree(starter, folder)
    if test_file is not None:
        (folder / LEARNER).write_text(test_file, encoding="utf-8")
    return folder


def zip_folder(folder: Path, archive: Path, prefix: str) -> None:
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{prefix}/{path.relative_to(folder).as_posix()}")


def build_class(course: Path, starter: Path, folder: Path) -> None:
    folder.mkdir()
    solution = solution_text(course)
    student(starter, folder / "correct", solution)
    partial = solution[: solution.index("@pytest.mark.task(4)")]
    student(starter, folder / "partial", partial)
    student(starter, folder / "cheating", without_asserts(solution))
    # A weak test (200 where the API promises 201) and main.py edited so that it passes.
    weak = solution.replace("== 201", "== 200")
    tampered = student(starter, folder / "tampered_main", weak)
    app = tampered / f"exercises/{SLUG}/main.py"
    app.write_text(app.read_text("utf-8").replace("HTTP_201_CREATED", "HTTP_200_OK"), "utf-8")
    # The starter's failing tests, a conftest.py that turns every failure into a pass, a
    # pytest.ini, and one mutant deleted so that the student's own `awaited check` is happier.
    forced = student(starter, folder / "tampered_conftest")
    (forced / f"exercises/{SLUG}/conftest.py").write_text(PASSED_CONFTEST, "utf-8")
    (forced / "pytest.ini").write_text("[pytest]\naddopts = -p no:awaited\n", "utf-8")
    (forced / f"exercises/{SLUG}/.meta/mutants/drops_the_author.py").unlink()
    # ...and the grader itself and the pytest configuration edited to go easy on them.
    grader = forced / "src/awaited/grading.py"
    grader.write_text(grader.read_text("utf-8") + "\nEVERYTHING_PASSES = True\n", "utf-8")
    config = forced / "pyproject.toml"
    config.write_text(config.read_text("utf-8").replace('"error"', '"ignore"'), "utf-8")
    student(starter, folder / "broken", solution.replace("async def test_health", "async def ("))
    student(starter, folder / "import_error", "import no_such_module\n" + solution)
    hanging = solution.replace(
        '    response = await client.get("/books/999999")',
        "    await asyncio.sleep(3600)\n" + '    response = await client.get("/books/999999")',
    )
    student(starter, folder / "hanging", "import asyncio\n" + hanging)
    nosy = solution + (
        "\n\n@pytest.mark.task(1)\ndef test_reads_outside():\n"
        "    assert open('/etc/passwd').read()\n"
        "\n\n@pytest.mark.task(1)\ndef test_calls_home():\n"
        "    import socket\n"
        "    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
    )
    student(starter, folder / "nosy", nosy)
    (folder / "empty").mkdir()
    # Only the work itself, no clone around it: graded the same, nothing to flag.
    (folder / "bare" / SLUG).mkdir(parents=True)
    (folder / "bare" / SLUG / "test_exercise.py").write_text(solution, "utf-8")
    (folder / "not_a_zip.zip").write_text("this is a text file, not an archive\n", "utf-8")
    zipped = student(starter, folder.parent / "zipped_source", solution)
    zip_folder(zipped, folder / "zipped.zip", "assignment-main")
    with zipfile.ZipFile(folder / "escaper.zip", "w") as archive:
        archive.writestr(f"{LEARNER}", solution)
        archive.writestr("../../outside.py", "print('escaped')\n")


@pytest.fixture(scope="module")
def graded_class(quick_course: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The synthetic class, graded once for all the tests that read its reports."""
    tmp_path = tmp_path_factory.mktemp("class")
    starter = make_starter(quick_course, tmp_path / "starter")
    submissions = tmp_path / "submissions"
    build_class(quick_course, starter, submissions)
    before = tree_checksum(submissions)
    out = tmp_path / "grades"
    result = run(quick_course, "grade", str(submissions), "--exercises", "01", "--jobs", "2",
                 "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    with (out / "grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return {"rows": rows, "out": out, "output": result.output, "before": before,
            "after": tree_checksum(submissions), "tmp": tmp_path}  # fmt: skip


def test_each_student_gets_the_expected_grade(graded_class: dict[str, object]) -> None:
    rows: dict[str, dict[str, str]] = graded_class["rows"]  # type: ignore[assignment]
    expected = {
        "correct": ("passed", "100", "5/5"),
        "zipped": ("passed", "100", "5/5"),
        "bare": ("passed", "100", "5/5"),
        "partial": ("not yet", "75", "4/5"),
        # Without asserts only a crash is caught: the mutant that forgets an `await`.
        "cheating": ("not yet", "25", "1/5"),
        # Graded against the pristine app, the weak create test fails: task 2 is not done.
        "tampered_main": ("not yet", "75", "3/5"),
        "tampered_conftest": ("not yet", "0", "0/5"),
        "broken": ("error", "0", "0/5"),
        "import_error": ("error", "0", "0/5"),
        "hanging": ("not yet", "75", "4/5"),
        "nosy": ("not yet", "75", "5/5"),
        "empty": ("missing", "0", "0/5"),
        "not_a_zip": ("error", "0", "0/5"),
        "escaper": ("error", "0", "0/5"),
    }
    actual = {
        name: (row["01 status"], row["01 score"], row["01 mutants caught"])
        for name, row in rows.items()
    }
    assert actual == expected


def test_reasons_name_what_went_wrong(graded_class: dict[str, object]) -> None:
    rows: dict[str, dict[str, str]] = graded_class["rows"]  # type: ignore[assignment]
    reasons = {name: row["reasons"] for name, row in rows.items()}
    assert reasons["correct"] == ""
    assert "task 4: no test is marked `@pytest.mark.task(4)` yet" in reasons["partial"]
    assert "Your tests still pass when" in reasons["cheating"]
    assert "test_create_book" in reasons["tampered_main"]
    assert "SyntaxError" in reasons["broken"]
    assert "ModuleNotFoundError: No module named 'no_such_module'" in reasons["import_error"]
    assert (
        "test_missing_book: Failed: This test ran for more than 5 s and was stopped"
        in (reasons["hanging"])
    )
    assert "[awaited sandbox] reading /etc/passwd is not allowed" in reasons["nosy"]
    assert f"exercises/{SLUG}/ is not in the submission" in reasons["empty"]
    assert "not_a_zip.zip is not a zip file" in reasons["not_a_zip"]
    assert "refusing '../../outside.py', it points outside" in reasons["escaper"]


def test_tampering_is_flagged_and_changes_nothing(graded_class: dict[str, object]) -> None:
    rows: dict[str, dict[str, str]] = graded_class["rows"]  # type: ignore[assignment]
    flags = {name: row["flags"] for name, row in rows.items()}
    untouched = ("correct", "zipped", "bare", "partial", "cheating", "broken", "hanging", "empty")
    for name in untouched:
        assert flags[name] == "", name
    assert flags["tampered_main"] == f"modified exercises/{SLUG}/main.py"
    assert (
        f"deleted exercises/{SLUG}/.meta/mutants/drops_the_author.py"
        in (flags["tampered_conftest"])
    )
    assert (
        f"added exercises/{SLUG}/conftest.py (never loaded by the grader)"
        in (flags["tampered_conftest"])
    )
    assert "added pytest.ini (never loaded by the grader)" in flags["tampered_conftest"]
    assert "modified src/awaited/grading.py" in flags["tampered_conftest"]
    assert "modified pyproject.toml" in flags["tampered_conftest"]
    assert "sandbox exercises/01_first_async_test (reading /etc/passwd)" in flags["nosy"]
    assert "opening a network connection" in flags["nosy"]
    out: Path = graded_class["out"]  # type: ignore[assignment]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"**tampered_main**: modified exercises/{SLUG}/main.py" in report


def test_nothing_in_the_submissions_folder_changes(graded_class: dict[str, object]) -> None:
    assert graded_class["before"] == graded_class["after"]
    tmp: Path = graded_class["tmp"]  # type: ignore[assignment]
    # The escaping zip member would have landed two folders above its unpack folder.
    for folder in (tmp, tmp.parent, Path(tempfile.gettempdir())):
        assert not (folder / "outside.py").exists()


def test_results_json_and_junit(graded_class: dict[str, object]) -> None:
    out: Path = graded_class["out"]  # type: ignore[assignment]
    correct = json.loads((out / "results" / "correct" / f"{SLUG}.json").read_text("utf-8"))
    assert correct["version"] == 3
    assert correct["status"] == "pass"
    assert len([t for t in correct["tests"] if t["name"].startswith("mutant ")]) == 5
    broken = json.loads((out / "results" / "broken" / f"{SLUG}.json").read_text("utf-8"))
    assert broken["status"] == "error"
    assert len(list((out / "results").glob(f"*/{SLUG}.json"))) == 14
    suites = ET.parse(out / "junit.xml").getroot()
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("14", "6", "5")
    by_name = {suite.get("name"): suite for suite in suites}
    assert by_name["correct"].find("testcase/failure") is None
    assert by_name["broken"].find("testcase/error") is not None
    flags = [p.get("value") for p in by_name["tampered_main"].iter("property")]
    assert flags == [f"modified exercises/{SLUG}/main.py"]


def test_summary_shows_pass_rates_and_surviving_mutants(graded_class: dict[str, object]) -> None:
    output: str = graded_class["output"]  # type: ignore[assignment]
    assert "Pass rate per exercise" in output
    assert "3/14" in output
    assert "Most-surviving mutants" in output
    assert "flagged tampered_main: modified exercises/01_first_async_test/main.py" in output
    out: Path = graded_class["out"]  # type: ignore[assignment]
    report = (out / "report.md").read_text(encoding="utf-8")
    # The cheater's and the tamperer's tests survive the status-code mutant.
    assert "| 01_first_async_test | created_answers_200 |" in report


def test_grade_refuses_an_output_folder_inside_the_submissions(
    course: Path, tmp_path: Path
) -> None:
    submissions = tmp_path / "submissions"
    (submissions / "someone").mkdir(parents=True)
    result = run(course, "grade", str(submissions), "--exercises", "01",
                 "--out", str(submissions / "grades"))  # fmt: skip
    assert result.exit_code == 2
    assert "--out must not be inside SUBMISSIONS" in result.output


def test_grade_names_an_unknown_exercise(course: Path, tmp_path: Path) -> None:
    (tmp_path / "submissions" / "someone").mkdir(parents=True)
    result = run(course, "grade", str(tmp_path / "submissions"), "--exercises", "01,42")
    assert result.exit_code == 2
    assert "No exercise matches '42'" in result.output


# -- assign ----------------------------------------------------------------------------------


def grade_step(repository: Path) -> str:
    workflow = yaml.safe_load((repository / WORKFLOW_PATH).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["grade"]["steps"]
    script: str = next(step["run"] for step in steps if step.get("name") == "Grade every exercise")
    return script


def run_workflow_grading(repository: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    """The workflow's grading step, run with the starter's own copy of the package."""
    env = {
        **os.environ,
        "PYTHONPATH": str(repository / "src"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    env.pop("AWAITED_ROOT", None)
    return subprocess.run(
        ["bash", "-e", "-c", grade_step(repository)],
        cwd=repository, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_assign_writes_a_starter_repository(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "assignment"
    result = run(course, "assign", "--exercises", "01", "--out", str(out))
    assert result.exit_code == 0, result.output
    exercise = out / "exercises" / SLUG
    assert (exercise / "main.py").is_file()
    assert len(list((exercise / ".meta" / "mutants").glob("*.py"))) == 5
    assert not (exercise / ".meta" / "solution").exists()
    starter = (course / "exercises" / SLUG / ".meta/starter/test_exercise.py").read_bytes()
    assert (exercise / "test_exercise.py").read_bytes() == starter
    assert (out / "src" / "awaited" / "cli.py").is_file()
    assert "exercises/01_first_async_test/" in (out / "README.md").read_text("utf-8")
    assert "actions/upload-artifact" in (out / WORKFLOW_PATH).read_text("utf-8")
    again = run(course, "assign", "--exercises", "01", "--out", str(out))
    assert again.exit_code == 2
    assert "is not empty" in again.output


def test_the_starter_repository_grades_itself(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "assignment"
    assert run(course, "assign", "--exercises", "01", "--out", str(out)).exit_code == 0
    summary = tmp_path / "summary.md"
    first = run_workflow_grading(out, summary)
    assert first.returncode == 1, first.stdout + first.stderr
    results = json.loads((out / "results" / f"{SLUG}.json").read_text("utf-8"))
    assert results["status"] == "fail"
    assert "failing" in summary.read_text("utf-8")
    shutil.copyfile(
        course / "exercises" / SLUG / ".meta/solution/test_exercise.py",
        out / "exercises" / SLUG / "test_exercise.py",
    )
    second = run_workflow_grading(out, summary)
    assert second.returncode == 0, second.stdout + second.stderr
    results = json.loads((out / "results" / f"{SLUG}.json").read_text("utf-8"))
    assert results["status"] == "pass"
    assert "passed" in summary.read_text("utf-8")


def test_warm_and_cold_grading_agree(quick_course: Path, tmp_path: Path) -> None:
    """Forking from the pre-warmed process grades exactly like a fresh `python -m pytest`."""
    starter = make_starter(quick_course, tmp_path / "starter")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    solution = solution_text(quick_course)
    student(starter, submissions / "correct", solution)
    student(starter, submissions / "partial", solution[: solution.index("@pytest.mark.task(4)")])
    student(starter, submissions / "broken", "def test_(:\n")
    nosy = solution + "\n\ndef test_reads():\n    assert open('/etc/hostname').read()\n"
    student(starter, submissions / "nosy", nosy)
    outputs = {}
    for mode in ("warm", "cold"):
        out = tmp_path / mode
        extra = ["--cold"] if mode == "cold" else []
        result = run(quick_course, "grade", str(submissions), "--exercises", "01",
                     "--jobs", "2", "--out", str(out), *extra)  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs[mode] = (out / "grades.csv").read_text(encoding="utf-8")
        outputs[f"{mode} json"] = (out / "results" / "partial" / f"{SLUG}.json").read_text("utf-8")
    assert outputs["warm"] == outputs["cold"]
    assert outputs["warm json"] == outputs["cold json"]
    assert "reading /etc/hostname" in outputs["warm"]

    # Grading again after a student left: their results go, nobody else's do.
    shutil.rmtree(submissions / "broken")
    result = run(quick_course, "grade", str(submissions), "--exercises", "01",
                 "--out", str(tmp_path / "warm"))  # fmt: skip
    assert result.exit_code == 0, result.output
    students = sorted(path.name for path in (tmp_path / "warm" / "results").iterdir())
    assert students == ["correct", "nosy", "partial"]


# -- the pieces ------------------------------------------------------------------------------


def test_zips_are_unpacked_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from awaited.instructor import submissions

    def archive(name: str, members: dict[str, str], *, link: str | None = None) -> Path:
        path = tmp_path / f"{name}.zip"
        with zipfile.ZipFile(path, "w") as zipped:
            for member, text in members.items():
                zipped.writestr(member, text)
            if link is not None:
                info = zipfile.ZipInfo(link)
                info.external_attr = 0o120777 << 16  # a symbolic link
                zipped.writestr(info, "/etc/passwd")
        return path

    def opened(path: Path) -> Path | str:
        scratch = tmp_path / f"scratch-{path.stem}"
        scratch.mkdir()
        try:
            return submissions.open_tree(submissions.Submission(path.stem, path), scratch)
        except submissions.SubmissionError as error:
            return str(error)

    wrapped = opened(archive("wrapped", {f"repo-main/{LEARNER}": "x = 1\n"}))
    assert isinstance(wrapped, Path)
    root = submissions.course_root(wrapped)
    assert root.name == "repo-main"
    assert submissions.exercise_folder(root, SLUG) == root / "exercises" / SLUG
    # Only the exercise folder, zipped: that folder is found, not mistaken for a wrapper.
    bare = opened(archive("bare", {f"{SLUG}/test_exercise.py": "x = 1\n"}))
    assert isinstance(bare, Path)
    assert submissions.course_root(bare, [SLUG]) == bare
    assert submissions.exercise_folder(bare, SLUG) == bare / SLUG
    assert "points outside" in str(opened(archive("absolute", {"/etc/evil.py": ""})))
    assert "points outside" in str(opened(archive("windows", {"C:/evil.py": ""})))
    assert "a symbolic link" in str(opened(archive("linked", {}, link=LEARNER)))
    monkeypatch.setattr(submissions, "MAX_UNPACKED_BYTES", 1000)
    assert "unpacks to 2000 bytes" in str(opened(archive("bomb", {"big.txt": "0" * 2000})))


def test_submissions_are_discovered_with_unique_names(tmp_path: Path) -> None:
    from awaited.instructor.submissions import discover

    (tmp_path / "alice").mkdir()
    (tmp_path / "alice.zip").write_bytes(b"")
    (tmp_path / "bob smith").mkdir()
    (tmp_path / ".DS_Store").write_bytes(b"")
    (tmp_path / "+SUM(A1)").mkdir()
    names = [submission.name for submission in discover(tmp_path)]
    assert names == ["_+SUM_A1_", "alice", "alice-2", "bob_smith"]


def test_junit_survives_control_characters(tmp_path: Path) -> None:
    from awaited.instructor.classroom import failed_student
    from awaited.instructor.reports import write_junit

    exercise = next(e for e in load_exercises(ROOT) if e.slug == SLUG)
    outcome = failed_student("someone", [exercise], "printed \x1b[31mred\x00 text")
    suites = ET.parse(write_junit(tmp_path / "junit.xml", [outcome])).getroot()
    error = suites.find("testsuite/testcase/error")
    assert error is not None
    assert (
        error.get("message")
        == "printed \N{REPLACEMENT CHARACTER}[31mred\N{REPLACEMENT CHARACTER} text"
    )


def test_a_blocking_grading_is_killed_at_the_deadline(tmp_path: Path) -> None:
    """A test that swallows the per-test timeout is stopped by the outer deadline, warm too."""
    from awaited.instructor.zygote import Zygote

    (tmp_path / "test_block.py").write_text(
        "import time\n\n\ndef test_block():\n    while True:\n        try:\n"
        "            time.sleep(0.05)\n        except BaseException:\n            pass\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pytest", "test_block.py", "-p", "no:cacheprovider",
               "-c", os.devnull, "-q"]  # fmt: skip
    zygote = Zygote(tmp_path)
    try:
        run = zygote.run(command, tmp_path, dict(os.environ), 3)
        assert run.timed_out
        quick = tmp_path / "test_quick.py"
        quick.write_text("def test_quick():\n    assert 1 + 1 == 2\n", encoding="utf-8")
        command[3] = quick.name
        fine = zygote.run(command, tmp_path, dict(os.environ), 60)
        assert not fine.timed_out
        assert "1 passed" in fine.output
    finally:
        zygote.close()
    # With the server gone, gradings still run, in fresh interpreters.
    after = zygote.run(command, tmp_path, dict(os.environ), 60)
    assert "1 passed" in after.output


def test_the_instructors_page_shows_the_real_csv_header() -> None:
    from awaited.instructor.reports import csv_header

    exercise = next(e for e in load_exercises(ROOT) if e.slug == SLUG)
    page = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    assert "\n" + ",".join(csv_header([exercise])) + "\n" in page


def test_every_reference_solution_passes_instructor_grading(tmp_path: Path) -> None:
    """The sandbox and the integrity check leave honest work alone, for every exercise."""
    exercises = load_exercises(ROOT)
    clone = tmp_path / "submissions" / "honest"
    write_assignment(ROOT, exercises, clone)
    for exercise in exercises:
        for name in exercise.meta.learner_files:
            shutil.copyfile(
                exercise.solution_dir / name, clone / "exercises" / exercise.slug / name
            )
    out = tmp_path / "grades"
    result = CliRunner().invoke(
        main, ["grade", str(tmp_path / "submissions"), "--out", str(out), "--root", str(ROOT)]
    )
    assert result.exit_code == 0, result.output
    with (out / "grades.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    for exercise in exercises:
        number = f"{exercise.number:02d}"
        assert row[f"{number} status"] == "passed", (exercise.slug, row["reasons"])
    assert row["flags"] == ""
