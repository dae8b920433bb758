import asyncio
from collections.abc import Iterator

import httpx
import pytest

from main import app, get_deadline, get_rates


# --8<-- [start:fake]
class RatesThatNeverAnswer:
    """A bank that hangs: waits for an event the test never sets."""

    def __init__(self) -> None:
        self.asked = asyncio.Event()
        self.cancelled = False

    async def rate(self, currency: str) -> float:
        self.asked.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        return 1.0  # never reached: nobody sets the event
        # --8<-- [end:fake]


@pytest.fixture(autouse=True)
def no_overrides_left() -> Iterator[None]:
    yield
    app.dependency_overrides.clear()


# --8<-- [start:timeout]
@pytest.mark.asyncio
async def test_a_bank_that_never_answers_gives_504() -> None:
    bank = RatesThatNeverAnswer()
    app.dependency_overrides[get_rates] = lambda: bank
    app.dependency_overrides[get_deadline] = lambda: 0  # the deadline passes at the first await

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        async with asyncio.timeout(1):  # if the app's own timeout is broken, fail; never hang
            response = await client.get("/convert/eur", params={"cents": 1000})

    assert response.status_code == 504
    assert response.json() == {"detail": "the bank did not answer in time"}
    assert bank.asked.is_set()
    assert bank.cancelled  # the app stopped the call; it is not left running
    # --8<-- [end:timeout]


# --8<-- [start:in_time]
@pytest.mark.asyncio
async def test_a_bank_that_answers_in_time_gives_the_amount() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/convert/eur", params={"cents": 1000})

    assert response.status_code == 200
    assert response.json() == {"cents": 920}
    # --8<-- [end:in_time]
