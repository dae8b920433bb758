"""What FastAPI and Starlette would run on other threads runs on the test's thread instead.

Pyodide cannot start threads ("can't start new thread"), and two things need them:

- every sync (`def`) endpoint and dependency goes through `anyio.to_thread.run_sync`. Calling
  the function directly gives the same result for the code a lesson runs; only code that waits
  for another thread would differ, and the course has none;
- Starlette's `TestClient` runs the app on an event loop in a second thread, behind anyio's
  blocking portal. :class:`InlinePortal` keeps that loop on this thread instead and runs it
  whenever the client waits for it (`call`), which is the only time the test could observe
  it anyway. A task that the client waits for with `concurrent.futures.wait` (the request's
  app task, which includes its background tasks) is run to its end first.

`install()` patches the module attributes those libraries look up at call time; it imports
nothing of Starlette's, so import-time warnings still show where a learner would see them.
"""

from __future__ import annotations

import concurrent.futures
import inspect
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

import anyio.from_thread
import anyio.to_thread

from awaited.browser.event_loop import BrowserEventLoop

T = TypeVar("T")
_original_wait = concurrent.futures.wait


async def run_sync_inline(func: Callable[..., T], *args: Any, **options: Any) -> T:
    """`anyio.to_thread.run_sync` with no thread: the options (limiter, cancellable) are moot."""
    return func(*args)


class _InlineFuture(Future[Any]):
    """A portal task's future, which knows how to run its task to the end."""

    portal: InlinePortal


class _TaskStatus:
    def __init__(self, future: Future[Any]) -> None:
        self._future = future

    def started(self, value: Any = None) -> None:
        if not self._future.done():
            self._future.set_result(value)


class InlinePortal:
    """anyio's `BlockingPortal`, for code on the same thread as the loop it drives."""

    def __init__(self) -> None:
        self._loop = BrowserEventLoop()
        self._tasks: set[Any] = set()

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        async def inside_the_loop() -> Any:
            result = func(*args)
            return await result if inspect.isawaitable(result) else result

        return self._loop.run_until_complete(inside_the_loop())

    def start_task_soon(
        self, func: Callable[..., Awaitable[Any]], *args: Any, name: Any = None
    ) -> Future[Any]:
        future = _InlineFuture()
        future.portal = self
        future.set_running_or_notify_cancel()

        async def run() -> None:
            try:
                future.set_result(await func(*args))
            except BaseException as error:  # handed to whoever waits on the future
                future.set_exception(error)

        task = self._loop.create_task(run(), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        future.task = task  # type: ignore[attr-defined]
        return future

    def start_task(
        self, func: Callable[..., Awaitable[Any]], *args: Any, name: Any = None
    ) -> tuple[Future[Any], Any]:
        status: Future[Any] = Future()
        future = self.start_task_soon(
            lambda: func(*args, task_status=_TaskStatus(status)), name=name
        )

        async def until_started() -> None:
            while not status.done() and not future.done():
                await anyio.sleep(0)

        self._loop.run_until_complete(until_started())
        if not status.done():
            future.result()  # raises what the task raised
        return future, status.result()

    def finish(self, future: _InlineFuture) -> None:
        if not future.done():
            self._loop.run_until_complete(future.task)  # type: ignore[attr-defined]

    def close(self, *, cancel: bool) -> None:
        for task in list(self._tasks):
            if cancel:
                task.cancel()
        if self._tasks:
            self._loop.run_until_complete(_gather(self._tasks))
        self._loop.close()


async def _gather(tasks: Iterable[Any]) -> None:
    for task in list(tasks):
        with suppress(BaseException):  # each error went to the task's future already
            await task


@contextmanager
def inline_portal(
    backend: str = "asyncio", backend_options: Any = None, *, name: Any = None
) -> Iterator[InlinePortal]:
    portal = InlinePortal()
    cancel = False
    try:
        yield portal
    except BaseException:
        cancel = True
        raise
    finally:
        portal.close(cancel=cancel)


def wait_inline(
    fs: Iterable[Future[Any]], timeout: float | None = None, return_when: str = "ALL_COMPLETED"
) -> Any:
    """`concurrent.futures.wait`, which first runs portal tasks to their end on this thread."""
    futures = list(fs)
    for future in futures:
        if isinstance(future, _InlineFuture):
            future.portal.finish(future)
    return _original_wait(futures, timeout, return_when)


def install() -> None:
    anyio.to_thread.run_sync = run_sync_inline  # type: ignore[assignment]
    anyio.from_thread.start_blocking_portal = inline_portal  # type: ignore[assignment]
    concurrent.futures.wait = wait_inline
