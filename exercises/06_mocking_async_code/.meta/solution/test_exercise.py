"""Exercise 06: mocking async code (reference solution)."""

from unittest.mock import AsyncMock, create_autospec

import httpx
import pytest
import pytest_asyncio

from main import Notifier, app, get_notifier, get_rates_client


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


def fake_rates_service(handler):
    async def fake_rates_client():
        transport = httpx.MockTransport(handler)
        async with httpx.AsyncClient(transport=transport, base_url="https://rates.example") as c:
            yield c

    app.dependency_overrides[get_rates_client] = fake_rates_client


@pytest.fixture
def notifier():
    notifier = create_autospec(Notifier, instance=True)
    app.dependency_overrides[get_notifier] = lambda: notifier
    return notifier


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_quote(client, notifier):
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"rate": 0.8})

    fake_rates_service(handler)

    response = await client.post("/quotes", json={"user": "ada", "euros": 10, "currency": "GBP"})

    assert response.status_code == 200
    assert response.json() == {"currency": "GBP", "price": 8.0}
    [request] = seen
    assert request.url == "https://rates.example/latest?from=EUR&to=GBP"


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_user_is_notified(client, notifier):
    fake_rates_service(lambda request: httpx.Response(200, json={"rate": 1.25}))

    await client.post("/quotes", json={"user": "ada", "euros": 10, "currency": "USD"})

    assert isinstance(notifier.send, AsyncMock)
    notifier.send.assert_awaited_once_with("ada", "10.00 EUR is 12.50 USD")


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_rates_service_down(client, notifier):
    fake_rates_service(lambda request: httpx.Response(503, json={"error": "down"}))

    response = await client.post("/quotes", json={"user": "ada", "euros": 10, "currency": "USD"})

    assert response.status_code == 502
    assert response.json() == {"detail": "Rates service failed"}
    notifier.send.assert_not_awaited()
