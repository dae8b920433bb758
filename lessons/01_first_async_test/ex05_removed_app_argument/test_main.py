import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_health() -> None:
    # The shortcut many older tutorials use. httpx 0.28 removed it.
    async with httpx.AsyncClient(app=app, base_url="http://app.test") as client:
        response = await client.get("/health")

    assert response.status_code == 200
