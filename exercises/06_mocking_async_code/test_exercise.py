"""Exercise 06: mocking async code.

These tests mock the wrong things in the wrong way, and check too little. Repair them so
that they pass against the app in main.py AND fail against every broken copy of it. Check
your work with `awaited check 06`.
"""

from unittest.mock import MagicMock, patch

import httpx
import pytest
import pytest_asyncio

from main import app, get_notifier


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
def notifier():
    # TODO: the app awaits `notifier.send(...)`, and what a MagicMock returns cannot be
    #       awaited. Use a mock whose `send` is async: an autospec of `Notifier` (from main)
    #       is one, and it checks the arguments of every call too.
    notifier = MagicMock()
    app.dependency_overrides[get_notifier] = lambda: notifier
    return notifier


def fake_rates_service(rate):
    # TODO: patching httpx itself replaces `get` on every AsyncClient in the process, and
    #       hides the request the app built. Override `get_rates_client` (from main) with a
    #       client on an `httpx.MockTransport`, whose handler gets the real request and
    #       answers with a real `httpx.Response`.
    response = MagicMock(status_code=200, is_error=False)
    response.json.return_value = {"rate": rate}
    return patch("httpx.AsyncClient.get", return_value=response)


# Task 1: fake the rates service.
@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_quote(client, notifier):
    with fake_rates_service(0.8):
        response = await client.post(
            "/quotes", json={"user": "ada", "euros": 10, "currency": "GBP"}
        )

    assert response.status_code == 200
    # TODO: check the price, and that the app asked the service for the right currency.


# Task 2: the user is told the price.
@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_user_is_notified(client, notifier):
    with fake_rates_service(1.25):
        await client.post("/quotes", json={"user": "ada", "euros": 10, "currency": "USD"})

    # TODO: "called" is not "awaited", and "called" says nothing about what was sent.
    #       Check that `send` was awaited exactly once, with the user and the exact text.
    notifier.send.assert_called()


# Task 3: the rates service is down.
# TODO: write `test_rates_service_down`, marked `@pytest.mark.task(3)`: when the service
#       answers 503, the app answers 502 and sends the user nothing.
