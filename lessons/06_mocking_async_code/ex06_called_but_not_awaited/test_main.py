from unittest.mock import AsyncMock, MagicMock

import httpx
import pytest

from main import app, get_mailer


async def sign_up(mailer: MagicMock) -> httpx.Response:
    app.dependency_overrides[get_mailer] = lambda: mailer
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/signups", json={"email": "ada@example.com"})
    app.dependency_overrides.clear()
    return response


@pytest.mark.asyncio
async def test_checks_the_call() -> None:
    mailer = MagicMock(send=AsyncMock())

    response = await sign_up(mailer)

    assert response.status_code == 201
    mailer.send.assert_called_once_with("ada@example.com", "Welcome!")  # a call is not an await


@pytest.mark.asyncio
async def test_checks_the_await() -> None:
    mailer = MagicMock(send=AsyncMock())

    response = await sign_up(mailer)

    assert response.status_code == 201
    mailer.send.assert_awaited_once_with("ada@example.com", "Welcome!")
