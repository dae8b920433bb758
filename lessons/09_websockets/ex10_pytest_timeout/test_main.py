import httpx
import pytest
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app


@pytest.mark.asyncio
async def test_waits_for_a_notification() -> None:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_ws("/notifications", client) as websocket,
    ):
        assert await websocket.receive_text() == "you have mail"  # never arrives
