"""A throwaway PostgreSQL server for tests, and a fresh database on it for each test session.

Lesson 05 runs its examples against a real PostgreSQL as well as in-memory SQLite. Nothing here
needs a server that is already running: :func:`throwaway_cluster` makes a new cluster in a
temporary folder with the ``initdb`` and ``pg_ctl`` of Debian's ``postgresql`` package, starts
it on a Unix socket inside that folder (no TCP port, so clusters never clash), and deletes it
all when it stops. ``initdb`` and ``postgres`` refuse to run as root, so as root the cluster
runs as the ``postgres`` system user (``runuser -u postgres``); anyone else runs it as
themselves.

:func:`fresh_database` is what an example's ``conftest.py`` uses: it takes the server named by
the ``AWAITED_POSTGRES_URL`` environment variable, or starts its own when that is unset, and
gives the tests a database of their own that it drops afterwards. The course's suite starts one
cluster per test process and sets the variable, so that its many example runs, each a separate
``python -m pytest``, share that server instead of each starting one (about a second each).

Every way of not having a server raises :class:`PostgresUnavailable` with the reason and the fix.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

__all__ = [
    "OFF",
    "URL_ENV",
    "Cluster",
    "PostgresUnavailable",
    "find_bin_dir",
    "fresh_database",
    "start_cluster",
    "stop_cluster",
    "throwaway_cluster",
    "uses_postgresql",
]

URL_ENV = "AWAITED_POSTGRES_URL"
"""Names a running server, as a SQLAlchemy URL such as
``postgresql+asyncpg://postgres@/postgres?host=/tmp/awaited-pg-x``. Unset: start one.
``off``: no PostgreSQL at all, as in the browser (the examples run on SQLite only)."""
OFF = "off"

SUPERUSER = "postgres"
START_TIMEOUT = 30
"""Seconds ``pg_ctl`` may wait for the server to accept connections."""
SYSTEM_USER = "postgres"
"""The system user a root process runs the server as (Debian's package creates it)."""
INSTALL_HINT = "Debian/Ubuntu: sudo apt-get install postgresql"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be had; the message says why and what to do about it."""


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster."""

    folder: Path
    """The temporary folder that holds the data directory, the socket and the log."""
    bin_dir: Path
    """Where ``initdb``, ``pg_ctl`` and ``postgres`` live."""
    run_as: str | None
    """The system user the server runs as, when we are root."""

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the server's ``postgres`` database, over the Unix socket."""
        return f"postgresql+asyncpg://{SUPERUSER}@/postgres?host={self.folder}"


def uses_postgresql(example_dir: Path) -> bool:
    """Whether an example folder's tests take a database from this module (see its conftest)."""
    conftest = example_dir / "conftest.py"
    return conftest.is_file() and f"from {__name__} import" in conftest.read_text(encoding="utf-8")


def find_bin_dir() -> Path | None:
    """The folder with PostgreSQL's server programs: on PATH, or Debian's newest version."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return debian[-1].parent if debian else None


def start_cluster(base_dir: Path | None = None) -> Cluster:
    """Create and start a new cluster in a new folder under ``base_dir`` (default: the temp dir).

    Raises :class:`PostgresUnavailable` when PostgreSQL is not installed or will not start.
    """
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(
            f"PostgreSQL is not installed (no pg_ctl on PATH or under /usr/lib/postgresql), "
            f"and {URL_ENV} names no server. {INSTALL_HINT}, or set {URL_ENV}."
        )
    run_as = _server_user()
    # A short path: a Unix socket's full path must fit in about 100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="awaited-pg-", dir=base_dir))
    if run_as is not None:
        import pwd  # POSIX only, like running as root

        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(folder=folder, bin_dir=bin_dir, run_as=run_as)
    server_options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' "
        # Throwaway data: never wait for the disk.
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    data = str(cluster.data_dir)
    try:
        _run(cluster, "initdb", "--pgdata", data, "--username", SUPERUSER, "--auth", "trust",
             "--encoding", "UTF8", "--locale", "C", "--no-sync")  # fmt: skip
        _run(cluster, "pg_ctl", "--pgdata", data, "--log", str(cluster.log_file),
             "--options", server_options, "--wait", "--timeout", str(START_TIMEOUT),
             "start")  # fmt: skip
    except PostgresUnavailable:
        stop_cluster(cluster)
        raise
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    """Stop the server (if it runs) at once and delete its folder."""
    if (cluster.data_dir / "postmaster.pid").exists():
        _run(cluster, "pg_ctl", "--pgdata", str(cluster.data_dir), "--mode", "immediate",
             "--wait", "stop", check=False)  # fmt: skip
    shutil.rmtree(cluster.folder, ignore_errors=True)


@contextmanager
def throwaway_cluster(base_dir: Path | None = None) -> Iterator[Cluster]:
    """A new cluster for the ``with`` block, stopped and deleted when it ends."""
    cluster = start_cluster(base_dir)
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database for one test session, dropped when the block ends.

    The server is the one ``AWAITED_POSTGRES_URL`` names, or else a throwaway cluster that
    lives as long as the block. Raises :class:`PostgresUnavailable` when there is none, which
    is always the case in a browser tab (Pyodide: no processes, no sockets) or when
    ``AWAITED_POSTGRES_URL`` is ``off``.
    """
    given = os.environ.get(URL_ENV)
    if sys.platform == "emscripten":
        raise PostgresUnavailable(
            "a browser tab can neither start a PostgreSQL server nor connect to one; "
            "here the examples run on SQLite only."
        )
    if given == OFF:
        raise PostgresUnavailable(f"{URL_ENV} is {OFF!r}: the examples run on SQLite only.")
    if given:
        with _database_on(given) as url:
            yield url
        return
    with throwaway_cluster() as cluster, _database_on(cluster.url) as url:
        yield url


@contextmanager
def _database_on(server_url: str) -> Iterator[str]:
    name = f"test_{os.getpid()}_{secrets.token_hex(4)}"
    _run_coroutine(_execute(server_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        # FORCE: a test that leaked a connection must not keep its database alive.
        _run_coroutine(_execute(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _run_coroutine(coroutine: Coroutine[object, object, None]) -> None:
    """`asyncio.run` in a thread of its own: our caller may be inside a running event loop
    already (a sync test while Playwright's sync API holds one, say), where it would refuse."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _execute(server_url: str, statement: str) -> None:
    # CREATE/DROP DATABASE cannot run inside a transaction, hence AUTOCOMMIT.
    engine = create_async_engine(server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    except OSError as error:  # asyncpg raises OSError subclasses when nothing listens
        message = f"cannot reach the PostgreSQL server at {server_url}: {error}"
        raise PostgresUnavailable(message) from error
    finally:
        await engine.dispose()


def _server_user() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd  # POSIX only: imported here so that the module still imports elsewhere

    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root, and PostgreSQL refuses to run as root; there is no "
            f"'{SYSTEM_USER}' system user to run it as. {INSTALL_HINT} (it creates that user)."
        ) from None
    return SYSTEM_USER


def _run(cluster: Cluster, program: str, *args: str, check: bool = True) -> None:
    command: Sequence[str] = [str(cluster.bin_dir / program), *args]
    if cluster.run_as is not None:
        command = ["runuser", "-u", cluster.run_as, "--", *command]
    completed = subprocess.run(
        command,
        cwd=cluster.folder,  # the server user may not be allowed into our working directory
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        errors="replace",
        timeout=START_TIMEOUT + 30,
        check=False,
    )
    if check and completed.returncode != 0:
        log = cluster.log_file.read_text(errors="replace") if cluster.log_file.exists() else ""
        output = completed.stdout + log[-2000:]
        raise PostgresUnavailable(f"{program} exited with {completed.returncode}:\n{output}")
