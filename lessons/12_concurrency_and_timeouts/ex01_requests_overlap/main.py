from typing import Annotated, Protocol

from fastapi import Depends, FastAPI

app = FastAPI()


class PriceList(Protocol):
    async def price_of(self, sku: str) -> int: ...


class Catalogue:
    """The real price list: in production, a call to another service."""

    async def price_of(self, sku: str) -> int:
        return 1200


async def get_prices() -> PriceList:
    return Catalogue()


@app.get("/prices/{sku}")
async def read_price(sku: str, prices: Annotated[PriceList, Depends(get_prices)]) -> dict[str, int]:
    return {"cents": await prices.price_of(sku)}
