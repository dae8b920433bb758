"""Plain `pytest exercises/NN_...` grades exactly like `awaited check`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awaited.cli import main

SLUG = "01_first_async_test"


def plain_pytest(course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", f"exercises/{SLUG}", "-p", "no:cacheprovider"],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PY_COLORS": "0", "COLUMNS": "200"},
    )


def verdict_block(output: str) -> list[str]:
    """The lines from the exercise title down to the verdict."""
    lines = [line.rstrip() for line in output.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Your first async tests"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Verdict:"))
    return lines[start : end + 1]


@pytest.mark.parametrize("solved", [False, True], ids=["starter", "solution"])
def test_same_verdict_and_exit_code_as_awaited_check(course: Path, solved: bool) -> None:
    exercise = course / "exercises" / SLUG
    if solved:
        shutil.copyfile(exercise / ".meta/solution/test_exercise.py", exercise / "test_exercise.py")
    plain = plain_pytest(course)
    check = CliRunner().invoke(main, ["check", "01", "--root", str(course)])
    assert verdict_block(plain.stdout) == verdict_block(check.output)
    assert plain.returncode == check.exit_code == (0 if solved else 1), plain.stdout


def test_the_plugin_is_inert_outside_exercises(tmp_path: Path) -> None:
    """The plugin is inert for ordinary test files: no grading section, normal exit code."""
    (tmp_path / "test_plain.py").write_text("def test_ok():\n    assert True\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "awaited:" not in result.stdout
