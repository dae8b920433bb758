"""Shared fixtures for the course's own tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from awaited.catalog import Exercise, load_exercise

ROOT = Path(__file__).resolve().parent.parent

# Learner files with deliberate mistakes live here; they are graded, never collected.
collect_ignore = ["golden"]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A private copy of the course (exercises + pytest config) to run commands against."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copytree(ROOT / "exercises", root / "exercises")
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def copy_exercise(slug: str, destination: Path, *, timeout: float | None = None) -> Exercise:
    """A copy of an exercise, optionally with a shorter per-test time limit."""
    target = destination / slug
    shutil.copytree(ROOT / "exercises" / slug, target)
    if timeout is not None:
        meta = target / ".meta" / "exercise.toml"
        text = meta.read_text(encoding="utf-8")
        text = text.replace("timeout_seconds = 5", f"timeout_seconds = {timeout:g}")
        meta.write_text(text, encoding="utf-8")
    return load_exercise(target)
