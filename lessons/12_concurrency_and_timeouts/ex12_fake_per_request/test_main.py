import asyncio
from collections.abc import Iterator

import httpx
import pytest

from main import app, get_prices


class PricesAtABarrier:
    """Answers only once `parties` requests are waiting inside the app at the same time."""

    def __init__(self, parties: int) -> None:
        self.barrier = asyncio.Barrier(parties)

    async def price_of(self, sku: str) -> int:
        await self.barrier.wait()
        return 1200


@pytest.fixture(autouse=True)
def no_overrides_left() -> Iterator[None]:
    yield
    app.dependency_overrides.clear()


# --8<-- [start:per_request]
@pytest.mark.asyncio
async def test_three_requests_are_inside_the_app_at_once() -> None:
    async def new_prices() -> PricesAtABarrier:
        return PricesAtABarrier(3)  # a new fake, with a new barrier, for every request

    app.dependency_overrides[get_prices] = new_prices
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        async with asyncio.timeout(0.5):
            responses = await asyncio.gather(
                client.get("/prices/tea"),
                client.get("/prices/milk"),
                client.get("/prices/bread"),
            )

    assert [response.json() for response in responses] == [{"cents": 1200}] * 3
    # --8<-- [end:per_request]
