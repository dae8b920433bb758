"""The throwaway PostgreSQL server behind lesson 05's examples (`awaited.postgres`)."""

from __future__ import annotations

import asyncio
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from awaited import postgres

LESSON = ROOT / "lessons" / "05_async_databases"


def _scalar(url: str, query: str) -> object:
    """One value from the server, on an event loop in a thread of its own (a sync test here may
    run while another test's event loop is running in this thread, e.g. Playwright's)."""

    async def query_once() -> object:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.scalar(text(query))
        finally:
            await engine.dispose()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, query_once()).result()


def test_each_fresh_database_is_new_and_dropped_afterwards(postgres_server: str) -> None:
    with postgres.fresh_database() as first, postgres.fresh_database() as second:
        names = {_scalar(url, "SELECT current_database()") for url in (first, second)}
        assert len(names) == 2
        tables = _scalar(first, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables == 0
    left = _scalar(postgres_server, "SELECT count(*) FROM pg_database WHERE datname LIKE 'test_%'")
    assert left == 0


def test_fresh_database_works_inside_a_running_event_loop(postgres_server: str) -> None:
    async def inside_a_loop() -> str:
        with postgres.fresh_database() as url:
            return url

    with ThreadPoolExecutor(max_workers=1) as pool:
        url = pool.submit(asyncio.run, inside_a_loop()).result()
    assert url.startswith("postgresql+asyncpg://")


def test_a_cluster_runs_as_the_postgres_user_when_we_are_root(postgres_server: str) -> None:
    data_dir = _scalar(postgres_server, "SELECT current_setting('data_directory')")
    owner = Path(str(data_dir)).owner()
    assert owner == ("postgres" if os.geteuid() == 0 else Path.home().owner())


@pytest.mark.skipif(os.geteuid() != 0, reason="the refusal only shows when running as root")
def test_initdb_refuses_to_run_as_root(tmp_path: Path) -> None:
    bin_dir = postgres.find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed")
    completed = subprocess.run(
        [str(bin_dir / "initdb"), "--pgdata", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "cannot be run as root" in completed.stderr


def test_no_server_anywhere_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(postgres.URL_ENV, raising=False)
    monkeypatch.setattr(postgres, "find_bin_dir", lambda: None)
    with pytest.raises(postgres.PostgresUnavailable, match="apt-get install postgresql"):
        postgres.fresh_database().__enter__()


def test_a_server_url_that_answers_nothing_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dead = f"postgresql+asyncpg://postgres@/postgres?host={tmp_path}"
    monkeypatch.setenv(postgres.URL_ENV, dead)
    with pytest.raises(postgres.PostgresUnavailable, match="cannot reach the PostgreSQL server"):
        postgres.fresh_database().__enter__()


def test_examples_that_take_a_database_from_the_module_are_recognised() -> None:
    assert postgres.uses_postgresql(LESSON / "ex01_async_session")
    assert not postgres.uses_postgresql(LESSON / "ex03_memory_database_pools")  # SQLite only


def test_off_means_sqlite_only_as_in_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(postgres.URL_ENV, postgres.OFF)
    with pytest.raises(postgres.PostgresUnavailable, match="run on SQLite only"):
        postgres.fresh_database().__enter__()


def test_a_browser_tab_never_tries_to_start_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(postgres.URL_ENV, raising=False)
    monkeypatch.setattr(postgres.sys, "platform", "emscripten")
    monkeypatch.setattr(postgres, "start_cluster", lambda: pytest.fail("tried to start one"))
    with pytest.raises(postgres.PostgresUnavailable, match="a browser tab can neither"):
        postgres.fresh_database().__enter__()
