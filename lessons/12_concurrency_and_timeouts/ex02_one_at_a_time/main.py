import asyncio
from typing import Annotated, Protocol

from fastapi import Depends, FastAPI

app = FastAPI()
one_call_at_a_time = asyncio.Lock()  # someone thought the price service needed this


class PriceList(Protocol):
    async def price_of(self, sku: str) -> int: ...


class Catalogue:
    async def price_of(self, sku: str) -> int:
        return 1200


async def get_prices() -> PriceList:
    return Catalogue()


@app.get("/prices/{sku}")
async def read_price(sku: str, prices: Annotated[PriceList, Depends(get_prices)]) -> dict[str, int]:
    async with one_call_at_a_time:
        return {"cents": await prices.price_of(sku)}
