import asyncio
from typing import Annotated, Protocol

from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()

stock = {"lamp": 1}
stock_lock = asyncio.Lock()  # one order at a time between reading the stock and writing it


class Payments(Protocol):
    async def charge(self, cents: int) -> None: ...


class CardPayments:
    async def charge(self, cents: int) -> None:
        """In production: a call to the card provider, which takes a while."""


async def get_payments() -> Payments:
    return CardPayments()


@app.post("/orders/{item}", status_code=201)
async def order(item: str, payments: Annotated[Payments, Depends(get_payments)]) -> dict[str, int]:
    async with stock_lock:
        left = stock[item]
        if left == 0:
            raise HTTPException(status_code=409, detail="sold out")
        await payments.charge(4900)  # other orders wait for the lock, not for the stock
        stock[item] = left - 1
        return {"left": stock[item]}
