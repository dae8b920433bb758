import httpx
import pytest
from httpx_sse import aconnect_sse

from main import app


async def read_data() -> list[str]:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_sse(client, "GET", "/prices") as event_source,
    ):
        return [sse.data async for sse in event_source.aiter_sse()]


# --8<-- [start:every_event]
@pytest.mark.asyncio
async def test_every_event() -> None:
    assert await read_data() == ['{"price": 101}', '{"price": 102}']
    # --8<-- [end:every_event]


# --8<-- [start:skip_empty]
@pytest.mark.asyncio
async def test_events_with_data() -> None:
    data = [item for item in await read_data() if item]  # drop what pings leave behind
    assert data == ['{"price": 101}', '{"price": 102}']
    # --8<-- [end:skip_empty]
