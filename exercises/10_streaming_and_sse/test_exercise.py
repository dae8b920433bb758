"""Exercise 10: streaming and Server-Sent Events.

These tests are too weak. Repair them so that they pass against the app in main.py AND fail
against every broken copy of it. Check your work with `awaited check`.
"""

import httpx
import pytest
import pytest_asyncio

from main import app, watchers


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


# Task 1: the events of a deploy.
@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_deploy_events(client):
    response = await client.get("/deploys/7/events")
    assert response.status_code == 200
    # TODO: "ship" somewhere in the body lets through a stream with a missing event, wrong ids
    #       or data that is not JSON. Read the stream as events (httpx_sse's `aconnect_sse`,
    #       or split the text yourself) and compare every event: its name, its data decoded
    #       from JSON, and its id, in order.
    assert "ship" in response.text


# Task 2: the headers of an event stream.
@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_event_stream_headers(client):
    response = await client.get("/deploys/7/events")
    assert response.status_code == 200
    # TODO: check the two headers that make this an event stream that no cache keeps.


# Task 3: the live feed, which never ends.
# TODO: write `test_live_status_frees_the_seat`, marked `@pytest.mark.task(3)`. Do not call
#       /live through the client: ASGITransport waits for the end of a stream, and this one
#       has none. Call `live_status` from main directly, take two events with `anext`, check
#       that the watcher holds a seat, close the generator, and check that the seat is free.
