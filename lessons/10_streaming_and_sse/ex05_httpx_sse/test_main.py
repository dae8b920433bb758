import httpx
import pytest
from httpx_sse import SSEError, aconnect_sse

from main import app


# --8<-- [start:events]
@pytest.mark.asyncio
async def test_the_events() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_sse(client, "GET", "/deploys/7/events") as event_source,
    ):
        events = [sse async for sse in event_source.aiter_sse()]

    assert [sse.event for sse in events] == ["step", "step", "step", "message", "done"]
    assert events[0].json() == {"deploy": 7, "step": "build"}
    assert [sse.id for sse in events] == ["1", "2", "3", "3", "3"]  # an id carries over
    assert events[3].data == ""  # the comment's block, passed on as an empty event
    assert events[-1].data == "deploy finished\nno errors"
    # --8<-- [end:events]


# --8<-- [start:not_sse]
@pytest.mark.asyncio
async def test_a_page_that_is_not_an_event_stream() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_sse(client, "GET", "/docs") as event_source,
    ):
        with pytest.raises(SSEError, match="got 'text/html'"):
            [sse async for sse in event_source.aiter_sse()]
    # --8<-- [end:not_sse]
