from unittest.mock import AsyncMock

import httpx
import pytest

from main import latest_rate


@pytest.mark.asyncio
async def test_with_a_mocked_response() -> None:
    client = AsyncMock()
    client.get.return_value = AsyncMock(status_code=200)  # a "response" whose methods are async
    client.get.return_value.json.return_value = {"rate": 1.1}

    assert await latest_rate(client) == 1.1


@pytest.mark.asyncio
async def test_with_a_real_response() -> None:
    client = AsyncMock()
    request = httpx.Request("GET", "https://rates.example/latest")
    client.get.return_value = httpx.Response(200, json={"rate": 1.1}, request=request)

    assert await latest_rate(client) == 1.1
