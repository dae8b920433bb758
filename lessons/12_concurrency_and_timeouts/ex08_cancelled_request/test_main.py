import asyncio
from collections.abc import Iterator

import httpx
import pytest

from main import app, log


@pytest.fixture(autouse=True)
def empty_log() -> Iterator[None]:
    log.clear()
    yield
    log.clear()


# --8<-- [start:cancel]
@pytest.mark.asyncio
async def test_cancelling_the_request_cancels_the_endpoint() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        request = asyncio.create_task(client.post("/exports"))
        async with asyncio.timeout(1):
            while log != ["started"]:  # give the loop turns until the endpoint has started
                await asyncio.sleep(0)
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request

    assert log == ["started", "cancelled", "cleaned up"]
    # --8<-- [end:cancel]


# --8<-- [start:timeout]
@pytest.mark.asyncio
async def test_a_timeout_in_the_test_cancels_the_endpoint_too() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.01):
                await client.post("/exports")

    assert log == ["started", "cancelled", "cleaned up"]
    # --8<-- [end:timeout]
