"""Every `awaited` command, run the way a learner runs it, against a private course copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awaited.cli import main
from awaited.progress import STATE_FILE

SLUG = "01_first_async_test"


def run(course: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(course)], catch_exceptions=False)


def solve(course: Path) -> None:
    exercise = course / "exercises" / SLUG
    shutil.copyfile(exercise / ".meta/solution/test_exercise.py", exercise / "test_exercise.py")


def test_list_shows_every_exercise_and_the_next(course: Path) -> None:
    result = run(course, "list")
    assert result.exit_code == 0
    assert "01  Your first async tests" in result.output
    assert "not started" in result.output
    assert "Next: 01 Your first async tests" in result.output


def test_next_says_what_to_edit(course: Path) -> None:
    result = run(course, "next")
    assert result.exit_code == 0
    assert f"exercises/{SLUG}/test_exercise.py" in result.output
    assert "1. Build a client that reaches the app" in result.output


def test_check_of_the_starter_names_failing_tasks_and_is_not_yet(course: Path) -> None:
    result = run(course, "check", "01")
    assert result.exit_code == 1
    assert "✗ Task 1. Build a client that reaches the app" in result.output
    assert "httpx 0.28 removed `AsyncClient(app=...)`" in result.output
    assert "Verdict: not yet" in result.output
    assert "Traceback" not in result.output
    assert "failing" in run(course, "list").output


def test_check_of_a_solution_passes_and_unlocks_the_solution(course: Path) -> None:
    assert run(course, "solution", "1").exit_code == 1
    solve(course)
    result = run(course, "check", SLUG)
    assert result.exit_code == 0, result.output
    assert "Bugs caught: 5 of 5" in result.output
    assert "passed" in run(course, "list").output
    shown = run(course, "solution", "1")
    assert shown.exit_code == 0
    assert "async def test_missing_book" in shown.output


def test_check_names_a_surviving_mutant(course: Path) -> None:
    solve(course)
    path = course / "exercises" / SLUG / "test_exercise.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    assert response.status_code == 201\n", ""), "utf-8")
    result = run(course, "check")
    assert result.exit_code == 1
    assert "Your tests still pass when creating a book answers 200 OK instead of 201" in (
        result.output
    )


def test_check_json_is_exercism_v3(course: Path) -> None:
    result = run(course, "check", "01", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 3
    assert data["status"] == "fail"
    for test in data["tests"]:
        assert set(test) <= {"name", "status", "message", "output", "test_code", "task_id"}
        assert test["status"] in {"pass", "fail", "error"}
        assert len(test.get("output") or "") <= 500


@pytest.mark.parametrize("command", ["check", "hint", "solution", "reset"])
def test_an_unknown_id_lists_the_valid_ones(course: Path, command: str) -> None:
    result = run(course, command, "42")
    assert result.exit_code == 2
    assert "No exercise matches '42'" in result.output
    assert SLUG in result.output


def test_outside_a_course_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AWAITED_ROOT", raising=False)
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 2
    assert "not inside an Awaited course" in result.output


def test_hints_climb_the_ladder_and_are_remembered(course: Path) -> None:
    first = run(course, "hint", "01")
    second = run(course, "hint", "01")
    assert "Hint 1 of 6" in first.output
    assert "Hint 2 of 6" in second.output
    assert "transport" in second.output
    for _ in range(5):
        last = run(course, "hint", "01")
    assert "Hint 6 of 6" in last.output
    assert "That was the last hint" in last.output
    assert "6/6" in run(course, "list").output


def test_solution_with_force(course: Path) -> None:
    result = run(course, "solution", "01", "--force")
    assert result.exit_code == 0
    assert "ASGITransport" in result.output


def test_reset_restores_the_starter_and_keeps_a_backup(course: Path) -> None:
    exercise = course / "exercises" / SLUG
    (exercise / "test_exercise.py").write_text("# my own work\n", encoding="utf-8")
    result = run(course, "reset", "01")
    assert result.exit_code == 0
    starter = (exercise / ".meta/starter/test_exercise.py").read_text(encoding="utf-8")
    assert (exercise / "test_exercise.py").read_text(encoding="utf-8") == starter
    backups = list((course / ".awaited" / "backups" / SLUG).glob("*/test_exercise.py"))
    assert [b.read_text(encoding="utf-8") for b in backups] == ["# my own work\n"]
    assert "previous files are saved in" in result.output


def test_a_corrupt_state_file_is_reported_and_rebuilt(course: Path) -> None:
    (course / STATE_FILE).write_text("{not json", encoding="utf-8")
    result = run(course, "list")
    assert result.exit_code == 0
    assert "could not be read" in result.output
    assert json.loads((course / STATE_FILE).read_text(encoding="utf-8"))["version"] == 1
    assert list(course.glob(f"{STATE_FILE}.corrupt-*"))


def test_a_state_file_of_the_wrong_shape_is_rebuilt(course: Path) -> None:
    (course / STATE_FILE).write_text('{"version": 1, "exercises": []}', encoding="utf-8")
    result = run(course, "hint", "01")
    assert result.exit_code == 0
    assert "could not be read" in result.output
    assert "Hint 1 of 6" in result.output


def test_a_missing_learner_file_is_explained(course: Path) -> None:
    (course / "exercises" / SLUG / "test_exercise.py").unlink()
    result = run(course, "check", "01")
    assert result.exit_code == 1
    assert "test_exercise.py is missing" in result.output
    assert "awaited reset" in result.output


def test_a_broken_exercise_file_names_file_and_field(course: Path) -> None:
    meta = course / "exercises" / SLUG / ".meta" / "exercise.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace('difficulty = "beginner"', ""))
    result = run(course, "list")
    assert result.exit_code == 2
    assert "exercise.toml, field 'difficulty': Field required" in result.output


def test_a_grader_that_cannot_run_is_an_environment_error(course: Path) -> None:
    """pytest refusing to start (here: an unknown option in its config) is exit 2, not 1."""
    config = course / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('addopts = ["', 'addopts = ["--no-such-option", "'), "utf-8")
    result = run(course, "check", "01")
    assert result.exit_code == 2
    assert "pytest stopped before grading finished" in result.output
