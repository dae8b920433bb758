"""The learner's progress: a small JSON file at the course root, ignored by git."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

STATE_FILE = ".awaited-progress.json"
Status = Literal["not started", "failing", "passed"]


class ExerciseProgress(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status = "not started"
    hints_shown: int = Field(default=0, ge=0)
    checked_at: str | None = None
    ever_passed: bool = False


class Progress(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    exercises: dict[str, ExerciseProgress] = Field(default_factory=dict)

    def of(self, slug: str) -> ExerciseProgress:
        return self.exercises.setdefault(slug, ExerciseProgress())

    def record_check(self, slug: str, passed: bool) -> None:
        entry = self.of(slug)
        entry.status = "passed" if passed else "failing"
        entry.ever_passed = entry.ever_passed or passed
        entry.checked_at = datetime.now(UTC).isoformat(timespec="seconds")


class ProgressStore:
    """Loads and saves progress; a corrupt file is kept aside and rebuilt, never a crash."""

    def __init__(self, root: Path) -> None:
        self.path = root / STATE_FILE
        self.warning: str | None = None

    def load(self) -> Progress:
        if not self.path.exists():
            return Progress()
        try:
            return Progress.model_validate(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError) as error:
            return self._rebuild(error)

    def _rebuild(self, error: Exception) -> Progress:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, backup)
            kept = f"; the old file is kept as {backup.name}"
        except OSError:
            kept = ""
        reason = str(error).splitlines()[0]
        self.warning = (
            f"Your progress file {self.path.name} could not be read ({reason}). "
            f"Starting a fresh one{kept}. Run `awaited check` to re-grade your exercises."
        )
        return Progress()

    def save(self, progress: Progress) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(progress.model_dump_json(indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)  # atomic: an interrupted save never corrupts it
