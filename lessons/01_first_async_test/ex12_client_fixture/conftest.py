from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client  # the test runs here; the client closes after it
