"""Lesson 05's stand-ins for the browser (no greenlet, no threads), proven in CPython.

The unit tests drive the stand-ins directly. The comparison tests run every lesson 05 example
and the exercise twice, as a terminal runs them on SQLite and as the browser worker does
(`tests/fixtures/pytest_as_in_the_browser.py`), and expect the same counts and verdicts.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from terminal_runs import TerminalRuns

from awaited import dev, postgres
from awaited.browser import inline_sqlite, no_greenlet, session
from awaited.browser.no_greenlet import MustNotWait, greenlet
from awaited.catalog import load_exercise
from awaited.checking import ProcessRun, run_check, run_subprocess
from awaited.examples import PYTEST_FLAGS, Example, discover_examples, example_env
from awaited.site.course_bundle import terminal_only

AS_IN_THE_BROWSER = ROOT / "tests" / "fixtures" / "pytest_as_in_the_browser.py"
LESSON = "05_async_databases"
EXAMPLES = [e for e in discover_examples(ROOT) if e.lesson == LESSON]
_COUNTS = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)\b")


# --- the greenlet stand-in ------------------------------------------------------------------


async def _answer(value: int) -> int:
    return value


def _await(awaitable: Any) -> Any:
    """What SQLAlchemy's `await_` does: hand the awaitable to the current greenlet's parent."""
    return no_greenlet.getcurrent().parent.switch(awaitable)  # type: ignore[union-attr]


def _spawn(function: Any, *args: Any) -> tuple[Any, bool]:
    """SQLAlchemy's `greenlet_spawn` loop, run without an event loop: (result, switched)."""
    context = greenlet(function, no_greenlet.getcurrent())
    result = context.switch(*args)
    switched = False
    while not context.dead:
        switched = True
        steps = result.__await__()
        try:
            steps.send(None)
        except StopIteration as done:
            result = context.switch(done.value)
    return result, switched


def test_a_greenlet_runs_its_function_and_the_awaitables_it_hands_up() -> None:
    result, switched = _spawn(lambda a: _await(_answer(a)) + _await(_answer(2)), 40)
    assert (result, switched) == (42, True)


def test_a_greenlet_that_awaits_nothing_is_dead_after_one_switch() -> None:
    assert _spawn(lambda: "sync only") == ("sync only", False)


def test_a_greenlet_spawned_inside_an_awaitable_hands_up_to_its_own_parent() -> None:
    async def nested() -> int:
        inner, _ = _spawn(lambda: _await(_answer(5)))
        return int(inner) * 2

    assert _spawn(lambda: _await(nested())) == (10, True)
    assert no_greenlet.getcurrent().parent is None  # back at the root


def test_an_error_in_the_awaitable_is_raised_where_it_was_awaited() -> None:
    async def fails() -> None:
        raise ValueError("no such table: notes")

    def function() -> str:
        try:
            _await(fails())
        except ValueError as error:
            return f"caught {error}"
        return "not raised"

    assert _spawn(function) == ("caught no such table: notes", True)


def test_an_awaitable_that_has_to_wait_fails_loudly_and_is_closed() -> None:
    async def main() -> None:
        event = asyncio.Event()
        waiter = event.wait()
        with pytest.raises(MustNotWait, match="had to wait for <Future pending") as raised:
            _spawn(lambda: _await(waiter))
        assert "Run this code at a terminal instead." in str(raised.value)
        assert waiter.cr_frame is None  # closed, not left suspended
        assert not event._waiters  # type: ignore[attr-defined]  # its waiter is gone too

    asyncio.run(main())


def test_install_keeps_a_real_greenlet(monkeypatch: pytest.MonkeyPatch) -> None:
    import greenlet as real

    monkeypatch.setitem(sys.modules, "greenlet", real)
    no_greenlet.install()
    assert sys.modules["greenlet"] is real
    no_greenlet.install(over_the_real_one=True)
    assert sys.modules["greenlet"] is no_greenlet


# --- aiosqlite without its thread -----------------------------------------------------------


def test_the_inline_queue_resolves_each_future_as_it_is_put() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        queue = inline_sqlite.InlineQueue()
        done, failed = loop.create_future(), loop.create_future()
        queue.put_nowait((done, lambda: 42))
        queue.put_nowait((failed, lambda: 1 / 0))
        queue.put_nowait((None, lambda: 1 / 0))  # aiosqlite's stop() outside a loop: dropped
        assert done.result() == 42
        assert isinstance(failed.exception(), ZeroDivisionError)

    asyncio.run(main())


@pytest.fixture
def aiosqlite_hooked() -> Iterator[None]:
    """`inline_sqlite.install()`, undone afterwards, with aiosqlite imported afresh."""
    saved_path = list(sys.meta_path)
    saved = {name: module for name, module in sys.modules.items() if name.startswith("aiosqlite")}
    for name in saved:
        del sys.modules[name]
    inline_sqlite.install()
    try:
        yield
    finally:
        sys.meta_path[:] = saved_path
        for name in [name for name in sys.modules if name.startswith("aiosqlite")]:
            del sys.modules[name]
        sys.modules.update(saved)


