"""Exercise 08: lifespan.

These tests never start the app, or check too little. Repair them so that they pass against
the app in main.py AND fail against every broken copy of it. Check your work with
`awaited check`.
"""

import httpx
import pytest
import pytest_asyncio

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
    # TODO: this client never runs the app's lifespan, so no request finds its rates client.
    #       Run the lifespan around it with `LifespanManager` (from asgi_lifespan), and hand
    #       the transport the app that passes the lifespan's state on to each request.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# Task 1: a conversion, with the lifespan running.
@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_convert(client):
    response = await client.get("/convert", params={"amount": 10, "to": "USD"})
    assert response.status_code == 200
    # TODO: a 200 can carry a wrong amount: check the whole body. And check that the rates
    #       service was asked at the address RATES_URL gives (`rate_requests` holds the requests).


# Task 2: shutdown.
# TODO: write `test_shutdown_closes_the_rates_client`, marked `@pytest.mark.task(2)`: run the
#       lifespan yourself, and prove that the client it opened (`fake_rates[0]`) is open while
#       the app runs and closed once the app has shut down.


# Task 3: startup without its settings.
# TODO: write `test_startup_refuses_without_rates_url`, marked `@pytest.mark.task(3)`: remove
#       RATES_URL from the environment and prove that starting the app fails with a
#       RuntimeError that names RATES_URL.
