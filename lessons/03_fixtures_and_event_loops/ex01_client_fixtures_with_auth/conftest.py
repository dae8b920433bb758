from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
import pytest_asyncio

from main import app

ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


# --8<-- [start:factory]
@pytest.fixture
def client_as() -> ClientFactory:
    """Open a client that sends the given token, or none; usable several times per test."""

    @asynccontextmanager
    async def open_client(token: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app.test", headers=headers
        ) as client:
            yield client

    return open_client
    # --8<-- [end:factory]


# --8<-- [start:named]
@pytest_asyncio.fixture
async def client(client_as: ClientFactory) -> AsyncIterator[httpx.AsyncClient]:
    async with client_as() as client:  # nobody logged in
        yield client


@pytest_asyncio.fixture
async def alice(client_as: ClientFactory) -> AsyncIterator[httpx.AsyncClient]:
    async with client_as("alice-token") as client:
        yield client


@pytest_asyncio.fixture
async def admin(client_as: ClientFactory) -> AsyncIterator[httpx.AsyncClient]:
    async with client_as("root-token") as client:
        yield client
        # --8<-- [end:named]
