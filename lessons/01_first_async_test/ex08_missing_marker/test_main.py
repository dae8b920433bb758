import httpx

from main import app


async def test_health() -> None:  # no @pytest.mark.asyncio, and the repo runs in strict mode
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/health")

    assert response.status_code == 200
