import asyncio

import httpx
import pytest

from main import app, reports, running_jobs


@pytest.mark.asyncio
async def test_report_is_built() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        await client.post("/reports/1")

    assert running_jobs, "the endpoint started no job"
    async with asyncio.timeout(1):  # a hung job fails the test instead of hanging it
        await asyncio.gather(*running_jobs)

    assert reports == {1: "ready"}
    assert not running_jobs
