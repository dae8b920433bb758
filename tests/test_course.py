"""The course proves itself: the checks of `awaited dev check`, one exercise at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from awaited import dev
from awaited.catalog import Exercise, load_exercises
from awaited.cli import main

EXERCISES = load_exercises(ROOT)


def test_slugs_match_across_lessons_exercises_quizzes_and_pages() -> None:
    assert dev.slug_problems(ROOT) == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_exercise_is_complete(exercise: Exercise) -> None:
    assert dev.structure_problems(exercise) == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_starter_fails_solution_passes_cheats_fail(exercise: Exercise) -> None:
    assert dev.grading_problems(ROOT, exercise) == []


def test_dev_check_command_reports_success() -> None:
    result = CliRunner().invoke(main, ["dev", "check", "--quick", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "The course checks out" in result.output


def test_dev_check_catches_a_mutant_identical_to_the_app(course_with_bad_mutant: str) -> None:
    result = CliRunner().invoke(main, ["dev", "check", "--quick", "--root", course_with_bad_mutant])
    assert result.exit_code == 1
    assert "is the same code as main.py" in result.output


@pytest.fixture
def course_with_bad_mutant(course: Path) -> str:
    root = course
    for folder in ("lessons", "quizzes", "docs/lessons"):
        shutil.copytree(ROOT / folder, root / folder)
    exercise = root / "exercises" / "01_first_async_test"
    app = (exercise / "main.py").read_text(encoding="utf-8")
    body = app[app.index('"""', 3) + 3 :]  # the app without its docstring
    (exercise / ".meta/mutants/same_as_app.py").write_text('"""nothing at all."""' + body)
    return str(root)
