"""Exercise 11: errors and validation (reference solution)."""

import httpx
import pytest
import pytest_asyncio

import main
from main import app, reset

AUTH = {"Authorization": "Bearer token-ada"}
GOOD = {"room": "double", "nights": 2, "card_number": "4111111111111111"}


@pytest.fixture(autouse=True)
def clean_slate():
    reset()
    yield
    reset()


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# Task 1: validation errors.
@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_too_many_nights_is_rejected(client):
    response = await client.post("/bookings", json={**GOOD, "nights": 30}, headers=AUTH)

    assert response.status_code == 422
    assert response.json() == {
        "error": "invalid_request",
        "problems": [{"field": "body.nights", "problem": "less_than_equal"}],
    }


# Task 2: no token, no booking.
@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_a_booking_needs_a_token(client):
    response = await client.post("/bookings", json=GOOD)

    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"


# Task 3: a crash is a 500 that says nothing about its cause.
@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_a_pricing_outage_is_a_quiet_500(monkeypatch):
    def pricing_down(room):
        raise ConnectionError("pricing-db:5432 refused the password for user 'app'")

    monkeypatch.setattr(main, "fetch_rate", pricing_down)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/bookings", json=GOOD, headers=AUTH)

    assert response.status_code == 500
    assert response.json() == {"error": "internal", "detail": "Please retry"}


# Task 4: the booking, exactly as the response model sends it.
@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_a_booking_comes_back_exactly(client):
    response = await client.post("/bookings", json=GOOD, headers=AUTH)

    assert response.status_code == 201
    assert response.json() == {
        "id": 1,
        "guest": "ada",
        "room": "double",
        "nights": 2,
        "total": "240.00",
    }
