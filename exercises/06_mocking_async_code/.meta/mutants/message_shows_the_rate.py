"""the message to the user shows the exchange rate instead of the price."""

from collections.abc import AsyncIterator
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel

app = FastAPI(title="Price quotes")


class Notifier:
    """Sends a chat message to a user through a remote API."""

    async def send(self, user: str, text: str) -> None:
        raise RuntimeError("tests must not send real messages")


def get_notifier() -> Notifier:
    return Notifier()


async def get_rates_client() -> AsyncIterator[httpx.AsyncClient]:
    """The client for the outside exchange-rates service."""
    async with httpx.AsyncClient(base_url="https://rates.example", timeout=5) as client:
        yield client


class QuoteRequest(BaseModel):
    user: str
    euros: float
    currency: str


@app.post("/quotes")
async def quote(
    data: QuoteRequest,
    rates: Annotated[httpx.AsyncClient, Depends(get_rates_client)],
    notifier: Annotated[Notifier, Depends(get_notifier)],
) -> dict[str, float | str]:
    response = await rates.get("/latest", params={"from": "EUR", "to": data.currency})
    if response.is_error:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "Rates service failed")
    price = round(data.euros * response.json()["rate"], 2)
    await notifier.send(
        data.user, f"{data.euros:.2f} EUR is {response.json()['rate']:.2f} {data.currency}"
    )
    return {"currency": data.currency, "price": price}
