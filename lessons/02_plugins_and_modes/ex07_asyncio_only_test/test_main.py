import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from main import app

pytestmark = pytest.mark.anyio


@pytest.fixture  # strict mode leaves it to anyio, which runs it on the test's backend
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


async def test_quote_within_a_second(client: httpx.AsyncClient) -> None:
    async with asyncio.timeout(1):  # the test's own deadline, written for asyncio
        response = await client.get("/quotes/tea")
    assert response.json()["price"] == 4.0


async def test_quote_after_yielding(client: httpx.AsyncClient) -> None:
    await asyncio.sleep(0)  # "let other tasks run first", written for asyncio
    response = await client.get("/quotes/coffee")
    assert response.json()["price"] == 7.0
