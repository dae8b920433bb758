"""An event loop for tests inside Pyodide, and the switch that puts it in charge.

Pyodide runs Python on the browser's event loop through its `WebLoop`, which registers itself
as the *running* loop as soon as it exists. pytest-asyncio then refuses to start
("Runner.run() cannot be called from a running event loop") and anyio's plugin cannot schedule
its test coroutines. Inside :func:`tests_own_the_loop`, the WebLoop is hidden and every new
event loop is a :class:`BrowserEventLoop`: a plain pure-Python asyncio loop whose selector
never waits, which is all in-memory ASGI calls need (there are no sockets to wait on).
"""

from __future__ import annotations

import asyncio
import selectors
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from awaited.browser import alarm


class _NoSelector:
    """Nothing to select on in a browser: no sockets, no pipes."""

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        return []

    def close(self) -> None:
        pass


class BrowserEventLoop(asyncio.BaseEventLoop):
    """asyncio's own loop logic with no I/O; checks the test's time limit on every turn."""

    def __init__(self) -> None:
        super().__init__()
        self._selector = _NoSelector()

    def _process_events(self, event_list: Any) -> None:
        pass

    def _write_to_self(self) -> None:
        pass  # only other threads need to wake the loop, and there are none

    def _run_once(self) -> None:
        alarm.fire_if_due(self._skip_to())
        super()._run_once()  # type: ignore[misc]  # asyncio's stubs omit its private API

    def _skip_to(self) -> float | None:
        """The time to judge the deadline by: now, or the deadline itself when nothing but the
        alarm can happen before it (the loop would only spin until then)."""
        limit = alarm.deadline()
        loop: Any = self  # `_ready`, `_stopping`, `_scheduled`: BaseEventLoop's own state
        if limit is None or loop._ready or loop._stopping:
            return None
        upcoming = [handle for handle in loop._scheduled if not handle.cancelled()]
        next_timer = min((handle.when() for handle in upcoming), default=None)
        if next_timer is None or next_timer >= limit:
            return limit
        return None


class _BrowserPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        return BrowserEventLoop()


@contextmanager
def tests_own_the_loop() -> Iterator[None]:
    """Hide Pyodide's WebLoop and make new loops :class:`BrowserEventLoop`s, then restore."""
    web_loop = asyncio.events._get_running_loop()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the policy API, on 3.14
        policy = asyncio.get_event_loop_policy()
        asyncio.set_event_loop_policy(_BrowserPolicy())
    asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        asyncio.events._set_running_loop(web_loop)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            asyncio.set_event_loop_policy(policy)
