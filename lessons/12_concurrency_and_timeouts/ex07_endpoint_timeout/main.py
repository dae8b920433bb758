import asyncio
from typing import Annotated, Protocol

from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()


class Rates(Protocol):
    async def rate(self, currency: str) -> float: ...


class BankRates:
    async def rate(self, currency: str) -> float:
        """In production: a call to the bank's rate service, which is sometimes slow."""
        return 0.92


def get_rates() -> Rates:
    return BankRates()


def get_deadline() -> float:
    """How long the bank may take, in seconds."""
    return 2.0


@app.get("/convert/{currency}")
async def convert(
    currency: str,
    cents: int,
    rates: Annotated[Rates, Depends(get_rates)],
    deadline: Annotated[float, Depends(get_deadline)],
) -> dict[str, int]:
    try:
        async with asyncio.timeout(deadline):
            rate = await rates.rate(currency)
    except TimeoutError:
        raise HTTPException(status_code=504, detail="the bank did not answer in time") from None
    return {"cents": round(cents * rate)}
