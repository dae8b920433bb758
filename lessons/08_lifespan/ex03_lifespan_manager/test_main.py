from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

from main import app, lifespan_events


@pytest.fixture(autouse=True)
def no_events() -> Iterator[None]:
    lifespan_events.clear()
    yield
    lifespan_events.clear()


# --8<-- [start:fixture]
@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:  # startup here, shutdown at teardown
        transport = httpx.ASGITransport(app=manager.app)  # manager.app, not app
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            yield client
            # --8<-- [end:fixture]


# --8<-- [start:tests]
@pytest.mark.asyncio
async def test_rate_comes_from_the_lifespan(client: httpx.AsyncClient) -> None:
    response = await client.get("/rates/USD")
    assert response.json() == {"USD": 1.08}


@pytest.mark.asyncio
async def test_app_state_is_there_too(client: httpx.AsyncClient) -> None:
    response = await client.get("/base")
    assert response.json() == {"base": "EUR"}
    assert lifespan_events == ["startup"]  # shutdown comes after the test
    # --8<-- [end:tests]
