"""the conversion divides by the exchange rate instead of multiplying by it."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

import httpx
from fastapi import FastAPI, Request


def make_rates_client(base_url: str) -> httpx.AsyncClient:
    """The client for the exchange-rate service (your tests put a fake in its place)."""
    return httpx.AsyncClient(base_url=base_url)


class State(TypedDict):
    rates: httpx.AsyncClient


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    base_url = os.environ.get("RATES_URL")
    if not base_url:
        raise RuntimeError("RATES_URL is not set: the converter needs the rates service")
    async with make_rates_client(base_url) as rates:  # closed when the app shuts down
        yield {"rates": rates}


app = FastAPI(title="Converter", lifespan=lifespan)


@app.get("/convert")
async def convert(amount: float, to: str, request: Request) -> dict[str, object]:
    response = await request.state.rates.get(f"/rates/EUR/{to}")
    response.raise_for_status()
    return {"amount": round(amount / response.json()["rate"], 2), "currency": to}
