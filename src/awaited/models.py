"""Typed models of the course's content files, validated field by field."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Task(BaseModel):
    """One numbered task of an exercise; its tests carry `@pytest.mark.task(id)`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int = Field(ge=1, description="The number used in README headings and task markers.")
    title: str = Field(min_length=1, description="What the learner achieves, in a few words.")
    mutants: list[str] = Field(
        default_factory=list,
        description="Stems of `.meta/mutants/*.py` that this task's tests must catch.",
    )


class ExerciseMeta(BaseModel):
    """The contents of an exercise's `.meta/exercise.toml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, description="Shown in `awaited list` and on the site.")
    lesson: str = Field(min_length=1, description="Slug of the lesson the exercise practises.")
    difficulty: Literal["beginner", "intermediate", "advanced"]
    learner_files: list[str] = Field(
        min_length=1,
        description="Files the learner owns; grading reads only these from their copy.",
    )
    timeout_seconds: float = Field(
        default=5, gt=0, le=60, description="How long one test may run before it is stopped."
    )
    tasks: list[Task] = Field(min_length=1)
    hints: list[str] = Field(min_length=3, description="The hint ladder, first rung first.")

    @field_validator("hints")
    @classmethod
    def _hints_not_blank(cls, hints: list[str]) -> list[str]:
        for number, hint in enumerate(hints, start=1):
            if not hint.strip():
                raise ValueError(f"hint {number} is empty")
        return hints

    @field_validator("learner_files")
    @classmethod
    def _learner_files_are_plain_names(cls, names: list[str]) -> list[str]:
        for name in names:
            if "/" in name or "\\" in name or name.startswith(".") or not name.endswith(".py"):
                raise ValueError(f"{name!r} must be a .py file name inside the exercise folder")
        return names

    @model_validator(mode="after")
    def _tasks_numbered_in_order(self) -> ExerciseMeta:
        numbers = [task.id for task in self.tasks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"tasks must be numbered 1, 2, 3, ... in order, got {numbers}")
        return self

    def task_of_mutant(self, mutant: str) -> int | None:
        for task in self.tasks:
            if mutant in task.mutants:
                return task.id
        return None
