"""anyio's list of available backends, without downloading a lazy wheel to make it.

anyio's pytest plugin parametrizes `anyio_backend` with every backend it can import, and finds
out by importing each (so at the terminal, with trio installed, trio is imported whenever pytest
starts). In the worker trio is shipped but installed only on first import
(:mod:`awaited.browser.lazy_wheels`): a backend whose module would come from a lazy wheel counts
as available, as it is at the terminal, and is downloaded only when a test runs on it.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import anyio._core._eventloop as eventloop


def count_lazy_backends_as_available(is_lazy: Callable[[str], bool]) -> None:
    """Make anyio's `get_available_backends` treat modules for which `is_lazy` is true as
    importable, without importing them. Call before anyio's pytest plugin is imported."""

    def importable(name: str) -> bool:
        try:
            eventloop.get_async_backend(name)
        except ImportError:
            return False
        return True

    def available_backends() -> tuple[str, ...]:
        # anyio's own probe, except that a lazy backend is not imported to find out.
        return tuple(
            name for name in eventloop.get_all_backends() if is_lazy(name) or importable(name)
        )

    anyio.get_available_backends = available_backends
    eventloop.get_available_backends = available_backends