@pytest.mark.usefixtures("aiosqlite_hooked")
def test_aiosqlite_imported_afresh_is_patched_and_runs_sqlite_inline() -> None:
    import aiosqlite
    import aiosqlite.core

    assert aiosqlite.core.Thread is inline_sqlite.NoThread

    async def main() -> list[tuple[int]]:
        async with aiosqlite.connect(":memory:") as db:
            await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
            await db.execute("INSERT INTO notes VALUES (7)")
            async with db.execute("SELECT id FROM notes") as cursor:
                return list(await cursor.fetchall())  # type: ignore[arg-type]

    assert asyncio.run(main()) == [(7,)]


_POOL_USED_UP = """
import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from awaited.browser.no_greenlet import MustNotWait


@pytest.mark.asyncio
async def test_a_second_connection_from_a_pool_of_one(tmp_path):
    engine = create_async_engine(
        f"sqlite+aiosqlite:///{tmp_path}/notes.db", pool_size=1, max_overflow=0, pool_timeout=30
    )
    async with engine.connect():
        with pytest.raises(MustNotWait, match="connection pool that is used up"):
            await engine.connect()
    await engine.dispose()
"""


def test_sqlalchemy_waiting_for_a_pool_fails_at_once_instead_of_hanging(tmp_path: Path) -> None:
    (tmp_path / "test_pool.py").write_text(_POOL_USED_UP, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(AS_IN_THE_BROWSER), "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=_sqlite_only(),
        capture_output=True,
        text=True,
        timeout=20,  # far less than the pool's 30 s: the error comes at once
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert _counts(completed.stdout) == {"passed": 1}


# --- what a run leaves behind ---------------------------------------------------------------


def test_a_coroutine_a_run_left_warns_after_it_not_in_the_next_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def cursor() -> None:
        pass

    def failing_test() -> None:
        never_awaited = cursor()  # what MissingGreenlet leaves in ex02, held by the traceback
        raise AssertionError(never_awaited)

    try:
        failing_test()
    except AssertionError as error:
        sys.last_exc = sys.last_value = error  # as pytest keeps the last failure
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # `filterwarnings = error`: the next run would fail
        session._collect_what_the_run_left()
        gc.collect()  # nothing is left for the next run to finalise
    assert not hasattr(sys, "last_exc")
    assert "sys:1: RuntimeWarning: coroutine " in capsys.readouterr().err


# --- the same counts and verdicts as at the terminal, on SQLite -----------------------------


def _counts(output: str) -> dict[str, int]:
    summary = [line for line in output.splitlines() if _COUNTS.search(line)][-1]
    return {kind: int(n) for n, kind in _COUNTS.findall(summary)}


def _sqlite_only() -> dict[str, str]:
    return example_env({**os.environ, postgres.URL_ENV: postgres.OFF})


def _run(example: Example, *launcher: str) -> tuple[int, dict[str, int]]:
    completed = subprocess.run(
        [sys.executable, *launcher, *PYTEST_FLAGS],
        cwd=example.path,
        env=_sqlite_only(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return completed.returncode, _counts(completed.stdout)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_each_example_counts_the_same_as_at_the_terminal_on_sqlite(
    example: Example, terminal_runs: TerminalRuns, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(postgres.URL_ENV, postgres.OFF)
    run = terminal_runs(example)  # the same run the browser tests compare with
    terminal = (run.exit_code, _counts(run.output))
    browser = _run(example, str(AS_IN_THE_BROWSER))
    if terminal_only(example.path) is not None:  # ex08: why it stays at the terminal
        assert browser != terminal
        return
    assert browser == terminal
    if postgres.uses_postgresql(example.path):
        assert terminal[1].get("skipped")  # the PostgreSQL half was really left out


def _as_in_the_browser(
    command: list[str], cwd: Path, env: dict[str, str], deadline: float
) -> ProcessRun:
    python, dash_m, module, *args = command
    assert (dash_m, module) == ("-m", "pytest")
    return run_subprocess([python, str(AS_IN_THE_BROWSER), *args], cwd, env, deadline)


@pytest.mark.parametrize("version", ["starter", "solution"])
def test_the_exercise_grades_the_same_as_at_the_terminal(version: str) -> None:
    exercise = load_exercise(ROOT / "exercises" / LESSON)
    folder = exercise.starter_dir if version == "starter" else exercise.solution_dir
    files = dev.read_folder(exercise, folder)
    verdicts = []
    for runner in (run_subprocess, _as_in_the_browser):
        with dev.work_copy(exercise, files) as work:
            results = run_check(ROOT, exercise, work, isolated=True, runner=runner).results
        data = results.to_dict()
        verdicts.append((data["status"], [(t["name"], t["status"]) for t in data["tests"]]))
    assert verdicts[0] == verdicts[1]
    assert verdicts[0][0] == ("pass" if version == "solution" else "fail")
