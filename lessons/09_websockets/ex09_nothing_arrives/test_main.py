import httpx
import pytest
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app


@pytest.mark.asyncio
async def test_nothing_is_sent_before_the_client_asks() -> None:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_ws("/notifications", client) as websocket,
    ):
        # Without `timeout=`, this receive would wait forever: nothing is coming.
        with pytest.raises(TimeoutError):
            await websocket.receive_text(timeout=0.1)
