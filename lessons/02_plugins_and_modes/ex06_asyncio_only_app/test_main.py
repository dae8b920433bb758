import httpx
import pytest

from main import app

pytestmark = pytest.mark.anyio


async def test_cheapest_tea() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/quotes/tea")
    assert response.json() == {"item": "tea", "supplier": "south", "price": 4.0}
