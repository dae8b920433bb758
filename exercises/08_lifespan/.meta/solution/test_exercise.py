"""Exercise 08: lifespan (reference solution)."""

import httpx
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

import main
from main import app

RATES_URL = "http://rates.test"
rate_requests: list[httpx.Request] = []  # every request the fake rates service received


def fake_rates_service(request: httpx.Request) -> httpx.Response:
    """Stands in for the exchange-rate service: 1 EUR buys 1.08 of anything."""
    rate_requests.append(request)
    return httpx.Response(200, json={"rate": 1.08})


@pytest.fixture(autouse=True)
def fake_rates(monkeypatch: pytest.MonkeyPatch) -> list[httpx.AsyncClient]:
    """Configures the app for the fake service; returns the clients its lifespan opens."""
    opened: list[httpx.AsyncClient] = []

    def make_fake_client(base_url: str) -> httpx.AsyncClient:
        transport = httpx.MockTransport(fake_rates_service)
        opened.append(httpx.AsyncClient(base_url=base_url, transport=transport))
        return opened[-1]

    rate_requests.clear()
    monkeypatch.setenv("RATES_URL", RATES_URL)
    monkeypatch.setattr(main, "make_rates_client", make_fake_client)
    return opened


@pytest_asyncio.fixture
async def client():
    async with LifespanManager(app) as manager:
        # manager.app hands each request the state the lifespan yielded; app alone would not.
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            yield client


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_convert(client):
    response = await client.get("/convert", params={"amount": 10, "to": "USD"})

    assert response.status_code == 200
    assert response.json() == {"amount": 10.8, "currency": "USD"}
    assert [str(request.url) for request in rate_requests] == [f"{RATES_URL}/rates/EUR/USD"]


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_shutdown_closes_the_rates_client(fake_rates):
    async with LifespanManager(app):
        assert len(fake_rates) == 1
        assert not fake_rates[0].is_closed

    assert fake_rates[0].is_closed


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_startup_refuses_without_rates_url(monkeypatch):
    monkeypatch.delenv("RATES_URL")

    with pytest.raises(RuntimeError, match="RATES_URL"):
        async with LifespanManager(app):
            pytest.fail("the app started without RATES_URL")
