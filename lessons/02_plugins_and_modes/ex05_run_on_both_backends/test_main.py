import httpx
import pytest

from main import app

pytestmark = pytest.mark.anyio  # every test in this module belongs to anyio's plugin


async def get_quote(item: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get(f"/quotes/{item}")


async def test_cheapest_tea() -> None:
    response = await get_quote("tea")
    assert response.json() == {"item": "tea", "supplier": "south", "price": 4.0}


async def test_cheapest_coffee() -> None:
    response = await get_quote("coffee")
    assert response.json() == {"item": "coffee", "supplier": "north", "price": 7.0}
