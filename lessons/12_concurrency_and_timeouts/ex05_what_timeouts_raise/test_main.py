import asyncio

import anyio
import pytest


class StuckJob:
    """Waits for an event nobody sets, and writes down how its wait ended."""

    def __init__(self) -> None:
        self.ended_by: str | None = None

    async def run(self) -> None:
        try:
            await asyncio.Event().wait()
        except BaseException as error:
            self.ended_by = type(error).__name__
            raise


# --8<-- [start:asyncio]
@pytest.mark.asyncio
async def test_asyncio_timeout_raises_timeout_error() -> None:
    job = StuckJob()
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.01):
            await job.run()
    assert job.ended_by == "CancelledError"  # inside, the wait was cancelled


@pytest.mark.asyncio
async def test_wait_for_raises_the_same_error() -> None:
    job = StuckJob()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(job.run(), timeout=0.01)
    assert job.ended_by == "CancelledError"
    assert asyncio.TimeoutError is TimeoutError  # one class since Python 3.11
    # --8<-- [end:asyncio]


# --8<-- [start:anyio]
@pytest.mark.asyncio
async def test_fail_after_raises_timeout_error() -> None:
    job = StuckJob()
    with pytest.raises(TimeoutError), anyio.fail_after(0.01):
        await job.run()
    assert job.ended_by == "CancelledError"


@pytest.mark.asyncio
async def test_move_on_after_raises_nothing() -> None:
    job = StuckJob()
    with anyio.move_on_after(0.01) as scope:
        await job.run()
    assert scope.cancelled_caught  # the only sign that the deadline passed
    assert job.ended_by == "CancelledError"
    # --8<-- [end:anyio]


# --8<-- [start:unexpected]
@pytest.mark.asyncio
async def test_a_wait_that_times_out() -> None:
    job = StuckJob()
    async with asyncio.timeout(0.01):
        await job.run()
    # --8<-- [end:unexpected]
