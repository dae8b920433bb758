"""Shared fixtures for the course's own tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal_runs import TerminalRuns

from awaited import postgres
from awaited.catalog import Exercise, load_exercise
from awaited.examples import Example

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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One throwaway PostgreSQL server per test process (~1 s to start), shared through
    AWAITED_POSTGRES_URL by every example run that needs one: each of those is its own
    `python -m pytest` and would otherwise start a server of its own. Missing PostgreSQL
    fails the run on CI and skips those examples elsewhere."""
    given = os.environ.get(postgres.URL_ENV)
    if given:
        yield given
        return
    try:
        cluster = postgres.start_cluster()
    except postgres.PostgresUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, so PostgreSQL must be there: {error}", pytrace=False)
        pytest.skip(f"needs PostgreSQL (scripts/ensure-postgresql installs it): {error}")
    os.environ[postgres.URL_ENV] = cluster.url
    try:
        yield cluster.url
    finally:
        del os.environ[postgres.URL_ENV]
        postgres.stop_cluster(cluster)


@pytest.fixture(autouse=True)
def _postgres_for_examples(request: pytest.FixtureRequest) -> None:
    """Start (or reuse) the server for a parametrised test of an example that needs one."""
    callspec = getattr(request.node, "callspec", None)
    example = callspec.params.get("example") if callspec is not None else None
    if isinstance(example, Example) and postgres.uses_postgresql(example.path):
        request.getfixturevalue("postgres_server")


@pytest.fixture(scope="session")
def terminal_runs(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> TerminalRuns:
    """Each example's terminal run, shared by every test process of this run (see
    terminal_runs.py). xdist workers' basetemps sit side by side in the run's own folder."""
    base = tmp_path_factory.getbasetemp()
    is_xdist_worker = hasattr(request.config, "workerinput")
    store = (base.parent if is_xdist_worker else base) / "terminal-runs"
    store.mkdir(exist_ok=True)
    return TerminalRuns(store)
