from collections.abc import AsyncIterator

import httpx
import pytest

from main import app


@pytest.fixture  # strict mode: pytest-asyncio leaves this async fixture alone
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


@pytest.mark.asyncio
async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
