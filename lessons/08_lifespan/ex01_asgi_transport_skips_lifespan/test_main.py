from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from main import app, lifespan_events


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# --8<-- [start:rate]
@pytest.mark.asyncio
async def test_rate_comes_from_the_lifespan(client: httpx.AsyncClient) -> None:
    response = await client.get("/rates/USD")
    assert response.json() == {"USD": 1.08}
    # --8<-- [end:rate]


# --8<-- [start:never_ran]
@pytest.mark.asyncio
async def test_the_lifespan_never_ran(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")  # an endpoint that needs nothing from startup
    assert response.json() == {"status": "ok"}
    assert lifespan_events == []  # no startup, and there will be no shutdown either
    # --8<-- [end:never_ran]
