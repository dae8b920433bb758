"""An app whose startup refuses to go on without its configuration."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI, Request


class State(TypedDict):
    rates_url: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    rates_url = os.environ.get("RATES_URL")
    if not rates_url:
        raise RuntimeError("RATES_URL is not set: where should rates come from?")
    yield {"rates_url": rates_url}


app = FastAPI(lifespan=lifespan)


@app.get("/config")
async def config(request: Request) -> dict[str, str]:
    return {"rates_url": request.state.rates_url}
