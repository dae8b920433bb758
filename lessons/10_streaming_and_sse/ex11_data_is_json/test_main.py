import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_two_greetings() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/greetings")

    assert response.text.splitlines() == ["data: hello", "", "data: hello", ""]
