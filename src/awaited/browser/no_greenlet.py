"""A stand-in for the `greenlet` module, just enough for SQLAlchemy's asyncio layer.

SQLAlchemy runs its sync ORM code inside `greenlet_spawn`: a greenlet that switches back to
the event loop's task whenever a driver coroutine must be awaited (`await_`). greenlet is a C
extension with no build for Pyodide. In the browser the only driver is aiosqlite, run inline
(:mod:`awaited.browser.inline_sqlite`), so every coroutine SQLAlchemy hands over finishes
without ever waiting. This stand-in therefore needs no second stack:

- the first `switch()` runs the greenlet's function to its end, right away;
- a `switch(awaitable)` from inside it, to its parent (what `await_` does), runs the awaitable
  to its end on the spot and returns its result (or raises its error);
- an awaitable that really has to wait (a lock another task holds, a pool that is full, a
  future nobody will resolve) cannot be finished here: :class:`MustNotWait` says so, naming
  it, instead of hanging or carrying on with a wrong answer.

`greenlet_spawn` counts on seeing its greenlet alive after a switch whenever the function
awaited something (`_require_await`); so a greenlet whose function awaited reports one last
round: it hands its driver an awaitable that is already done, and the next `switch()` returns
the function's result.

`install()` puts this module in `sys.modules` as `greenlet` when the real one is missing.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Awaitable, Callable, Generator
from typing import Any, TypeVar

__all__ = ["MustNotWait", "getcurrent", "greenlet", "install"]

T = TypeVar("T")


class MustNotWait(RuntimeError):
    """An awaitable that SQLAlchemy handed to its driver had to wait, which needs greenlet."""


class greenlet:  # the name SQLAlchemy imports
    """A greenlet that runs its whole function on its first `switch()`."""

    def __init__(self, run: Callable[..., Any] | None = None, parent: greenlet | None = None):
        self.run = run
        self.parent = parent
        self.dead = False
        self._started = False
        self._awaited = False
        self._result: Any = None

    def switch(self, *args: Any, **kwargs: Any) -> Any:
        current = getcurrent()
        if current.parent is self:  # `await_` inside `current`: hand the awaitable up
            current._awaited = True
            return run_to_end(args[0])
        if not self._started:
            return self._start(*args, **kwargs)
        self.dead = True  # the driver awaited our already-done awaitable and came back
        return self._result

    def throw(self, *exc_info: Any) -> Any:
        """The driver's await of our already-done awaitable raised: hand that on."""
        self.dead = True
        error = exc_info[1] if len(exc_info) > 1 and exc_info[1] is not None else exc_info[0]
        raise error

    def _start(self, *args: Any, **kwargs: Any) -> Any:
        self._started = True
        if self.run is None:
            raise TypeError("this stand-in greenlet has no function to run")
        _stack.append(self)
        try:
            result = self.run(*args, **kwargs)
        except BaseException:
            self.dead = True
            raise
        finally:
            _stack.pop()
        if not self._awaited:
            self.dead = True
            return result
        self._result = result
        return _done()


async def _done() -> None:
    """What a greenlet that awaited hands its driver last: nothing left to wait for."""


_root = greenlet()
_stack: list[greenlet] = [_root]


def getcurrent() -> greenlet:
    """The greenlet whose function is running (the root one outside any)."""
    return _stack[-1]


def run_to_end(awaitable: Awaitable[T]) -> T:
    """Run `awaitable` to its end now, or raise :class:`MustNotWait` if it has to wait."""
    steps: Generator[Any, None, T] = awaitable.__await__()
    try:
        waits_for = steps.send(None)
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]
    steps.close()  # runs its `finally` blocks, so a lock or queue gives its waiter up
    raise MustNotWait(
        f"{awaitable!r} had to wait for {waits_for!r}. In the browser, SQLAlchemy's asyncio "
        "layer runs without greenlet, so each database call must finish without waiting: "
        "two tasks sharing one connection, or a connection pool that is used up, cannot work "
        "here. Run this code at a terminal instead."
    )


def install(*, over_the_real_one: bool = False) -> None:
    """Be `greenlet` for whoever imports it from now on, unless the real one is installed
    (CPython tests pass `over_the_real_one` to run SQLAlchemy as the browser does)."""
    if over_the_real_one or importlib.util.find_spec("greenlet") is None:
        sys.modules["greenlet"] = sys.modules[__name__]
