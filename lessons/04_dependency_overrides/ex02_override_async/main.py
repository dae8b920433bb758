from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI()


async def get_exchange_rate() -> float:
    """In production this asks a remote service for today's EUR -> USD rate."""
    raise RuntimeError("no network in tests")


@app.get("/prices/{euros}")
async def price_in_dollars(
    euros: float, rate: Annotated[float, Depends(get_exchange_rate)]
) -> dict[str, float]:
    return {"eur": euros, "usd": round(euros * rate, 2)}
