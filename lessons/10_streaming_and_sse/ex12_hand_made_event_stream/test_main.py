import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_an_event_stream_that_no_cache_keeps() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/prices")

    assert response.text == 'data: {"price": 101}\n\ndata: {"price": 102}\n\n'
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
