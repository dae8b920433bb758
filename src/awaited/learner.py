"""What the learner's commands do, apart from printing: pick, hint, reset, reveal."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from awaited.catalog import Exercise
from awaited.progress import Progress

BACKUP_DIR = Path(".awaited") / "backups"


def next_exercise(exercises: list[Exercise], progress: Progress) -> Exercise | None:
    """The first exercise not passed yet, in course order."""
    for exercise in exercises:
        if progress.of(exercise.slug).status != "passed":
            return exercise
    return None


@dataclass(frozen=True)
class Hint:
    number: int
    total: int
    text: str
    is_new: bool


def take_hint(exercise: Exercise, progress: Progress) -> Hint:
    """The next rung of the ladder; past the last rung, the last one again."""
    ladder = exercise.meta.hints
    entry = progress.of(exercise.slug)
    is_new = entry.hints_shown < len(ladder)
    if is_new:
        entry.hints_shown += 1
    number = max(entry.hints_shown, 1)
    return Hint(number, len(ladder), ladder[number - 1], is_new)


def may_see_solution(exercise: Exercise, progress: Progress) -> bool:
    return progress.of(exercise.slug).ever_passed


def solution_files(exercise: Exercise) -> dict[str, str]:
    return {
        name: (exercise.solution_dir / name).read_text(encoding="utf-8")
        for name in exercise.meta.learner_files
    }


def reset(root: Path, exercise: Exercise) -> Path | None:
    """Restore the starter files, first copying the learner's own into a backup folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    backup = root / BACKUP_DIR / exercise.slug / stamp
    saved = False
    for name in exercise.meta.learner_files:
        current = exercise.path / name
        if current.is_file():
            backup.mkdir(parents=True, exist_ok=True)
            shutil.copy2(current, backup / name)
            saved = True
        shutil.copyfile(exercise.starter_dir / name, current)
    return backup if saved else None
