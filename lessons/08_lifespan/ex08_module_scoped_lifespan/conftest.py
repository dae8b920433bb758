from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from asgi_lifespan import LifespanManager

from main import app


# --8<-- [start:fixture]
# One startup and one shutdown for the whole module, on a loop that lives as long.
@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            yield client
            # --8<-- [end:fixture]
