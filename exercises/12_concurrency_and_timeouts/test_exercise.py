"""Exercise 12: concurrency and timeouts.

These tests are too weak, or missing. Repair and write them so that they pass against the app
in main.py AND fail against every broken copy of it. Check your work with `awaited check`.
"""

import asyncio

import httpx
import pytest
import pytest_asyncio

from main import app, get_payments, reset


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


# Task 1: the last seat.
@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_last_seat_is_sold_once(client):
    reset(seats_left=1)
    app.dependency_overrides[get_payments] = payments_that_take_turns

    # TODO: one booking after the other never overlaps, so a missing lock goes unnoticed.
    #       Send both bookings at the same time.
    first = await client.post("/bookings")
    second = await client.post("/bookings")

    assert sorted([first.status_code, second.status_code]) == [201, 409]
    # TODO: also check that no seat is left: `import main` and read `main.seats["left"]`.


# Task 2: a seat map that never answers.
# TODO: write `test_slow_seat_map_gives_504`, marked `@pytest.mark.task(2)`: import
#       `get_seat_map` and `get_deadline` from main, override the first with a
#       `SeatMapThatNeverAnswers` and the second with `no_time_at_all`, request
#       `GET /seating` inside `asyncio.timeout(1)`, and check the status and the body.


# Task 3: the slow call is stopped.
# TODO: write `test_slow_call_is_cancelled`, marked `@pytest.mark.task(3)`: after the same
#       request, prove that the app cancelled the seat map call instead of leaving it running.
