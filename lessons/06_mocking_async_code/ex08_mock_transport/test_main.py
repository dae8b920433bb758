from collections.abc import AsyncIterator, Callable

import httpx
import pytest
import pytest_asyncio

from main import app, get_http_client

Handler = Callable[[httpx.Request], httpx.Response]


# --8<-- [start:fixture]
@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


def fake_rates_service(handler: Handler) -> None:
    """Every outbound request the app makes goes to `handler`; nothing leaves the process."""

    async def fake_http_client() -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.MockTransport(handler)
        async with httpx.AsyncClient(transport=transport, base_url="https://rates.example") as c:
            yield c

    app.dependency_overrides[get_http_client] = fake_http_client
    # --8<-- [end:fixture]


# --8<-- [start:tests]
@pytest.mark.asyncio
async def test_price_in_dollars(client: httpx.AsyncClient) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"rate": 1.25})

    fake_rates_service(handler)

    response = await client.get("/prices/10")

    assert response.json() == {"currency": "USD", "price": 12.5}
    [request] = seen  # exactly one outbound call, and the right one
    assert request.method == "GET"
    assert request.url == "https://rates.example/latest?from=EUR&to=USD"


@pytest.mark.asyncio
async def test_rates_service_down(client: httpx.AsyncClient) -> None:
    fake_rates_service(lambda request: httpx.Response(503))

    response = await client.get("/prices/10")

    assert response.status_code == 502
    assert response.json() == {"detail": "Rates service failed"}
    # --8<-- [end:tests]
