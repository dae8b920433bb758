from collections.abc import AsyncIterator
from unittest.mock import AsyncMock, MagicMock

import httpx
import pytest
import pytest_asyncio

from main import app, get_mailer


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


@pytest.mark.asyncio
async def test_with_magicmock(client: httpx.AsyncClient) -> None:
    mailer = MagicMock()
    mailer.send.return_value = "msg-1"
    app.dependency_overrides[get_mailer] = lambda: mailer

    response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 201


# --8<-- [start:asyncmock]
@pytest.mark.asyncio
async def test_with_asyncmock(client: httpx.AsyncClient) -> None:
    mailer = MagicMock()
    mailer.send = AsyncMock(return_value="msg-1")  # calling it gives an awaitable
    app.dependency_overrides[get_mailer] = lambda: mailer

    response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.json() == {"email": "ada@example.com", "message_id": "msg-1"}
    mailer.send.assert_awaited_once_with("ada@example.com", "Welcome!")
    # --8<-- [end:asyncmock]
