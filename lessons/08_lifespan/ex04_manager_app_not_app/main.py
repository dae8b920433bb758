"""A price service whose lifespan loads what every request needs."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI, Request

lifespan_events: list[str] = []  # what the lifespan did, in order


class State(TypedDict):
    rates: dict[str, float]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    lifespan_events.append("startup")
    app.state.base_currency = "EUR"  # on the app object
    yield {"rates": {"USD": 1.08, "GBP": 0.86}}  # lifespan state: reaches each request.state
    lifespan_events.append("shutdown")


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/base")
async def base(request: Request) -> dict[str, str]:
    return {"base": request.app.state.base_currency}


@app.get("/rates/{currency}")
async def rate(currency: str, request: Request) -> dict[str, float]:
    return {currency: request.state.rates[currency]}
