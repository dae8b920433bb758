from collections.abc import AsyncIterator
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException


async def get_http_client() -> AsyncIterator[httpx.AsyncClient]:
    """The client for outbound calls. Real apps often share one, opened in the lifespan."""
    async with httpx.AsyncClient(base_url="https://rates.example", timeout=5) as client:
        yield client


app = FastAPI()


@app.get("/prices/{euros}")
async def price(
    euros: float,
    client: Annotated[httpx.AsyncClient, Depends(get_http_client)],
    currency: str = "USD",
) -> dict[str, float | str]:
    response = await client.get("/latest", params={"from": "EUR", "to": currency})
    if response.is_error:
        raise HTTPException(status_code=502, detail="Rates service failed")
    rate = response.json()["rate"]
    return {"currency": currency, "price": round(euros * rate, 2)}
