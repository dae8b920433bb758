from unittest.mock import patch

import httpx
import pytest

from main import app


async def get_price() -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get("/prices/10")


@pytest.mark.asyncio
async def test_patch_where_it_is_defined() -> None:
    with patch("rates.fetch_rate", return_value=1.5):  # main still holds the original
        response = await get_price()

    assert response.json() == {"price": 15.0}


@pytest.mark.asyncio
async def test_patch_where_it_is_looked_up() -> None:
    with patch("main.fetch_rate", return_value=1.5) as fetch_rate:
        response = await get_price()

    assert response.json() == {"price": 15.0}
    fetch_rate.assert_awaited_once_with("USD")
