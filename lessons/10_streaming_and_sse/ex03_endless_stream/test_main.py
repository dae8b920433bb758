import asyncio

import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_first_tick() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        async with asyncio.timeout(0.5):  # without it, this test never ends
            async with client.stream("GET", "/ticks") as response:
                async for line in response.aiter_lines():
                    assert line == "tick 0"
                    break
