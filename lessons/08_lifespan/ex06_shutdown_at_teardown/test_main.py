from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

from main import app, log


# --8<-- [start:fixtures]
@pytest.fixture
def checked_log() -> Iterator[list[str]]:
    log.clear()
    yield log
    # `client` needs this fixture, so pytest tears `client` down first: by now the lifespan
    # has shut down, and the whole story is in the log.
    assert log == [
        "lifespan: connection opened",
        "app: GET /ping",
        "test: done",
        "fixture: client closed",
        "lifespan: connection closed",
        "fixture: lifespan exited",
    ]


@pytest_asyncio.fixture
async def client(checked_log: list[str]) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            yield client  # the test runs here
        checked_log.append("fixture: client closed")
    checked_log.append("fixture: lifespan exited")
    # --8<-- [end:fixtures]


# --8<-- [start:test]
@pytest.mark.asyncio
async def test_ping(client: httpx.AsyncClient, checked_log: list[str]) -> None:
    response = await client.get("/ping")
    assert response.json() == {"connection_open": True}
    checked_log.append("test: done")
    # --8<-- [end:test]
