import asyncio
from collections.abc import Iterator

import httpx
import pytest

import main
from main import app, get_payments


class PaymentsThatTakeTurns:
    """Charges nothing, but hands the event loop to other tasks first, as a network call does."""

    async def charge(self, cents: int) -> None:
        await asyncio.sleep(0)  # no clock involved: one turn for every other ready task


async def payments_that_take_turns() -> PaymentsThatTakeTurns:
    return PaymentsThatTakeTurns()  # async, like get_payments: no worker thread, a fixed order


@pytest.fixture(autouse=True)
def one_lamp_in_stock() -> Iterator[None]:
    main.stock["lamp"] = 1
    app.dependency_overrides[get_payments] = payments_that_take_turns
    yield
    app.dependency_overrides.clear()


# --8<-- [start:race]
@pytest.mark.asyncio
async def test_the_last_lamp_is_sold_once() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        first, second = await asyncio.gather(
            client.post("/orders/lamp"),
            client.post("/orders/lamp"),
        )

    assert sorted([first.status_code, second.status_code]) == [201, 409]
    assert main.stock["lamp"] == 0
    # --8<-- [end:race]
