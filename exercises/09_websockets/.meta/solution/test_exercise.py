"""Exercise 09: WebSockets (reference solution)."""

from contextlib import asynccontextmanager

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app, reset


@asynccontextmanager
async def chat_client():
    """A client for the app, inside a transport that runs its WebSocket sessions.

    A context manager, not a fixture: the transport holds a task group, which must be left in
    the task that entered it, and pytest-asyncio tears fixtures down in another (lesson 09).
    """
    reset()
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://chat.test") as client,
    ):
        yield client
    reset()


def room_url(room, token=None):
    return f"/rooms/{room}" if token is None else f"/rooms/{room}?token={token}"


@pytest.mark.task(1)
@pytest.mark.asyncio
@pytest.mark.parametrize("token", ["guess", None])
async def test_unknown_token_is_refused(token):
    async with chat_client() as client:
        with pytest.raises(WebSocketDisconnect) as refused:
            async with aconnect_ws(room_url("lobby", token), client):
                pass

    assert (refused.value.code, refused.value.reason) == (1008, "unknown token")


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_a_message_reaches_the_room():
    async with (
        chat_client() as client,
        aconnect_ws(room_url("lobby", "token-ada"), client) as ada,
        aconnect_ws(room_url("lobby", "token-grace"), client) as grace,
    ):
        await ada.send_text("hello")
        # A timeout on every receive: a message that never comes fails the test in 1 s.
        heard_by_ada = await ada.receive_json(timeout=1)
        heard_by_grace = await grace.receive_json(timeout=1)

    # Asserted after the block, so a failure reads as itself, not as an ExceptionGroup.
    assert heard_by_ada == {"from": "ada", "text": "hello"}
    assert heard_by_grace == {"from": "ada", "text": "hello"}


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_messages_stay_in_their_room():
    async with (
        chat_client() as client,
        aconnect_ws(room_url("lobby", "token-ada"), client) as ada,
        aconnect_ws(room_url("random", "token-alan"), client) as alan,
    ):
        await ada.send_text("lobby only")
        heard_by_ada = await ada.receive_json(timeout=1)
        # Nothing should come to alan. Rather than wait for nothing, make him speak: the first
        # message he hears must be his own.
        await alan.send_text("anyone here?")
        heard_by_alan = await alan.receive_json(timeout=1)

    assert heard_by_ada == {"from": "ada", "text": "lobby only"}
    assert heard_by_alan == {"from": "alan", "text": "anyone here?"}
