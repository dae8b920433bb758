"""Exercise 10: streaming and Server-Sent Events (reference solution)."""

import httpx
import pytest
import pytest_asyncio
from httpx_sse import aconnect_sse

from main import app, live_status, watchers


@pytest.fixture(autouse=True)
def no_watchers():
    watchers.clear()
    yield
    watchers.clear()


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_deploy_events(client):
    async with aconnect_sse(client, "GET", "/deploys/7/events") as event_source:
        events = [sse async for sse in event_source.aiter_sse()]

    assert [(sse.event, sse.json(), sse.id) for sse in events] == [
        ("step", {"deploy": 7, "step": "build"}, "1"),
        ("step", {"deploy": 7, "step": "test"}, "2"),
        ("step", {"deploy": 7, "step": "ship"}, "3"),
        ("done", {"deploy": 7, "status": "shipped"}, "3"),  # the last id carries over
    ]


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_event_stream_headers(client):
    response = await client.get("/deploys/7/events")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_live_status_frees_the_seat():
    feed = live_status("ada", interval=0)

    first = await anext(feed)
    assert (first.event, first.data) == ("status", {"watchers": 1})
    await anext(feed)
    assert watchers == {"ada"}

    await feed.aclose()  # what happens when the client goes away
    assert watchers == set()
