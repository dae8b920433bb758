import asyncio

import httpx
import pytest

from main import app, reports


@pytest.mark.asyncio
async def test_report_is_built() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        await client.post("/reports/1")

    await asyncio.sleep(0.01)  # "give the task a moment": a guess, and a wrong one here
    assert reports == {1: "ready"}
