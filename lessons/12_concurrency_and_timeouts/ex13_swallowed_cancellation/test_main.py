import asyncio

import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_a_timeout_in_the_test_stops_the_request() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.01):
                await client.post("/exports")
