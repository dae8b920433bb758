"""Finds the course on disk and loads its exercises, with errors that name file and field."""

from __future__ import annotations

import ast
import os
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from awaited.models import ExerciseMeta

ROOT_ENV = "AWAITED_ROOT"
META_FILE = Path(".meta") / "exercise.toml"


class CatalogError(Exception):
    """Course content that cannot be used, with the file (and field) at fault."""

    def __init__(self, path: Path, message: str, field: str | None = None) -> None:
        self.path = path
        self.field = field
        where = f"{path}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


class UnknownExerciseError(LookupError):
    """An exercise id that matches nothing; the message lists the valid ones."""

    def __init__(self, wanted: str, valid: list[str]) -> None:
        self.wanted = wanted
        self.valid = valid
        super().__init__(
            f"No exercise matches {wanted!r}. Valid ids: " + ", ".join(valid)
            if valid
            else f"No exercise matches {wanted!r}: this course has no exercises."
        )


@dataclass(frozen=True)
class Mutant:
    """A deliberately broken copy of an exercise's app."""

    name: str
    path: Path
    bug: str  # completes "Your tests still pass when ..."


@dataclass(frozen=True)
class Exercise:
    slug: str
    path: Path
    meta: ExerciseMeta

    @property
    def number(self) -> int:
        return int(self.slug.split("_", 1)[0])

    @property
    def app_file(self) -> Path:
        return self.path / "main.py"

    @property
    def solution_dir(self) -> Path:
        return self.path / ".meta" / "solution"

    @property
    def starter_dir(self) -> Path:
        """The pristine learner files; `reset` restores from here."""
        return self.path / ".meta" / "starter"

    @cached_property
    def mutants(self) -> list[Mutant]:
        return [
            load_mutant(path) for path in sorted((self.path / ".meta" / "mutants").glob("*.py"))
        ]

    def learner_paths(self, work_dir: Path | None = None) -> list[Path]:
        base = self.path if work_dir is None else work_dir
        return [base / name for name in self.meta.learner_files]


def load_mutant(path: Path) -> Mutant:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        raise CatalogError(
            path, f"mutant does not parse: {error.msg} (line {error.lineno})"
        ) from None
    doc = ast.get_docstring(tree)
    if not doc or not doc.strip():
        raise CatalogError(path, "a mutant needs a one-line docstring naming its bug", "docstring")
    bug = doc.strip().splitlines()[0].rstrip(".")
    return Mutant(name=path.stem, path=path, bug=bug)


def find_root(start: Path | None = None) -> Path:
    """The course root: $AWAITED_ROOT, else the nearest folder up holding `exercises/`."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    raise CatalogError(
        here,
        "not inside an Awaited course: no folder above holds `exercises/` and `pyproject.toml` "
        f"(run from your clone, or set {ROOT_ENV})",
    )


def load_meta(path: Path) -> ExerciseMeta:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(path, f"cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(path, f"invalid TOML: {error}") from None
    try:
        return ExerciseMeta.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        raise CatalogError(path, first["msg"], field) from None


def load_exercise(path: Path) -> Exercise:
    meta = load_meta(path / META_FILE)
    return Exercise(slug=path.name, path=path, meta=meta)


def load_exercises(root: Path) -> list[Exercise]:
    folder = root / "exercises"
    return [
        load_exercise(path)
        for path in sorted(folder.iterdir())
        if path.is_dir() and (path / META_FILE).is_file()
    ]


def is_exercise_dir(path: Path) -> bool:
    return (path / META_FILE).is_file()


def resolve(exercises: list[Exercise], wanted: str) -> Exercise:
    """Find an exercise by `01`, `1` or its slug."""
    text = wanted.strip().rstrip("/").split("/")[-1]
    for exercise in exercises:
        if text == exercise.slug or (text.isdigit() and int(text) == exercise.number):
            return exercise
    raise UnknownExerciseError(wanted, [e.slug for e in exercises])
