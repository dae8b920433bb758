"""A per-test time limit for graded tests, through pytest-timeout's own timer hooks.

pytest-timeout's default signal handler dumps every thread's stack to the terminal; for a
learner one clear sentence is better, so graded items get this quieter timer instead. In the
browser (Pyodide, no `setitimer`) the same handler is armed on `awaited.browser.alarm`.

A test that anyio's plugin runs needs more. On trio, anyio drives trio in guest mode, and while
the test awaits, the main thread waits on anyio's queue: an alarm raised there leaves the test's
task running, and anyio's clean-up then waits for it forever. On asyncio the same happens when
an async fixture holds a task group (httpx-ws's transport, lesson 09): its teardown waits for
the stranded test. So such a test gets its limit as an anyio deadline too
(:func:`with_deadline`), and the alarm comes later, for a loop that never awaits.
"""

from __future__ import annotations

import functools
import inspect
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from types import FrameType
from typing import Any

import anyio
import pytest

TIMEOUT_MESSAGE = (
    "This test ran for more than {seconds:g} s and was stopped. Something is waiting forever: "
    "an `await` on a task or event that never finishes, or a loop that never ends."
)


IN_BROWSER = sys.platform == "emscripten"


def can_keep_time() -> bool:
    """Whether :func:`start_timer` works here: SIGALRM in the main thread, or the browser."""
    if IN_BROWSER:
        return True
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# How long after its deadline an anyio test's alarm comes: the deadline needs the test to
# reach an `await`; the alarm is for code that never does.
ALARM_AFTER_DEADLINE_SECONDS = 1.0


def start_timer(seconds: float, limit: float | None = None) -> Callable[[], None]:
    """Arm SIGALRM to fail the running test after `seconds`, saying it ran for more than
    `limit` (default: `seconds`); returns the cancel function."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        __tracebackhide__ = True
        shown = seconds if limit is None else limit
        pytest.fail(TIMEOUT_MESSAGE.format(seconds=shown), pytrace=False)

    if IN_BROWSER:
        from awaited.browser import alarm

        return alarm.arm(seconds, on_alarm)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return cancel


def runs_under_anyio(item: pytest.Function) -> bool:
    """Whether anyio's plugin runs this test (known once its fixtures are set up)."""
    return "anyio_backend" in item.funcargs and inspect.iscoroutinefunction(item.obj)


def with_deadline(
    test: Callable[..., Awaitable[Any]], seconds: float, limit: float
) -> Callable[..., Awaitable[None]]:
    """`test`, cancelled after `seconds` and then failed with the message for `limit`."""

    @functools.wraps(test)
    async def within_deadline(*args: Any, **kwargs: Any) -> None:
        __tracebackhide__ = True
        with anyio.move_on_after(seconds) as scope:
            await test(*args, **kwargs)
        if scope.cancelled_caught:
            pytest.fail(TIMEOUT_MESSAGE.format(seconds=limit), pytrace=False)

    return within_deadline
