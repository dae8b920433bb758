import httpx
import pytest

from main import app


async def get_health() -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get("/health")


# --8<-- [start:markers]
@pytest.mark.asyncio  # pytest-asyncio: one run, on an asyncio event loop
async def test_health_with_pytest_asyncio() -> None:
    response = await get_health()
    assert response.json() == {"status": "up"}


@pytest.mark.anyio  # anyio's plugin: one run per backend in the `anyio_backend` fixture
async def test_health_with_anyio() -> None:
    response = await get_health()
    assert response.json() == {"status": "up"}
    # --8<-- [end:markers]
