"""The per-test time limit in the browser, where there is no `setitimer`.

At a terminal, `awaited.timeouts` arms SIGALRM and its handler fails the running test. Pyodide
has no `setitimer`, so here the same handler is armed with a deadline and called from two
places, whichever comes first:

- the test event loop (:mod:`awaited.browser.event_loop`), before each iteration: catches async
  tests that wait for something; when nothing can wake the loop before the deadline, it fires
  at once rather than spin until then, since the outcome is the same;
- a SIGALRM "tick": while a run is going, the page writes SIGALRM into Pyodide's interrupt
  buffer a few times a second (that needs a SharedArrayBuffer, so a cross-origin-isolated
  page), and Pyodide calls the handler installed by :func:`install_tick_handler` between two
  bytecodes. That catches `while True: pass`.

The Stop button writes SIGINT instead, which Python turns into KeyboardInterrupt as usual.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

Handler = Callable[[int, FrameType | None], None]


@dataclass
class _Armed:
    deadline: float
    handler: Handler


_armed: _Armed | None = None


def arm(seconds: float, handler: Handler) -> Callable[[], None]:
    """Call `handler` once `seconds` have passed; returns the function that disarms it."""
    global _armed
    armed = _Armed(time.monotonic() + seconds, handler)
    _armed = armed

    def cancel() -> None:
        global _armed
        if _armed is armed:
            _armed = None

    return cancel


def disarm() -> None:
    global _armed
    _armed = None


def deadline() -> float | None:
    return None if _armed is None else _armed.deadline


def fire_if_due(now: float | None = None) -> None:
    """Run the armed handler if its deadline has passed (`now` lets the loop skip ahead)."""
    global _armed
    armed = _armed
    if armed is None or (time.monotonic() if now is None else now) < armed.deadline:
        return
    _armed = None
    armed.handler(signal.SIGALRM, None)


def _on_tick(signum: int, frame: FrameType | None) -> None:
    fire_if_due()


def install_tick_handler() -> None:
    signal.signal(signal.SIGALRM, _on_tick)
