import httpx
import pytest

from main import app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # run anyio-marked tests in this module on asyncio only


@pytest.mark.anyio
async def test_health() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/health")

    assert response.status_code == 200
