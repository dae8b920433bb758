from collections.abc import Iterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

import main
from main import app, get_rates_client


def fake_rates_service(request: httpx.Request) -> httpx.Response:
    assert request.url.path == "/rates/EUR/USD"
    return httpx.Response(200, json={"rate": 1.08})


@pytest.fixture
def fake_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url="https://rates.test", transport=httpx.MockTransport(fake_rates_service)
    )


async def convert_ten_euros(manager: LifespanManager) -> httpx.Response:
    transport = httpx.ASGITransport(app=manager.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get("/convert", params={"amount": 10, "to": "USD"})


# --8<-- [start:factory]
@pytest.mark.asyncio
async def test_lifespan_opens_the_fake(
    monkeypatch: pytest.MonkeyPatch, fake_client: httpx.AsyncClient
) -> None:
    monkeypatch.setattr(main, "make_rates_client", lambda: fake_client)
    async with LifespanManager(app) as manager:
        response = await convert_ten_euros(manager)
        assert not fake_client.is_closed
    assert response.json() == {"amount": 10.8, "currency": "USD"}
    assert fake_client.is_closed  # and the shutdown closed what the startup opened
    # --8<-- [end:factory]


# --8<-- [start:override]
@pytest.fixture
def override_rates(fake_client: httpx.AsyncClient) -> Iterator[None]:
    app.dependency_overrides[get_rates_client] = lambda: fake_client
    yield
    app.dependency_overrides.clear()


@pytest.mark.asyncio
async def test_endpoint_gets_the_fake(override_rates: None) -> None:
    async with LifespanManager(app) as manager:  # still opens the real client, unused
        response = await convert_ten_euros(manager)
    assert response.json() == {"amount": 10.8, "currency": "USD"}
    # --8<-- [end:override]
