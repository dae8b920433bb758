from collections.abc import AsyncIterator

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app, events


# --8<-- [start:client]
@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    events.clear()
    # The transport runs each WebSocket session as a task in a task group of its own, on the
    # test's event loop; leaving `async with` ends those tasks.
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
    ):
        yield client
    # --8<-- [end:client]


# --8<-- [start:echo]
@pytest.mark.anyio
async def test_echo_json(client: httpx.AsyncClient) -> None:
    async with aconnect_ws("/echo", client) as websocket:
        await websocket.send_json({"text": "hello"})
        reply = await websocket.receive_json()

    assert reply == {"echo": "hello", "length": 5}
    assert events == ["accepted", "client left with code 1000"]
    # --8<-- [end:echo]


# --8<-- [start:wrong_route]
@pytest.mark.anyio
async def test_no_such_route(client: httpx.AsyncClient) -> None:
    with pytest.raises(WebSocketDisconnect) as refused:
        async with aconnect_ws("/nowhere", client):
            pass

    assert refused.value.code == 1000  # Starlette closes a WebSocket it has no route for
    # --8<-- [end:wrong_route]
