import asyncio
from collections.abc import Iterator

import anyio
import httpx
import pytest

from main import app, get_prices


# --8<-- [start:fake]
class PricesAtABarrier:
    """Answers only once `parties` requests are waiting inside the app at the same time."""

    def __init__(self, parties: int) -> None:
        self.barrier = asyncio.Barrier(parties)

    async def price_of(self, sku: str) -> int:
        await self.barrier.wait()  # the test decides when this returns, not a clock
        return 1200
        # --8<-- [end:fake]


@pytest.fixture(autouse=True)
def no_overrides_left() -> Iterator[None]:
    yield
    app.dependency_overrides.clear()


# --8<-- [start:gather]
@pytest.mark.asyncio
async def test_three_requests_are_inside_the_app_at_once() -> None:
    prices = PricesAtABarrier(3)  # one fake, shared by every request

    async def shared_prices() -> PricesAtABarrier:
        return prices

    app.dependency_overrides[get_prices] = shared_prices
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        async with asyncio.timeout(0.5):  # one at a time would never fill the barrier
            responses = await asyncio.gather(
                client.get("/prices/tea"),
                client.get("/prices/milk"),
                client.get("/prices/bread"),
            )

    assert [response.json() for response in responses] == [{"cents": 1200}] * 3
    # --8<-- [end:gather]


# --8<-- [start:task_group]
@pytest.mark.asyncio
async def test_the_same_with_an_anyio_task_group() -> None:
    prices = PricesAtABarrier(3)

    async def shared_prices() -> PricesAtABarrier:
        return prices

    app.dependency_overrides[get_prices] = shared_prices
    statuses: dict[str, int] = {}

    async def fetch(client: httpx.AsyncClient, sku: str) -> None:
        response = await client.get(f"/prices/{sku}")
        statuses[sku] = response.status_code

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        with anyio.fail_after(0.5):
            async with anyio.create_task_group() as group:
                for sku in ["tea", "milk", "bread"]:
                    group.start_soon(fetch, client, sku)

    assert statuses == {"tea": 200, "milk": 200, "bread": 200}
    # --8<-- [end:task_group]
