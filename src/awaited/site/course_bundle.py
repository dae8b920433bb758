"""What the browser runner downloads besides Pyodide: the course's files and its own code.

- :func:`course_archive`: a zip of what a learner's clone holds for running things, one per
  lesson (its `lessons/NN_slug/` and `exercises/NN_slug/` with `.meta/`) plus one with
  `pyproject.toml`'s pytest settings, unpacked by the worker into Pyodide's file system as a
  page needs them: a page downloads its own lesson, not the whole course;
- :func:`awaited_wheel`: the `awaited` package as a wheel, so the grading is the same code as
  at the terminal, and its pytest plugin is found through the same entry point;
- :func:`manifest`: the editable files of every example and exercise, hints and tasks, which
  the page needs before Python has even started (split per lesson by :func:`lesson_parts`).
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from awaited import __name__ as PACKAGE
from awaited.catalog import load_exercises
from awaited.examples import discover_examples
from awaited.site.lazy_imports import lazy_modules_of

TERMINAL_ONLY_FILE = "terminal-only.txt"
# The files of an example that a reader sees and edits, tests first.
_EDITABLE_ORDER = ("test_", "conftest.py", "main.py", "pytest.ini", "pyproject.toml")
_CONFIG_FILES = ("pytest.ini", "pyproject.toml")
_SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip entries carry no build time: same input, same bytes
VERSION = "0.1.0"


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not _SKIPPED_PARTS.intersection(path.parts):
            yield path


def _zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_STORED)
    return buffer.getvalue()


def course_archive(root: Path, lesson: str | None = None) -> bytes:
    """The files of one lesson (`lessons/<lesson>/`, `exercises/<lesson>/`), or with no
    lesson the course-wide ones (`pyproject.toml`)."""
    if lesson is None:
        return _zip([("pyproject.toml", (root / "pyproject.toml").read_bytes())])
    entries = []
    for folder in ("lessons", "exercises"):
        if (root / folder / lesson).is_dir():
            entries += [
                (path.relative_to(root).as_posix(), path.read_bytes())
                for path in _files_under(root / folder / lesson)
            ]
    return _zip(entries)


def lesson_of(entry_id: str) -> str:
    """`01_first_async_test/ex01_async_client` (an example) or `01_first_async_test` (an
    exercise) -> `01_first_async_test`: examples and exercises share their lesson's slug."""
    return entry_id.split("/", 1)[0]


def lesson_parts(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """:func:`manifest`'s examples and exercises, grouped by lesson."""
    parts: dict[str, dict[str, Any]] = {}
    for kind in ("examples", "exercises"):
        for entry_id, entry in data[kind].items():
            part = parts.setdefault(lesson_of(entry_id), {"examples": {}, "exercises": {}})
            part[kind][entry_id] = entry
    return dict(sorted(parts.items()))


def record_line(name: str, data: bytes) -> str:
    """A wheel RECORD line for the file `name` holding `data`."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def awaited_wheel(root: Path) -> tuple[str, bytes]:
    """The package's modules as a pure-Python wheel: `(file name, bytes)`."""
    package = root / "src" / PACKAGE
    entries = [
        (path.relative_to(package.parent).as_posix(), path.read_bytes())
        for path in _files_under(package)
        if path.suffix in (".py", ".typed")
    ]
    info = f"{PACKAGE}-{VERSION}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: {VERSION}\n"
    wheel = "Wheel-Version: 1.0\nGenerator: awaited\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entry_points = f"[pytest11]\n{PACKAGE} = {PACKAGE}.pytest_plugin\n"
    entries += [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL", wheel.encode()),
        (f"{info}/entry_points.txt", entry_points.encode()),
    ]
    record = [record_line(name, data) for name, data in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    return f"{PACKAGE}-{VERSION}-py3-none-any.whl", _zip(entries)


def _editable_rank(name: str) -> tuple[int, str]:
    for rank, prefix in enumerate(_EDITABLE_ORDER):
        if name.startswith(prefix):
            return rank, name
    return len(_EDITABLE_ORDER), name


def editable_files(folder: Path) -> dict[str, str]:
    names = [
        path.name
        for path in folder.iterdir()
        if path.is_file() and (path.suffix == ".py" or path.name in _CONFIG_FILES)
    ]
    return {
        name: (folder / name).read_text(encoding="utf-8")
        for name in sorted(names, key=_editable_rank)
    }


def terminal_only(folder: Path) -> str | None:
    """Why this example or exercise cannot run in a browser, if it cannot."""
    marker = folder / TERMINAL_ONLY_FILE
    return marker.read_text(encoding="utf-8").strip() if marker.is_file() else None


def manifest(root: Path) -> dict[str, Any]:
    examples = {
        example.id: {
            "files": editable_files(example.path),
            "terminalOnly": terminal_only(example.path),
            "prepare": lazy_modules_of(example.path),
        }
        for example in discover_examples(root)
    }
    exercises = {}
    for exercise in load_exercises(root):
        meta = exercise.meta

        def read(folder: Path, names: list[str]) -> dict[str, str]:
            return {name: (folder / name).read_text(encoding="utf-8") for name in names}

        exercises[exercise.slug] = {
            "title": meta.title,
            "number": exercise.number,
            "lesson": meta.lesson,
            "learnerFiles": meta.learner_files,
            "starter": read(exercise.starter_dir, meta.learner_files),
            "solution": read(exercise.solution_dir, meta.learner_files),
            "app": exercise.app_file.read_text(encoding="utf-8"),
            "hints": meta.hints,
            "tasks": [{"id": task.id, "title": task.title} for task in meta.tasks],
            "timeoutSeconds": meta.timeout_seconds,
            "terminalOnly": terminal_only(exercise.path),
            "prepare": lazy_modules_of(exercise.path),
        }
    return {"examples": examples, "exercises": exercises}
