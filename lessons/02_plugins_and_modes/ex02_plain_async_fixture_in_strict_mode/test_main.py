from collections.abc import AsyncIterator

import httpx
import pytest

from main import app


@pytest.fixture  # a plain pytest fixture, not @pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


@pytest.mark.anyio
async def test_health_with_anyio(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200


@pytest.mark.asyncio
async def test_health_with_pytest_asyncio(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
