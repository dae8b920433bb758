import httpx
import pytest

from main import app, get_exchange_rate


async def ask_price() -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get("/prices/10")


@pytest.mark.asyncio
async def test_async_override() -> None:
    async def fixed_rate() -> float:
        return 1.5

    app.dependency_overrides[get_exchange_rate] = fixed_rate
    response = await ask_price()
    app.dependency_overrides.clear()

    assert response.json() == {"eur": 10.0, "usd": 15.0}


@pytest.mark.asyncio
async def test_sync_override_of_an_async_dependency() -> None:
    app.dependency_overrides[get_exchange_rate] = lambda: 1.25  # a plain function will do
    response = await ask_price()
    app.dependency_overrides.clear()

    assert response.json() == {"eur": 10.0, "usd": 12.5}
