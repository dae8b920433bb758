import httpx
import pytest

from main import app, reports


@pytest.mark.asyncio
async def test_report_is_built() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/reports/1")

    assert response.status_code == 202
    assert reports == {1: "ready"}  # the job is still running
