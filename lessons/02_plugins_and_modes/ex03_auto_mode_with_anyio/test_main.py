import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from main import app


def running_on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no asyncio loop here: some other library drives this coroutine
        return False
    return True


@pytest.fixture  # plain decorator: auto mode lets pytest-asyncio take it...
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        client.headers["x-fixture-on-asyncio"] = str(running_on_asyncio())
        yield client


async def test_unmarked(client: httpx.AsyncClient) -> None:  # ...and every unmarked test
    assert running_on_asyncio()
    assert client.headers["x-fixture-on-asyncio"] == "True"
    assert (await client.get("/health")).status_code == 200


@pytest.mark.anyio  # anyio keeps its own tests, and runs their async fixtures on its backend
async def test_with_anyio(client: httpx.AsyncClient, anyio_backend: str) -> None:
    on_asyncio = str(anyio_backend == "asyncio")
    assert client.headers["x-fixture-on-asyncio"] == on_asyncio
    assert (await client.get("/health")).status_code == 200
