import httpx
import pytest
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app


@pytest.mark.asyncio
async def test_echo_length() -> None:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_ws("/echo", client) as websocket,
    ):
        await websocket.send_json({"text": "hello"})
        reply = await websocket.receive_json()
        assert reply["length"] == 4  # wrong on purpose: "hello" has 5 letters


@pytest.mark.asyncio
async def test_echo_length_checked_after_the_block() -> None:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_ws("/echo", client) as websocket,
    ):
        await websocket.send_json({"text": "hello"})
        reply = await websocket.receive_json()

    assert reply["length"] == 4  # the same mistake, now outside every `async with`
