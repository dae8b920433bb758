"""aiosqlite without its thread: each sqlite3 call runs on the spot, on the event loop's thread.

`aiosqlite.Connection` starts a thread of its own and hands it every sqlite3 call through a
queue (`_tx`) of `(future, function)` pairs; the thread runs each function and resolves its
future on the event loop. Pyodide cannot start threads, and its `sqlite3` runs in memory, so
nothing would be gained by waiting anyway. Here the queue runs each function as it is put in
and resolves the future at once, and the thread is one that never starts. Everything else in
aiosqlite (and SQLAlchemy's dialect, which puts work on `_tx` itself) stays as it is, and each
`await` on a sqlite3 call now finishes without waiting, which is what
:mod:`awaited.browser.no_greenlet` needs.

The course forgets every module a run imported before the next run, so aiosqlite is imported
afresh each time: `install()` adds an import hook that patches `aiosqlite.core` whenever it is
imported, rather than patching it once.
"""

from __future__ import annotations

import asyncio
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

__all__ = ["InlineQueue", "NoThread", "install", "patch"]

PATCHED_MODULE = "aiosqlite.core"


class InlineQueue:
    """aiosqlite's work queue, run as it fills: what its worker thread does with each item."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except Exception as error:  # handed to whoever awaits the future, as the thread does
            if future is not None and not future.done():
                future.set_exception(error)
        else:
            if future is not None and not future.done():
                future.set_result(result)


class NoThread:
    """The connection's worker thread, which has nothing left to do: the queue did it all."""

    daemon = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def start(self) -> None:
        pass

    def is_alive(self) -> bool:
        return False

    def join(self, timeout: float | None = None) -> None:
        pass


def patch(core: ModuleType) -> None:
    """Make `aiosqlite.core`'s connections use :class:`InlineQueue` and :class:`NoThread`
    (it looks both names up in its own module each time a `Connection` is made)."""
    core.SimpleQueue = InlineQueue  # type: ignore[attr-defined]
    core.Thread = NoThread  # type: ignore[attr-defined]


class _PatchingLoader(importlib.abc.Loader):
    """Runs the module as its own loader would, then patches it."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        patch(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_resource_reader, ...
        return getattr(self._loader, name)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds `aiosqlite.core` with the finders after it, and wraps its loader."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != PATCHED_MODULE:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec: importlib.machinery.ModuleSpec | None = find(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """From now on, every import of aiosqlite gets connections without a thread."""
    if not any(isinstance(finder, _PatchOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())
    core = sys.modules.get(PATCHED_MODULE)
    if core is not None:
        patch(core)
