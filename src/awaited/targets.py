"""Imports a learner's test file against one version of the app: the real one or a mutant.

The learner writes `from main import app`. Each import of their file here gets its own copy
of the target app under the name `main`, so the same tests can run against the real app and
every mutant in one pytest session, each with fresh module state.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
import sys
import traceback
import types
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from _pytest.assertion.rewrite import rewrite_asserts  # pinned pytest: keeps assert messages

APP_MODULE = "main"
_counter = itertools.count(1)


@dataclass(frozen=True)
class Target:
    """One version of the app: `name` is "main" for the real app, else the mutant's name."""

    name: str
    app_file: Path

    @property
    def is_mutant(self) -> bool:
        return self.name != APP_MODULE


class LearnerImportError(Exception):
    """The learner's file cannot be imported; the message points at the file and line."""


def load_app(target: Target) -> types.ModuleType:
    """A fresh copy of the target app, named `main` as the learner's imports expect."""
    spec = importlib.util.spec_from_file_location(APP_MODULE, target.app_file)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py path always has a spec
        raise ImportError(f"cannot load {target.app_file}")
    module = importlib.util.module_from_spec(spec)
    with app_bound_as_main(module, target.app_file.parent):
        spec.loader.exec_module(module)
    # A unique alias keeps it alive and findable after `main` is bound to another target.
    sys.modules[f"awaited_app_{next(_counter)}_{target.name}"] = module
    return module


@contextmanager
def app_bound_as_main(app: types.ModuleType, folder: Path) -> Iterator[None]:
    """Make `import main` give `app`, and let the learner's folder's helpers import."""
    saved = sys.modules.get(APP_MODULE)
    sys.modules[APP_MODULE] = app
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        if saved is None:
            sys.modules.pop(APP_MODULE, None)
        else:
            sys.modules[APP_MODULE] = saved
        with suppress(ValueError):
            sys.path.remove(str(folder))


def compile_tests(path: Path, config: pytest.Config) -> types.CodeType:
    """The learner's file compiled with pytest's assertion rewriting (once per session)."""
    source = path.read_bytes()
    key = (path, source)
    if key not in _compiled:
        try:
            tree = ast.parse(source, filename=str(path))
        except SyntaxError as error:
            raise LearnerImportError(describe_syntax_error(path, error)) from None
        rewrite_asserts(tree, source, str(path), config)
        _compiled[key] = compile(tree, str(path), "exec", dont_inherit=True)
    return _compiled[key]


_compiled: dict[tuple[Path, bytes], types.CodeType] = {}


def import_tests(path: Path, app: types.ModuleType, config: pytest.Config) -> types.ModuleType:
    """Import the learner's test file, with `import main` giving `app`."""
    code = compile_tests(path, config)
    module = types.ModuleType(f"awaited_tests_{next(_counter)}_{path.stem}")
    module.__file__ = str(path)
    sys.modules[module.__name__] = module
    with app_bound_as_main(app, path.parent):
        try:
            exec(code, module.__dict__)
        except Exception as error:
            raise LearnerImportError(describe_import_error(path, error)) from None
    return module


def describe_syntax_error(path: Path, error: SyntaxError) -> str:
    lines = [f"{path.name}, line {error.lineno}: SyntaxError: {error.msg}"]
    if error.text:
        lines.append("    " + error.text.rstrip())
        if error.offset:
            lines.append("    " + " " * (error.offset - 1 - _indent(error.text)) + "^")
    return "\n".join(lines)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def describe_import_error(path: Path, error: Exception) -> str:
    """Name the line of the learner's file where importing it failed."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == str(path)]
    where = f"{path.name}, line {frames[-1].lineno}" if frames else path.name
    line = f"\n    {frames[-1].line}" if frames and frames[-1].line else ""
    return f"{where}: {type(error).__name__}: {error}{line}"
