from collections.abc import AsyncIterator

import httpx
import pytest

from main import app


@pytest.fixture  # a plain pytest fixture: auto mode hands async ones to pytest-asyncio
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


async def test_health(client: httpx.AsyncClient) -> None:  # no marker needed
    response = await client.get("/health")

    assert response.status_code == 200


async def test_unknown_path(client: httpx.AsyncClient) -> None:
    response = await client.get("/nope")

    assert response.status_code == 404
