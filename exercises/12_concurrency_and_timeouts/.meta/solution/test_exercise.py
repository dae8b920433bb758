"""Exercise 12: concurrency and timeouts (reference solution)."""

import asyncio

import httpx
import pytest
import pytest_asyncio

import main
from main import app, get_deadline, get_payments, get_seat_map, reset


@pytest.fixture(autouse=True)
def clean_slate():
    reset()
    yield
    app.dependency_overrides.clear()
    reset()


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


class PaymentsThatTakeTurns:
    """Charges nothing, but lets the other requests run first, as a real card call would."""

    async def charge(self, cents):
        await asyncio.sleep(0)  # one turn for every other ready task; no clock is involved


async def payments_that_take_turns():
    return PaymentsThatTakeTurns()


class SeatMapThatNeverAnswers:
    """A seat map service that hangs: it waits for an event nobody sets."""

    def __init__(self):
        self.cancelled = False

    async def free_seats(self):
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True  # the app stopped waiting, and stopped the call
            raise
        return []


async def no_time_at_all():
    return 0  # a deadline of 0 s passes at the first await: no test waits for a clock


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_last_seat_is_sold_once(client):
    reset(seats_left=1)
    app.dependency_overrides[get_payments] = payments_that_take_turns

    first, second = await asyncio.gather(client.post("/bookings"), client.post("/bookings"))

    assert sorted([first.status_code, second.status_code]) == [201, 409]
    assert main.seats["left"] == 0


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_slow_seat_map_gives_504(client):
    seat_map = SeatMapThatNeverAnswers()
    app.dependency_overrides[get_seat_map] = lambda: seat_map
    app.dependency_overrides[get_deadline] = no_time_at_all

    async with asyncio.timeout(1):  # a timeout that never fires fails here, instead of hanging
        response = await client.get("/seating")

    assert response.status_code == 504
    assert response.json() == {"detail": "the seat map service did not answer in time"}


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_slow_call_is_cancelled(client):
    seat_map = SeatMapThatNeverAnswers()
    app.dependency_overrides[get_seat_map] = lambda: seat_map
    app.dependency_overrides[get_deadline] = no_time_at_all

    async with asyncio.timeout(1):
        await client.get("/seating")

    assert seat_map.cancelled
