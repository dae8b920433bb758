from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
    ):
        yield client


@pytest.mark.asyncio
async def test_echo_json(client: httpx.AsyncClient) -> None:
    async with aconnect_ws("/echo", client) as websocket:
        await websocket.send_json({"text": "hello"})
        assert await websocket.receive_json() == {"echo": "hello", "length": 5}
