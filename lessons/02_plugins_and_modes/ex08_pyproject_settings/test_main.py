import httpx
import pytest

from main import app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.asyncio
async def test_health_with_pytest_asyncio() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        assert (await client.get("/health")).status_code == 200


@pytest.mark.anyio
async def test_health_with_anyio() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        assert (await client.get("/health")).status_code == 200
