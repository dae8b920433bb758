"""`awaited assign`: the starter repository handed to students for an assignment.

`assignment_files` is the single description of that repository. `assign` writes it out, and
the integrity check compares each submission against it, so the two can never disagree about
what a pristine repository holds.
"""

from __future__ import annotations

from pathlib import Path

import awaited
from awaited.catalog import Exercise

WORKFLOW_PATH = ".github/workflows/grade.yml"
STUDENT_README = "README.md"
GITIGNORE = ".gitignore"
# Files a student may change freely: they never reach the grade, so they are not compared.
STUDENT_FREE = frozenset({STUDENT_README, GITIGNORE})
PACKAGE_PREFIX = "src/awaited/"
TEMPLATES = Path(__file__).parent / "templates"  # the student README and the CI workflow
NEVER_COPIED = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})


def package_dir() -> Path:
    """The installed `awaited` package: the grader that goes into the starter repository."""
    return Path(awaited.__file__).resolve().parent


def assignment_files(root: Path, exercises: list[Exercise]) -> dict[str, bytes]:
    """Every file of the starter repository, by POSIX path relative to its root."""
    files: dict[str, bytes] = {}
    for exercise in exercises:
        files.update(exercise_files(exercise))
    for path in _tree(package_dir()):
        files[PACKAGE_PREFIX + path.relative_to(package_dir()).as_posix()] = path.read_bytes()
    files["pyproject.toml"] = (root / "pyproject.toml").read_bytes()
    files[WORKFLOW_PATH] = (TEMPLATES / "grade.yml").read_bytes()
    files[STUDENT_README] = student_readme(exercises).encode()
    files[GITIGNORE] = b".venv/\n__pycache__/\n.awaited/\n.awaited-progress.json\nresults/\n"
    return files


def exercise_files(exercise: Exercise) -> dict[str, bytes]:
    """The exercise as a student receives it: starter learner files, no reference solution."""
    prefix = f"exercises/{exercise.slug}/"
    files: dict[str, bytes] = {}
    for path in _tree(exercise.path):
        relative = path.relative_to(exercise.path).as_posix()
        if relative.startswith(".meta/solution/"):
            continue
        files[prefix + relative] = path.read_bytes()
    for name in exercise.meta.learner_files:
        # The course clone may hold the instructor's own attempt: hand out the starter.
        files[prefix + name] = (exercise.starter_dir / name).read_bytes()
    return files


def _tree(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not NEVER_COPIED.intersection(path.relative_to(folder).parts)
    )


def write_assignment(root: Path, exercises: list[Exercise], out: Path) -> list[str]:
    """Write the starter repository into `out` (which must be empty or new)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder for the assignment")
    files = assignment_files(root, exercises)
    for relative, data in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(files)


def student_readme(exercises: list[Exercise]) -> str:
    rows = "\n".join(
        f"| {e.number:02d} | {e.meta.title} | `exercises/{e.slug}/` "
        f"| {', '.join(f'`{name}`' for name in e.meta.learner_files)} |"
        for e in exercises
    )
    template = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    return template.format(rows=rows, first=f"{exercises[0].number:02d}")
