"""A per-test time limit for graded tests, through pytest-timeout's own timer hooks.

pytest-timeout's default signal handler dumps every thread's stack to the terminal; for a
learner one clear sentence is better, so graded items get this quieter timer instead. In the
browser (Pyodide, no `setitimer`) the same handler is armed on `awaited.browser.alarm`.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

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


def start_timer(seconds: float) -> Callable[[], None]:
    """Arm SIGALRM to fail the running test after `seconds`; returns the cancel function."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        __tracebackhide__ = True
        pytest.fail(TIMEOUT_MESSAGE.format(seconds=seconds), pytrace=False)

    if IN_BROWSER:
        from awaited.browser import alarm

        return alarm.arm(seconds, on_alarm)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return cancel
