"""The stand-ins that let trio run in the browser worker, proven in CPython.

In CPython trio picks the real epoll at import; here its kqueue I/O manager (the one it picks in
Pyodide, where `select` has neither) is run on the stand-ins by hand. tests/e2e run the lesson 02
examples and exercise on them in Pyodide.
"""

from __future__ import annotations

import importlib
import select
import signal
import socket
import sys
import time
from collections.abc import Iterator
from types import FrameType

import pytest
import trio
import trio._core._run as trio_run

from awaited.browser import alarm, trio_stand_ins
from awaited.browser.trio_stand_ins import (
    KQ_EV_ADD,
    KQ_EV_ONESHOT,
    KQ_FILTER_READ,
    IdleKqueue,
    KEvent,
    memory_socketpair,
)


class TimeLimit(BaseException):
    pass


def _time_limit(signum: int, frame: FrameType | None) -> None:
    raise TimeLimit


@pytest.fixture(autouse=True)
def _disarmed() -> Iterator[None]:
    yield
    alarm.disarm()


def test_a_memory_socketpair_passes_bytes_and_has_real_file_descriptors() -> None:
    reader, writer = memory_socketpair()
    with pytest.raises(BlockingIOError):
        reader.recv(10)
    writer.send(b"\x00\x01")
    assert reader.recv(1) == b"\x00"
    assert reader.recv(10) == b"\x01"
    previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    signal.set_wakeup_fd(previous)  # accepted: a real, non-blocking descriptor
    writer.close()
    reader.close()
    with pytest.raises(BrokenPipeError):
        writer.send(b"x")


def test_the_kqueue_reports_a_socket_with_bytes_waiting_and_otherwise_waits() -> None:
    reader, writer = memory_socketpair()
    queue = IdleKqueue()
    queue.control([KEvent(reader, KQ_FILTER_READ, KQ_EV_ADD | KQ_EV_ONESHOT)], 0)
    started = time.monotonic()
    assert queue.control([], 4, 0.05) == []
    assert time.monotonic() - started >= 0.05
    writer.send(b"\x00")
    assert queue.control([], 4, None) == [
        KEvent(reader.fileno(), KQ_FILTER_READ, KQ_EV_ADD | KQ_EV_ONESHOT)
    ]
    assert queue.control([], 4, 0) == []  # one-shot: reported once
    reader.close()
    writer.close()


def test_the_time_limit_fires_at_once_when_nothing_else_can_happen_first() -> None:
    alarm.arm(30, _time_limit)
    started = time.monotonic()
    with pytest.raises(TimeLimit):
        IdleKqueue().control([], 1, None)
    assert time.monotonic() - started < 1


def test_the_time_limit_fires_while_waiting_for_an_earlier_timeout() -> None:
    alarm.arm(0.05, _time_limit)
    started = time.monotonic()
    with pytest.raises(TimeLimit):
        IdleKqueue().control([], 1, 0.04 + 10)  # skipped ahead: the limit comes first
    assert time.monotonic() - started < 1
    alarm.arm(0.05, _time_limit)
    with pytest.raises(TimeLimit):
        IdleKqueue().control([], 1, 0.04)  # waits 0.04 s, then the loop would call again
        IdleKqueue().control([], 1, 0.04)


@pytest.fixture
def trio_on_the_stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("kqueue", "kevent", "KQ_FILTER_READ", "KQ_FILTER_WRITE", "KQ_EV_ADD",
                 "KQ_EV_DELETE", "KQ_EV_ONESHOT"):  # fmt: skip
        stand_in = {"kqueue": IdleKqueue, "kevent": KEvent}.get(name)
        monkeypatch.setattr(select, name, stand_in or getattr(trio_stand_ins, name), raising=False)
    monkeypatch.setattr(socket, "socketpair", memory_socketpair)
    monkeypatch.delitem(sys.modules, "trio._core._io_kqueue", raising=False)
    io_kqueue = importlib.import_module("trio._core._io_kqueue")  # binds select.kqueue now
    monkeypatch.setattr(trio_run, "TheIOManager", io_kqueue.KqueueIOManager)


@pytest.mark.usefixtures("trio_on_the_stand_ins")
def test_trio_keeps_time_on_the_stand_ins() -> None:
    async def main() -> float:
        started = trio.current_time()
        await trio.sleep(0.1)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(trio.sleep, 0.05)
        return trio.current_time() - started

    assert 0.15 <= trio.run(main) < 1


def test_run_inline_delivers_the_result_and_raises_what_interrupts_it() -> None:
    delivered: list[object] = []
    trio_stand_ins.run_inline(lambda: 42, delivered.append)
    assert [outcome.unwrap() for outcome in delivered] == [42]  # type: ignore[attr-defined]

    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        trio_stand_ins.run_inline(interrupted, delivered.append)
    assert len(delivered) == 1
