"""The two things trio needs from the OS that Pyodide lacks, as in-memory stand-ins.

trio chooses its I/O manager when it is imported: on a platform that is neither Linux nor
Windows, kqueue if `select.kqueue` exists (Pyodide's `select` has only `select` and `poll`), and
every run makes a wakeup `socket.socketpair()` (Pyodide's raises OSError). Tests of ASGI apps in
memory never wait for a file descriptor, so:

- :class:`MemorySocket` pairs pass bytes in memory; their file descriptors are real ones (of
  /dev/null, non-blocking) only so that `signal.set_wakeup_fd` accepts them;
- :class:`IdleKqueue` reports a wakeup socket readable once bytes wait in it, and otherwise waits
  out trio's timeout, in Python so that Stop (SIGINT) and the per-test time limit
  (:mod:`awaited.browser.alarm`) get in. When only the time limit can happen before the timeout,
  it fires at once instead, as :class:`awaited.browser.event_loop.BrowserEventLoop` does.

anyio runs trio tests in trio's guest mode, which waits for I/O on a worker thread; Pyodide
cannot start one, so :func:`run_inline` waits on the test's thread instead.

:func:`install` puts the stand-ins in `select` and `socket`, which stay imported for the whole
worker, so trio picks them up each time it is imported again after a run, and patches trio's
`start_thread_soon` on each of those imports.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import select
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from awaited.browser import alarm

# The BSD values, which trio only passes back to the stand-in.
KQ_FILTER_READ, KQ_FILTER_WRITE = -1, -2
KQ_EV_ADD, KQ_EV_DELETE, KQ_EV_ONESHOT = 0x1, 0x2, 0x10
_sockets: dict[int, MemorySocket] = {}  # open stand-in sockets by file descriptor


class MemorySocket:
    """One end of an in-memory socket pair, with what trio's wakeup pair calls."""

    def __init__(self) -> None:
        self._fd = os.open(os.devnull, os.O_WRONLY | os.O_NONBLOCK)
        self.inbox = bytearray()
        self.peer: MemorySocket | None = None
        _sockets[self._fd] = self

    def fileno(self) -> int:
        return self._fd

    def send(self, data: bytes) -> int:
        if self.peer is None:
            raise BrokenPipeError("the other end is closed")
        self.peer.inbox += data
        return len(data)

    def recv(self, size: int) -> bytes:
        if not self.inbox:
            raise BlockingIOError("nothing to read")
        data = bytes(self.inbox[:size])
        del self.inbox[:size]
        return data

    def setblocking(self, flag: bool) -> None:
        pass  # never blocks

    def setsockopt(self, *args: Any) -> None:
        pass  # no buffers to size

    def close(self) -> None:
        if self._fd >= 0:
            _sockets.pop(self._fd, None)
            os.close(self._fd)
            self._fd = -1
        if self.peer is not None:
            self.peer.peer = None
            self.peer = None


def memory_socketpair(*args: Any) -> tuple[MemorySocket, MemorySocket]:
    first, second = MemorySocket(), MemorySocket()
    first.peer, second.peer = second, first
    return first, second


@dataclass(frozen=True)
class KEvent:
    """`select.kevent`'s fields that trio reads; `ident` may be anything with `fileno()`."""

    ident: int
    filter: int = KQ_FILTER_READ
    flags: int = KQ_EV_ADD

    def __init__(self, ident: Any, filter: int = KQ_FILTER_READ, flags: int = KQ_EV_ADD) -> None:
        object.__setattr__(self, "ident", ident if isinstance(ident, int) else ident.fileno())
        object.__setattr__(self, "filter", filter)
        object.__setattr__(self, "flags", flags)


class IdleKqueue:
    """A kqueue with nothing to wait on but stand-in sockets, the clock and the time limit."""

    def __init__(self) -> None:
        self._watched: dict[tuple[int, int], int] = {}  # (fd, filter) -> flags

    def close(self) -> None:
        self._watched.clear()

    def control(
        self, changes: Iterable[KEvent] | None, max_events: int, timeout: float | None = None
    ) -> list[KEvent]:
        for change in changes or ():
            if change.flags & KQ_EV_DELETE:
                self._watched.pop((change.ident, change.filter), None)
            elif change.flags & KQ_EV_ADD:
                self._watched[(change.ident, change.filter)] = change.flags
        if max_events <= 0:
            return []
        until = time.monotonic() + (float("inf") if timeout is None else timeout)
        limit = alarm.deadline()
        if limit is not None and until >= limit and not self._ready():
            alarm.fire_if_due(limit)  # nothing else can happen first: no need to wait for it
        while True:
            ready = self._ready()
            if ready or time.monotonic() >= until:
                return ready[:max_events]
            alarm.fire_if_due()

    def _ready(self) -> list[KEvent]:
        ready = []
        for (fd, kind), flags in list(self._watched.items()):
            stand_in = _sockets.get(fd)
            if kind == KQ_FILTER_READ and stand_in is not None and stand_in.inbox:
                ready.append(KEvent(fd, kind, flags))
                if flags & KQ_EV_ONESHOT:
                    del self._watched[(fd, kind)]
        return ready


def run_inline(fn: Callable[[], Any], deliver: Callable[[Any], object], name: Any = None) -> None:
    """trio's `start_thread_soon` without a thread. anyio runs trio tests in guest mode, whose
    host loop only waits for what `deliver` sends it, so waiting here instead of in a thread
    comes to the same. What `fn` raises (the time limit, Stop) is not delivered to trio but
    raised here, in the host loop, where SIGALRM and SIGINT land at the terminal."""
    import outcome

    deliver(outcome.Value(fn()))


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader, patch: Callable[[ModuleType], None]) -> None:
        self._loader = loader
        self._patch = patch

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        self._patch(module)


class _PatchAfterImport(importlib.abc.MetaPathFinder):
    """Runs `patch(module)` each time submodule `name` is imported (the worker forgets trio
    after each run, so the next run imports it afresh)."""

    def __init__(self, name: str, patch: Callable[[ModuleType], None]) -> None:
        self._name = name
        self._patch = patch

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self._name:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and isinstance(spec.loader, importlib.abc.Loader):
            spec.loader = _PatchingLoader(spec.loader, self._patch)
        return spec


def _run_trio_waits_inline(module: ModuleType) -> None:
    module.start_thread_soon = run_inline  # type: ignore[attr-defined]


def install() -> None:
    """Give `select` a kqueue and `socket` a socketpair that work in the worker, and trio's
    guest mode a `start_thread_soon` that needs no thread."""
    sys.meta_path.insert(0, _PatchAfterImport("trio._core._thread_cache", _run_trio_waits_inline))
    if not hasattr(select, "epoll") and not hasattr(select, "kqueue"):
        stand_ins = {"kqueue": IdleKqueue, "kevent": KEvent, "KQ_FILTER_READ": KQ_FILTER_READ}
        stand_ins |= {"KQ_FILTER_WRITE": KQ_FILTER_WRITE, "KQ_EV_ADD": KQ_EV_ADD}
        stand_ins |= {"KQ_EV_DELETE": KQ_EV_DELETE, "KQ_EV_ONESHOT": KQ_EV_ONESHOT}
        for name, value in stand_ins.items():
            setattr(select, name, value)
    real_socketpair = socket.socketpair

    def socketpair(*args: Any) -> Any:
        try:
            return real_socketpair(*args)
        except OSError:  # Pyodide: "Invalid argument", there are no sockets
            return memory_socketpair(*args)

    socket.socketpair = socketpair  # type: ignore[assignment]
