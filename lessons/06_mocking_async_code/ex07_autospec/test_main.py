from collections.abc import AsyncIterator
from unittest.mock import AsyncMock, MagicMock, create_autospec

import httpx
import pytest
import pytest_asyncio

from main import Mailer, app, get_mailer


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


@pytest.mark.asyncio
async def test_with_a_loose_mock(client: httpx.AsyncClient) -> None:
    mailer = MagicMock(send=AsyncMock())  # accepts any arguments at all
    app.dependency_overrides[get_mailer] = lambda: mailer

    response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 201
    mailer.send.assert_awaited_once()


# --8<-- [start:autospec]
@pytest.mark.asyncio
async def test_with_an_autospec_mock(client: httpx.AsyncClient) -> None:
    mailer = create_autospec(Mailer, instance=True)  # same methods, same signatures
    assert isinstance(mailer.send, AsyncMock)  # async def methods become AsyncMocks...
    assert not isinstance(mailer.outbox_size, AsyncMock)  # ...plain ones stay plain
    app.dependency_overrides[get_mailer] = lambda: mailer

    response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 201
    # --8<-- [end:autospec]
