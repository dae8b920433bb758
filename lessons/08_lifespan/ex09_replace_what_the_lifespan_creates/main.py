"""A converter whose lifespan opens one HTTP client for the exchange-rate service."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, TypedDict

import httpx
from fastapi import Depends, FastAPI, Request

RATES_URL = "https://rates.example.com"


def make_rates_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=RATES_URL)


class State(TypedDict):
    rates_client: httpx.AsyncClient


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    async with make_rates_client() as rates_client:  # closed at shutdown
        yield {"rates_client": rates_client}


app = FastAPI(lifespan=lifespan)


def get_rates_client(request: Request) -> httpx.AsyncClient:
    return request.state.rates_client


@app.get("/convert")
async def convert(
    amount: float, to: str, rates: Annotated[httpx.AsyncClient, Depends(get_rates_client)]
) -> dict[str, object]:
    response = await rates.get(f"/rates/EUR/{to}")
    response.raise_for_status()
    return {"amount": round(amount * response.json()["rate"], 2), "currency": to}
