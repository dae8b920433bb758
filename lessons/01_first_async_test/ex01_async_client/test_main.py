import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_health() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "up"}
