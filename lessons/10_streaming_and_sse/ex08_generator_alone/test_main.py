import pytest
from fastapi.sse import ServerSentEvent

from main import deploy_events, open_feeds, ticks


# --8<-- [start:first_items]
@pytest.mark.asyncio
async def test_the_first_ticks() -> None:
    feed = ticks("prices", interval=0)

    assert await anext(feed) == "tick 0\n"
    assert await anext(feed) == "tick 1\n"
    assert open_feeds == {"prices"}

    await feed.aclose()  # what the server does when the client goes away
    assert open_feeds == set()
    # --8<-- [end:first_items]


# --8<-- [start:sse_function]
@pytest.mark.asyncio
async def test_the_sse_endpoint_function() -> None:
    events = [event async for event in deploy_events(7)]

    assert events[0] == ServerSentEvent(event="step", data={"deploy": 7, "step": "build"}, id="1")
    assert [event.data["step"] for event in events] == ["build", "test", "ship"]
    # --8<-- [end:sse_function]
