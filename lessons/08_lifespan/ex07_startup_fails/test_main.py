from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

from main import app


@pytest.fixture(autouse=True)
def no_rates_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RATES_URL", raising=False)  # as on a machine nobody configured


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            yield client


# --8<-- [start:unset]
@pytest.mark.asyncio
async def test_config(client: httpx.AsyncClient) -> None:
    response = await client.get("/config")
    assert response.json() == {"rates_url": "http://rates.test"}
    # --8<-- [end:unset]


# --8<-- [start:on_purpose]
@pytest.mark.asyncio
async def test_startup_refuses_without_rates_url() -> None:
    with pytest.raises(RuntimeError, match="RATES_URL is not set"):
        async with LifespanManager(app):
            pytest.fail("the app started without RATES_URL")


@pytest.mark.asyncio
async def test_config_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATES_URL", "http://rates.test")
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            response = await client.get("/config")
    assert response.json() == {"rates_url": "http://rates.test"}
    # --8<-- [end:on_purpose]
