import asyncio
from collections.abc import Iterator

import httpx
import pytest

import main
from main import app, get_payments


class PaymentsThatTakeTurns:
    async def charge(self, cents: int) -> None:
        await asyncio.sleep(0)


async def payments_that_take_turns() -> PaymentsThatTakeTurns:
    return PaymentsThatTakeTurns()


@pytest.fixture(autouse=True)
def payments() -> Iterator[None]:
    app.dependency_overrides[get_payments] = payments_that_take_turns
    yield
    app.dependency_overrides.clear()


async def order_twice() -> list[int]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        responses = await asyncio.gather(client.post("/orders/lamp"), client.post("/orders/lamp"))
    return sorted(response.status_code for response in responses)


# --8<-- [start:tests]
@pytest.mark.asyncio
async def test_the_last_lamp_is_sold_once() -> None:
    main.stock["lamp"] = 1
    assert await order_twice() == [201, 409]


@pytest.mark.asyncio
async def test_two_lamps_sell_to_two_customers() -> None:  # a new test: a new event loop
    main.stock["lamp"] = 2
    assert await order_twice() == [201, 201]
    # --8<-- [end:tests]
