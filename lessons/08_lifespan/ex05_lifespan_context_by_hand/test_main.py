from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from main import State, app, lifespan_events


@pytest.fixture(autouse=True)
def no_events() -> Iterator[None]:
    lifespan_events.clear()
    yield
    lifespan_events.clear()


# --8<-- [start:fixture]
@pytest_asyncio.fixture
async def state() -> AsyncIterator[State]:
    async with app.router.lifespan_context(app) as state:  # runs the lifespan function itself
        yield state


@pytest_asyncio.fixture
async def client(state: State) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
        # --8<-- [end:fixture]


# --8<-- [start:tests]
@pytest.mark.asyncio
async def test_app_state_works(client: httpx.AsyncClient) -> None:
    response = await client.get("/base")
    assert response.json() == {"base": "EUR"}
    assert lifespan_events == ["startup"]


@pytest.mark.asyncio
async def test_the_state_is_yours_alone(state: State, client: httpx.AsyncClient) -> None:
    assert state == {"rates": {"USD": 1.08, "GBP": 0.86}}  # the test holds the dict...
    with pytest.raises(AttributeError, match="'State' object has no attribute 'rates'"):
        await client.get("/rates/USD")  # ...but no request receives it
    # --8<-- [end:tests]
