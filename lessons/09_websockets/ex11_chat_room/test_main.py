import httpx
import pytest
from fastapi.testclient import TestClient
from httpx_ws import aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport

from main import app


# --8<-- [start:test_client]
def test_a_message_reaches_everyone_in_the_room() -> None:
    with (
        TestClient(app) as client,  # one event loop for every connection in the block
        client.websocket_connect("/chat?name=ada") as ada,
    ):
        assert ada.receive_json() == {"joined": "ada"}
        with client.websocket_connect("/chat?name=grace") as grace:
            assert ada.receive_json() == {"joined": "grace"}
            assert grace.receive_json() == {"joined": "grace"}

            grace.send_text("hi all")

            assert ada.receive_json() == {"from": "grace", "text": "hi all"}
            assert grace.receive_json() == {"from": "grace", "text": "hi all"}

        assert ada.receive_json() == {"left": "grace"}
        # --8<-- [end:test_client]


# --8<-- [start:httpx_ws]
@pytest.mark.asyncio
async def test_the_same_from_an_async_test() -> None:
    async with (
        ASGIWebSocketTransport(app=app) as transport,
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        aconnect_ws("/chat?name=ada", client) as ada,
    ):
        first = await ada.receive_json(timeout=1)
        async with aconnect_ws("/chat?name=grace", client) as grace:
            await grace.receive_json(timeout=1)  # its own "joined"
            await grace.send_text("hi all")
            seen_by_ada = [await ada.receive_json(timeout=1) for _ in range(2)]
        left = await ada.receive_json(timeout=1)

    assert first == {"joined": "ada"}
    assert seen_by_ada == [{"joined": "grace"}, {"from": "grace", "text": "hi all"}]
    assert left == {"left": "grace"}
    # --8<-- [end:httpx_ws]
