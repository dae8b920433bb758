from typing import Annotated, Protocol

from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()

stock = {"lamp": 1}


class Payments(Protocol):
    async def charge(self, cents: int) -> None: ...


class CardPayments:
    async def charge(self, cents: int) -> None:
        """In production: a call to the card provider, which takes a while."""


async def get_payments() -> Payments:
    return CardPayments()


@app.post("/orders/{item}", status_code=201)
async def order(item: str, payments: Annotated[Payments, Depends(get_payments)]) -> dict[str, int]:
    left = stock[item]  # read...
    if left == 0:
        raise HTTPException(status_code=409, detail="sold out")
    await payments.charge(4900)  # ...other requests run while this waits...
    stock[item] = left - 1  # ...write: based on what was read before the await
    return {"left": stock[item]}
