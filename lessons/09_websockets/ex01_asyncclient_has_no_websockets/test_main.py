import httpx
import pytest

from main import app


# --8<-- [start:connect]
@pytest.mark.asyncio
async def test_echo_through_async_client() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        client.websocket_connect("/echo") as websocket,
    ):
        await websocket.send_text("hello")
        assert await websocket.receive_text() == "echo: hello"
    # --8<-- [end:connect]


# --8<-- [start:get]
@pytest.mark.asyncio
async def test_plain_get_on_a_websocket_route() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/echo")

    assert response.status_code == 404  # an HTTP request finds no HTTP route here
    # --8<-- [end:get]
