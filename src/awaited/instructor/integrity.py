"""Integrity flags: what a submission changed outside the files its student owns.

None of these changes can affect the grade, because grading copies only the learner-owned
files out of a submission and runs them against the pristine course. The flags exist so an
instructor sees who tried (or who broke their repository by accident).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from awaited.catalog import Exercise
from awaited.instructor.assign import PACKAGE_PREFIX, STUDENT_FREE
from awaited.instructor.submissions import exercise_folder, read_inside, walk_files

FlagKind = Literal["modified", "deleted", "added", "link", "suspicious", "sandbox"]
# Files that change how pytest or Python starts up, wherever they appear.
STARTUP_FILES = frozenset(
    {"conftest.py", "pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg", "sitecustomize.py",
     "usercustomize.py"}
)  # fmt: skip
# Imports a test has no business making: they reach into the grader or the interpreter, or
# around the sandbox's audit hook (ctypes, _posixsubprocess) or the import scan (importlib).
GRADER_MODULES = frozenset({"awaited", "_pytest", "ctypes", "gc", "_posixsubprocess", "importlib"})


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    path: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.path}" + (f" ({self.detail})" if self.detail else "")


def _normalised(data: bytes) -> bytes:
    """Line endings do not count: git on Windows may check text files out with CRLF."""
    return data.replace(b"\r\n", b"\n")


def check_tree(
    root: Path, tree: Path, exercises: list[Exercise], pristine: dict[str, bytes]
) -> list[Flag]:
    """Flags for the submission whose course files start at `root` (inside `tree`)."""
    flags: list[Flag] = []
    is_repository = (root / "exercises").is_dir()
    owned = {f"exercises/{e.slug}/{name}" for e in exercises for name in e.meta.learner_files}
    graded_prefixes = tuple(f"exercises/{e.slug}/" for e in exercises)
    shared = [
        path for path in pristine if not path.startswith("exercises/") and path not in STUDENT_FREE
    ]
    # What the student's copy should hold, mapped to where it sits in this submission. A whole
    # repository must hold all of it; a submission of bare exercise folders is compared only
    # where it has a file.
    expected: dict[str, Path] = {}
    for exercise in exercises:
        folder = exercise_folder(root, exercise.slug)
        if folder is None:
            continue  # missing altogether: graded as missing, nothing to compare
        prefix = f"exercises/{exercise.slug}/"
        for path in pristine:
            if path.startswith(prefix) and path not in owned:
                expected[path] = folder / path[len(prefix) :]
    expected.update({path: root / path for path in shared})
    if not is_repository:
        expected = {path: at for path, at in expected.items() if at.exists() or at.is_symlink()}
    for path, location in expected.items():
        flag = _compare(path, location, tree, pristine[path])
        if flag is not None:
            flags.append(flag)
    flags += _added(root, pristine, graded_prefixes, owned)
    for exercise in exercises:
        folder = exercise_folder(root, exercise.slug)
        if folder is not None:
            flags += suspicious_code(exercise, folder, tree)
    return flags


def _compare(path: str, location: Path, tree: Path, original: bytes) -> Flag | None:
    if location.is_symlink():
        return Flag("link", path, "a symbolic link where the course has a file")
    if not location.is_file():
        return Flag("deleted", path)
    data = read_inside(location.parent, location.name, tree)
    if data is None or _normalised(data) != _normalised(original):
        return Flag("modified", path)
    return None


def _added(
    root: Path, pristine: dict[str, bytes], graded: tuple[str, ...], owned: set[str]
) -> list[Flag]:
    """Files the course does not have that could change how tests run."""
    flags: list[Flag] = []
    for path in walk_files(root):
        canonical = path if path.startswith("exercises/") else _as_exercise_path(path, graded)
        if canonical in pristine or canonical in owned:
            continue
        name = path.rsplit("/", 1)[-1]
        if name in STARTUP_FILES or name.endswith(".pth"):
            flags.append(Flag("added", path, "never loaded by the grader"))
        elif name.endswith(".py") and (
            canonical.startswith(graded) or path.startswith(PACKAGE_PREFIX)
        ):
            flags.append(Flag("added", path, "not a file you own, so not graded"))
    return flags


def _as_exercise_path(path: str, graded: tuple[str, ...]) -> str:
    """`01_slug/x.py` in a submission of bare exercise folders is `exercises/01_slug/x.py`."""
    candidate = f"exercises/{path}"
    return candidate if candidate.startswith(graded) else path


def suspicious_code(exercise: Exercise, folder: Path, tree: Path) -> list[Flag]:
    """Learner files that import the grader or the interpreter's internals: worth a look."""
    flags: list[Flag] = []
    for name in exercise.meta.learner_files:
        data = read_inside(folder, name, tree)
        if data is None:
            continue
        try:
            module = ast.parse(data)
        except (SyntaxError, ValueError):
            continue  # graded as a syntax error already
        found = sorted(_grader_imports(module))
        if found:
            flags.append(
                Flag(
                    "suspicious",
                    f"exercises/{exercise.slug}/{name}",
                    "imports " + ", ".join(found),
                )
            )
    return flags


def _grader_imports(module: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(module):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Name) and node.id == "__import__":
            found.add("__import__")
        found.update(n for n in names if n.split(".")[0] in GRADER_MODULES)
    return found
