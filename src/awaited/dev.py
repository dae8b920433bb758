"""Course checks for authors: every exercise is solvable, gradeable and cheat-proof.

Each check returns a list of problems (empty means fine), so the test suite can run them one
by one in parallel and `awaited dev check` can run them all.
"""

from __future__ import annotations

import ast
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from awaited.catalog import CatalogError, Exercise, load_exercises
from awaited.checking import run_check
from awaited.results import Results

TODO_MARKER = "# TODO:"


def slug_problems(root: Path) -> list[str]:
    """The same slugs in lessons/, exercises/, quizzes/ and docs/lessons/."""
    found = {
        "lessons/": {p.name for p in (root / "lessons").glob("[0-9]*") if p.is_dir()},
        "exercises/": {p.name for p in (root / "exercises").glob("[0-9]*") if p.is_dir()},
        "quizzes/": {p.stem for p in (root / "quizzes").glob("[0-9]*.yaml")},
        "docs/lessons/": {
            p.stem.replace("-", "_") for p in (root / "docs" / "lessons").glob("[0-9]*.md")
        },
    }
    every = set().union(*found.values())
    return [
        f"{where} has no entry for {slug}"
        for slug in sorted(every)
        for where, slugs in found.items()
        if slug not in slugs
    ]


def structure_problems(exercise: Exercise) -> list[str]:
    problems: list[str] = []
    name = exercise.slug
    meta = exercise.meta
    if not exercise.app_file.is_file():
        problems.append(f"{name}: main.py is missing")
    readme = exercise.path / "README.md"
    headings = re.findall(r"^## (\d+)\. ", readme.read_text(encoding="utf-8"), re.M)
    if [int(h) for h in headings] != [task.id for task in meta.tasks]:
        problems.append(f"{name}: README.md task headings {headings} do not match the tasks")
    for file in meta.learner_files:
        for folder, label in (
            (exercise.starter_dir, "starter"),
            (exercise.solution_dir, "solution"),
        ):
            if not (folder / file).is_file():
                problems.append(f"{name}: .meta/{label}/{file} is missing")
        starter = exercise.starter_dir / file
        if starter.is_file() and TODO_MARKER not in starter.read_text(encoding="utf-8"):
            problems.append(f"{name}: the starter {file} has no `{TODO_MARKER}` marker")
    try:
        mutants = exercise.mutants
    except CatalogError as error:
        return [*problems, str(error)]
    if len(mutants) < 3:
        problems.append(f"{name}: needs at least 3 mutants, has {len(mutants)}")
    app_source = exercise.app_file.read_text(encoding="utf-8")
    assigned = [m for task in meta.tasks for m in task.mutants]
    for mutant in mutants:
        if _code_of(mutant.path.read_text(encoding="utf-8")) == _code_of(app_source):
            problems.append(f"{name}: mutant {mutant.name} is the same code as main.py")
        if assigned.count(mutant.name) != 1:
            problems.append(f"{name}: mutant {mutant.name} must belong to exactly one task")
    for stem in set(assigned) - {m.name for m in mutants}:
        problems.append(f"{name}: a task names mutant {stem!r}, which does not exist")
    return problems


def _code_of(source: str) -> str:
    """The code without docstrings and comments, to compare a mutant with the app."""
    tree = ast.parse(source)
    if ast.get_docstring(tree) is not None:
        tree.body = tree.body[1:]
    return ast.dump(tree)


@contextmanager
def work_copy(exercise: Exercise, files: dict[str, str]) -> Iterator[Path]:
    """A scratch folder holding the given learner files."""
    with tempfile.TemporaryDirectory(prefix=f"awaited-{exercise.slug}-") as scratch:
        folder = Path(scratch)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        yield folder


def grade_files(root: Path, exercise: Exercise, files: dict[str, str]) -> Results:
    with work_copy(exercise, files) as folder:
        return run_check(root, exercise, folder, isolated=True).results


def read_folder(exercise: Exercise, folder: Path) -> dict[str, str]:
    return {
        name: (folder / name).read_text(encoding="utf-8") for name in exercise.meta.learner_files
    }


def without_asserts(source: str) -> str:
    """The cheat of deleting every assertion."""

    class DropAsserts(ast.NodeTransformer):
        def visit_Assert(self, node: ast.Assert) -> ast.AST:
            return ast.copy_location(ast.Pass(), node)

    return ast.unparse(DropAsserts().visit(ast.parse(source)))


def assert_true_tests(exercise: Exercise) -> str:
    """The cheat of tests that assert nothing, one per task."""
    tests = "\n".join(
        f"@pytest.mark.task({task.id})\ndef test_task_{task.id}():\n    assert True\n"
        for task in exercise.meta.tasks
    )
    return f"import pytest\n\n\n{tests}"


def grading_problems(root: Path, exercise: Exercise) -> list[str]:
    """The starter fails, the solution passes and catches every mutant, cheats fail."""
    name = exercise.slug
    problems: list[str] = []
    starter = grade_files(root, exercise, read_folder(exercise, exercise.starter_dir))
    if starter.status == "pass":
        problems.append(f"{name}: the starter already passes; there is nothing to do")
    solution = grade_files(root, exercise, read_folder(exercise, exercise.solution_dir))
    if solution.status != "pass":
        failing = [f"{t.name}: {t.message}" for t in solution.tests if t.status != "pass"]
        detail = "; ".join(failing) or solution.message or solution.status
        problems.append(f"{name}: the solution does not pass: {detail}")
    cheats: dict[str, Callable[[], dict[str, str]]] = {
        "the solution with every assert removed": lambda: {
            file: without_asserts(text)
            for file, text in read_folder(exercise, exercise.solution_dir).items()
        },
        "tests that only `assert True`": lambda: {
            exercise.meta.learner_files[0]: assert_true_tests(exercise)
        },
    }
    for label, make in cheats.items():
        if grade_files(root, exercise, make()).status == "pass":
            problems.append(f"{name}: a cheat passes: {label}")
    return problems


def quiz_problems(root: Path, *, run: bool) -> Iterator[str]:
    """Every bank is valid; with `run`, every predicted outcome and proof really happens."""
    from awaited import quiz  # imported here: only the quiz checks need YAML and its models

    try:
        banks = quiz.load_all_banks(root)
    except quiz.QuizError as error:
        yield str(error)
        return
    if not run:
        return
    for bank, question, problems in quiz.check_banks(banks, jobs=os.cpu_count() or 1):
        for problem in problems:
            yield f"{bank.lesson}: question '{question.id}': {problem}"


def all_problems(root: Path, *, grade: bool = True) -> Iterator[str]:
    """Everything `awaited dev check` proves; `grade=False` skips what runs tests."""
    yield from slug_problems(root)
    try:
        exercises = load_exercises(root)
    except CatalogError as error:
        yield str(error)
        return
    for exercise in exercises:
        yield from structure_problems(exercise)
        if grade:
            yield from grading_problems(root, exercise)
    yield from quiz_problems(root, run=grade)
